"""The monthly figures behind the staff dashboards, computed from the source tables.

Each metric is one GROUP BY query counting rows by month, employment area and
an optional key (a mood, a situation). `refresh_figures` runs them all and
replaces the stored `MonthlyFigure` rows of the months it covers, in one
transaction, so running it again gives the same rows.

Areas follow the people: what a member did counts for the area that ordered
their account (ideas, teams, circles, registrations, attendance, check-ins,
service feedback). Events and their anonymous feedback count for the area of
the event's municipality.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, DateField, DateTimeField, F, Min, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ideahautomo.accounts.models import Invitation, Role, User
from ideahautomo.circles.models import Circle, CircleSession, SessionAttendance
from ideahautomo.events.models import Event, Feedback, Registration
from ideahautomo.ideas.models import Idea, TeamMember

from .models import CheckIn, MonthlyFigure, ServiceFeedback

# Members who signed in within this many days count as active.
ACTIVE_DAYS = 30
# The metric measured at refresh time rather than from dated rows; each month
# keeps the value of the last refresh made in it.
ACTIVE_METRIC = "accounts_active"


@dataclass(frozen=True)
class Metric:
    slug: str
    # (since, until, now) -> dicts of f_month, f_area, f_value (and f_key if keyed).
    query: object
    keyed: bool = False


def _month(field):
    return TruncMonth(field, output_field=DateField())


def _grouped(queryset, *, month, area, since, until, key=None):
    """Count queryset's rows whose `month` field lies in [since, until), by the month
    of that field, by `area` and optionally by `key`."""
    queryset = queryset.filter(**{f"{month}__gte": since, f"{month}__lt": until})
    fields = {"f_month": _month(month), "f_area": F(area)}
    if key:
        fields["f_key"] = F(key)
    return queryset.annotate(**fields).values(*fields).annotate(f_value=Count("pk")).order_by()


def _ordered(since, until, now):
    return _grouped(
        Invitation.objects.all(), month="created_at", area="area_id", since=since, until=until
    )


def _accepted(since, until, now):
    return _grouped(
        Invitation.objects.all(), month="accepted_at", area="area_id", since=since, until=until
    )


def _ideas(since, until, now):
    return _grouped(
        Idea.objects.all(), month="created_at", area="owner__area_id", since=since, until=until
    )


def _team_members(since, until, now):
    return _grouped(
        TeamMember.objects.all(), month="joined_at", area="user__area_id", since=since, until=until
    )


def _teams(since, until, now):
    """Ideas whose first team member (besides the owner) joined in the month."""
    first_join = (
        TeamMember.objects.filter(idea=OuterRef("pk"))
        .order_by()
        .values("idea")
        .annotate(first=Min("joined_at"))
        .values("first")
    )
    ideas = Idea.objects.annotate(first_join=Subquery(first_join, output_field=DateTimeField()))
    return _grouped(ideas, month="first_join", area="owner__area_id", since=since, until=until)


def _circles(since, until, now):
    return _grouped(
        Circle.objects.all(),
        month="created_at",
        area="created_by__area_id",
        since=since,
        until=until,
    )


def _circle_sessions(since, until, now):
    return _grouped(
        CircleSession.objects.filter(cancelled_at__isnull=True),
        month="starts_at",
        area="circle__created_by__area_id",
        since=since,
        until=min(until, now),
    )


def _circle_attendance(since, until, now):
    return _grouped(
        SessionAttendance.objects.filter(present=True, session__cancelled_at__isnull=True),
        month="session__starts_at",
        area="user__area_id",
        since=since,
        until=min(until, now),
    )


def _events(since, until, now):
    return _grouped(
        Event.objects.filter(status=Event.Status.PUBLISHED),
        month="starts_at",
        area="municipality__employment_area_id",
        since=since,
        until=min(until, now),
    )


def _registrations(since, until, now):
    return _grouped(
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED, event__status=Event.Status.PUBLISHED
        ),
        month="event__starts_at",
        area="user__area_id",
        since=since,
        until=until,
    )


def _attendance(since, until, now):
    return _grouped(
        Registration.objects.filter(attended=True),
        month="event__starts_at",
        area="user__area_id",
        since=since,
        until=until,
    )


def _check_in_moods(since, until, now):
    return _grouped(
        CheckIn.objects.filter(skipped=False, mood__isnull=False),
        month="month",
        area="area_id",
        key="mood",
        since=since.date(),
        until=until.date(),
    )


def _check_in_situations(since, until, now):
    return _grouped(
        CheckIn.objects.filter(skipped=False).exclude(situation=""),
        month="month",
        area="area_id",
        key="situation",
        since=since.date(),
        until=until.date(),
    )


def _service_feedback_moods(since, until, now):
    return _grouped(
        ServiceFeedback.objects.all(),
        month="created_at",
        area="area_id",
        key="mood",
        since=since,
        until=until,
    )


def _event_feedback_moods(since, until, now):
    return _grouped(
        Feedback.objects.all(),
        month="given_on",
        area="event__municipality__employment_area_id",
        key="mood",
        since=since.date(),
        until=until.date(),
    )


METRICS = [
    Metric("accounts_ordered", _ordered),
    Metric("accounts_accepted", _accepted),
    Metric("ideas_created", _ideas),
    Metric("teams_formed", _teams),
    Metric("team_members_joined", _team_members),
    Metric("circles_started", _circles),
    Metric("circle_sessions_held", _circle_sessions),
    Metric("circle_session_attendance", _circle_attendance),
    Metric("events_held", _events),
    Metric("event_registrations", _registrations),
    Metric("event_attendance", _attendance),
    Metric("check_in_mood", _check_in_moods, keyed=True),
    Metric("check_in_situation", _check_in_situations, keyed=True),
    Metric("service_feedback_mood", _service_feedback_moods, keyed=True),
    Metric("event_feedback_mood", _event_feedback_moods, keyed=True),
]


def first_of_month(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def start_of(month):
    """The moment a month begins in Finnish time."""
    return timezone.make_aware(datetime.datetime.combine(month, datetime.time()))


def _active_members(now):
    return (
        User.objects.filter(
            is_active=True,
            last_login__gte=now - datetime.timedelta(days=ACTIVE_DAYS),
            role_assignments__role=Role.MEMBER,
        )
        .values("area_id")
        .annotate(value=Count("pk"))
        .order_by()
    )


def refresh_figures(*, months=None, now=None):
    """Recompute the stored figures of the last `months` months (all months if None).

    The current month is always included; the active-members figure is
    measured now and stored for the current month only. Returns the number of
    rows written.
    """
    now = now or timezone.now()
    current = first_of_month(timezone.localdate(now))
    if months is None:
        since_month = datetime.date(2000, 1, 1)
    else:
        since_month = add_months(current, -(max(int(months), 1) - 1))
    since, until = start_of(since_month), start_of(add_months(current, 1))
    rows = []
    for metric in METRICS:
        for row in metric.query(since, until, now):
            if row["f_value"]:
                rows.append(
                    MonthlyFigure(
                        month=row["f_month"],
                        area_id=row["f_area"],
                        metric=metric.slug,
                        key=str(row["f_key"]) if metric.keyed else "",
                        value=row["f_value"],
                    )
                )
    for row in _active_members(now):
        rows.append(
            MonthlyFigure(
                month=current, area_id=row["area_id"], metric=ACTIVE_METRIC, value=row["value"]
            )
        )
    with transaction.atomic():
        MonthlyFigure.objects.filter(month__gte=since_month).filter(
            ~Q(metric=ACTIVE_METRIC) | Q(month=current)
        ).delete()
        MonthlyFigure.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
