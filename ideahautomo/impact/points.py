"""The figures of one drop-in service point: its visitors and its mood kiosk.

Visitor counts hold nothing about anyone (a tap per visitor, no person), so they are
shown as counted, by day, week and month. The kiosk's moods are people's answers: they
are shown only from published months, protected like every other figure (see
`figures.POINT_METRICS`).
"""

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ideahautomo.lib.disclosure import Basis, Figure
from ideahautomo.points.models import HELSINKI, Purpose, VisitorCount, helsinki_now

from .dashboards import Table, _month_label, _table_with_totals
from .figures import MOOD_KEYS, TOTAL_KEY, add_months, first_of_month
from .models import MOODS, MonthlyFigure

DAYS_SHOWN = 14
WEEKS_SHOWN = 12
MONTHS_SHOWN = 12
KIOSK_METRIC = "kiosk_mood"


def _start_of_day(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=HELSINKI)


def _visits_by_day(point, since):
    """{day: (visitors, first visits)} in Finnish days from `since` on: one query."""
    rows = (
        VisitorCount.objects.filter(point=point, counted_at__gte=since)
        .annotate(day=TruncDate("counted_at", tzinfo=HELSINKI))
        .values("day")
        .annotate(visitors=Count("pk"), first=Count("pk", filter=Q(first_visit=True)))
        .order_by()
    )
    return {row["day"]: (row["visitors"], row["first"]) for row in rows}


def _visits_table(*, slug, title, row_heading, periods, by_day, period_of):
    """Visitors and first visits per period, newest first, summed from the days."""
    sums = {period: [0, 0] for period, _label in periods}
    for day, (visitors, first) in by_day.items():
        period = period_of(day)
        if period in sums:
            sums[period][0] += visitors
            sums[period][1] += first
    rows = [
        (label, [Figure(sums[period][0]), Figure(sums[period][1])])
        for period, label in reversed(periods)
    ]
    return Table(
        slug=slug,
        title=title,
        description="",
        row_heading=row_heading,
        columns=[_("Visitors"), _("First visits")],
        rows=rows,
        has_data=any(visitors for visitors, _first in sums.values()),
    )


def _week_label(monday):
    return _("Week %(number)s (from %(day)s)") % {
        "number": monday.isocalendar().week,
        "day": date_format(monday, "SHORT_DATE_FORMAT"),
    }


def visitor_tables(point, *, now=None):
    """The point's visitors by day, by week and by month, and their purposes this year."""
    today = helsinki_now(now).date()
    this_month = first_of_month(today)
    first_month = add_months(this_month, -(MONTHS_SHOWN - 1))
    monday = today - datetime.timedelta(days=today.weekday())
    first_monday = monday - datetime.timedelta(weeks=WEEKS_SHOWN - 1)
    since_day = min(first_month, first_monday)
    by_day = _visits_by_day(point, _start_of_day(since_day))

    days = [today - datetime.timedelta(days=n) for n in range(DAYS_SHOWN - 1, -1, -1)]
    weeks = [first_monday + datetime.timedelta(weeks=n) for n in range(WEEKS_SHOWN)]
    months = [add_months(first_month, n) for n in range(MONTHS_SHOWN)]
    return [
        _visits_table(
            slug="visitors-by-day",
            title=_("Visitors by day"),
            row_heading=_("Day"),
            periods=[(day, date_format(day, "SHORT_DATE_FORMAT")) for day in days],
            by_day=by_day,
            period_of=lambda day: day,
        ),
        _visits_table(
            slug="visitors-by-week",
            title=_("Visitors by week"),
            row_heading=_("Week"),
            periods=[(week, _week_label(week)) for week in weeks],
            by_day=by_day,
            period_of=lambda day: day - datetime.timedelta(days=day.weekday()),
        ),
        _visits_table(
            slug="visitors-by-month",
            title=_("Visitors by month"),
            row_heading=_("Month"),
            periods=[(month, _month_label(month)) for month in months],
            by_day=by_day,
            period_of=first_of_month,
        ),
        purposes_table(point, since=_start_of_day(first_month)),
    ]


def purposes_table(point, *, since):
    """Why visitors came over the months shown, as the counters marked it."""
    counts = Counter(
        dict(
            VisitorCount.objects.filter(point=point, counted_at__gte=since)
            .values("purpose")
            .annotate(n=Count("pk"))
            .order_by()
            .values_list("purpose", "n")
        )
    )
    rows = [(label, [Figure(counts.get(value, 0))]) for value, label in Purpose.choices]
    rows.append((_("Not marked"), [Figure(counts.get("", 0))]))
    return Table(
        slug="visitor-purposes",
        title=_("Why visitors came, over the last 12 months"),
        description="",
        row_heading=_("Purpose"),
        columns=[_("Visitors")],
        rows=rows,
        has_data=bool(sum(counts.values())),
    )


def published_moods(point, *, last_published):
    """{(key, month): (value, hidden)} of the point's kiosk moods in the published months
    shown: one query."""
    if last_published is None:
        return {}
    first = add_months(last_published, -(MONTHS_SHOWN - 1))
    rows = MonthlyFigure.objects.filter(
        point=point, metric=KIOSK_METRIC, month__gte=first, month__lte=last_published
    ).values_list("key", "month", "value", "hidden")
    return {(key, month): (value, hidden) for key, month, value, hidden in rows}


def moods_table(point, *, last_published):
    """The kiosk's moods by published month: hidden where fewer than five people (or
    whatever would reveal them) are behind a number, and sums hidden with their parts."""
    if last_published is None:
        return None
    published = published_moods(point, last_published=last_published)
    months = [add_months(last_published, -n) for n in range(MONTHS_SHOWN - 1, -1, -1)]

    scope = f"point:{point.pk}"

    def figure(key, month):
        parts = MOOD_KEYS if key == TOTAL_KEY else [key]
        basis = Basis("sum", tuple(((KIOSK_METRIC, part, month, scope), 1) for part in parts))
        value, hidden = published.get((key, month), (0, False))
        if hidden:
            return Figure(None, suppressed=True, basis=basis)
        return Figure(value, basis=basis)

    def figures_of(month):
        return [figure(key, month) for key in MOOD_KEYS] + [figure(TOTAL_KEY, month)]

    return _table_with_totals(
        slug="kiosk-moods",
        title=_("Moods at the kiosk"),
        description="",
        row_heading=_("Month"),
        columns=[label for _mood, label in MOODS] + [_("Answers")],
        months=months,
        figures_of=figures_of,
    )
