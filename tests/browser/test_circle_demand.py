"""Wishes for circles in a real browser: a member wishes on a phone, staff see the demand."""

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Municipality, Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    UserFactory,
    user_with_role,
)
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle, CircleWish
from ideahautomo.profiles import services as profile_services
from ideahautomo.profiles.models import Skill

from .conftest import assert_accessible, open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def vantaa(db):
    area = EmploymentAreaFactory(name="Vantaan testialue")
    Municipality.objects.filter(code="092").update(employment_area=area)
    return area


@pytest.fixture
def finnish(db):
    return Skill.objects.get(key="suomen kieli")


def wish_form_fill(page, finnish, *, online=True):
    page.select_option("select[name=skill]", str(finnish.pk))
    page.select_option("select[name=language]", "uk")
    page.select_option("select[name=level]", "A1")
    page.select_option("select[name=municipality]", str(Municipality.objects.get(code="092").pk))
    if online:
        page.check("input[name=online_ok]")


@pytest.mark.parametrize("language", ["fi", "uk"])
def test_a_member_wishes_for_a_circle_on_a_phone(new_page, finnish, language):
    UserFactory(email="jasen@example.fi", display_name="Jäsen")
    page = new_page(language=language)
    sign_in(page, "jasen@example.fi", PASSWORD)
    page.goto("/opintopiirit/toiveet/")
    assert_accessible(page)

    page.select_option("select[name=municipality]", "")
    page.uncheck("input[name=online_ok]")
    page.click("main form button[type=submit] >> nth=-1")
    page.wait_for_load_state()
    page.locator(".field-error").first.wait_for()
    assert_accessible(page)
    assert not CircleWish.objects.exists()

    wish_form_fill(page, finnish)
    page.click("main form button[type=submit] >> nth=-1")
    page.wait_for_load_state()
    assert CircleWish.objects.filter(user__email="jasen@example.fi", online_ok=True).exists()
    page.locator("form[action*='/poista/']").wait_for()
    assert_accessible(page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width} px)"


def test_staff_see_the_demand_of_their_area(new_page, vantaa, finnish):
    for number in range(6):
        services.wish_create(
            actor=UserFactory(display_name=f"Toivoja {number}"),
            skill=finnish,
            language="uk",
            level="A1",
            municipality=Municipality.objects.get(code="092"),
            online_ok=number < 2,
        )
    user_with_role(Role.CONTACT_PERSON, area=vantaa, email="yhteys@example.fi")
    user_with_role(Role.PROJECT_MANAGER, email="pp@example.fi")

    page = new_page()
    sign_in(page, "yhteys@example.fi", PASSWORD)
    open_menu(page)
    page.click("a[href='/tyollisyyspalvelut/opintopiirien-kysynta/']")
    page.wait_for_load_state()
    # Six wish to meet in Vantaa; the two who would also meet online are too few to list.
    cells = page.locator("main td.number").all_inner_texts()
    assert cells == ["6"]
    assert "Toivoja" not in page.content()
    assert_accessible(page)

    manager = new_page(language="en")
    sign_in(manager, "pp@example.fi", PASSWORD)
    manager.goto("/tyollisyyspalvelut/opintopiirien-kysynta/")
    manager.select_option("select[name=alue]", str(vantaa.pk))
    manager.click("main form button[type=submit]")
    manager.wait_for_load_state()
    assert f"alue={vantaa.pk}" in manager.url
    assert_accessible(manager)


def test_without_javascript_a_member_wishes_finds_a_circle_and_removes_the_wish(new_page, finnish):
    organiser = UserFactory()
    services.circle_create(
        actor=organiser,
        name="Suomea ukrainaksi",
        topic="Suomen kieli",
        skill=finnish,
        description="Harjoitellaan.",
        language="uk",
        level="A1",
        format=Circle.Format.ONLINE,
        capacity=8,
        visibility=Circle.Visibility.MEMBERS,
    )
    UserFactory(email="jasen@example.fi", display_name="Jäsen")
    page = new_page(javascript=False)
    sign_in(page, "jasen@example.fi", PASSWORD)
    page.goto("/opintopiirit/")
    page.click("a[href='/opintopiirit/toiveet/']")
    page.wait_for_load_state()
    wish_form_fill(page, finnish)
    page.click("main form button[type=submit] >> nth=-1")
    page.wait_for_load_state()
    expect(page.locator("main a", has_text="Suomea ukrainaksi")).to_have_count(1)

    page.click("form[action*='/poista/'] button")
    page.wait_for_load_state()
    assert not CircleWish.objects.exists()
    expect(page.locator("form[action*='/poista/']")).to_have_count(0)


def test_the_pool_notification_opens_a_filled_in_form_and_circles_are_suggested(
    new_page, finnish, settings
):
    settings.CIRCLE_DEMAND_THRESHOLD = 1
    member = UserFactory(
        email="jasen@example.fi",
        display_name="Jäsen",
        municipality=Municipality.objects.get(code="092"),
    )
    profile_services.profile_set_skills(
        actor=member, profile=member.profile, relation="wants", names=["suomen kieli"]
    )
    services.circle_create(
        actor=UserFactory(),
        name="Suomea jatkajille",
        topic="Suomen kieli",
        skill=finnish,
        description="Harjoitellaan.",
        language="uk",
        level="B1",
        format=Circle.Format.ONLINE,
        capacity=8,
        visibility=Circle.Visibility.MEMBERS,
    )
    services.wish_create(actor=member, skill=finnish, language="uk", level="A1", online_ok=True)

    page = new_page()
    sign_in(page, "jasen@example.fi", PASSWORD)
    page.goto("/ilmoitukset/")
    page.click("main .notification-list a")
    page.wait_for_load_state()
    assert "/opintopiirit/uusi/" in page.url
    assert page.locator("select[name=skill]").input_value() == str(finnish.pk)
    assert page.locator("select[name=language]").input_value() == "uk"
    assert page.locator("input[name=format][value=online]").is_checked()
    assert_accessible(page)

    page.goto("/suositukset/")
    expect(page.locator("main a", has_text="Suomea jatkajille")).to_have_count(1)
    assert_accessible(page)
