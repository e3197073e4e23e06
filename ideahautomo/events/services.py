"""Every write to events, registrations, feedback and calendar feeds; views and tests call these."""

import logging
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideahautomo.accounts.models import AuditAction, Role
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib import ratelimit
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.lib.tasks import claim, enqueue_on_commit

from . import permissions
from .models import CalendarFeed, Event, Feedback, Registration

logger = logging.getLogger(__name__)

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "starts_at",
    "ends_at",
    "venue_name",
    "street_address",
    "municipality",
    "online_url",
    "organisation",
    "host_organisation",
    "is_public",
    "capacity",
    "registration_deadline",
    "ask_dietary_needs",
    "ask_accessibility_needs",
    "reminder_hours",
    "recording_url",
    "recording_public",
)


# (how many, in how many seconds, the message when refused) per person: proposals reach
# the project manager, published events everyone.
LIMITS = {
    "proposal": (
        3,
        24 * 60 * 60,
        gettext_lazy("You can propose at most %(count)d events a day. Try again tomorrow."),
    ),
    "event": (
        30,
        24 * 60 * 60,
        gettext_lazy("You can publish at most %(count)d events a day. Try again tomorrow."),
    ),
    "cancel": (
        10,
        24 * 60 * 60,
        gettext_lazy("You can cancel at most %(count)d events a day. Try again tomorrow."),
    ),
}


def _limit(kind, actor):
    ratelimit.refuse_past_kind_limit(LIMITS, kind, app="events", identity=actor.pk)


def _normalise(event):
    """Drop-in hours take no registrations ahead: no places to count, no deadline. The
    description is rendered and sanitised here, once, for the pages to show."""
    if event.is_drop_in:
        event.capacity = None
        event.registration_deadline = None
    event.description_html = render_markdown(event.description)


# Events


def event_create(*, actor, **fields):
    """Publish an event, or, for someone who may only propose, save it for approval."""
    if not permissions.can_propose_event(actor):
        raise PermissionDenied
    fields = {key: value for key, value in fields.items() if key in EVENT_FIELDS}
    publishes = permissions.can_publish_event(actor)
    if not actor.has_role(Role.PROJECT_MANAGER):
        partner = actor.roles.get(Role.PARTNER)
        fields["organisation"] = partner.organisation if partner else None
    event = Event(
        **fields,
        created_by=actor,
        status=Event.Status.PUBLISHED if publishes else Event.Status.PROPOSED,
    )
    _normalise(event)
    event.full_clean(exclude=["reminder_at", "created_by"])
    _limit("event" if publishes else "proposal", actor)
    with transaction.atomic():
        event.save()
        audit_event_record(
            actor=actor,
            action=AuditAction.EVENT_PUBLISHED if publishes else AuditAction.EVENT_PROPOSED,
            target=event,
        )
        if publishes:
            _schedule_reminders(event)
    return event


def event_update(*, actor, event, **fields):
    """Change an event. Places cannot drop below the people already registered; more
    places promote people from the waitlist; a new time means new reminders, and a new
    time or place is told to the people registered."""
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    fields = {key: value for key, value in fields.items() if key in EVENT_FIELDS}
    if not actor.has_role(Role.PROJECT_MANAGER):
        fields.pop("organisation", None)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        old_start, old_reminder_at = locked.starts_at, locked.reminder_at
        before = {field: getattr(locked, field) for field in NOTIFIED_FIELDS}
        for key, value in fields.items():
            setattr(locked, key, value)
        _normalise(locked)
        if locked.capacity is not None and locked.capacity < locked.registered_count:
            raise ValidationError(
                {
                    "capacity": ValidationError(
                        _(
                            "%(count)d people are already registered: the places cannot be "
                            "fewer than that."
                        )
                        % {"count": locked.registered_count},
                        code="capacity_below_registrations",
                    )
                }
            )
        locked.full_clean(exclude=["reminder_at", "created_by"])
        locked.save()
        if locked.starts_at != old_start:
            # The reminders sent so far named the old time.
            locked.registrations.filter(status=Registration.Status.CONFIRMED).update(
                reminder_sent_at=None
            )
        _waitlist_promote(locked)
        audit_event_record(actor=actor, action=AuditAction.EVENT_UPDATED, target=locked)
        _changes_told(locked, before)
        if locked.is_published and locked.reminder_at != old_reminder_at:
            _schedule_reminders(locked)
    return locked


# What the people registered are told of when it changes.
NOTIFIED_FIELDS = (
    "starts_at",
    "ends_at",
    "venue_name",
    "street_address",
    "municipality_id",
    "online_url",
)
CANCEL_REASON_MAX_LENGTH = 500


def _registered_people(event):
    """The people with a place or on the waitlist, as users."""
    return [
        registration.user
        for registration in event.registrations.filter(
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
        ).select_related("user")
    ]


def event_cancel(*, actor, event, reason, now=None):
    """Cancel a published event that has not started: it stays readable, marked cancelled,
    takes no more registrations and sends no reminders; everyone registered or waiting is
    told, with the organiser's reason."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify_many

    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": ValidationError(_("Tell the people registered why."), code="required")}
        )
    if len(reason) > CANCEL_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Write at most %(max)d characters.") % {"max": CANCEL_REASON_MAX_LENGTH},
                    code="too_long",
                )
            }
        )
    with transaction.atomic():
        locked = (
            Event.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .get(pk=event.pk)
        )
        if not permissions.can_manage_event(actor, locked):
            raise PermissionDenied
        if not permissions.can_cancel_event(actor, locked, now):
            raise ValidationError(
                _("Only a published event that has not started can be cancelled."),
                code="not_cancellable",
            )
        _limit("cancel", actor)
        locked.status = Event.Status.CANCELLED
        locked.cancelled_at = now
        locked.cancel_reason = reason
        locked.save(update_fields=["status", "cancelled_at", "cancel_reason"])
        audit_event_record(actor=actor, action=AuditAction.EVENT_CANCELLED, target=locked)
        notify_many(
            recipients=_registered_people(locked),
            kind=NotificationKind.EVENT_CANCELLED,
            target=locked,
            text_params={"title": locked.title, "reason": reason},
            url=locked.get_absolute_url(),
        )
    return locked


def _changes_told(event, before):
    """Tell the people registered when the time or the place of event changed."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify_many

    if not event.is_published or all(getattr(event, f) == before[f] for f in NOTIFIED_FIELDS):
        return
    notify_many(
        recipients=_registered_people(event),
        kind=NotificationKind.EVENT_CHANGE,
        target=event,
        text_params={"title": event.title},
        url=event.get_absolute_url(),
    )


def event_proposal_decide(*, actor, event, approve):
    """The project manager publishes a member's proposed event or declines it."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not permissions.can_decide_event_proposal(actor, locked):
            raise ValidationError(_("This proposal has already been decided."), code="decided")
        locked.status = Event.Status.PUBLISHED if approve else Event.Status.DECLINED
        locked.approved_by = actor if approve else None
        locked.save(update_fields=["status", "approved_by"])
        audit_event_record(
            actor=actor,
            action=AuditAction.EVENT_APPROVED if approve else AuditAction.EVENT_DECLINED,
            target=locked,
        )
        if approve:
            _schedule_reminders(locked)
    return locked


# Registrations


def event_register(*, actor, event, dietary_needs="", accessibility_needs="", now=None):
    """Register actor: a confirmed place while places last, then the waitlist.

    The event's row is locked for the count, so that under concurrent registration
    exactly one person gets the last place.
    """
    now = now or timezone.now()
    with transaction.atomic():
        if not actor.is_authenticated:
            raise PermissionDenied
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if not permissions.can_see_event(actor, locked) or not locked.is_published:
            raise ValidationError(_("This event takes no registrations."), code="not_open")
        if now >= locked.closes_at:
            raise ValidationError(
                _("Registration for this event has closed."), code="deadline_passed"
            )
        registration = Registration.objects.filter(event=locked, user=actor).first()
        if registration is not None and registration.is_active:
            raise ValidationError(
                _("You are already registered for this event."), code="already_registered"
            )
        status = Registration.Status.WAITLISTED if locked.is_full else Registration.Status.CONFIRMED
        if registration is None:
            registration = Registration(event=locked, user=actor)
        registration.status = status
        registration.registered_at = now
        registration.cancelled_at = None
        registration.promoted_at = None
        registration.reminder_sent_at = None
        registration.dietary_needs = dietary_needs.strip() if locked.ask_dietary_needs else ""
        registration.accessibility_needs = (
            accessibility_needs.strip() if locked.ask_accessibility_needs else ""
        )
        registration.full_clean(exclude=["event", "user"], validate_unique=False)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise ValidationError(
                _("You are already registered for this event."), code="already_registered"
            ) from error
        if status == Registration.Status.CONFIRMED:
            Event.objects.filter(pk=locked.pk).update(registered_count=F("registered_count") + 1)
            if locked.reminder_at <= now:
                # Too late for the event's scheduled reminder run: ask for one now.
                _schedule_reminders(locked, at=now)
    event.refresh_from_db(fields=["registered_count"])
    registration.event = event
    return registration


def registration_cancel(*, actor, registration, now=None):
    """Cancel a registration; a freed place goes to the first on the waitlist, who is told."""
    if registration.user_id != actor.pk:
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if not locked.is_active:
            raise ValidationError(
                _("This registration has already been cancelled."), code="already_cancelled"
            )
        if event.has_started(now):
            raise ValidationError(
                _("The event has already started; the registration can no longer be cancelled."),
                code="started",
            )
        was_confirmed = locked.status == Registration.Status.CONFIRMED
        locked.status = Registration.Status.CANCELLED
        locked.cancelled_at = now
        locked.save(update_fields=["status", "cancelled_at"])
        if was_confirmed:
            Event.objects.filter(pk=event.pk).update(registered_count=F("registered_count") - 1)
            event.registered_count -= 1
            _waitlist_promote(event, now=now)
    registration.refresh_from_db()
    return registration


def _waitlist_promote(event, *, now=None):
    """Give free places to the waitlist in order; runs inside the caller's transaction,
    with the event's row locked. The promoted are told through their notifications."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    now = now or timezone.now()
    free = None if event.capacity is None else event.capacity - event.registered_count
    if free is not None and free <= 0:
        return []
    if event.has_started(now):
        return []
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
        "registered_at", "pk"
    )
    waiting_ids = waiting.values_list("pk", flat=True)
    promoted = list(waiting_ids if free is None else waiting_ids[:free])
    if not promoted:
        return []
    Registration.objects.filter(pk__in=promoted).update(
        status=Registration.Status.CONFIRMED, promoted_at=now
    )
    Event.objects.filter(pk=event.pk).update(registered_count=F("registered_count") + len(promoted))
    event.registered_count += len(promoted)
    for registration in Registration.objects.filter(pk__in=promoted).select_related("user"):
        notify(
            recipient=registration.user,
            kind=NotificationKind.EVENT_WAITLIST_PROMOTED,
            target=event,
            text_params={"title": event.title},
            url=event.get_absolute_url(),
        )
    if event.reminder_at <= now:
        _schedule_reminders(event, at=now)
    return promoted


def attendance_mark(*, actor, event, attended_registration_ids, now=None):
    """Record who came: the confirmed registrations listed attended, the others did not."""
    if not permissions.can_manage_event(actor, event):
        raise PermissionDenied
    if not event.has_started(now or timezone.now()):
        raise ValidationError(
            _("Attendance can be marked once the event has started."), code="not_started"
        )
    attended = {int(pk) for pk in attended_registration_ids}
    with transaction.atomic():
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
        confirmed.filter(pk__in=attended).update(attended=True)
        confirmed.exclude(pk__in=attended).update(attended=False)
        audit_event_record(
            actor=actor,
            action=AuditAction.EVENT_ATTENDANCE_MARKED,
            target=event,
            attended=len(attended),
        )
        _feedback_request(event, actor=actor, now=now or timezone.now())


def _feedback_request(event, *, actor, now):
    """Ask each attendee once for feedback, through their notifications (and e-mail by
    their choice); runs inside the caller's transaction."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    asked = event.registrations.filter(
        attended=True, feedback_requested_at__isnull=True, feedback_given_at__isnull=True
    ).select_related("user")
    for registration in asked:
        notify(
            recipient=registration.user,
            kind=NotificationKind.EVENT_FEEDBACK,
            target=event,
            text_params={"title": event.title},
            url=event.get_absolute_url(),
        )
    asked.update(feedback_requested_at=now)


# Feedback


def feedback_check(*, registration, now=None):
    """Raise the reason why this registration's person cannot give feedback, if any."""
    now = now or timezone.now()
    if (
        registration is None
        or registration.status != Registration.Status.CONFIRMED
        or registration.attended is not True
    ):
        raise ValidationError(
            _("Only people who attended the event can give feedback on it."),
            code="not_attended",
        )
    if registration.feedback_given_at is not None:
        raise ValidationError(
            _("You have already given feedback on this event. Thank you!"),
            code="already_given",
        )
    if not registration.event.has_ended(now):
        raise ValidationError(
            _("Feedback can be given once the event has ended."), code="not_ended"
        )
    if not registration.event.feedback_open(now):
        raise ValidationError(
            _("Feedback on this event was collected until %(date)s.")
            % {"date": date_format(timezone.localtime(registration.event.feedback_closes_at))},
            code="closed",
        )


def feedback_give(*, actor, event, mood, comment="", now=None):
    """An attendee's one feedback on an event that has ended, stored without their name."""
    now = now or timezone.now()
    try:
        mood = int(mood)
    except (TypeError, ValueError):
        mood = 0
    if mood not in Feedback.Mood.values:
        raise ValidationError(
            {"mood": ValidationError(_("Choose one of the five faces."), code="mood")}
        )
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("event")
            .filter(event=event, user=actor)
            .first()
        )
        feedback_check(registration=registration, now=now)
        feedback = Feedback(event=event, mood=mood, comment=comment.strip())
        feedback.full_clean()
        feedback.save()
        registration.feedback_given_at = now
        registration.save(update_fields=["feedback_given_at"])
    return feedback


# Reminders


def _schedule_reminders(event, *, at=None):
    """Ask the worker to send the event's reminders when they fall due.

    The database queue keeps the task over restarts; the sweep command
    (send_event_reminders) sends whatever a lost or late task left due, and the
    reminder state on each registration keeps any reminder from going twice.
    """
    from .tasks import send_event_reminders

    enqueue_on_commit(send_event_reminders, event.pk, run_after=at or event.reminder_at)


def _due_registrations(now):
    return Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__reminder_at__lte=now,
        event__starts_at__gt=now,
        user__is_active=True,
    )


def reminders_send_due(*, event_id=None, now=None):
    """Remind everyone whose reminder is due and not yet sent, through their
    notifications (and e-mail by their choice); returns how many were reminded.

    Each registration is claimed with a row lock that concurrent senders skip, the
    person told, and the reminder marked sent in one transaction: two runs at once
    never both remind, and the e-mail goes from the notification outbox with its retries.
    """
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    now = now or timezone.now()
    due = _due_registrations(now)
    if event_id is not None:
        due = due.filter(event_id=event_id)
    sent = 0
    for registration_id in list(due.values_list("pk", flat=True)[:5000]):
        with transaction.atomic():
            registration = (
                claim(_due_registrations(now).filter(pk=registration_id))
                .select_related("event", "user")
                .first()
            )
            if registration is None:
                continue
            event, person = registration.event, registration.user
            with translation.override(person.language):
                when = render_to_string("events/email/_when.txt", {"event": event}).strip()
            told = notify(
                recipient=person,
                kind=NotificationKind.EVENT_REMINDER,
                target=event,
                text_params={"title": event.title, "when": when},
                url=event.get_absolute_url(),
            )
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=now)
            sent += told is not None
    return sent


def reminder_details(notification):
    """The time, place and links below an event reminder's line in its e-mail."""
    event = (
        Event.objects.filter(pk=notification.target_id, status=Event.Status.PUBLISHED)
        .select_related("municipality")
        .first()
    )
    if event is None:
        return None
    return {
        "event": event,
        "is_registered": event.registrations.filter(
            user_id=notification.recipient_id, status=Registration.Status.CONFIRMED
        ).exists(),
        "ics_url": settings.SITE_URL + reverse("events:ics", args=[event.pk]),
    }


# Calendar feeds


def calendar_feed_enable(*, user):
    """The person's subscription feed, made on first use."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user, defaults={"key": secrets.token_urlsafe(16)}
    )
    return feed


def calendar_feed_renew(*, user):
    """A new secret link; the old one stops working at once."""
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        feed = CalendarFeed.objects.create(user=user, key=secrets.token_urlsafe(16))
        audit_event_record(actor=user, action=AuditAction.CALENDAR_FEED_RENEWED, target=feed)
    return feed


def calendar_feed_revoke(*, user):
    with transaction.atomic():
        deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
        if deleted:
            audit_event_record(actor=user, action=AuditAction.CALENDAR_FEED_REVOKED)
