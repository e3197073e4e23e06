"""The dashboard's tables, built from the stored monthly figures.

Every number passes through `disclosure` before anyone sees it, on the page
or in an export: a cell under five people shows "< 5", and enough others
with it that it cannot be worked out from the totals.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts, disclosure
from .figures import ACTIVE_METRIC, add_months
from .forms import months_between
from .models import MOODS, Situation

ACTIVITY_METRICS = [
    ("ideas_created", gettext_lazy("Ideas published")),
    ("teams_formed", gettext_lazy("Ideas that got a team")),
    ("team_members_joined", gettext_lazy("People who joined a team")),
    ("circles_started", gettext_lazy("Circles started")),
    ("circle_sessions_held", gettext_lazy("Circle meetings held")),
    ("circle_session_attendance", gettext_lazy("Circle meeting participants")),
    ("events_held", gettext_lazy("Events held")),
    ("event_registrations", gettext_lazy("Event registrations")),
    ("event_attendance", gettext_lazy("Event participants")),
]
MOOD_SOURCES = [
    ("check_in_mood", gettext_lazy("Monthly check-ins")),
    ("service_feedback_mood", gettext_lazy("Service feedback")),
    ("event_feedback_mood", gettext_lazy("Event feedback")),
]
OUTCOMES = [
    (Situation.EMPLOYED, gettext_lazy("Employed")),
    (Situation.BUSINESS, gettext_lazy("Started a business")),
    (Situation.STUDYING, gettext_lazy("Studying")),
]


@dataclass
class Table:
    """One table of the dashboard: rows of a label and its figures."""

    slug: str
    title: str
    description: str
    row_heading: str
    columns: list
    rows: list  # [(label, [Figure, ...]), ...]
    # Whether any of the counts behind the table is above zero.
    has_data: bool = False
    total: tuple | None = None  # (label, [Figure or None, ...])
    chart: dict | None = field(default=None)

    @property
    def is_empty(self):
        return not self.has_data

    @property
    def labelled_rows(self):
        """The rows with each figure beside its column's name, for phones' stacked tables."""
        return [
            (label, list(zip(self.columns, figures, strict=True))) for label, figures in self.rows
        ]

    @property
    def labelled_total(self):
        if self.total is None:
            return None
        label, figures = self.total
        return label, list(zip(self.columns, figures, strict=True))


@dataclass
class Dashboard:
    first: object
    last: object
    area: object
    tables: list
    feedback_respondents: int

    @property
    def is_empty(self):
        return all(table.is_empty for table in self.tables)

    @property
    def area_name(self):
        return self.area.name if self.area else _("All employment areas")

    @property
    def period_label(self):
        return f"{date_format(self.first, 'YEAR_MONTH_FORMAT')} – " + date_format(
            self.last, "YEAR_MONTH_FORMAT"
        )

    @property
    def shows_comments(self):
        return self.feedback_respondents >= disclosure.THRESHOLD


def _months(first, last):
    return [add_months(first, index) for index in range(months_between(first, last))]


def _month_label(month):
    return date_format(month, "YEAR_MONTH_FORMAT")


def _value(totals, metric, month, key=""):
    return totals.get((metric, key), {}).get(month, 0)


def _combined(figure, parts):
    """A figure over several groups, hidden when a part with people in it is hidden.

    An average or a share over the whole, next to those of its parts, would
    otherwise give back the hidden part's figure by subtraction.
    """
    if any(part.suppressed for part, people in parts if people):
        return disclosure.HIDDEN_SHARE if figure.unit == "%" else disclosure.HIDDEN_MEAN
    return figure


def _mean(counts):
    weighted = sum(mood * count for (mood, _name), count in zip(MOODS, counts, strict=True))
    return disclosure.mean(weighted, sum(counts))


def _has_data(grid):
    return any(value for row in grid for value in row)


def _protected_table(*, slug, title, description, row_heading, columns, labels, grid):
    protected = disclosure.protect(grid, row_totals=False, column_totals=True)
    return Table(
        has_data=_has_data(grid),
        slug=slug,
        title=title,
        description=description,
        row_heading=row_heading,
        columns=columns,
        rows=list(zip(labels, protected.cells, strict=True)),
        total=(_("Whole period"), list(protected.column_totals)),
    )


def accounts_table(totals, months):
    columns = [_("Accounts ordered"), _("Accounts taken into use")]
    grid = [
        [_value(totals, "accounts_ordered", month), _value(totals, "accounts_accepted", month)]
        for month in months
    ]
    table = _protected_table(
        slug="accounts",
        title=_("Accounts"),
        description=_(
            "Accounts ordered for clients and accounts the clients took into use, by month."
        ),
        row_heading=_("Month"),
        columns=columns,
        labels=[_month_label(month) for month in months],
        grid=grid,
    )
    table.chart = charts.bar_chart(
        title=_("Accounts taken into use by month"),
        description=_(
            "Bar chart. The numbers are in the table below; months with fewer than 5 are not drawn."
        ),
        labels=[date_format(month, "n/Y") for month in months],
        figures=[figures[1] for _label, figures in table.rows],
    )
    return table


def active_table(totals, months):
    values = [_value(totals, ACTIVE_METRIC, month) for month in months]
    return Table(
        has_data=any(values),
        slug="active",
        title=_("Active members"),
        description=_(
            "Members who signed in during the 30 days before the last update of each month. "
            "Months before the first update show 0."
        ),
        row_heading=_("Month"),
        columns=[_("Active members")],
        rows=[
            (_month_label(month), [disclosure.counts(value)])
            for month, value in zip(months, values, strict=True)
        ],
    )


def activity_table(totals, months):
    return _protected_table(
        slug="activity",
        title=_("Activity"),
        description=_("What members did together, by month."),
        row_heading=_("Month"),
        columns=[str(label) for _metric, label in ACTIVITY_METRICS],
        labels=[_month_label(month) for month in months],
        grid=[
            [_value(totals, metric, month) for metric, _label in ACTIVITY_METRICS]
            for month in months
        ],
    )


def _mood_counts(totals, metric, months):
    return [sum(_value(totals, metric, month, str(mood)) for month in months) for mood, _ in MOODS]


def moods_table(totals, months):
    grid = [_mood_counts(totals, metric, months) for metric, _label in MOOD_SOURCES]
    protected = disclosure.protect(grid, row_totals=True, column_totals=True)
    rows, source_means = [], []
    for (metric, label), cells, row_total, counts in zip(
        MOOD_SOURCES, protected.cells, protected.row_totals, grid, strict=True
    ):
        monthly = [
            (_mean(month_counts), sum(month_counts))
            for month_counts in (
                [_value(totals, metric, month, str(mood)) for mood, _name in MOODS]
                for month in months
            )
        ]
        average = _combined(_mean(counts), monthly)
        source_means.append((average, sum(counts)))
        rows.append((str(label), [*cells, row_total, average]))
    all_counts = [sum(column) for column in zip(*grid, strict=True)]
    total = (
        _("All answers"),
        [*protected.column_totals, protected.total, _combined(_mean(all_counts), source_means)],
    )
    table = Table(
        has_data=_has_data(grid),
        slug="moods",
        title=_("Moods"),
        description=_(
            "How people answered the mood question, from 1 (very bad) to 5 (very good), "
            "over the whole period."
        ),
        row_heading=_("Answered in"),
        columns=[f"{mood} – {name}" for mood, name in MOODS] + [_("Answers"), _("Average")],
        rows=rows,
        total=total,
    )
    table.chart = charts.bar_chart(
        title=_("All mood answers of the period"),
        description=_(
            "Bar chart of how many answers gave each mood from 1 (very bad) to 5 (very good). "
            "The numbers are in the table below; groups with fewer than 5 are not drawn."
        ),
        labels=[str(mood) for mood, _name in MOODS],
        figures=list(protected.column_totals),
    )
    return table


def mood_trend_table(totals, months):
    rows, has_data = [], False
    for month in months:
        figures = []
        for metric, _label in MOOD_SOURCES:
            counts = [_value(totals, metric, month, str(mood)) for mood, _name in MOODS]
            has_data = has_data or any(counts)
            figures.append(_mean(counts))
        rows.append((_month_label(month), figures))
    table = Table(
        has_data=has_data,
        slug="mood-trend",
        title=_("Average mood by month"),
        description=_("The average answer from 1 (very bad) to 5 (very good)."),
        row_heading=_("Month"),
        columns=[str(label) for _metric, label in MOOD_SOURCES],
        rows=rows,
    )
    table.chart = charts.line_chart(
        title=_("Average mood by month"),
        description=_(
            "Line chart with one line for each way of answering, on a scale from 1 to 5. "
            "The numbers are in the table below; months with fewer than 5 answers are not drawn."
        ),
        labels=[date_format(month, "n/Y") for month in months],
        series=[
            (str(label), [figures[index] for _label, figures in rows])
            for index, (_metric, label) in enumerate(MOOD_SOURCES)
        ],
        low=1,
        high=5,
    )
    return table


def outcomes_table(totals, months):
    situations = [situation for situation, _label in Situation.choices]

    def answered(month, situation=None):
        keys = [situation] if situation else situations
        return sum(_value(totals, "check_in_situation", month, key) for key in keys)

    answers = [[answered(month)] for month in months]
    protected = disclosure.protect(answers, row_totals=False, column_totals=True)
    rows = []
    for month, [people], [shown] in zip(months, answers, protected.cells, strict=True):
        figures = [shown]
        for situation, _label in OUTCOMES:
            figures.append(disclosure.share(answered(month, situation), people))
        rows.append((_month_label(month), figures))
    everyone = sum(people for [people] in answers)
    total = [protected.column_totals[0]]
    for index, (situation, _label) in enumerate(OUTCOMES, start=1):
        part = sum(answered(month, situation) for month in months)
        monthly = [
            (figures[index], people) for (_l, figures), [people] in zip(rows, answers, strict=True)
        ]
        total.append(_combined(disclosure.share(part, everyone), monthly))
    return Table(
        has_data=bool(everyone),
        slug="outcomes",
        title=_("Outcomes"),
        description=_(
            "What members told about their situation in their monthly check-in: "
            "the share of answers, in per cent."
        ),
        row_heading=_("Month"),
        columns=[_("Answers")] + [str(label) for _situation, label in OUTCOMES],
        rows=rows,
        total=(_("Whole period"), total),
    )


def dashboard_build(*, totals, area, first, last):
    months = _months(first, last)
    feedback_respondents = sum(
        _value(totals, "service_feedback_mood", month, str(mood))
        for month in months
        for mood, _name in MOODS
    )
    tables = [
        accounts_table(totals, months),
        active_table(totals, months),
        activity_table(totals, months),
        moods_table(totals, months),
        mood_trend_table(totals, months),
        outcomes_table(totals, months),
    ]
    for table in tables:
        if table.chart:
            table.chart["svg"] = charts.chart_svg(table.chart, f"{table.slug}-chart")
    return Dashboard(
        first=first,
        last=last,
        area=area,
        tables=tables,
        feedback_respondents=feedback_respondents,
    )
