"""Every write of messaging: conversations, messages, blocks, notifications and e-mail.

Other features tell people of events through one function, `notify()`, called
inside their own transaction.
"""

import logging
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from ideahautomo.accounts.models import User
from ideahautomo.lib import ratelimit
from ideahautomo.lib.mail import send_templated_mail
from ideahautomo.lib.tasks import claim

from . import selectors
from .details import email_details
from .models import (
    CONVERSATION_MAX_PARTICIPANTS,
    MESSAGE_MAX_LENGTH,
    Block,
    Conversation,
    Delivery,
    DigestDelivery,
    EmailState,
    Message,
    Notification,
    NotificationKind,
    NotificationPreference,
    Participant,
)
from .permissions import can_be_messaged, can_message, can_use_messaging, is_staff_line

logger = logging.getLogger(__name__)

SEND_SCOPE = "message-send"
MESSAGES_PER_WINDOW = 30
MESSAGE_WINDOW = 10 * 60
# On their first day a member may start conversations with this many people they do not know.
NEW_MEMBER_PERIOD = timedelta(hours=24)
NEW_MEMBER_STRANGERS = 3
STAFF_LINE_ONLY = gettext_noop(
    "You cannot write to %(name)s. Contact persons talk with the clients of their own area "
    "and with other staff; clients write to their own area's contact person."
)
EMAIL_MAX_ATTEMPTS = 5
EMAIL_RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))
DIGEST_HOUR = 7
DIGEST_MAX_ITEMS = 50
UNSUBSCRIBE_SALT = "ideahautomo.messaging.unsubscribe"
DIGEST = "digest"  # the unsubscribe "kind" of the daily summary

RATE_LIMITED = gettext_lazy(
    "You have sent many messages in a short time. Wait a few minutes and try again."
)


# Conversations and messages


def _clean_body(body):
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message before sending."), code="empty")
    if len(body) > MESSAGE_MAX_LENGTH:
        raise ValidationError(
            _("A message can be at most %(max)d characters long; yours has %(length)d.")
            % {"max": MESSAGE_MAX_LENGTH, "length": len(body)},
            code="too_long",
        )
    return body


def _check_rate(actor):
    if not ratelimit.allow(SEND_SCOPE, actor.pk, limit=MESSAGES_PER_WINDOW, window=MESSAGE_WINDOW):
        raise ValidationError(RATE_LIMITED, code="rate_limited")


def _check_new_member_limit(actor, recipients):
    """A member on their first day reaches at most NEW_MEMBER_STRANGERS people they do not know."""
    if actor.date_joined < timezone.now() - NEW_MEMBER_PERIOD:
        return
    known = set(
        Participant.objects.filter(conversation__participants__user=actor)
        .exclude(user=actor)
        .values_list("user_id", flat=True)
    )
    strangers = [person for person in recipients if person.pk not in known]
    if not strangers:
        return
    started_with = (
        Participant.objects.filter(conversation__created_by=actor)
        .exclude(user=actor)
        .values("user_id")
        .distinct()
        .count()
    )
    if started_with + len(strangers) > NEW_MEMBER_STRANGERS:
        raise ValidationError(
            _(
                "On your first day you can start conversations with at most %(limit)d new "
                "people. Tomorrow you can start more; you can always answer those who "
                "write to you."
            )
            % {"limit": NEW_MEMBER_STRANGERS},
            code="new_member_limit",
        )


def _check_recipients(actor, recipients):
    if not recipients:
        raise ValidationError(_("Choose at least one person to write to."), code="no_recipients")
    if any(person.pk == actor.pk for person in recipients):
        raise ValidationError(_("You cannot start a conversation with yourself."), code="self")
    if len(recipients) + 1 > CONVERSATION_MAX_PARTICIPANTS:
        raise ValidationError(
            _("A conversation can have at most %(max)d people.")
            % {"max": CONVERSATION_MAX_PARTICIPANTS},
            code="too_many",
        )
    for person in recipients:
        if not can_be_messaged(person):
            raise ValidationError(
                _("%(name)s is not a member of the community and cannot get messages.")
                % {"name": person.display_name},
                code="not_member",
            )
        if not can_message(actor, person):
            raise ValidationError(_(STAFF_LINE_ONLY) % {"name": person.display_name}, code="area")
    if len(recipients) > 1 and any(is_staff_line(actor, person) for person in recipients):
        # Clients of one area never learn of each other through their contact person.
        raise ValidationError(
            _("A conversation with staff is between two people. Write to each one apart."),
            code="staff_group",
        )
    blocked = selectors.blocked_user_ids(actor)
    for person in recipients:
        if person.pk in blocked:
            raise ValidationError(
                _("You cannot send messages to %(name)s.") % {"name": person.display_name},
                code="blocked",
            )


def conversation_start(*, actor, recipients, body, subject=""):
    """Start a conversation (or continue the one already shared with a single recipient).

    Checks, in order: who may be messaged, the message itself, the first-day limit
    on strangers and the sending rate.
    """
    if not can_use_messaging(actor):
        raise ValidationError(_("Only members of the community can send messages."), code="role")
    recipients = list({person.pk: person for person in recipients}.values())
    _check_recipients(actor, recipients)
    body = _clean_body(body)
    subject = (subject or "").strip()[:120]
    _check_new_member_limit(actor, recipients)
    _check_rate(actor)
    with transaction.atomic():
        if len(recipients) == 1:
            conversation = _direct_conversation(actor, recipients[0], subject)
        else:
            conversation = Conversation.objects.create(
                subject=subject, created_by=actor, is_group=True
            )
            Participant.objects.bulk_create(
                [
                    Participant(conversation=conversation, user=person)
                    for person in [actor, *recipients]
                ]
            )
        _message_create(conversation=conversation, sender=actor, body=body)
    return conversation


def _direct_conversation(actor, other, subject):
    key = Conversation.direct_key_for(actor, other)
    conversation = Conversation.objects.filter(direct_key=key).first()
    if conversation is None:
        try:
            with transaction.atomic():
                conversation = Conversation.objects.create(
                    direct_key=key, subject=subject, created_by=actor
                )
                Participant.objects.bulk_create(
                    [
                        Participant(conversation=conversation, user=actor),
                        Participant(conversation=conversation, user=other),
                    ]
                )
        except IntegrityError:  # the other person started it at the same moment
            conversation = Conversation.objects.get(direct_key=key)
    return conversation


def message_send(*, actor, conversation, body):
    """Add a message to a conversation the actor takes part in.

    In a one-to-one conversation a block either way stops the message.
    """
    participants = list(
        Participant.objects.filter(conversation=conversation, left_at__isnull=True).select_related(
            "user"
        )
    )
    if not can_use_messaging(actor) or actor.pk not in {p.user_id for p in participants}:
        raise ValidationError(_("You are not part of this conversation."), code="not_participant")
    others = [p.user for p in participants if p.user_id != actor.pk]
    if not conversation.is_group:
        blocked = selectors.blocked_user_ids(actor)
        for person in others:
            if person.pk in blocked:
                raise ValidationError(
                    _("You cannot send messages to %(name)s.") % {"name": person.display_name},
                    code="blocked",
                )
            if not can_be_messaged(person):
                raise ValidationError(
                    _("%(name)s can no longer get messages.") % {"name": person.display_name},
                    code="not_member",
                )
            if not can_message(actor, person):
                # A client who moved to another area, or a contact person who left it.
                raise ValidationError(
                    _(STAFF_LINE_ONLY) % {"name": person.display_name}, code="area"
                )
    body = _clean_body(body)
    _check_rate(actor)
    with transaction.atomic():
        return _message_create(
            conversation=conversation, sender=actor, body=body, participants=participants
        )


def _message_create(*, conversation, sender, body, participants=None):
    now = timezone.now()
    message = Message(conversation=conversation, sender=sender, body=body, created_at=now)
    message.full_clean()
    message.save()
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    Participant.objects.filter(conversation=conversation, user=sender).update(last_read_at=now)
    if participants is None:
        participants = Participant.objects.filter(
            conversation=conversation, left_at__isnull=True
        ).select_related("user")
    url = reverse("messaging:conversation", args=[conversation.pk])
    for participant in participants:
        if participant.user_id != sender.pk:
            notify(
                recipient=participant.user,
                kind=NotificationKind.MESSAGE_REPLY,
                actor=sender,
                target=conversation,
                url=url,
                collapse_unread=True,
            )
    return message


def conversation_mark_read(*, user, conversation):
    """The person has seen everything in the conversation, and its notification is read."""
    now = timezone.now()
    Participant.objects.filter(conversation=conversation, user=user).update(last_read_at=now)
    Notification.objects.filter(
        recipient=user,
        kind=NotificationKind.MESSAGE_REPLY,
        target_type="conversation",
        target_id=str(conversation.pk),
        read_at__isnull=True,
    ).update(read_at=now)


def conversation_leave(*, actor, conversation):
    """Leave a group conversation; one-to-one conversations are ended by blocking instead."""
    if not conversation.is_group:
        raise ValidationError(
            _("You can leave only group conversations. Block the person instead."),
            code="not_group",
        )
    Participant.objects.filter(conversation=conversation, user=actor, left_at__isnull=True).update(
        left_at=timezone.now()
    )


# Blocks and reports


def block_create(*, actor, blocked):
    """Block a person: they can no longer message actor, and neither sees the other."""
    if blocked.pk == actor.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    block, _created = Block.objects.get_or_create(blocker=actor, blocked=blocked)
    return block


def block_remove(*, actor, blocked):
    Block.objects.filter(blocker=actor, blocked=blocked).delete()


def user_messaging_forget(*, user):
    """For a deleted account: its notifications, choices, daily summaries, blocks either
    way go (its reports are moderation's: user_moderation_forget). What it
    wrote in conversations stays for the others in them, from "Deleted user"."""
    with transaction.atomic():
        Notification.objects.filter(recipient=user).delete()
        NotificationPreference.objects.filter(user=user).delete()
        DigestDelivery.objects.filter(user=user).delete()
        Block.objects.filter(Q(blocker=user) | Q(blocked=user)).delete()
        Conversation.objects.filter(created_by=user).update(created_by=None)


# Notifications


_EMAIL_STATE = {
    Delivery.IN_APP: EmailState.NONE,
    Delivery.IMMEDIATE: EmailState.PENDING,
    Delivery.DIGEST: EmailState.DIGEST,
}


def notify(
    *,
    recipient,
    kind,
    actor=None,
    target=None,
    text_params=None,
    url="",
    collapse_unread=False,
):
    """Tell recipient of an event: the one way every feature notifies people.

    Call it inside the transaction of the write that caused the event. It records
    the notification and, by the recipient's choice for this kind, queues an e-mail
    at once (sent after commit) or keeps it for the daily summary. Nothing is
    recorded for the actor themselves, for a closed account, or between people
    where either has blocked the other. With collapse_unread, nothing new is
    recorded while an unread notification of the same kind and target waits.

    kind: a NotificationKind. target: the model instance the event is about.
    text_params: values for the kind's text, such as {"title": idea.title}.
    url: the local path the notification leads to (e.g. idea.get_absolute_url()).
    Returns the Notification, or None when nothing was recorded.
    """
    kind = NotificationKind(kind)
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError("A notification leads to a local path, such as /ideat/12/.")
    if recipient is None or not recipient.is_active:
        return None
    if actor is not None and (
        actor.pk == recipient.pk or selectors.is_blocked_between(actor, recipient)
    ):
        return None
    target_type = target._meta.model_name if target is not None else ""
    target_id = str(target.pk) if target is not None else ""
    if collapse_unread and target is not None:
        waiting = Notification.objects.filter(
            recipient=recipient,
            kind=kind,
            target_type=target_type,
            target_id=target_id,
            read_at__isnull=True,
        )
        if waiting.exists():
            return None
    email_state = _EMAIL_STATE[selectors.delivery_for(recipient, kind)]
    first_for_digest = (
        email_state == EmailState.DIGEST
        and not Notification.objects.filter(
            recipient=recipient, email_state=EmailState.DIGEST
        ).exists()
    )
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        actor=actor,
        target_type=target_type,
        target_id=target_id,
        text_params=text_params or {},
        url=url,
        email_state=email_state,
    )
    if email_state == EmailState.PENDING:
        transaction.on_commit(lambda: _enqueue_notification_email(notification.pk))
    elif first_for_digest:
        transaction.on_commit(lambda: _schedule_digest(recipient.pk))
    return notification


def notify_many(*, recipients, kind, target=None, text_params=None, url=""):
    """notify() for many people at once, in a fixed number of queries.

    For what the service itself tells people (reminders): there is no acting person,
    so no blocks apply. text_params is a dict, or a function recipient -> dict for
    texts in each person's own language. Returns the Notifications recorded.
    """
    kind = NotificationKind(kind)
    if url and (not url.startswith("/") or url.startswith("//")):
        raise ValueError("A notification leads to a local path, such as /ideat/12/.")
    recipients = [person for person in recipients if person is not None and person.is_active]
    if not recipients:
        return []
    ids = [person.pk for person in recipients]
    deliveries = selectors.deliveries_of(ids, kind)
    with_digest = set(
        Notification.objects.filter(recipient_id__in=ids, email_state=EmailState.DIGEST)
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    target_type = target._meta.model_name if target is not None else ""
    target_id = str(target.pk) if target is not None else ""
    notifications = [
        Notification(
            recipient=person,
            kind=kind,
            target_type=target_type,
            target_id=target_id,
            text_params=(text_params(person) if callable(text_params) else text_params) or {},
            url=url,
            email_state=_EMAIL_STATE[deliveries[person.pk]],
        )
        for person in recipients
    ]
    Notification.objects.bulk_create(notifications)
    for notification in notifications:
        if notification.email_state == EmailState.PENDING:
            transaction.on_commit(lambda pk=notification.pk: _enqueue_notification_email(pk))
        elif (
            notification.email_state == EmailState.DIGEST
            and notification.recipient_id not in with_digest
        ):
            transaction.on_commit(
                lambda user_id=notification.recipient_id: _schedule_digest(user_id)
            )
    return notifications


def notification_mark_read(*, user, notification):
    Notification.objects.filter(pk=notification.pk, recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preferences_update(*, user, deliveries):
    """Save the person's choice per kind; e-mails no longer wanted are not sent."""
    with transaction.atomic():
        for kind, delivery in deliveries.items():
            NotificationPreference.objects.update_or_create(
                user=user,
                kind=NotificationKind(kind),
                defaults={"delivery": Delivery(delivery)},
            )
        _cancel_unwanted_email(user)


def _cancel_unwanted_email(user):
    deliveries = selectors.notification_deliveries(user)
    wanted_by_state = {EmailState.PENDING: Delivery.IMMEDIATE, EmailState.DIGEST: Delivery.DIGEST}
    for state, wanted in wanted_by_state.items():
        unwanted = [kind for kind, delivery in deliveries.items() if delivery != wanted]
        Notification.objects.filter(recipient=user, email_state=state, kind__in=unwanted).update(
            email_state=EmailState.NONE
        )


def unsubscribe_token(*, user, kind):
    """A signed, never-expiring token that stops e-mail of one kind (or the daily summary)."""
    return signing.dumps({"u": user.pk, "k": str(kind)}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(*, user, kind):
    token = unsubscribe_token(user=user, kind=kind)
    return settings.SITE_URL + reverse("messaging:unsubscribe", args=[token])


def unsubscribe_read(token):
    """(user, kind) of a valid token; raises signing.BadSignature for a forged or broken one."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in [*NotificationKind.values, DIGEST]:
        raise signing.BadSignature("Unknown kind.")
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    if user is None:
        raise signing.BadSignature("No such person.")
    return user, data["k"]


def unsubscribe(*, user, kind):
    """Stop e-mail of kind (or every kind in the daily summary): shown in the service only."""
    if kind == DIGEST:
        deliveries = selectors.notification_deliveries(user)
        kinds = [k for k, delivery in deliveries.items() if delivery == Delivery.DIGEST]
    else:
        kinds = [kind]
    notification_preferences_update(user=user, deliveries=dict.fromkeys(kinds, Delivery.IN_APP))
    return kinds


# E-mail: the outbox is the Notification row itself.


def _enqueue_notification_email(notification_id, *, run_after=None):
    from .tasks import send_notification_email

    task = send_notification_email
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the sweep (send_pending_email) will take it
        task = task.using(run_after=run_after)
    task.enqueue(notification_id)


def next_digest_time(now=None):
    """The next DIGEST_HOUR o'clock in the service's time zone."""
    local = timezone.localtime(now or timezone.now())
    moment = timezone.make_aware(
        datetime.combine(local.date(), time(DIGEST_HOUR)), timezone.get_current_timezone()
    )
    return moment if moment > local else moment + timedelta(days=1)


def _schedule_digest(user_id):
    from .tasks import send_digest

    if send_digest.get_backend().supports_defer:
        send_digest.using(run_after=next_digest_time()).enqueue(user_id)
    # Without deferred tasks, `manage.py send_daily_digests` sends the summaries.


def notification_email_send(*, notification_id):
    """E-mail one notification unless it is already sent or being sent; True if sent now.

    The row is claimed with a lock, the e-mail sent and the row marked sent in one
    transaction: a crash before the commit leaves it waiting for a retry or the
    sweep, and a second worker or sweep finds it sent or locked, never sends again.
    A failure is counted and retried later, up to EMAIL_MAX_ATTEMPTS times.
    """
    now = timezone.now()
    retry_at = None
    with transaction.atomic():
        notification = (
            claim(Notification.objects.filter(pk=notification_id, email_state=EmailState.PENDING))
            .select_related("recipient", "actor")
            .first()
        )
        if notification is None:
            return False
        if not notification.recipient.is_active:  # the account was closed meanwhile
            notification.email_state = EmailState.NONE
            notification.save(update_fields=["email_state"])
            return False
        notification.email_attempts += 1
        try:
            with transaction.atomic():
                _send_notification_mail(notification)
        except Exception:
            logger.exception("Notification %s: e-mail failed", notification.pk)
            if notification.email_attempts >= EMAIL_MAX_ATTEMPTS:
                notification.email_state = EmailState.FAILED
                notification.email_next_attempt_at = None
            else:
                delay = EMAIL_RETRY_DELAYS[
                    min(notification.email_attempts - 1, len(EMAIL_RETRY_DELAYS) - 1)
                ]
                retry_at = notification.email_next_attempt_at = now + delay
        else:
            notification.email_state = EmailState.SENT
            notification.emailed_at = now
            notification.email_next_attempt_at = None
        notification.save(
            update_fields=["email_state", "email_attempts", "email_next_attempt_at", "emailed_at"]
        )
    if retry_at is not None:
        _enqueue_notification_email(notification.pk, run_after=retry_at)
    return notification.email_state == EmailState.SENT


def _send_notification_mail(notification):
    recipient = notification.recipient
    unsubscribe = unsubscribe_url(user=recipient, kind=notification.kind)
    send_templated_mail(
        to=recipient.email,
        template="messaging/email/notification",
        context={
            **email_details(notification),
            "recipient": recipient,
            "notification": notification,
            "url": settings.SITE_URL + (notification.url or reverse("messaging:notifications")),
            "unsubscribe_url": unsubscribe,
            "settings_url": settings.SITE_URL + reverse("messaging:notification_settings"),
        },
        language=recipient.language,
        headers=_unsubscribe_headers(unsubscribe),
    )


def _unsubscribe_headers(url):
    # RFC 8058: mail programs may stop the e-mails with one POST to this address.
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def send_pending_email(*, batch_size=200):
    """Send every immediate e-mail still waiting whose time has come; returns how many went.

    The sweep after a restart or a lost task: what the worker already sent is
    marked sent and skipped, so running it again, or beside the worker, sends
    nothing twice.
    """
    sent = 0
    last_pk = 0
    while True:
        now = timezone.now()
        ids = list(
            Notification.objects.filter(email_state=EmailState.PENDING, pk__gt=last_pk)
            .filter(Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now))
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        for pk in ids:
            sent += notification_email_send(notification_id=pk)
        if len(ids) < batch_size:
            return sent
        last_pk = ids[-1]


def digest_send(*, user_id, day=None):
    """E-mail one person's daily summary of what waited for it; at most one a day.

    The day's DigestDelivery row, the summary's rows marked sent and the e-mail
    itself share one transaction: if sending fails, nothing is marked and the next
    run tries again; if it succeeded, a second run that day finds the row and stops.
    """
    day = day or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None:
            return False
        try:
            with transaction.atomic():
                delivery = DigestDelivery.objects.create(user=user, day=day, sent_at=now)
        except IntegrityError:
            return False
        notifications = list(
            claim(Notification.objects.filter(recipient=user, email_state=EmailState.DIGEST))
            .select_related("actor")
            .order_by("created_at", "id")
        )
        if not notifications:
            transaction.set_rollback(True)
            return False
        unsubscribe = unsubscribe_url(user=user, kind=DIGEST)
        send_templated_mail(
            to=user.email,
            template="messaging/email/digest",
            context={
                "recipient": user,
                "notifications": notifications[:DIGEST_MAX_ITEMS],
                "more": max(0, len(notifications) - DIGEST_MAX_ITEMS),
                "url": settings.SITE_URL + reverse("messaging:notifications"),
                "unsubscribe_url": unsubscribe,
                "settings_url": settings.SITE_URL + reverse("messaging:notification_settings"),
            },
            language=user.language,
            headers=_unsubscribe_headers(unsubscribe),
        )
        Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
            email_state=EmailState.SENT, emailed_at=now
        )
        delivery.notification_count = len(notifications)
        delivery.save(update_fields=["notification_count"])
    return True


def send_daily_digests(*, day=None, batch_size=500):
    """Send today's summary to everyone with notifications waiting for one; safe to repeat."""
    sent = failed = 0
    last_pk = 0
    while True:
        user_ids = list(
            Notification.objects.filter(email_state=EmailState.DIGEST, recipient_id__gt=last_pk)
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
            .distinct()[:batch_size]
        )
        for user_id in user_ids:
            try:
                sent += digest_send(user_id=user_id, day=day)
            except Exception:
                logger.exception("Daily summary of person %s failed", user_id)
                failed += 1
        if len(user_ids) < batch_size:
            return sent, failed
        last_pk = user_ids[-1]
