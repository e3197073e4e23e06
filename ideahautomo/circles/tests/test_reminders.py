"""Circle meeting reminders: who gets one, in which language, when, with what, and only once."""

import zoneinfo
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone, translation

from ideahautomo.accounts.tests.concurrency import postgresql_only, run_at_once
from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.circles import session_services
from ideahautomo.circles.models import CircleSession, Membership
from ideahautomo.circles.tasks import send_session_reminders
from ideahautomo.messaging.models import Notification, NotificationKind

from .sessions_kit import schedule, start_circle, with_members

pytestmark = pytest.mark.django_db

HELSINKI = zoneinfo.ZoneInfo("Europe/Helsinki")
# Monday 7 January 2030 at 18.00 Finnish time, scheduled well before.
STARTS = datetime(2030, 1, 7, 18, 0, tzinfo=HELSINKI)
SCHEDULED = datetime(2029, 12, 1, 12, 0, tzinfo=HELSINKI)
DUE = STARTS - timedelta(hours=23)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def meeting(organiser, circle=None, **kwargs):
    circle = circle or start_circle(organiser)
    [session] = schedule(circle, organiser, starts_at=STARTS, now=SCHEDULED, **kwargs)
    mail.outbox.clear()
    return circle, session


def remind(**kwargs):
    """Send what is due and run what waits for the commit (the e-mails), as the worker does."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return session_services.session_reminders_send_due(**kwargs)


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


def test_only_active_members_with_open_accounts_are_reminded(cast):
    circle, _session = meeting(cast.member)
    [active, closed] = with_members(circle, 2)
    closed.is_active = False
    closed.save(update_fields=["is_active"])
    waiting, asking = UserFactory(), UserFactory()
    Membership.objects.create(circle=circle, user=waiting, status=Membership.Status.WAITLISTED)
    Membership.objects.create(circle=circle, user=asking, status=Membership.Status.REQUESTED)
    outsider = UserFactory()

    assert remind(now=DUE) == 2
    assert recipients() == sorted([cast.member.email, active.email])
    assert not {closed.email, waiting.email, asking.email, outsider.email} & set(recipients())


def test_each_member_is_reminded_in_their_own_language(cast):
    circle, _session = meeting(cast.member)
    [finn, swede, english] = with_members(circle, 3)
    for person, language in ((finn, "fi"), (swede, "sv"), (english, "en")):
        person.language = language
        person.save(update_fields=["language"])
    remind(now=DUE)
    body = {message.to[0]: message.body for message in mail.outbox}
    assert "maanantai 7.1.2030 18:00–20:00" in body[finn.email]
    assert "Måndag 7.1.2030 18:00–20:00" in body[swede.email]
    assert "Monday 7.1.2030 18:00–20:00 (Finnish time)" in body[english.email]


def test_the_reminder_is_sent_within_24_hours_of_the_start_only(cast):
    meeting(cast.member)
    assert remind(now=STARTS - timedelta(hours=25)) == 0
    assert remind(now=STARTS + timedelta(minutes=1)) == 0
    assert not mail.outbox
    assert remind(now=STARTS - timedelta(hours=24)) == 1


def test_cancelled_and_past_meetings_are_never_reminded(cast):
    circle, session = meeting(cast.member)
    session_services.session_cancel(actor=cast.member, session=session, now=SCHEDULED)
    [past] = schedule(
        circle,
        cast.member,
        starts_at=timezone.now() - timedelta(hours=2),
        now=timezone.now() - timedelta(days=1),
    )
    mail.outbox.clear()
    assert remind(now=DUE) == 0
    assert remind() == 0
    assert not mail.outbox
    past.refresh_from_db()
    assert past.reminded_at is None


def test_a_reminder_goes_once_however_often_the_sweep_and_the_task_run(cast):
    circle, session = meeting(cast.member)
    with_members(circle, 2)
    assert remind(now=DUE) == 3
    assert remind(now=DUE + timedelta(minutes=10)) == 0
    with TestCase.captureOnCommitCallbacks(execute=True):
        send_session_reminders.enqueue(session.pk)
        call_command("send_circle_reminders", stdout=StringIO())
    assert len(mail.outbox) == 3
    session.refresh_from_db()
    assert session.reminded_at == DUE


def test_the_command_sends_due_meeting_reminders(cast):
    circle = start_circle(cast.member)
    starts = timezone.now() + timedelta(hours=5)
    schedule(circle, cast.member, starts_at=starts)
    mail.outbox.clear()
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_circle_reminders", stdout=out)
    assert "Circle meeting reminders sent: 1" in out.getvalue()
    assert recipients() == [cast.member.email]


def test_a_claimed_meeting_is_skipped_by_a_second_sender(cast):
    """A sender that finds the meeting already marked (as another run would leave it)
    sends nothing."""
    _circle, session = meeting(cast.member)
    CircleSession.objects.filter(pk=session.pk).update(reminded_at=DUE)
    assert remind(session_id=session.pk, now=DUE) == 0
    assert not mail.outbox


def test_moving_the_meeting_sends_a_new_reminder(cast):
    _circle, session = meeting(cast.member)
    remind(now=DUE)
    new_start = STARTS + timedelta(days=2)
    session_services.session_update(
        actor=cast.member,
        session=session,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
        place=session.place,
        online_link=session.online_link,
        agenda=session.agenda,
        now=SCHEDULED,
    )
    assert remind(now=new_start - timedelta(hours=1)) == 1
    assert len(mail.outbox) == 2


def test_a_failed_e_mail_waits_in_the_outbox_and_the_meeting_is_not_reminded_again(
    cast, monkeypatch
):
    from ideahautomo.messaging import services as messaging_services
    from ideahautomo.messaging.models import EmailState, Notification, NotificationKind

    meeting(cast.member)

    def refuse(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(messaging_services, "send_templated_mail", refuse)
    assert remind(now=DUE) == 1
    [notice] = Notification.objects.filter(kind=NotificationKind.CIRCLE_REMINDER)
    assert notice.email_state == EmailState.PENDING and notice.email_attempts == 1
    monkeypatch.undo()
    assert remind(now=DUE) == 0
    Notification.objects.filter(pk=notice.pk).update(email_next_attempt_at=None)
    assert messaging_services.send_pending_email() == 1
    assert recipients() == [cast.member.email]


def test_scheduling_queues_a_task_for_the_reminder_time(
    cast, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
    }
    default_task_backend.clear()
    circle = start_circle(cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        [session] = schedule(circle, cast.member, starts_at=STARTS, now=SCHEDULED)
    [result] = [r for r in default_task_backend.results if r.task.name == "send_session_reminders"]
    assert result.task.run_after == STARTS - timedelta(hours=24)
    assert result.args == [session.pk]


@pytest.mark.parametrize("members", [1, 12])
def test_queries_do_not_grow_with_the_number_of_members(
    cast, members, django_assert_max_num_queries
):
    circle, _session = meeting(cast.member)
    with_members(circle, members)
    with django_assert_max_num_queries(9):
        sent = session_services.session_reminders_send_due(now=DUE)
    assert sent == members + 1
    assert Notification.objects.filter(kind=NotificationKind.CIRCLE_REMINDER).count() == sent


def test_the_reminder_has_the_place_link_agenda_and_addresses(cast):
    cast.member.language = "en"
    cast.member.save(update_fields=["language"])
    circle, session = meeting(
        cast.member,
        place="Stoa",
        agenda="Sanasto & <b>kauppa</b>\n<script>alert(1)</script>",
    )
    remind(now=DUE)
    [message] = mail.outbox
    assert "Suomea arjessa" in message.subject
    text = message.body
    assert "Where: Stoa" in text
    assert f"Online: {session.online_link}" in text
    assert "Sanasto & <b>kauppa</b>\n<script>alert(1)</script>" in text  # plain text as written
    assert f"http://testserver/opintopiirit/{circle.pk}/" in text
    assert f"/opintopiirit/{circle.pk}/tapaamiset/{session.pk}/kalenteriin.ics" in text
    [(html, _type)] = message.alternatives
    assert "<script>" not in html and "<b>kauppa" not in html
    assert "Sanasto &amp; &lt;b&gt;kauppa&lt;/b&gt;<br>&lt;script&gt;" in html
    assert f'href="{session.online_link}"' in html


@postgresql_only
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_the_same_moment_send_each_reminder_once(cast):
    circle, _session = meeting(cast.member)
    with_members(circle, 3)
    counts = []

    errors = run_at_once(lambda _n: counts.append(remind(now=DUE)), [1, 2])

    assert not errors
    assert sorted(counts) == [0, 4]
    assert len(mail.outbox) == 4
