"""A service point's figures in a real browser: the contact person counts three visitors
on a phone, follows the point's link to its figures and finds them there at once, with
the kiosk's moods of a published month beside them and small numbers hidden. axe-core
finds no violations on the figures page in every language."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.tests.factories import PASSWORD
from ideahautomo.impact import figures, services
from ideahautomo.points.models import VisitorCount

from .conftest import assert_accessible, sign_in
from .test_points import LANGUAGES, point_with_staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def kiosk_moods_two_months_ago(point):
    """Nine good moods and a lone bad one in a month that is surely published."""
    month = figures.add_months(figures.first_of_month(timezone.localdate()), -2)
    for mood in [4] * 9 + [1]:
        services.kiosk_answer(point=point, day=month.replace(day=10), mood=mood)
    figures.refresh_figures()


def test_a_contact_person_counts_visitors_and_reads_the_points_figures(new_page):
    point = point_with_staff("fi")
    kiosk_moods_two_months_ago(point)
    page = new_page()
    sign_in(page, "yhteys@example.fi", PASSWORD)
    page.goto(f"/tyollisyyspalvelut/pisteet/{point.pk}/")
    for kind in ("first", "first", "returning"):
        page.click(f"button[name=visit][value={kind}]")
        expect(page.locator("form[action$='/peru/'] button")).to_be_visible()
    assert VisitorCount.objects.filter(point=point).count() == 3

    page.get_by_role("link", name="Katso pisteen kävijä- ja tunnelmaluvut").click()
    by_day = page.locator("table:has(caption:text-is('Kävijät päivittäin')) tbody tr")
    expect(by_day.first.locator("td")).to_have_text(["3", "2"])
    moods = page.locator("table:has(caption:text-is('Tunnelmat kioskilla'))")
    # The lone bad mood is hidden, and so is a mood that would give it away.
    expect(moods.locator("tfoot td").first).to_have_text("piilotettu")
    expect(moods.locator("tfoot td").last).to_have_text("10")
    assert "1" not in moods.locator("tfoot td").all_inner_texts()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_points_figures_are_accessible(new_page, language):
    point = point_with_staff(language)
    kiosk_moods_two_months_ago(point)
    start = timezone.now() - datetime.timedelta(days=40)
    VisitorCount.objects.bulk_create(
        VisitorCount(
            point=point,
            counted_at=start + datetime.timedelta(hours=9 * n),
            first_visit=n % 4 == 0,
            purpose="job_search" if n % 2 else "",
        )
        for n in range(100)
    )
    page = new_page(language=language)
    sign_in(page, "yhteys@example.fi", PASSWORD)
    page.goto(f"/tyollisyyspalvelut/vaikuttavuus/pisteet/{point.pk}/")
    assert page.locator("html").get_attribute("lang") == language
    expect(page.locator("table")).to_have_count(5)
    assert_accessible(page)
