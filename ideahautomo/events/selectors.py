"""Reads that the events pages need, with their joins and visibility rules applied."""

import calendar as calendar_lib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from ideahautomo.accounts.models import AuditAction, Municipality, Role
from ideahautomo.accounts.services import audit_event_record
from ideahautomo.lib import disclosure
from ideahautomo.lib.disclosure import Figure

from . import permissions
from .models import FEEDBACK_TIME, CalendarFeed, Event, Feedback, Registration

ONLINE = "verkossa"  # the place filter's value for online events


@dataclass
class EventFilters:
    kind: str = ""
    place: str = ""  # a municipality id, or ONLINE
    date_from: date | None = None
    date_to: date | None = None
    free_places: bool = False


def _visible_to(viewer):
    events = Event.objects.filter(status=Event.Status.PUBLISHED)
    if not (viewer and viewer.is_authenticated):
        events = events.filter(is_public=True, hidden_at__isnull=True)
    else:
        events = events.filter(Q(hidden_at__isnull=True) | Q(created_by=viewer))
    return events


def _local_midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _filtered(events, filters):
    if filters.kind in Event.Kind.values:
        events = events.filter(kind=filters.kind)
    if filters.place == ONLINE:
        events = events.exclude(online_url="")
    elif filters.place.isdigit():
        events = events.filter(municipality_id=int(filters.place))
    if filters.date_from:
        events = events.filter(ends_at__gte=_local_midnight(filters.date_from))
    if filters.date_to:
        events = events.filter(starts_at__lt=_local_midnight(filters.date_to + timedelta(days=1)))
    if filters.free_places:
        events = events.filter(Q(capacity__isnull=True) | Q(registered_count__lt=F("capacity")))
    return events


def upcoming_events(*, viewer, filters=None, now=None):
    """Published events the viewer may see that have not ended, soonest first."""
    now = now or timezone.now()
    events = _visible_to(viewer).filter(ends_at__gt=now).select_related("municipality")
    return _filtered(events, filters or EventFilters()).order_by("starts_at", "pk")


def past_events(*, viewer, filters=None, now=None):
    """The archive: events that have ended, latest first."""
    now = now or timezone.now()
    events = _visible_to(viewer).filter(ends_at__lte=now).select_related("municipality")
    return _filtered(events, filters or EventFilters()).order_by("-starts_at", "-pk")


def event_places(*, viewer, now=None):
    """The municipalities of upcoming events, for the place filter, in one query."""
    now = now or timezone.now()
    ids = _visible_to(viewer).filter(ends_at__gt=now).values("municipality_id")
    return Municipality.objects.filter(pk__in=ids).order_by("name_fi")


@dataclass
class MonthDay:
    day: date
    in_month: bool
    events: list = field(default_factory=list)


def events_by_day_of_month(*, viewer, year, month, filters=None):
    """Weeks (Monday first) of the month, each day with the events on it, in one query."""
    first = date(year, month, 1)
    last = date(year, month, calendar_lib.monthrange(year, month)[1])
    start = first - timedelta(days=first.weekday())
    end = last + timedelta(days=6 - last.weekday())
    events = (
        _filtered(_visible_to(viewer), filters or EventFilters())
        .filter(
            starts_at__lt=_local_midnight(end + timedelta(days=1)),
            ends_at__gt=_local_midnight(start),
        )
        .select_related("municipality")
        .order_by("starts_at", "pk")
    )
    days = {}
    day = start
    while day <= end:
        days[day] = MonthDay(day=day, in_month=day.month == month)
        day += timedelta(days=1)
    for event in events:
        day = timezone.localtime(event.starts_at).date()
        if day in days:
            days[day].events.append(event)
    ordered = list(days.values())
    return [ordered[index : index + 7] for index in range(0, len(ordered), 7)]


def event_for_viewer(*, viewer, pk):
    """One event the viewer may see; 404 for any other, so that existence stays private."""
    event = (
        Event.objects.select_related(
            "municipality", "organisation", "host_organisation", "created_by"
        )
        .filter(pk=pk)
        .first()
    )
    if event is None or not permissions.can_see_event(viewer, event):
        raise Http404
    return event


def event_for_manager(*, viewer, pk):
    """One event the viewer organises; 404 for anyone else."""
    event = event_for_viewer(viewer=viewer, pk=pk)
    if not permissions.can_manage_event(viewer, event):
        raise Http404
    return event


def people_waiting_count(*, event):
    """How many have a place or wait for one: whom a change or a cancellation reaches."""
    return event.registrations.filter(
        status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]
    ).count()


def registration_of(*, viewer, event):
    if not (viewer and viewer.is_authenticated):
        return None
    return Registration.objects.filter(event=event, user=viewer).first()


def registration_states(*, viewer, events):
    """The viewer's registration status for each of events, by event id, in one query."""
    if not (viewer and viewer.is_authenticated):
        return {}
    return dict(
        Registration.objects.filter(
            user=viewer,
            event__in=[event.pk for event in events],
            status__in=[Registration.Status.CONFIRMED, Registration.Status.WAITLISTED],
        ).values_list("event_id", "status")
    )


def waitlist_position(registration):
    if registration is None or registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(status=Registration.Status.WAITLISTED).filter(
        Q(registered_at__lt=registration.registered_at)
        | Q(registered_at=registration.registered_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def attendees(*, event, viewer, exported=False):
    """Everyone registered or waiting, with their answers, confirmed first.

    The viewer (who may manage the event) is recorded in the audit log: this is
    personal data, read on the page or exported as a file.
    """
    audit_event_record(
        actor=viewer,
        action=AuditAction.EVENT_ATTENDEES_EXPORTED
        if exported
        else AuditAction.EVENT_ATTENDEES_VIEWED,
        target=event,
    )
    return (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user")
        .order_by("-status", "registered_at", "pk")
    )


@dataclass
class FeedbackResult:
    """An event's feedback as its organisers see it: nothing while answers come in, then
    the whole result once, with every group of fewer than five hidden."""

    is_open: bool
    closes_at: object
    answers: Figure | None = None
    mean: Figure | None = None
    distribution: list = field(default_factory=list)  # (mood, label, Figure)
    comments: list = field(default_factory=list)

    @property
    def too_few(self):
        return self.answers is not None and not self.answers.is_published


def feedback_figures(counts):
    """The published figures of one event's answers: {mood: count} -> Protected (one row,
    the moods 1 to 5, with the number of answers as its total)."""
    grid = [[counts.get(mood, 0) for mood in Feedback.Mood.values]]
    return disclosure.protect(grid, row_totals=True, column_totals=False)


def _mood_counts(feedback):
    return dict(
        feedback.order_by()
        .values_list("mood")
        .annotate(count=Count("pk"))
        .values_list("mood", "count")
    )


def feedback_result(*, event, now=None):
    """What the organisers see of an event's anonymous feedback.

    Until answering closes, nothing: a result that changed with every answer would
    tell each answer. Then the number of answers, the moods (any group under five
    hidden, and enough others that it cannot be worked out), the average when every
    mood's count is shown, and the comments when at least five answered.
    """
    now = now or timezone.now()
    if now < event.feedback_closes_at:
        return FeedbackResult(is_open=True, closes_at=event.feedback_closes_at)
    feedback = Feedback.objects.filter(event=event)
    counts = _mood_counts(feedback)
    protected = feedback_figures(counts)
    answers = protected.row_totals[0]
    cells = protected.cells[0]
    mean = disclosure.HIDDEN_MEAN
    if answers.is_published and all(cell.is_published for cell in cells):
        total = sum(
            mood * cell.value for mood, cell in zip(Feedback.Mood.values, cells, strict=True)
        )
        mean = disclosure.mean(total, answers.value)
    comments = []
    if answers.is_published and answers.value >= disclosure.THRESHOLD:
        comments = list(
            feedback.exclude(comment="").order_by("comment").values_list("comment", flat=True)
        )
    return FeedbackResult(
        is_open=False,
        closes_at=event.feedback_closes_at,
        answers=answers,
        mean=mean,
        distribution=[
            (mood, label, cell)
            for (mood, label), cell in zip(Feedback.Mood.choices, cells, strict=True)
        ],
        comments=comments,
    )


@dataclass
class ClosedFeedback:
    event_id: int
    area_id: int | None  # the employment area of the event's municipality
    closed_on: date  # the day answering closed, in Finnish time
    counts: dict  # {mood: number of answers}
    figures: object  # disclosure.Protected, as the organisers see it


def closed_feedback(*, since, until):
    """The published feedback of every event whose answering closed in [since, until)."""
    ended_since, ended_until = since - FEEDBACK_TIME, until - FEEDBACK_TIME
    rows = (
        Feedback.objects.filter(event__ends_at__gte=ended_since, event__ends_at__lt=ended_until)
        .order_by()
        .values_list(
            "event_id", "event__municipality__employment_area_id", "event__ends_at", "mood"
        )
        .annotate(count=Count("pk"))
    )
    events = {}
    for event_id, area_id, ends_at, mood, count in rows:
        events.setdefault(event_id, (area_id, ends_at, {}))[2][mood] = count
    return [
        ClosedFeedback(
            event_id=event_id,
            area_id=area_id,
            closed_on=timezone.localdate(ends_at + FEEDBACK_TIME),
            counts=counts,
            figures=feedback_figures(counts),
        )
        for event_id, (area_id, ends_at, counts) in sorted(events.items())
    ]


def my_registrations(*, user, now=None):
    """The person's active registrations: upcoming first, then the past ones, newest first."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event", "event__municipality")
    )
    upcoming = registrations.filter(event__ends_at__gt=now).order_by("event__starts_at")
    past = registrations.filter(event__ends_at__lte=now, status=Registration.Status.CONFIRMED)
    return upcoming, past.order_by("-event__starts_at")[:50]


def next_registrations_of(*, user, now=None, limit=3):
    """The person's next events they have signed up for (or wait for a place at), soonest
    first, each marked with whether its online link may be shown to them. One query."""
    upcoming, _past = my_registrations(user=user, now=now)
    registrations = list(upcoming[:limit])
    for registration in registrations:
        registration.shows_online_link = permissions.can_see_online_link(
            user, registration.event, registration
        )
    return registrations


def upcoming_events_of_organisation(*, organisation_id, now=None, limit=5):
    """A partner organisation's published events that have not ended, soonest first."""
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            organisation_id=organisation_id, status=Event.Status.PUBLISHED, ends_at__gt=now
        )
        .select_related("municipality")
        .order_by("starts_at", "pk")[:limit]
    )


def event_proposal_count():
    """How many members' event proposals wait for the project manager's decision."""
    return Event.objects.filter(status=Event.Status.PROPOSED).count()


def events_managed_by(*, viewer, now=None):
    """Upcoming and recent events the viewer organises, and proposals waiting for them."""
    now = now or timezone.now()
    events = Event.objects.select_related("municipality", "organisation")
    if not viewer.has_role(Role.PROJECT_MANAGER):
        partner = viewer.roles.get(Role.PARTNER)
        contact = viewer.roles.get(Role.CONTACT_PERSON)
        mine = Q(created_by=viewer, approved_by__isnull=True) | Q(approved_by=viewer)
        if partner:
            mine |= Q(organisation_id=partner.organisation_id)
        if contact and contact.area_id:
            # The events of their area, and those they proposed, once approved.
            mine |= Q(municipality__employment_area_id=contact.area_id) | Q(created_by=viewer)
        events = events.filter(mine)
    managed = events.filter(
        status=Event.Status.PUBLISHED, ends_at__gt=now - timedelta(days=30)
    ).order_by("starts_at", "pk")
    proposals = (
        events.filter(status=Event.Status.PROPOSED).select_related("created_by").order_by("pk")
        if permissions.can_decide_event_proposal(viewer)
        else Event.objects.none()
    )
    return managed, proposals


def events_proposed_by(*, user):
    """The person's own proposals, whatever became of them."""
    return (
        Event.objects.filter(created_by=user)
        .exclude(status=Event.Status.PUBLISHED, approved_by=None)
        .order_by("-pk")
    )


def calendar_events_of(*, user, now=None):
    """The events of a person's feed: confirmed registrations from 60 days back on."""
    now = now or timezone.now()
    return (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            registrations__user=user,
            registrations__status=Registration.Status.CONFIRMED,
            ends_at__gt=now - timedelta(days=60),
        )
        .select_related("municipality")
        .order_by("starts_at")
    )


def calendar_feed_token(feed):
    signature = salted_hmac(
        "ideahautomo.events.calendar_feed", feed.key, algorithm="sha256"
    ).hexdigest()[:32]
    return f"{feed.key}.{signature}"


def calendar_feed_by_token(token):
    """The feed a secret link names, or None for a revoked, unknown or forged link."""
    key, _dot, signature = (token or "").partition(".")
    if not key or not signature or len(token) > 100:
        return None
    feed = CalendarFeed.objects.select_related("user").filter(key=key).first()
    if feed is None or not feed.user.is_active:
        return None
    if not constant_time_compare(calendar_feed_token(feed), token):
        return None
    return feed
