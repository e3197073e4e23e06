"""The events journey of the issue, in a real browser with JavaScript turned off."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from ideahautomo.accounts.models import Role
from ideahautomo.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from ideahautomo.events import services
from ideahautomo.events.models import Event, Registration

from .conftest import open_menu, sign_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_workshop_from_publishing_to_the_mood_distribution(new_page, db):
    user_with_role(Role.PROJECT_MANAGER, email="pp@example.fi")
    aino = UserFactory(email="aino@example.fi", display_name="Aino")
    bertta = UserFactory(email="bertta@example.fi", display_name="Bertta")
    cecilia = UserFactory(email="cecilia@example.fi", display_name="Cecilia")
    others = UserFactory.create_batch(4)

    # The project manager publishes a workshop for six.
    manager = new_page(javascript=False, language="en")
    sign_in(manager, "pp@example.fi", PASSWORD)
    open_menu(manager)
    manager.click("nav.site-nav >> text=Events")
    manager.click("text=New event")
    starts = timezone.localtime() + timedelta(days=3)
    manager.select_option("select[name=kind]", "workshop")
    manager.fill("input[name=title]", "Työpaja: oma osaaminen näkyväksi")
    manager.fill("textarea[name=description]", "Sanoitetaan **osaamista** yhdessä.")
    manager.fill("input[name=starts_at]", starts.strftime("%Y-%m-%dT12:00"))
    manager.fill("input[name=ends_at]", starts.strftime("%Y-%m-%dT15:00"))
    manager.fill("input[name=venue_name]", "Ideahautomon tila")
    manager.fill("input[name=capacity]", "6")
    manager.click("main button[type=submit]")
    expect(manager.locator(".messages")).to_contain_text("The event is published.")
    event = Event.objects.get()
    assert manager.locator("h1").inner_text() == event.title

    # Members register until it is full.
    for person in others:
        services.event_register(actor=person, event=event)
    pages = {}
    for person in (aino, bertta, cecilia):
        page = new_page(javascript=False, language="en")
        sign_in(page, person.email, PASSWORD)
        page.goto("/tapahtumat/")
        page.click(f"text={event.title}")
        page.click("main form button[type=submit]")
        pages[person.email] = page
    expect(pages["bertta@example.fi"].locator("main")).to_contain_text("You are registered")
    expect(pages["cecilia@example.fi"].locator(".messages")).to_contain_text("waitlist")

    # One cancels; the first on the waitlist gets the place and is told.
    mail.outbox.clear()
    pages["aino@example.fi"].click("text=Cancel my registration")
    expect(pages["aino@example.fi"].locator(".messages")).to_contain_text("cancelled")
    assert Registration.objects.get(user=cecilia).status == "confirmed"
    assert [message.to for message in mail.outbox] == [["cecilia@example.fi"]]
    pages["cecilia@example.fi"].reload()
    expect(pages["cecilia@example.fi"].locator("main")).to_contain_text("You are registered")

    # The day before, the reminder arrives.
    soon = timezone.now() + timedelta(hours=20)
    Event.objects.filter(pk=event.pk).update(
        starts_at=soon, ends_at=soon + timedelta(hours=3), reminder_at=soon - timedelta(hours=24)
    )
    mail.outbox.clear()
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    reminded = sorted(message.to[0] for message in mail.outbox)
    assert reminded == sorted([bertta.email, cecilia.email, *(p.email for p in others)])
    assert all(event.title in message.subject for message in mail.outbox)

    # After the workshop the organiser marks who came.
    past = timezone.now() - timedelta(hours=4)
    Event.objects.filter(pk=event.pk).update(starts_at=past, ends_at=past + timedelta(hours=3))
    manager.goto(event.get_absolute_url())
    manager.click("text=Participants, attendance and feedback")
    for checkbox in manager.locator("input[name=attended]").all():
        checkbox.check()
    manager.click("text=Save attendance")
    expect(manager.locator(".messages")).to_contain_text("Attendance was saved.")
    assert Registration.objects.filter(attended=True).count() == 6

    # Attendees give feedback with the mood meter.
    cecilia_page = pages["cecilia@example.fi"]
    cecilia_page.goto(event.get_absolute_url())
    cecilia_page.click("text=Give feedback")
    cecilia_page.check("label:has-text('Very good') >> input")
    cecilia_page.fill("textarea[name=comment]", "Paras työpaja tähän mennessä.")
    cecilia_page.click("main button[type=submit]")
    expect(cecilia_page.locator(".messages")).to_contain_text("Thank you for your feedback!")
    for person, mood in zip(others, [4, 4, 3, 5], strict=True):
        services.feedback_give(actor=person, event=event, mood=mood)

    # While answering is open the organiser sees only until when.
    manager.reload()
    expect(manager.locator("main")).to_contain_text("Attendees can give feedback until")
    expect(manager.locator("table.mood-distribution")).to_have_count(0)

    # Two weeks later the result shows once, whole: every mood given by fewer than
    # five people is hidden, and the comments come without names.
    ended = timezone.now() - timedelta(days=15)
    Event.objects.filter(pk=event.pk).update(starts_at=ended - timedelta(hours=2), ends_at=ended)
    manager.reload()
    counts = manager.locator("table.mood-distribution tbody td").all_inner_texts()
    assert counts == ["0", "0", "< 5", "< 5", "< 5"]  # moods 1 to 5: 0, 0, 1, 2, 2
    expect(manager.locator(".comments")).to_contain_text("Paras työpaja tähän mennessä.")
    assert "Cecilia" not in manager.locator(".comments").inner_text()
