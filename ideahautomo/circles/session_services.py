"""Every write to circle meetings: scheduling one or a weekly series, editing,
cancelling, and marking who attended."""

import secrets
import uuid
import zoneinfo
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ideahautomo.accounts.models import AuditAction
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib.markdown import render_markdown
from ideahautomo.lib.tasks import claim, enqueue_on_commit

from . import permissions
from .limits import limit
from .models import CircleSession, Membership, SessionAttendance

FINNISH_TIME = zoneinfo.ZoneInfo("Europe/Helsinki")


class Repeat:
    ONCE = "once"
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"

    WEEKS = {ONCE: 0, WEEKLY: 1, BIWEEKLY: 2}


# Members are reminded by e-mail this long before a meeting (as events by default).
REMINDER_BEFORE = timedelta(hours=24)

MIN_OCCURRENCES = 2
MAX_OCCURRENCES = 26
# The circle and creator come from the code, not from input; the times are checked
# by _check_times (and by the database constraint), so full_clean asks the database nothing.
NOT_CLEANED = ["circle", "created_by"]


def occurrence_times(*, starts_at, ends_at, repeat, occurrences):
    """The (start, end) of each meeting of a series, at the same Finnish wall-clock time
    every week, across daylight-saving changes."""
    weeks = Repeat.WEEKS[repeat]
    if weeks == 0:
        return [(starts_at, ends_at)]
    local_start = timezone.localtime(starts_at, FINNISH_TIME).replace(tzinfo=None)
    local_end = timezone.localtime(ends_at, FINNISH_TIME).replace(tzinfo=None)
    times = []
    for number in range(occurrences):
        step = timedelta(weeks=weeks * number)
        times.append(
            (
                (local_start + step).replace(tzinfo=FINNISH_TIME),
                (local_end + step).replace(tzinfo=FINNISH_TIME),
            )
        )
    return times


def _check_times(*, starts_at, ends_at, now):
    errors = {}
    if starts_at is None:
        errors["starts_at"] = _("Give the time when the meeting starts.")
    elif starts_at <= now:
        errors["starts_at"] = _("The meeting must start in the future.")
    if ends_at is None:
        errors["ends_at"] = _("Give the time when the meeting ends.")
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    if errors:
        raise ValidationError(errors)


def _fill_defaults(session, circle):
    session.place = " ".join((session.place or "").split())
    session.online_link = (session.online_link or "").strip()
    if not session.online_link and circle.meets_online:
        session.online_link = circle.online_link
    if not session.place and circle.meets_in_person:
        session.place = circle.meeting_place
    session.agenda = (session.agenda or "").strip()
    session.agenda_html = render_markdown(session.agenda)


def _tell_members(*, circle, actor):
    """One notification per active member (not the actor): bounded by the circle's size,
    never by how many meetings the action touched."""
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify

    members = (
        Membership.objects.filter(circle=circle, status=Membership.Status.ACTIVE)
        .exclude(user=actor)
        .select_related("user")
    )
    url = reverse("circles:sessions", args=[circle.pk])
    for membership in members:
        notify(
            recipient=membership.user,
            kind=NotificationKind.CIRCLE_SESSION,
            actor=actor,
            target=circle,
            text_params={"title": circle.name},
            url=url,
        )


def session_schedule(
    *,
    actor,
    circle,
    starts_at,
    ends_at,
    place="",
    online_link="",
    agenda="",
    repeat=Repeat.ONCE,
    occurrences=1,
    now=None,
    tell_members=True,
):
    """Schedule one meeting, or a weekly or biweekly series of 2 to 26; members are told
    once (unless tell_members is False, as for demo data)."""
    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    now = now or timezone.now()
    if repeat not in Repeat.WEEKS:
        raise ValidationError({"repeat": _("Choose how often the meeting repeats.")})
    if repeat != Repeat.ONCE and not (MIN_OCCURRENCES <= (occurrences or 0) <= MAX_OCCURRENCES):
        raise ValidationError(
            {
                "occurrences": _("A series has from %(min)d to %(max)d meetings.")
                % {"min": MIN_OCCURRENCES, "max": MAX_OCCURRENCES}
            }
        )
    _check_times(starts_at=starts_at, ends_at=ends_at, now=now)
    series = uuid.uuid4() if repeat != Repeat.ONCE else None
    sessions = []
    for start, end in occurrence_times(
        starts_at=starts_at, ends_at=ends_at, repeat=repeat, occurrences=occurrences
    ):
        session = CircleSession(
            circle=circle,
            starts_at=start,
            ends_at=end,
            place=place,
            online_link=online_link,
            agenda=agenda,
            series=series,
            created_by=actor,
        )
        _fill_defaults(session, circle)
        session.full_clean(exclude=NOT_CLEANED, validate_constraints=False)
        sessions.append(session)
    limit("meeting", actor)
    with transaction.atomic():
        created = CircleSession.objects.bulk_create(sessions)
        if tell_members:
            _tell_members(circle=circle, actor=actor)
            for session in created:
                _schedule_reminders(session)
    return created


def _to_minute(moment):
    return moment.replace(second=0, microsecond=0) if moment is not None else None


def session_update(*, actor, session, starts_at, ends_at, place, online_link, agenda, now=None):
    """Change one meeting (also one of a series, which then stands apart in its times)."""
    circle = session.circle
    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    now = now or timezone.now()
    if session.is_cancelled:
        raise ValidationError(_("A cancelled meeting cannot be changed."), code="cancelled")
    # Forms give times to the minute: the same minute means the time was not changed.
    if _to_minute(starts_at) == _to_minute(session.starts_at):
        starts_at = session.starts_at
    if _to_minute(ends_at) == _to_minute(session.ends_at):
        ends_at = session.ends_at
    if starts_at != session.starts_at or ends_at != session.ends_at:
        _check_times(starts_at=starts_at, ends_at=ends_at, now=now)
    moved = starts_at != session.starts_at
    if moved:
        # A reminder sent so far named the old time.
        session.reminded_at = None
    session.starts_at, session.ends_at = starts_at, ends_at
    session.place, session.online_link, session.agenda = place, online_link, agenda
    _fill_defaults(session, circle)
    session.full_clean(exclude=NOT_CLEANED, validate_constraints=False)
    limit("meeting", actor)
    with transaction.atomic():
        session.save(
            update_fields=[
                "starts_at",
                "ends_at",
                "place",
                "online_link",
                "agenda",
                "agenda_html",
                "reminded_at",
            ]
        )
        _tell_members(circle=circle, actor=actor)
        if moved:
            _schedule_reminders(session)
    return session


def session_cancel(*, actor, session, now=None):
    """Cancel one meeting; it stays on the list, marked cancelled."""
    circle = session.circle
    if not permissions.can_manage_circle(actor, circle):
        raise PermissionDenied
    now = now or timezone.now()
    if session.ends_at <= now:
        raise ValidationError(_("A meeting that is over cannot be cancelled."), code="over")
    limit("meeting", actor)
    with transaction.atomic():
        updated = CircleSession.objects.filter(pk=session.pk, cancelled_at__isnull=True).update(
            cancelled_at=now
        )
        if not updated:
            raise ValidationError(_("This meeting is already cancelled."), code="cancelled")
        session.cancelled_at = now
        _tell_members(circle=circle, actor=actor)
    return session


def attendance_record(*, actor, session, present_user_ids, now=None):
    """Mark, for every active member, whether they were at a meeting that has started."""
    circle = session.circle
    now = now or timezone.now()
    if not permissions.can_record_attendance(actor, session, now):
        raise PermissionDenied
    member_ids = set(
        Membership.objects.filter(circle=circle, status=Membership.Status.ACTIVE).values_list(
            "user_id", flat=True
        )
    )
    present = {int(user_id) for user_id in present_user_ids}
    if not present <= member_ids:
        raise ValidationError(
            _("Only the circle's members can be marked present."), code="not_member"
        )
    rows = [
        SessionAttendance(session=session, user_id=user_id, present=user_id in present)
        for user_id in sorted(member_ids)
    ]
    with transaction.atomic():
        SessionAttendance.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["session", "user"],
            update_fields=["present"],
        )
    return rows


# A member's calendar address for the circle's meetings


def _feed_membership(actor, circle):
    if not permissions.can_subscribe_to_sessions(actor, circle):
        raise PermissionDenied
    return permissions.membership_of(actor, circle)


def _feed_key_set(membership, key):
    Membership.objects.filter(pk=membership.pk).update(feed_key=key)
    membership.feed_key = key


def session_feed_enable(*, actor, circle):
    """The member's secret calendar address for the circle, made on first request."""
    membership = _feed_membership(actor, circle)
    if not membership.feed_key:
        _feed_key_set(membership, secrets.token_urlsafe(16))
    return membership


def session_feed_renew(*, actor, circle):
    """A new secret address; the old one stops working at once."""
    membership = _feed_membership(actor, circle)
    with transaction.atomic():
        _feed_key_set(membership, secrets.token_urlsafe(16))
        audit_event_record(actor=actor, action=AuditAction.CIRCLE_FEED_RENEWED, target=circle)
    return membership


def session_feed_revoke(*, actor, circle):
    """No address any more; the old one stops working at once."""
    membership = _feed_membership(actor, circle)
    if membership.feed_key:
        with transaction.atomic():
            _feed_key_set(membership, None)
            audit_event_record(actor=actor, action=AuditAction.CIRCLE_FEED_REVOKED, target=circle)
    return membership


# Reminders


def _schedule_reminders(session):
    """Ask the worker to send the meeting's reminders when they fall due.

    The database queue keeps the task over restarts; the sweep command
    (send_circle_reminders) sends whatever a lost or late task left due, and
    reminded_at keeps any reminder from going twice.
    """
    from .tasks import send_session_reminders

    enqueue_on_commit(
        send_session_reminders, session.pk, run_after=session.starts_at - REMINDER_BEFORE
    )


def _due_sessions(now):
    return CircleSession.objects.filter(
        reminded_at__isnull=True,
        cancelled_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMINDER_BEFORE,
    )


def session_reminders_send_due(*, session_id=None, now=None):
    """Remind every active member of each meeting starting within 24 hours and not yet
    reminded of, through their notifications (and e-mail by their choice); returns how
    many were told.

    Each meeting is claimed with a row lock that concurrent senders skip, its members
    told, and the meeting marked reminded in one transaction: two runs at once never
    both remind, and the e-mails go from the notification outbox with its retries.
    """
    now = now or timezone.now()
    due = _due_sessions(now)
    if session_id is not None:
        due = due.filter(pk=session_id)
    sent = 0
    for pk in list(due.order_by("starts_at", "pk").values_list("pk", flat=True)[:5000]):
        with transaction.atomic():
            session = claim(_due_sessions(now).filter(pk=pk)).select_related("circle").first()
            if session is None:
                continue
            sent += _members_remind(session)
            CircleSession.objects.filter(pk=session.pk).update(reminded_at=now)
    return sent


def _members_remind(session):
    from ideahautomo.messaging.models import NotificationKind
    from ideahautomo.messaging.services import notify_many

    members = Membership.objects.filter(
        circle=session.circle, status=Membership.Status.ACTIVE, user__is_active=True
    ).select_related("user")
    when = _in_languages(lambda: session_when(session))
    told = notify_many(
        recipients=[membership.user for membership in members],
        kind=NotificationKind.CIRCLE_REMINDER,
        target=session,
        text_params=lambda person: {"title": session.circle.name, "when": when(person.language)},
        url=session.get_absolute_url(),
    )
    return len(told)


def session_when(session):
    """The meeting's time as a person reads it in the active language, in Finnish time."""
    return render_to_string("circles/email/_when.txt", {"session": session}).strip()


def _in_languages(render):
    """language -> render() in that language, each language rendered once."""
    cache = {}

    def in_language(language):
        if language not in cache:
            with translation.override(language):
                cache[language] = render()
        return cache[language]

    return in_language


def reminder_details(notification):
    """The time, place, links and agenda below a circle reminder's line in its e-mail."""
    session = (
        CircleSession.objects.filter(pk=notification.target_id, cancelled_at__isnull=True)
        .select_related("circle")
        .first()
    )
    if session is None:
        return None
    circle = session.circle
    return {
        "circle": circle,
        "session": session,
        "url": settings.SITE_URL + circle.get_absolute_url(),
        "sessions_url": settings.SITE_URL + session.get_absolute_url(),
        "ics_url": settings.SITE_URL + reverse("circles:session_ics", args=[circle.pk, session.pk]),
    }
