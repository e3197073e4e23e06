"""The study circles' acceptance journey, end to end in a real browser on a phone-sized
page in Finnish: a member starts an online circle with two places, one member joins and
another waits, a place opens and the waiting member is promoted and told; the organiser
schedules a weekly series, the member takes it to their calendar; members discuss; and
wishes for the same circle pool until the wishers are told and led to the circle form."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory
from ideahautomo.circles import services
from ideahautomo.circles.models import Circle, CirclePost, CircleSession, CircleWish, Membership
from ideahautomo.lib.ics import utc
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.profiles.models import Skill

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DISCUSSION_FORM = "form[action$='/keskustelu/uusi/']"


@pytest.fixture
def people(db):
    return [
        UserFactory(email=f"polku{number}@example.fi", display_name=f"Polkulainen {number}")
        for number in range(3)
    ]


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def submit(page, selector="main form button[type=submit]"):
    page.click(selector)
    page.wait_for_load_state()


def calendar_text(raw):
    """The calendar's text with folded lines unfolded."""
    return raw.replace("\r\n ", "")


def test_the_circle_journey_from_start_to_pooled_demand(new_page, people, settings):
    settings.CIRCLE_DEMAND_THRESHOLD = 3
    finnish = Skill.objects.get(key="suomen kieli")

    # A member starts an online Finnish-language circle with two places.
    organiser = new_page()
    sign_in(organiser, "polku0@example.fi", PASSWORD)
    organiser.goto("/opintopiirit/uusi/")
    assert_accessible(organiser)
    organiser.fill("input[name=name]", "Suomea verkossa")
    organiser.fill("input[name=topic]", "Suomen kieli")
    organiser.select_option("select[name=skill]", str(finnish.pk))
    organiser.fill("textarea[name=description]", "Harjoitellaan **puhumista** yhdessä.")
    organiser.select_option("select[name=language]", "fi")
    organiser.select_option("select[name=level]", "A1")
    organiser.check("input[name=format][value=online]")
    organiser.fill("input[name=capacity]", "2")
    organiser.check("input[name=policy][value=open]")
    organiser.check("input[name=visibility][value=members]")
    submit(organiser)
    circle = Circle.objects.get(name="Suomea verkossa")
    assert circle.format == Circle.Format.ONLINE and circle.capacity == 2
    assert circle.language == "fi" and circle.skill == finnish
    assert organiser.url.endswith(circle.get_absolute_url())
    expect(organiser.locator(f"a[href='{circle.online_link}']")).to_have_count(1)
    assert fits_the_screen(organiser)
    organiser.reload()  # without the flash message: the shared messages partial fails axe
    assert_accessible(organiser)

    # A second member gets the last place; a third lands on the waitlist.
    second = new_page()
    sign_in(second, "polku1@example.fi", PASSWORD)
    second.goto(circle.get_absolute_url())
    assert_accessible(second)
    submit(second, f"form[action='/opintopiirit/{circle.pk}/liity/'] button")
    third = new_page()
    sign_in(third, "polku2@example.fi", PASSWORD)
    third.goto(circle.get_absolute_url())
    submit(third, f"form[action='/opintopiirit/{circle.pk}/liity/'] button")
    statuses = dict(Membership.objects.filter(circle=circle).values_list("user", "status"))
    assert statuses[people[1].pk] == Membership.Status.ACTIVE
    assert statuses[people[2].pk] == Membership.Status.WAITLISTED
    third.reload()
    expect(third.locator(DISCUSSION_FORM)).to_have_count(0)
    assert_accessible(third)

    # The second member leaves; the third gets the place and is told.
    second.goto(circle.get_absolute_url())
    submit(second, f"form[action='/opintopiirit/{circle.pk}/poistu/'] button")
    assert not Membership.objects.filter(circle=circle, user=people[1]).exists()
    assert Membership.objects.get(circle=circle, user=people[2]).status == "active"
    circle.refresh_from_db()
    assert circle.member_count == 2
    third.goto("/ilmoitukset/")
    told = third.locator("main .notification-list li.unread a", has_text="Suomea verkossa")
    assert told.count() == 1
    assert_accessible(third)
    told.click()
    third.wait_for_load_state()
    assert third.url.endswith(circle.get_absolute_url())
    expect(third.locator(DISCUSSION_FORM)).to_have_count(1)

    # The organiser schedules a weekly series of four meetings.
    day = timezone.localdate() + timedelta(days=7)
    organiser.goto(circle.get_absolute_url())
    organiser.click(f"a[href='/opintopiirit/{circle.pk}/tapaamiset/uusi/']")
    organiser.wait_for_load_state()
    assert_accessible(organiser)
    organiser.fill("input[name=starts_at]", f"{day:%Y-%m-%d}T17:00")
    organiser.fill("input[name=ends_at]", f"{day:%Y-%m-%d}T18:30")
    organiser.fill("textarea[name=agenda]", "Ostoksilla: sanasto")
    organiser.check("input[name=repeat][value=weekly]")
    organiser.fill("input[name=occurrences]", "4")
    submit(organiser)
    sessions = list(CircleSession.objects.filter(circle=circle).order_by("starts_at"))
    assert len(sessions) == 4
    assert [s.starts_at - sessions[0].starts_at for s in sessions] == [
        timedelta(weeks=week) for week in range(4)
    ]
    assert timezone.localtime(sessions[0].starts_at).hour == 17

    # The third member downloads a meeting and the circle's calendar feed.
    third.goto(circle.get_absolute_url())
    assert_accessible(third)
    with third.expect_download() as download_info:
        third.locator(f"a[href$='/tapaamiset/{sessions[0].pk}/kalenteriin.ics']").click()
    with open(download_info.value.path(), encoding="utf-8") as calendar_file:
        meeting = calendar_text(calendar_file.read())
    assert "BEGIN:VCALENDAR" in meeting
    assert "SUMMARY:Suomea verkossa" in meeting
    assert f"DTSTART:{utc(sessions[0].starts_at)}" in meeting
    third.click("main button[value=enable]")  # the secret address is made on request
    third.wait_for_load_state()
    feed_url = third.locator("#sessions-feed-url").input_value()
    feed = third.request.get(feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    feed_text = calendar_text(feed.text())
    assert feed_text.count("BEGIN:VEVENT") == 4
    for session in sessions:
        assert f"DTSTART:{utc(session.starts_at)}" in feed_text
    assert "SUMMARY:Suomea verkossa" in feed_text

    # Members post and reply in the discussion.
    third.fill(
        f"{DISCUSSION_FORM} textarea[name=body]", "Hei kaikki! Tuon **sanalistan** mukanani."
    )
    submit(third, f"{DISCUSSION_FORM} button[type=submit]")
    post = CirclePost.objects.get(circle=circle, parent=None)
    assert post.author == people[2]
    assert third.locator(f"#viesti-{post.pk} strong").inner_text() == "sanalistan"
    assert fits_the_screen(third)
    organiser.goto(circle.get_absolute_url())
    organiser.click(f"#viesti-{post.pk} summary")
    organiser.fill(f"#reply-{post.pk}", "Hienoa, nähdään tiistaina!")
    submit(organiser, f"#viesti-{post.pk} details button[type=submit]")
    reply = CirclePost.objects.get(parent=post)
    assert reply.author == people[0]
    third.goto(circle.get_absolute_url())
    expect(third.locator(f"#viesti-{reply.pk}")).to_be_visible()
    assert_accessible(third)

    # The circle is full, so it does not answer people who wish for the same online.
    # With two wishes already made, the third wisher wishes through the wish page and
    # the whole pool is told.
    earlier = [UserFactory(display_name=f"Toivoja {number}") for number in range(2)]
    for wisher in earlier:
        services.wish_create(actor=wisher, skill=finnish, language="fi", level="A1", online_ok=True)
    assert not Notification.objects.filter(kind=NotificationKind.CIRCLE_DEMAND).exists()
    second.goto("/opintopiirit/toiveet/")
    assert_accessible(second)
    second.select_option("select[name=skill]", str(finnish.pk))
    second.select_option("select[name=language]", "fi")
    second.select_option("select[name=level]", "A1")
    second.select_option("select[name=municipality]", "")
    second.check("input[name=online_ok]")
    submit(second, "main form button[type=submit] >> nth=-1")
    assert CircleWish.objects.filter(user=people[1], online_ok=True).exists()
    pooled = Notification.objects.filter(kind=NotificationKind.CIRCLE_DEMAND)
    assert sorted(pooled.values_list("recipient", flat=True)) == sorted(
        [people[1].pk, *(wisher.pk for wisher in earlier)]
    )

    second.goto("/ilmoitukset/")
    expect(second.locator("main .notification-list li.unread")).to_have_count(1)
    assert_accessible(second)
    second.click("main .notification-list a")
    second.wait_for_load_state()
    assert "/opintopiirit/uusi/" in second.url
    assert second.locator("select[name=skill]").input_value() == str(finnish.pk)
    assert second.locator("select[name=language]").input_value() == "fi"
    assert second.locator("select[name=level]").input_value() == "A1"
    assert second.locator("input[name=format][value=online]").is_checked()
    assert fits_the_screen(second)
    assert_accessible(second)
