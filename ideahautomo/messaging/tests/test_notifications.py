"""notify(), the members' choices, and the e-mail outbox: nothing lost, nothing sent twice."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from ideahautomo.accounts.tests.factories import UserFactory
from ideahautomo.messaging import services
from ideahautomo.messaging.models import (
    Delivery,
    DigestDelivery,
    EmailState,
    Notification,
    NotificationKind,
)

from .helpers import committed, conversation, old_member, send

pytestmark = pytest.mark.django_db


def notify_about_idea(recipient, *, actor=None, title="Yhteinen ompelimo", capture=None, **extra):
    with committed(), transaction.atomic():
        return services.notify(
            recipient=recipient,
            kind=extra.pop("kind", NotificationKind.IDEA_COMMENT),
            actor=actor,
            text_params={"title": title},
            url="/ideat/12/",
            **extra,
        )


def choose(user, kind, delivery):
    services.notification_preferences_update(user=user, deliveries={kind: delivery})


def test_a_notification_reads_in_the_readers_language():
    aino, oksana = UserFactory(display_name="Aino"), UserFactory(display_name="Oksana")
    notification = notify_about_idea(aino, actor=oksana)
    with translation.override("en"):
        assert notification.text == "Oksana commented on your idea “Yhteinen ompelimo”."


def test_an_immediate_email_is_sent_after_commit_with_a_one_click_unsubscribe(
    django_capture_on_commit_callbacks,
):
    aino = UserFactory(language="en", display_name="Aino")
    choose(aino, NotificationKind.IDEA_COMMENT, Delivery.IMMEDIATE)
    oksana = UserFactory(display_name="Oksana")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notification = services.notify(
            recipient=aino,
            kind=NotificationKind.IDEA_COMMENT,
            actor=oksana,
            text_params={"title": "Yhteinen ompelimo"},
            url="/ideat/12/",
        )
    assert mail.outbox == []  # nothing leaves before the event is committed
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [aino.email]
    assert message.subject == "Oksana commented on your idea “Yhteinen ompelimo”."
    assert "http://testserver/ideat/12/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Yhteinen ompelimo" in html
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://testserver/ilmoitukset/peru/")
    assert unsubscribe[1:-1] in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    assert notification.email_attempts == 1


def test_the_email_is_in_the_recipients_language():
    oksana = UserFactory(language="uk")
    choose(oksana, NotificationKind.EVENT_CHANGE, Delivery.IMMEDIATE)
    with mock.patch.object(
        services, "send_templated_mail", wraps=services.send_templated_mail
    ) as send:
        notify_about_idea(oksana, kind=NotificationKind.EVENT_CHANGE)
    assert send.call_args.kwargs["language"] == "uk"
    html, _mimetype = mail.outbox[0].alternatives[0]
    assert '<html lang="uk">' in html


def test_in_app_only_sends_no_email():
    aino = UserFactory()
    choose(aino, NotificationKind.IDEA_COMMENT, Delivery.IN_APP)
    notification = notify_about_idea(aino, actor=UserFactory())
    assert notification.email_state == EmailState.NONE
    assert mail.outbox == []


def test_the_defaults_send_time_sensitive_things_at_once_and_the_rest_daily():
    aino = UserFactory()
    promoted = notify_about_idea(aino, kind=NotificationKind.EVENT_WAITLIST_PROMOTED)
    changed = notify_about_idea(aino, kind=NotificationKind.EVENT_CHANGE)
    news = notify_about_idea(aino, kind=NotificationKind.IDEA_UPDATE)
    assert Notification.objects.get(pk=promoted.pk).email_state == EmailState.SENT
    # A new time or place of an event one is going to cannot wait for tomorrow's summary.
    assert Notification.objects.get(pk=changed.pk).email_state == EmailState.SENT
    assert Notification.objects.get(pk=news.pk).email_state == EmailState.DIGEST


def test_nothing_is_recorded_for_oneself_or_between_blocked_people():
    aino, troll = old_member(), old_member()
    assert notify_about_idea(aino, actor=aino) is None
    services.block_create(actor=aino, blocked=troll)
    assert notify_about_idea(aino, actor=troll) is None
    assert notify_about_idea(troll, actor=aino) is None
    assert notify_about_idea(UserFactory(is_active=False)) is None
    assert not Notification.objects.exists()


def test_a_notification_leads_only_to_a_local_path():
    for url in ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]:
        with pytest.raises(ValueError):
            services.notify(recipient=UserFactory(), kind="idea_comment", url=url)


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        services.notify(recipient=UserFactory(), kind="weather")


def test_messages_notify_once_until_read():
    aino, oksana = old_member(), old_member()
    chat = conversation(oksana, aino, body="Yksi")
    send(oksana, chat, "Kaksi")
    assert Notification.objects.filter(recipient=aino).count() == 1
    assert len(mail.outbox) == 1  # messages are e-mailed at once by default
    assert "Kaksi" not in mail.outbox[0].body and "Yksi" not in mail.outbox[0].body
    services.conversation_mark_read(user=aino, conversation=chat)
    assert Notification.objects.get(recipient=aino).read_at is not None
    send(oksana, chat, "Kolme")
    assert Notification.objects.filter(recipient=aino).count() == 2


def test_changing_ones_mind_cancels_emails_still_waiting():
    aino = UserFactory()
    waiting = notify_about_idea(aino)  # daily summary by default
    choose(aino, NotificationKind.IDEA_COMMENT, Delivery.IN_APP)
    waiting.refresh_from_db()
    assert waiting.email_state == EmailState.NONE


def test_mark_read_and_mark_all_read():
    aino, other = UserFactory(), UserFactory()
    first, second = notify_about_idea(aino), notify_about_idea(aino)
    others = notify_about_idea(other)
    services.notification_mark_read(user=other, notification=first)  # not theirs
    first.refresh_from_db()
    assert first.read_at is None
    services.notification_mark_read(user=aino, notification=first)
    first.refresh_from_db()
    assert first.read_at is not None
    assert services.notifications_mark_all_read(user=aino) == 1
    second.refresh_from_db()
    others.refresh_from_db()
    assert second.read_at is not None and others.read_at is None


# The outbox: restart safety and exactly one e-mail each


def queue_immediate(count):
    """count notifications waiting for an immediate e-mail, as if the worker died before
    running their tasks (the tasks are never run)."""
    people = [UserFactory() for _ in range(count)]
    with mock.patch.object(services, "_enqueue_notification_email"):
        for person in people:
            choose(person, NotificationKind.IDEA_COMMENT, Delivery.IMMEDIATE)
            notify_about_idea(person)
    return people


def test_the_sweep_sends_what_a_stopped_worker_left_and_nothing_twice():
    people = queue_immediate(5)
    assert mail.outbox == []
    call_command("send_pending_email", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_pending_email", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert not Notification.objects.exclude(email_state=EmailState.SENT).exists()


def test_a_task_that_runs_late_after_the_sweep_sends_nothing():
    [person] = queue_immediate(1)
    notification = Notification.objects.get(recipient=person)
    assert services.send_pending_email() == 1
    assert services.notification_email_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_an_email_sent_by_the_worker_is_not_sent_by_the_sweep():
    person = UserFactory()
    choose(person, NotificationKind.IDEA_COMMENT, Delivery.IMMEDIATE)
    notify_about_idea(person)  # the immediate backend runs the task on commit
    assert len(mail.outbox) == 1
    assert services.send_pending_email() == 0
    assert len(mail.outbox) == 1


def test_no_email_goes_to_an_account_closed_while_it_waited():
    [person] = queue_immediate(1)
    from ideahautomo.accounts.services import user_deactivate

    user_deactivate(actor=None, user=person)
    assert services.send_pending_email() == 0
    assert mail.outbox == []
    assert Notification.objects.get(recipient=person).email_state == EmailState.NONE


def test_a_deleted_account_takes_its_waiting_notifications_with_it():
    [person] = queue_immediate(1)
    from ideahautomo.accounts.services import user_delete

    user_delete(user=person)
    assert services.send_pending_email() == 0
    assert mail.outbox == []
    assert not Notification.objects.filter(recipient=person).exists()


def test_a_failed_email_is_retried_later_and_gives_up_after_the_last_attempt():
    [person] = queue_immediate(1)
    notification = Notification.objects.get(recipient=person)
    with mock.patch.object(services, "send_templated_mail", side_effect=OSError("SMTP down")):
        assert services.send_pending_email() == 0
    notification.refresh_from_db()
    assert notification.email_state == EmailState.PENDING
    assert notification.email_attempts == 1
    assert notification.email_next_attempt_at > timezone.now()
    # Not yet due: the sweep leaves it alone.
    assert services.send_pending_email() == 0
    Notification.objects.filter(pk=notification.pk).update(email_next_attempt_at=timezone.now())
    assert services.send_pending_email() == 1
    assert len(mail.outbox) == 1

    [other] = queue_immediate(1)
    failing = Notification.objects.get(recipient=other)
    with mock.patch.object(services, "send_templated_mail", side_effect=OSError("SMTP down")):
        for _ in range(services.EMAIL_MAX_ATTEMPTS):
            Notification.objects.filter(pk=failing.pk).update(email_next_attempt_at=None)
            services.send_pending_email()
    failing.refresh_from_db()
    assert failing.email_state == EmailState.FAILED
    assert failing.email_attempts == services.EMAIL_MAX_ATTEMPTS


def test_a_retry_is_queued_for_later_when_the_backend_can_wait(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    from django_tasks_db.models import DBTaskResult

    [person] = queue_immediate(1)
    notification = Notification.objects.get(recipient=person)
    with mock.patch.object(services, "send_templated_mail", side_effect=OSError("SMTP down")):
        services.notification_email_send(notification_id=notification.pk)
    retry = DBTaskResult.objects.get()
    assert retry.task_path.endswith("send_notification_email")
    assert retry.args_kwargs["args"] == [notification.pk]
    assert retry.run_after > timezone.now()


def test_the_database_queue_keeps_unsent_email_across_a_restart(settings):
    """With the production backend the task waits in the database; a worker started
    later (here: running the stored tasks) sends each e-mail exactly once, and a sweep
    beside it adds nothing."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    from django_tasks_db.models import DBTaskResult

    people = [UserFactory() for _ in range(3)]
    for person in people:
        choose(person, NotificationKind.IDEA_COMMENT, Delivery.IMMEDIATE)
    with committed(), transaction.atomic():
        for person in people:
            services.notify(recipient=person, kind=NotificationKind.IDEA_COMMENT)
    stored = list(DBTaskResult.objects.ready())
    assert len(stored) == 3 and mail.outbox == []
    # One task's e-mail is sent by a sweep before the worker reaches it.
    services.notification_email_send(notification_id=stored[0].args_kwargs["args"][0])
    for result in stored:
        result.task.call(*result.args_kwargs["args"])
    services.send_pending_email()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


# The daily summary


def test_the_daily_summary_collects_the_days_notifications_once_a_day():
    aino = UserFactory(language="en")
    for title in ["Ompelimo", "Kahvila", "Pyöräkorjaamo"]:
        notify_about_idea(aino, title=title)
    other = UserFactory()
    notify_about_idea(other)
    assert mail.outbox == []
    assert services.send_daily_digests() == (2, 0)
    assert services.send_daily_digests() == (0, 0)
    mine = [m for m in mail.outbox if m.to == [aino.email]]
    assert len(mine) == 1 and len(mail.outbox) == 2
    assert mine[0].subject == "Ideahautomo: 3 new notifications"
    for title in ["Ompelimo", "Kahvila", "Pyöräkorjaamo"]:
        assert title in mine[0].body
    assert "/ilmoitukset/peru/" in mine[0].extra_headers["List-Unsubscribe"]
    assert DigestDelivery.objects.get(user=aino).notification_count == 3


def test_a_second_summary_the_same_day_waits_for_tomorrow():
    aino = UserFactory()
    notify_about_idea(aino)
    services.send_daily_digests()
    notify_about_idea(aino, title="Myöhemmin")
    assert services.digest_send(user_id=aino.pk) is False
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert services.digest_send(user_id=aino.pk, day=tomorrow) is True
    assert len(mail.outbox) == 2 and "Myöhemmin" in mail.outbox[1].body


def test_a_summary_that_fails_to_send_is_sent_on_the_next_run():
    aino = UserFactory()
    notify_about_idea(aino)
    with mock.patch.object(services, "send_templated_mail", side_effect=OSError("SMTP down")):
        assert services.send_daily_digests() == (0, 1)
    assert not DigestDelivery.objects.exists()
    assert services.send_daily_digests() == (1, 0)
    assert len(mail.outbox) == 1


def test_the_summary_task_is_scheduled_for_the_next_morning(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    from django_tasks_db.models import DBTaskResult

    aino = UserFactory()
    notify_about_idea(aino)
    notify_about_idea(aino, title="Toinen")
    [scheduled] = DBTaskResult.objects.all()
    assert scheduled.task_path.endswith("send_digest")
    local = timezone.localtime(scheduled.run_after)
    assert local.hour == services.DIGEST_HOUR and scheduled.run_after > timezone.now()


def test_next_digest_time():
    helsinki = timezone.get_default_timezone()
    early = timezone.make_aware(timezone.datetime(2026, 3, 2, 6, 30), helsinki)
    late = timezone.make_aware(timezone.datetime(2026, 3, 2, 7, 30), helsinki)
    assert timezone.localtime(services.next_digest_time(early)).day == 2
    assert timezone.localtime(services.next_digest_time(late)).day == 3


# Unsubscribing


def test_an_unsubscribe_token_stops_one_kind_only():
    aino = UserFactory()
    choose(aino, NotificationKind.IDEA_COMMENT, Delivery.IMMEDIATE)
    choose(aino, NotificationKind.EVENT_CHANGE, Delivery.IMMEDIATE)
    token = services.unsubscribe_token(user=aino, kind=NotificationKind.IDEA_COMMENT)
    user, kind = services.unsubscribe_read(token)
    services.unsubscribe(user=user, kind=kind)
    deliveries = services.selectors.notification_deliveries(aino)
    assert deliveries["idea_comment"] == Delivery.IN_APP
    assert deliveries["event_change"] == Delivery.IMMEDIATE


def test_the_summary_token_stops_the_daily_summary():
    aino = UserFactory()
    token = services.unsubscribe_token(user=aino, kind=services.DIGEST)
    user, kind = services.unsubscribe_read(token)
    services.unsubscribe(user=user, kind=kind)
    deliveries = services.selectors.notification_deliveries(aino)
    assert Delivery.DIGEST not in deliveries.values()
    assert deliveries["message_reply"] == Delivery.IMMEDIATE


@pytest.mark.parametrize("forgery", ["tampered", "other_salt", "garbage", "unknown_kind"])
def test_forged_unsubscribe_tokens_are_refused(forgery):
    from django.core import signing

    aino = UserFactory()
    token = services.unsubscribe_token(user=aino, kind="idea_comment")
    forged = {
        "tampered": token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        "other_salt": signing.dumps({"u": aino.pk, "k": "idea_comment"}, salt="other"),
        "garbage": "ei-kelpaa",
        "unknown_kind": signing.dumps(
            {"u": aino.pk, "k": "weather"}, salt=services.UNSUBSCRIBE_SALT
        ),
    }[forgery]
    with pytest.raises(signing.BadSignature):
        services.unsubscribe_read(forged)


def test_notify_many_follows_each_persons_choice_and_skips_closed_accounts(
    django_assert_max_num_queries,
):
    kind = NotificationKind.EVENT_REMINDER
    at_once, daily, here_only = UserFactory(), UserFactory(), UserFactory()
    closed = UserFactory(is_active=False)
    choose(daily, kind, Delivery.DIGEST)
    choose(here_only, kind, Delivery.IN_APP)
    crowd = [UserFactory() for _ in range(10)]
    with committed(), django_assert_max_num_queries(3):
        told = services.notify_many(
            recipients=[at_once, daily, here_only, closed, *crowd],
            kind=kind,
            text_params=lambda person: {"title": "Työpaja", "when": person.email},
            url="/tapahtumat/1/",
        )
    assert len(told) == 13
    states = dict(Notification.objects.filter(kind=kind).values_list("recipient_id", "email_state"))
    assert states[at_once.pk] == EmailState.SENT
    assert states[daily.pk] == EmailState.DIGEST
    assert states[here_only.pk] == EmailState.NONE
    assert closed.pk not in states
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [at_once.email, *(p.email for p in crowd)]
    )
    mine = Notification.objects.get(recipient=at_once, kind=kind)
    assert at_once.email in mine.text  # each person's own text


def test_notify_many_leads_only_to_a_local_path():
    with pytest.raises(ValueError):
        services.notify_many(
            recipients=[UserFactory()], kind=NotificationKind.EVENT_REMINDER, url="https://x.fi/"
        )
