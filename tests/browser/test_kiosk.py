"""The mood kiosk in a real browser: the demo contact person starts it from the demo point's
page on a phone and a visitor taps what helped and a face; axe-core finds no violations on
the kiosk, its thank-you page and its closed page in every language; a forged or expired
link shows a clear page, also without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts import demo as accounts_demo
from ideahautomo.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from ideahautomo.accounts.models import Municipality
from ideahautomo.accounts.tests.factories import EmploymentAreaFactory
from ideahautomo.impact.kiosk import kiosk_token
from ideahautomo.impact.models import KioskAnswer
from ideahautomo.points import demo as points_demo
from ideahautomo.points.models import ServicePoint

from .conftest import LANGUAGES, PHONE, assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

QUESTION = {
    "fi": "Miltä sinusta tuntuu tänään?",
    "sv": "Hur mår du i dag?",
    "en": "How are you feeling today?",
    "uk": "Як ви почуваєтеся сьогодні?",
    "fi-x-selko": "Miltä sinusta tuntuu tänään?",
}


def a_point():
    return ServicePoint.objects.create(
        name="TyöParkki",
        street_address="Työpajankatu 2",
        municipality=Municipality.objects.get(code="091"),
        area=EmploymentAreaFactory(name="Helsingin testialue"),
    )


def test_the_demo_contact_person_starts_the_kiosk_on_a_phone_and_a_visitor_answers(new_page):
    accounts_demo.demo_create()
    point = points_demo.demo_create()
    page = new_page()
    sign_in(page, f"yhteyshenkilo@{DEMO_DOMAIN}", DEMO_PASSWORD)
    page.goto("/tyollisyyspalvelut/pisteet/")
    page.get_by_role("link", name=points_demo.NAME).click()
    page.get_by_role("button", name="Käynnistä tunnelmakioski").click()
    expect(page.locator("h1")).to_have_text(QUESTION["fi"])
    # The kiosk shows nothing of the staff member: no menu, no account links.
    expect(page.locator(".site-menu, .user-nav")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    kiosk = page.url

    page.get_by_label("Juttuseura").check()
    page.get_by_role("button", name="Hyvä", exact=True).click()
    expect(page.locator("h1")).to_have_text("Kiitos!")
    answer = KioskAnswer.objects.get()
    assert (answer.point, answer.area, answer.mood, answer.helped_talk) == (
        point,
        point.area,
        4,
        True,
    )
    # The faces come back by themselves for the next visitor.
    expect(page.locator("h1")).to_have_text(QUESTION["fi"], timeout=20_000)
    assert page.url == kiosk

    page.get_by_role("link", name="Svenska").click()
    expect(page.locator("h1")).to_have_text(QUESTION["sv"])
    page.get_by_role("button", name="Mycket bra").click()
    expect(page.locator("h1")).to_have_text("Tack!")
    page.get_by_role("link", name="Tillbaka till symbolerna").click()
    expect(page.locator("h1")).to_have_text(QUESTION["sv"])
    assert KioskAnswer.objects.filter(point=point, mood=5).count() == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_kiosk_pages_are_accessible(new_page, language):
    point = a_point()
    page = new_page(language=language)
    page.goto(f"/kioski/{kiosk_token(point)}/")
    expect(page.locator("h1")).to_have_text(QUESTION[language])
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.locator("button[name=mood][value='3']").click()
    expect(page.locator("a.kiosk-back")).to_be_visible()
    assert_accessible(page)
    page.goto("/kioski/not-a-kiosk-link/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)


def test_a_forged_or_expired_link_shows_a_clear_page_without_javascript(new_page):
    point = a_point()
    page = new_page(javascript=False)
    token = kiosk_token(point)
    page.goto(f"/kioski/{token[:-4]}abcd/")
    expect(page.locator("h1")).to_have_text("Tämä kioskin linkki ei toimi")
    yesterday = kiosk_token(point, now=timezone.now() - timedelta(days=1))
    page.goto(f"/kioski/{yesterday}/")
    expect(page.locator("h1")).to_have_text("Tämän kioskin linkki on vanhentunut")
    # A valid link works without JavaScript too.
    page.goto(f"/kioski/{token}/")
    page.locator("button[name=mood][value='2']").click()
    expect(page.locator("h1")).to_have_text("Kiitos!")
    assert list(KioskAnswer.objects.values_list("mood", flat=True)) == [2]
