"""On a phone: a small header, a menu that opens without JavaScript, list results first."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Municipality, Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from ideahautomo.circles import services as circle_services
from ideahautomo.circles.models import Circle
from ideahautomo.events.tests.factories import EventFactory

from .conftest import PHONE, WITH_PLAIN_FINNISH, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = WITH_PLAIN_FINNISH
WIDE = {"width": 1280, "height": 800}


@pytest.fixture
def people(db):
    return {
        "member": UserFactory(email="jasen@example.fi", display_name="Aino Jäsen"),
        "project_manager": user_with_role(
            Role.PROJECT_MANAGER, email="pp@example.fi", display_name="Pekka Projekti"
        ),
    }


def header_height(page):
    return page.locator("header.site-header").bounding_box()["height"]


@pytest.mark.parametrize("who", ["guest", "member", "project_manager"])
def test_the_header_takes_at_most_a_fifth_of_a_phone_screen(new_page, people, who):
    for language in LANGUAGES:
        page = new_page(language=language)
        if who != "guest":
            sign_in(page, people[who].email, PASSWORD)
        page.goto("/")
        assert header_height(page) <= PHONE["height"] / 5, (who, language)
        expect(page.locator("nav.site-nav")).to_be_hidden()


def test_the_menu_opens_without_javascript_and_its_links_work(new_page, people):
    page = new_page(javascript=False, language="en")
    sign_in(page, people["project_manager"].email, PASSWORD)
    page.goto("/")
    menu = page.locator("details.site-menu > summary")
    assert menu.inner_text().startswith("Menu")
    events = page.locator("nav.site-nav").get_by_role("link", name="Events")
    expect(events).to_be_hidden()
    menu.click()
    expect(events).to_be_visible()
    expect(page.locator("nav.user-nav").get_by_role("button", name="Sign out")).to_be_visible()
    events.click()
    page.wait_for_load_state()
    assert page.url.endswith("/tapahtumat/")
    menu.click()
    current = page.locator("nav.site-nav a[aria-current=page]")
    assert current.inner_text() == "Events"


def test_the_menu_is_a_keyboard_control(new_page, people):
    page = new_page(language="en")
    sign_in(page, people["member"].email, PASSWORD)
    page.goto("/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the name of the service
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    expect(page.locator("details.site-menu[open]")).to_have_count(1)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Home"
    assert page.locator("details.site-menu > summary").get_attribute("aria-expanded") in (
        None,
        "true",
    )


def test_on_a_wide_screen_the_menu_shows_open_without_a_button(new_page, people):
    for javascript in (True, False):
        page = new_page(javascript=javascript, language="en", viewport=WIDE)
        sign_in(page, people["project_manager"].email, PASSWORD)
        page.goto("/")
        expect(page.locator("details.site-menu > summary")).to_be_hidden()
        events = page.locator("nav.site-nav").get_by_role("link", name="Events")
        expect(events).to_be_visible()
        events.click()
        page.wait_for_load_state()
        assert page.url.endswith("/tapahtumat/")
        page.locator("nav.user-nav").get_by_role("link", name="Settings").focus()
        assert page.evaluate("document.activeElement.textContent") == "Settings"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_and_a_list_page_are_accessible_with_the_menu_open(new_page, people, language):
    EventFactory.create_batch(2)
    page = new_page(language=language)
    sign_in(page, people["member"].email, PASSWORD)
    for path in ("/", "/tapahtumat/", "/opintopiirit/?kieli=fi"):
        page.goto(path)
        assert_accessible(page)
        page.locator("details.site-menu > summary").click()
        if page.locator("details.filter-panel").count():
            page.locator("details.filter-panel > summary").click()
        assert_accessible(page)


@pytest.fixture
def lists(people):
    EventFactory.create_batch(3)
    for number in range(3):
        circle_services.circle_create(
            actor=people["member"],
            name=f"Suomea arjessa {number}",
            topic="Suomen kieli",
            description="Harjoitellaan.",
            language="fi",
            level="A1",
            format=Circle.Format.IN_PERSON,
            municipality=Municipality.objects.get(code="092"),
            meeting_place="Kirjasto",
            capacity=5,
            policy=Circle.Policy.OPEN,
            visibility=Circle.Visibility.PUBLIC,
        )
    return {"/tapahtumat/": "ul.event-list > li", "/opintopiirit/": "div.grid > .card"}


def test_on_a_phone_list_pages_show_results_first_and_the_filters_behind_a_button(
    new_page, people, lists
):
    page = new_page(language="en")
    sign_in(page, people["member"].email, PASSWORD)
    for path, result in lists.items():
        page.goto(path)
        form = page.locator("main form.filters")
        first = page.locator(result).first
        expect(first).to_be_visible()
        expect(form).to_be_hidden()
        assert first.bounding_box()["y"] < PHONE["height"], path
        panel = page.locator("details.filter-panel > summary")
        assert panel.inner_text().strip().startswith("Search and filter")
        panel.click()
        expect(form).to_be_visible()


def test_the_filter_button_tells_how_many_filters_are_in_use_and_works_without_javascript(
    new_page, people, lists
):
    page = new_page(javascript=False, language="en")
    page.goto("/opintopiirit/")
    page.locator("details.filter-panel > summary").click()
    page.select_option("select[name=muoto]", "in_person")
    page.locator("main form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "muoto=in_person" in page.url
    summary = page.locator("details.filter-panel > summary")
    assert summary.inner_text().strip() == "Search and filter (1 in use)"
    expect(page.locator("div.grid > .card").first).to_be_visible()


def test_on_a_wide_screen_the_filters_show_without_a_button(new_page, people, lists):
    page = new_page(javascript=False, language="en", viewport=WIDE)
    for path in lists:
        page.goto(path)
        expect(page.locator("main form.filters")).to_be_visible()
        expect(page.locator("details.filter-panel > summary")).to_be_hidden()
