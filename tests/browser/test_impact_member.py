"""The monthly check-in and service feedback in a real browser, on a phone-sized screen."""

import datetime

import pytest
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import (
    PASSWORD,
    EmploymentAreaFactory,
    UserFactory,
    user_with_role,
)
from ideahautomo.impact import services
from ideahautomo.impact.models import CheckIn, ServiceFeedback

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL = "aino@example.fi"


@pytest.fixture
def member(db):
    return UserFactory(email=EMAIL, display_name="Aino", area=EmploymentAreaFactory())


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_member_answers_the_check_in_from_the_home_card(new_page, member):
    page = new_page()
    sign_in(page, EMAIL, PASSWORD)
    page.goto("/")
    card = page.locator("section[aria-labelledby=h-check-in]")
    expect(card).to_be_visible()
    assert fits_the_screen(page)
    assert_accessible(page)
    card.locator("input[name=situation][value=training]").check()
    card.locator("label.mood-choice", has=page.locator("input[value='4']")).click()
    card.locator("input[name=helped][value=circle]").check()
    card.locator("button[type=submit]:not([formaction])").click()
    page.wait_for_url("**/tilanne/historia/")
    check_in = CheckIn.objects.get(user=member)
    assert (check_in.situation, check_in.mood, check_in.helped_circle) == ("training", 4, True)
    assert check_in.area_id == member.area_id
    page.goto("/")
    expect(page.locator("section[aria-labelledby=h-check-in]")).to_have_count(0)


def test_feedback_from_the_footer_link_remembers_the_page(new_page, member):
    page = new_page()
    sign_in(page, EMAIL, PASSWORD)
    page.goto("/opintopiirit/")
    page.locator("footer a[href^='/palaute/']").click()
    page.wait_for_url("**/palaute/?sivu=/opintopiirit/")
    assert fits_the_screen(page)
    page.locator("label.mood-choice", has=page.locator("input[value='5']")).click()
    page.fill("textarea[name=text]", "Opintopiirit ovat mukavia.")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/palaute/kiitos/")
    feedback = ServiceFeedback.objects.get()
    assert (feedback.mood, feedback.page, feedback.user) == (5, "/opintopiirit/", None)


@pytest.mark.parametrize("language", ["fi", "uk"])
def test_check_in_and_feedback_pages_are_accessible(new_page, member, language):
    for day in (3, 4):
        services.check_in_answer(
            actor=member,
            situation="looking",
            mood=day,
            helped=["event"],
            today=datetime.date(2026, day, 10),
        )
    services.check_in_skip(actor=member, today=datetime.date(2026, 5, 10))
    page = new_page(language=language)
    sign_in(page, EMAIL, PASSWORD)
    for path in ["/tilanne/", "/tilanne/historia/", "/palaute/"]:
        page.goto(path)
        assert fits_the_screen(page), path
        assert_accessible(page)
    # A form with errors stays accessible too.
    page.goto("/tilanne/")
    page.click("main form button[type=submit]:not([formaction])")
    page.wait_for_load_state()
    expect(page.locator("#form-errors")).to_be_visible()
    assert_accessible(page)
    guest = new_page(language=language)
    guest.goto("/palaute/")
    assert_accessible(guest)


def test_staff_only_accounts_see_a_clear_accessible_page(new_page, member):
    user_with_role(Role.PROJECT_MANAGER, email="sari@example.fi")
    page = new_page(language="en")
    sign_in(page, "sari@example.fi", PASSWORD)
    response = page.goto("/tilanne/")
    assert response.status == 403
    assert page.locator("h1").inner_text() == "For members only"
    assert_accessible(page)


def test_without_javascript_a_member_skips_and_a_guest_gives_feedback(new_page, member):
    page = new_page(javascript=False)
    sign_in(page, EMAIL, PASSWORD)
    page.goto("/")
    page.locator("section[aria-labelledby=h-check-in] button[formaction]").click()
    page.wait_for_load_state()
    expect(page.locator("section[aria-labelledby=h-check-in]")).to_have_count(0)
    assert CheckIn.objects.get(user=member).skipped
    page.goto("/tilanne/")
    page.check("input[name=situation][value=employed]")
    page.check("input[name=mood][value='5']")
    page.click("main form button[type=submit]:not([formaction])")
    page.wait_for_url("**/tilanne/historia/")
    assert CheckIn.objects.get(user=member).situation == "employed"

    guest = new_page(javascript=False)
    guest.goto("/tapahtumat/")
    guest.locator("footer a[href^='/palaute/']").click()
    guest.wait_for_load_state()
    guest.check("input[name=mood][value='2']")
    guest.fill("textarea[name=text]", "<b>Liian</b> vähän tapahtumia.")
    guest.click("main form button[type=submit]")
    guest.wait_for_url("**/palaute/kiitos/")
    feedback = ServiceFeedback.objects.get()
    assert (feedback.user, feedback.area, feedback.page) == (None, None, "/tapahtumat/")
    assert feedback.text == "<b>Liian</b> vähän tapahtumia."
