"""The monthly figures behind the staff dashboards, computed from the source tables
and published once a month has ended.

Each metric is one GROUP BY query counting rows by month, employment area and
an optional key (a mood, a situation). `refresh_figures` runs them all and
replaces the stored `MonthlyFigure` rows of the months not yet published, in
one transaction, so running it again gives the same rows.

Publishing is what keeps people unrecognisable across everything staff can ask
for. A month is published once, `PUBLISH_AFTER_DAYS` days after it ends: each
metric's table of that month (every area, plus the people without one, by key,
with the totals of each area and of all areas together) is protected by
`disclosure.protect`, the tables made of the same people or of groups inside one
another (`JOINT_TABLES`: the check-ins' situation and mood and those where a mentor
helped; requests, mentorings started, ended and the mentees' feedback) are protected
together (`audit.protect_linked`), and the figures with their hidden marks are
stored and never change again. Every other figure a dashboard or an export shows
(a whole period, an average, a share) is worked out from published figures only,
and is hidden when any of them is. So whatever periods and areas one asks for,
and however often, the answers say nothing that the published monthly tables do
not, and those are protected whole.

A drop-in service point's kiosk moods (`POINT_METRICS`) are a table of their own with
a row per point: published and protected the same way, and read only by the point's
figures page, never added into an area's dashboard.

Areas follow the people: what a member did counts for the area that ordered
their account (ideas, teams, circles, registrations, attendance, check-ins,
service feedback). Events and their anonymous feedback count for the area of
the event's municipality.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, DateField, DateTimeField, F, Min, OuterRef, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ideahautomo.accounts.models import NOT_CLIENT_ROLES, Invitation, Role, User
from ideahautomo.circles.models import Circle, CircleSession, SessionAttendance
from ideahautomo.events.models import Event, Registration
from ideahautomo.events.selectors import closed_feedback
from ideahautomo.ideas.models import Idea, TeamMember
from ideahautomo.lib.disclosure import protect
from ideahautomo.mentoring.models import Feedback as MentoringFeedback
from ideahautomo.mentoring.models import Mentoring

from .audit import SAME_PEOPLE, Links, average_of, protect_linked, publishable_averages
from .models import (
    MOODS,
    CheckIn,
    KioskAnswer,
    MonthlyFigure,
    PublishedMonth,
    ServiceFeedback,
    Situation,
)

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


def _invitations(invitations, month, since, until):
    return _grouped(invitations, month=month, area="area_id", since=since, until=until)


def _ordered(since, until, now):
    """Accounts ordered for clients; staff, mentors and partners are counted apart."""
    clients = Invitation.objects.filter(role=Role.MEMBER)
    return _invitations(clients, "created_at", since, until)


def _accepted(since, until, now):
    clients = Invitation.objects.filter(role=Role.MEMBER)
    return _invitations(clients, "accepted_at", since, until)


def _staff_invited(since, until, now):
    staff = Invitation.objects.exclude(role=Role.MEMBER)
    return _invitations(staff, "created_at", since, until)


def _client_check_ins():
    """The answers of clients only: a person who is also staff, a mentor or a partner
    is never counted in the outcome figures."""
    return CheckIn.objects.filter(skipped=False).exclude(
        user__role_assignments__role__in=NOT_CLIENT_ROLES
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
        key="kind",
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
        key="event__kind",
        since=since,
        until=until,
    )


def _check_in_moods(since, until, now):
    return _grouped(
        _client_check_ins().filter(mood__isnull=False),
        month="month",
        area="area_id",
        key="mood",
        since=since.date(),
        until=until.date(),
    )


def _check_in_situations(since, until, now):
    return _grouped(
        _client_check_ins().exclude(situation=""),
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


def _mentoring_requests(since, until, now):
    """Requests for mentoring, by the mentee's area, in the month they were sent."""
    return _grouped(
        Mentoring.objects.all(),
        month="created_at",
        area="mentee__area_id",
        since=since,
        until=until,
    )


def _mentorings_started(since, until, now):
    """Requests a mentor accepted, in the month of the answer."""
    return _grouped(
        Mentoring.objects.filter(status__in=[Mentoring.Status.ACTIVE, Mentoring.Status.ENDED]),
        month="answered_at",
        area="mentee__area_id",
        since=since,
        until=until,
    )


def _mentorings_ended(since, until, now):
    return _grouped(
        Mentoring.objects.filter(status=Mentoring.Status.ENDED),
        month="ended_at",
        area="mentee__area_id",
        since=since,
        until=until,
    )


def _mentoring_feedback_moods(since, until, now):
    """The mentees' feedback at the end of a mentoring, by mood."""
    return _grouped(
        MentoringFeedback.objects.filter(is_mentor=False),
        month="created_at",
        area="mentoring__mentee__area_id",
        key="mood",
        since=since,
        until=until,
    )


def _check_ins_mentor_helped(since, until, now):
    """Clients' check-ins that said a mentor helped."""
    return _grouped(
        _client_check_ins().filter(helped_mentor=True),
        month="month",
        area="area_id",
        since=since.date(),
        until=until.date(),
    )


METRICS = [
    Metric("accounts_ordered", _ordered),
    Metric("accounts_accepted", _accepted),
    Metric("staff_invited", _staff_invited),
    Metric("ideas_created", _ideas),
    Metric("teams_formed", _teams),
    Metric("team_members_joined", _team_members),
    Metric("circles_started", _circles),
    Metric("circle_sessions_held", _circle_sessions),
    Metric("circle_session_attendance", _circle_attendance),
    Metric("events_held", _events, keyed=True),
    Metric("event_registrations", _registrations),
    Metric("event_attendance", _attendance, keyed=True),
    Metric("check_in_mood", _check_in_moods, keyed=True),
    Metric("check_in_situation", _check_in_situations, keyed=True),
    Metric("service_feedback_mood", _service_feedback_moods, keyed=True),
    Metric("mentoring_requests", _mentoring_requests),
    Metric("mentorings_started", _mentorings_started),
    Metric("mentorings_ended", _mentorings_ended),
    Metric("mentoring_feedback_mood", _mentoring_feedback_moods, keyed=True),
    Metric("check_in_mentor_helped", _check_ins_mentor_helped),
]


def _kiosk_moods(since, until, now):
    """The mood kiosk's answers by the point's month, point (in its area) and mood."""
    answers = KioskAnswer.objects.filter(day__gte=since.date(), day__lt=until.date())
    fields = {
        "f_month": _month("day"),
        "f_point": F("point_id"),
        "f_area": F("point__area_id"),
        "f_key": F("mood"),
    }
    return answers.annotate(**fields).values(*fields).annotate(f_value=Count("pk")).order_by()


# Metrics counted by drop-in service point: (since, until, now) -> dicts of f_month,
# f_point, f_area, f_key and f_value.
POINT_METRICS = [Metric("kiosk_mood", _kiosk_moods, keyed=True)]
# Worked out when a month is published, from the events' own published feedback.
EVENT_FEEDBACK_METRIC = "event_feedback_mood"
MOOD_KEYS = [str(mood) for mood, _label in MOODS]
KEYS = {
    "check_in_mood": MOOD_KEYS,
    "check_in_situation": list(Situation.values),
    "service_feedback_mood": MOOD_KEYS,
    "mentoring_feedback_mood": MOOD_KEYS,
    EVENT_FEEDBACK_METRIC: MOOD_KEYS,
    "kiosk_mood": MOOD_KEYS,
    # By the type of event; an area's figure of all types is the total of its row.
    "events_held": list(Event.Kind.values),
    "event_attendance": list(Event.Kind.values),
}


def _nested_within(chain):
    """Every (part, whole) pair of a chain of metrics each inside the one before."""
    return tuple((chain[k], chain[i]) for i in range(len(chain)) for k in range(i + 1, len(chain)))


# Tables protected together, each over the same rows of areas. The situation and the mood
# of the same check-ins add up alike in each area, and the check-ins where a mentor helped
# are some of them. A mentoring started is a request accepted, an ended one was started
# and a mentee's feedback follows its end: whole minus part is a group of people too
# (requests declined or waiting, say), so no such difference may be pinned to 1-4.
JOINT_TABLES = (
    Links(
        same=("check_in_situation", "check_in_mood"),
        nested=(("check_in_mentor_helped", "check_in_situation"),),
    ),
    Links(
        same=(),
        nested=_nested_within(
            (
                "mentoring_requests",
                "mentorings_started",
                "mentorings_ended",
                "mentoring_feedback_mood",
            )
        ),
    ),
)


def _metrics_of(links):
    return {*links.same, *(metric for pair in links.nested for metric in pair)}


LINKED_METRICS = {metric for links in JOINT_TABLES for metric in _metrics_of(links)}
# The key of a keyed metric's total over its keys.
TOTAL_KEY = ""
# The key of a mood metric's average answer where some of its counts are hidden, stored
# in tenths (33 is 3.3); only where publishing it leaves nothing hidden to work out.
AVERAGE_KEY = "average"
AVERAGED_METRICS = ("check_in_mood", "service_feedback_mood")
# A month is published this many days after it ends, so that attendance marked a
# little late still counts.
PUBLISH_AFTER_DAYS = 5
EARLIEST_MONTH = datetime.date(2000, 1, 1)
# Stands for all areas together where an area id is expected.
ALL_AREAS = "all"


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


def last_closed_month(today):
    """The latest month that may be published on `today`."""
    month = add_months(first_of_month(today), -1)
    if today < add_months(month, 1) + datetime.timedelta(days=PUBLISH_AFTER_DAYS):
        month = add_months(month, -1)
    return month


def refresh_figures(*, now=None):
    """Recompute the figures of the months not yet published and publish those that may be.

    The active-members figure is measured now and stored for the current month;
    each earlier month keeps the value of the last refresh made in it. Returns the
    number of rows written.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    current = first_of_month(today)
    last_published = (
        PublishedMonth.objects.order_by("-month").values_list("month", flat=True).first()
    )
    since_month = add_months(last_published, 1) if last_published else EARLIEST_MONTH
    since, until = start_of(since_month), start_of(add_months(current, 1))
    counts = defaultdict(list)  # month -> [(area_id, metric, key, value)]
    for metric in METRICS:
        for row in metric.query(since, until, now):
            if row["f_value"]:
                key = str(row["f_key"]) if metric.keyed else ""
                counts[row["f_month"]].append((row["f_area"], metric.slug, key, row["f_value"]))
    by_point = defaultdict(list)  # month -> [(point_id, area_id, metric, key, value)]
    for metric in POINT_METRICS:
        for row in metric.query(since, until, now):
            by_point[row["f_month"]].append(
                (row["f_point"], row["f_area"], metric.slug, str(row["f_key"]), row["f_value"])
            )
    measured_before = MonthlyFigure.objects.filter(
        metric=ACTIVE_METRIC, month__gte=since_month, month__lt=current
    ).values_list("month", "area_id", "value")
    for month, area_id, value in measured_before:
        counts[month].append((area_id, ACTIVE_METRIC, "", value))
    for row in _active_members(now):
        counts[current].append((row["area_id"], ACTIVE_METRIC, "", row["value"]))
    to_publish = _months_to_publish(since_month, last_published, today, counts | by_point)
    feedback = _event_feedback_by_month(to_publish)
    rows = []
    for month in sorted(set(counts) | set(by_point) | set(to_publish)):
        if month in to_publish:
            rows.extend(publish_month(month, counts[month], feedback[month], by_point[month]))
        else:
            rows.extend(
                MonthlyFigure(month=month, area_id=area_id, metric=metric, key=key, value=value)
                for area_id, metric, key, value in counts[month]
            )
            rows.extend(
                MonthlyFigure(
                    month=month, point_id=point, area_id=area, metric=metric, key=key, value=value
                )
                for point, area, metric, key, value in by_point[month]
            )
    with transaction.atomic():
        MonthlyFigure.objects.filter(month__gte=since_month).delete()
        MonthlyFigure.objects.bulk_create(rows, batch_size=2000)
        PublishedMonth.objects.bulk_create(
            [PublishedMonth(month=month, published_at=now) for month in to_publish]
        )
    return len(rows)


def _months_to_publish(since_month, last_published, today, counts):
    """The months from since_month to the last closed one; at the very first
    publication, from the first month with any figure (the earlier ones are empty)."""
    last = last_closed_month(today)
    first = since_month
    if last_published is None:
        first = min([month for month in counts if month <= last] or [last])
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def _event_feedback_by_month(months):
    """{month: [ClosedFeedback]} of the events whose answering closed in those months."""
    by_month = defaultdict(list)
    if months:
        since, until = start_of(months[0]), start_of(add_months(months[-1], 1))
        for result in closed_feedback(since=since, until=until):
            by_month[first_of_month(result.closed_on)].append(result)
    return by_month


def _area_order(area_id):
    return (area_id is None, area_id or 0)


def publish_month(month, counts, event_feedback, by_point=()):
    """The month's rows as published: every metric's table protected whole.

    counts: [(area_id, metric, key, value)] of the month; event_feedback: the
    ClosedFeedback of the events whose answering closed in it; by_point:
    [(point_id, area_id, metric, key, value)] of the point metrics.
    """
    tables = defaultdict(lambda: defaultdict(dict))  # metric -> area -> key -> value
    for area_id, metric, key, value in counts:
        tables[metric][area_id][key] = value
    rows = []
    linked = {}
    for metric, by_area in tables.items():
        areas = sorted(by_area, key=_area_order)
        keys = KEYS.get(metric, [TOTAL_KEY])
        grid = [[by_area[area].get(key, 0) for key in keys] for area in areas]
        if metric in LINKED_METRICS:
            linked[metric] = (areas, keys, by_area)
            continue
        keyed = metric in KEYS
        result = protect(grid, row_totals=keyed, column_totals=True)
        rows.extend(_rows(month, metric, areas, keys, grid, result, keyed=keyed))
        if metric in AVERAGED_METRICS:
            rows.extend(_average_rows(month, metric, areas, {metric: grid}, {metric: result}))
    for links in JOINT_TABLES:
        group = {metric: linked[metric] for metric in _metrics_of(links) if metric in linked}
        if group:
            rows.extend(_linked_rows(month, links, group))
    rows.extend(_event_feedback_rows(month, event_feedback))
    rows.extend(_point_rows(month, by_point))
    return rows


def _point_rows(month, by_point):
    """Each point metric's table of the month, a row per point, protected whole; its
    totals over every point are stored as the figures of all areas together."""
    tables = defaultdict(lambda: defaultdict(dict))  # metric -> point -> key -> value
    areas = {}
    for point, area, metric, key, value in by_point:
        tables[metric][point][key] = value
        areas[point] = area
    rows = []
    for metric, by_key in tables.items():
        points = sorted(by_key)
        keys = KEYS[metric]
        grid = [[by_key[point].get(key, 0) for key in keys] for point in points]
        result = protect(grid, row_totals=True, column_totals=True)
        for row in _rows(month, metric, points, keys, grid, result, keyed=True):
            if not row.all_areas:
                row.point_id, row.area_id = row.area_id, areas[row.area_id]
            rows.append(row)
    return rows


def _rows(month, metric, areas, keys, grid, result, *, keyed):
    def row(area_id, key, value, hidden, *, all_areas=False):
        return MonthlyFigure(
            month=month,
            area_id=area_id,
            all_areas=all_areas,
            metric=metric,
            key=key,
            value=value,
            hidden=hidden,
        )

    rows = []
    for i, area_id in enumerate(areas):
        for j, key in enumerate(keys):
            if grid[i][j]:
                rows.append(row(area_id, key, grid[i][j], result.cells[i][j].suppressed))
        if keyed and sum(grid[i]):
            rows.append(row(area_id, TOTAL_KEY, sum(grid[i]), result.row_totals[i].suppressed))
    for j, key in enumerate(keys):
        value = sum(line[j] for line in grid)
        hidden = result.column_totals[j].suppressed
        if not keyed:
            hidden = hidden or result.total.suppressed
        if value:
            rows.append(row(None, key, value, hidden, all_areas=True))
    everyone = sum(map(sum, grid))
    if keyed and everyone:
        rows.append(row(None, TOTAL_KEY, everyone, result.total.suppressed, all_areas=True))
    return rows


def _linked_rows(month, links, linked):
    """Tables of the same people or of groups inside one another (`links`), protected
    together over the same rows of areas. A table of the group with no figure this month
    takes part as zeros, so that its whole or part is still checked against the others."""
    areas = sorted(
        {area for areas, _keys, _by_area in linked.values() for area in areas}, key=_area_order
    )
    every = {
        metric: linked.get(metric, ([], KEYS.get(metric, [TOTAL_KEY]), {}))
        for metric in sorted(_metrics_of(links))
    }
    grids = {
        metric: [[by_area.get(area, {}).get(key, 0) for key in keys] for area in areas]
        for metric, (_areas, keys, by_area) in every.items()
    }
    results = protect_linked(grids, links)
    rows = []
    for metric, (_areas, keys, _by_area) in every.items():
        keyed = metric in KEYS
        rows.extend(_rows(month, metric, areas, keys, grids[metric], results[metric], keyed=keyed))
        if metric in AVERAGED_METRICS:
            rows.extend(_average_rows(month, metric, areas, grids, results, links))
    return rows


def _average_rows(month, metric, areas, grids, results, links=SAME_PEOPLE):
    """The average answers of the areas (and of all areas together) whose counts are not
    all shown, where the audit allows: the others can be worked out from the counts."""
    grid, result = grids[metric], results[metric]
    weights = [int(key) for key in MOOD_KEYS]
    candidates = [
        average_of(metric, grid, [i], weights, label=area)
        for i, area in enumerate(areas)
        if any(cell.suppressed for cell in result.cells[i]) and result.row_totals[i].is_published
    ]
    if any(f.suppressed for f in result.column_totals) and result.total.is_published:
        everyone = list(range(len(areas)))
        candidates.append(average_of(metric, grid, everyone, weights, label=ALL_AREAS))
    candidates = [average for average in candidates if average is not None]
    return [
        MonthlyFigure(
            month=month,
            area_id=None if average.label is ALL_AREAS else average.label,
            all_areas=average.label is ALL_AREAS,
            metric=metric,
            key=AVERAGE_KEY,
            value=round(average.value * 10),
        )
        for average in publishable_averages(grids, results, candidates, links)
    ]


def _event_feedback_rows(month, event_feedback):
    """Event feedback as sums of what each event's organisers were shown: only events
    with at least five answers count, and a sum is hidden when any part of it was."""
    # {area: {key: [value, hidden]}}, and the same for all areas together (ALL_AREAS).
    sums = defaultdict(lambda: defaultdict(lambda: [0, False]))
    for result in event_feedback:
        answers = result.figures.row_totals[0]
        if not answers.is_published or not answers.value:
            continue
        figures = zip(MOOD_KEYS, result.figures.cells[0], strict=True)
        parts = [(TOTAL_KEY, answers.value, False)] + [
            (key, result.counts.get(int(key), 0), figure.suppressed) for key, figure in figures
        ]
        for area in (result.area_id, ALL_AREAS):
            for key, value, hidden in parts:
                sums[area][key][0] += value
                sums[area][key][1] = sums[area][key][1] or hidden
    return [
        MonthlyFigure(
            month=month,
            area_id=None if area is ALL_AREAS else area,
            all_areas=area is ALL_AREAS,
            metric=EVENT_FEEDBACK_METRIC,
            key=key,
            value=value,
            hidden=hidden,
        )
        for area, by_key in sums.items()
        for key, (value, hidden) in by_key.items()
        if value
    ]
