"""Reminders: sent when due, exactly once, even when a task is lost or runs twice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

from ideahautomo.events import services
from ideahautomo.events.models import Event, Registration
from ideahautomo.events.tasks import send_event_reminders
from ideahautomo.messaging.models import Notification, NotificationKind
from ideahautomo.messaging.services import send_pending_email

from .factories import EventFactory

pytestmark = pytest.mark.django_db

DUMMY_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": ["default"]}
}


def remind(**kwargs):
    """Send what is due and run what waits for the commit (the e-mails), as the worker does."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.reminders_send_due(**kwargs)


def registered(members, *, starts_in, reminder_hours=24, **fields):
    event = EventFactory(
        starts_at=timezone.now() + starts_in, reminder_hours=reminder_hours, **fields
    )
    for member in members:
        services.event_register(actor=member, event=event)
    mail.outbox.clear()
    return event


def test_due_reminder_is_sent_once_however_often_the_sweep_runs(members):
    event = registered(members[:2], starts_in=timedelta(days=3))
    soon = event.reminder_at + timedelta(minutes=1)
    assert remind(now=event.reminder_at - timedelta(minutes=1)) == 0
    assert remind(now=soon) == 2
    assert remind(now=soon) == 0
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members[:2])
    assert event.title in mail.outbox[0].subject
    assert "/tapahtumat/" in mail.outbox[0].body


def test_no_reminder_after_the_start_nor_to_the_waitlist_or_cancelled(members):
    event = registered(members[:3], starts_in=timedelta(days=3), capacity=1)
    registration = Registration.objects.get(event=event, user=members[0])
    services.registration_cancel(actor=members[0], registration=registration)
    mail.outbox.clear()
    remind(now=event.reminder_at + timedelta(minutes=1))
    assert [m.to[0] for m in mail.outbox] == [members[1].email]  # promoted, not the waitlist
    assert remind(now=event.starts_at + timedelta(minutes=1)) == 0


def test_registering_after_the_reminder_time_gets_a_reminder_at_once(
    members, django_capture_on_commit_callbacks
):
    event = registered([], starts_in=timedelta(hours=5))
    with django_capture_on_commit_callbacks(execute=True):
        services.event_register(actor=members[0], event=event)
    assert [m.to[0] for m in mail.outbox] == [members[0].email]
    assert Registration.objects.get(event=event, user=members[0]).reminder_sent_at is not None


def publish(cast, *, starts_in, **fields):
    starts = timezone.now() + starts_in
    return services.event_create(
        actor=cast.project_manager,
        kind=Event.Kind.WORKSHOP,
        title="Työpaja",
        description="x",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        venue_name="Stoa",
        **fields,
    )


def test_a_lost_task_is_covered_by_the_sweep_and_a_late_task_sends_nothing_twice(
    cast, members, settings, django_capture_on_commit_callbacks
):
    """The worker stops after the task was queued: the sweep sends, the task later adds none."""
    from django_tasks import default_task_backend

    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(cast, starts_in=timedelta(hours=30))
        for member in members[:2]:
            services.event_register(actor=member, event=event)
    queued = [r for r in default_task_backend.results if r.task.name == "send_event_reminders"]
    assert len(queued) == 1  # from publishing; registering in good time adds none
    assert not mail.outbox  # queued, never run: the worker was down

    due = event.reminder_at + timedelta(minutes=5)
    assert remind(now=due) == 2  # the cron sweep after the restart
    assert remind(event_id=event.pk, now=due) == 0  # the late task
    assert Notification.objects.filter(kind=NotificationKind.EVENT_REMINDER).count() == 2
    assert send_pending_email() == 2  # the e-mails, by the outbox's own sweep
    assert len(mail.outbox) == 2


def test_reminder_task_is_deferred_to_the_reminder_time(
    cast, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = DUMMY_TASKS
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = publish(cast, starts_in=timedelta(days=4), reminder_hours=48)
    starts = event.starts_at
    [result] = [r for r in default_task_backend.results if r.task.name == "send_event_reminders"]
    assert result.task.run_after == event.reminder_at == starts - timedelta(hours=48)
    assert result.args == [event.pk]


def test_the_task_sends_the_due_reminders_of_its_event(members):
    event = registered(members[:1], starts_in=timedelta(hours=30))
    Event.objects.filter(pk=event.pk).update(reminder_at=timezone.now() - timedelta(minutes=1))
    with TestCase.captureOnCommitCallbacks(execute=True):
        send_event_reminders.enqueue(event.pk)
    assert [m.to[0] for m in mail.outbox] == [members[0].email]


def test_a_failed_e_mail_waits_in_the_outbox_and_the_reminder_is_not_repeated(members, monkeypatch):
    from ideahautomo.messaging import services as messaging_services
    from ideahautomo.messaging.models import EmailState, Notification, NotificationKind

    event = registered(members[:1], starts_in=timedelta(hours=30))
    due = event.reminder_at + timedelta(minutes=1)

    def refuse(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(messaging_services, "send_templated_mail", refuse)
    assert remind(now=due) == 1
    [notice] = Notification.objects.filter(kind=NotificationKind.EVENT_REMINDER)
    assert notice.email_state == EmailState.PENDING and notice.email_attempts == 1
    monkeypatch.undo()
    assert remind(now=due) == 0  # reminded once; the e-mail is retried from the outbox
    Notification.objects.filter(pk=notice.pk).update(email_next_attempt_at=None)
    assert messaging_services.send_pending_email() == 1
    assert [m.to[0] for m in mail.outbox] == [members[0].email]


def test_the_reminder_tells_when_where_and_links_in_the_persons_language(members):
    person = members[0]
    person.language = "sv"
    person.save(update_fields=["language"])
    event = registered(
        [person],
        starts_in=timedelta(hours=30),
        title="Verkostoitumisilta",
        venue_name="Stoa",
        online_url="https://meet.example.fi/ilta",
    )
    remind(now=event.reminder_at + timedelta(minutes=1))
    [message] = mail.outbox
    assert "Verkostoitumisilta" in message.subject
    assert "Stoa" in message.body
    assert "https://meet.example.fi/ilta" in message.body
    assert f"/tapahtumat/{event.pk}/" in message.body
    assert "finsk tid" in message.body.lower()  # the time in the person's own language
    assert "List-Unsubscribe" in message.extra_headers


def test_a_person_who_wants_no_e_mail_sees_the_reminder_in_the_service_only(members):
    from ideahautomo.messaging.models import Delivery, Notification, NotificationKind
    from ideahautomo.messaging.services import notification_preferences_update

    event = registered(members[:1], starts_in=timedelta(hours=30))
    notification_preferences_update(
        user=members[0], deliveries={NotificationKind.EVENT_REMINDER: Delivery.IN_APP}
    )
    assert remind(now=event.reminder_at + timedelta(minutes=1)) == 1
    assert not mail.outbox
    assert Notification.objects.filter(
        recipient=members[0], kind=NotificationKind.EVENT_REMINDER
    ).exists()


def test_moving_the_event_sends_a_new_reminder(cast, members):
    event = registered(members[:1], starts_in=timedelta(hours=30), created_by=cast.project_manager)
    remind(now=event.reminder_at + timedelta(minutes=1))
    new_start = event.starts_at + timedelta(days=2)
    services.event_update(
        actor=cast.project_manager,
        event=event,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
    )
    event.refresh_from_db()
    assert remind(now=event.reminder_at + timedelta(minutes=1)) == 1
    assert len(mail.outbox) == 2
