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
    total: tuple | None = None  # (label, [Figure or None, ...])
    chart: dict | None = field(default=None)

    @property
    def is_empty(self):
        # A hidden figure stands for one to four people: something to show.
        return not any(
            figure.suppressed or figure.value for _label, figures in self.rows for figure in figures
        )

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


def _protected_table(*, slug, title, description, row_heading, columns, labels, grid):
    protected = disclosure.protect(grid, row_totals=False, column_totals=True)
    return Table(
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
    return Table(
        slug="active",
        title=_("Active members"),
        description=_(
            "Members who signed in during the 30 days before the last update of each month. "
            "Months before the first update show 0."
        ),
        row_heading=_("Month"),
        columns=[_("Active members")],
        rows=[
            (_month_label(month), [disclosure.counts(_value(totals, ACTIVE_METRIC, month))])
            for month in months
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
    rows = []
    for (_metric, label), cells, row_total, counts in zip(
        MOOD_SOURCES, protected.cells, protected.row_totals, grid, strict=True
    ):
        weighted = sum(mood * count for (mood, _name), count in zip(MOODS, counts, strict=True))
        rows.append((str(label), [*cells, row_total, disclosure.mean(weighted, sum(counts))]))
    all_counts = [sum(column) for column in zip(*grid, strict=True)]
    weighted = sum(mood * count for (mood, _name), count in zip(MOODS, all_counts, strict=True))
    total = (
        _("All answers"),
        [*protected.column_totals, protected.total, disclosure.mean(weighted, sum(all_counts))],
    )
    table = Table(
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
    rows = []
    for month in months:
        figures = []
        for metric, _label in MOOD_SOURCES:
            counts = [_value(totals, metric, month, str(mood)) for mood, _name in MOODS]
            weighted = sum(mood * count for (mood, _n), count in zip(MOODS, counts, strict=True))
            figures.append(disclosure.mean(weighted, sum(counts)))
        rows.append((_month_label(month), figures))
    table = Table(
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

    def row(month_list):
        answers = sum(
            _value(totals, "check_in_situation", month, situation)
            for month in month_list
            for situation in situations
        )
        figures = [disclosure.counts(answers)]
        for situation, _label in OUTCOMES:
            part = sum(
                _value(totals, "check_in_situation", month, situation) for month in month_list
            )
            figures.append(disclosure.share(part, answers))
        return figures

    return Table(
        slug="outcomes",
        title=_("Outcomes"),
        description=_(
            "What members told about their situation in their monthly check-in: "
            "the share of answers, in per cent."
        ),
        row_heading=_("Month"),
        columns=[_("Answers")] + [str(label) for _situation, label in OUTCOMES],
        rows=[(_month_label(month), row([month])) for month in months],
        total=(_("Whole period"), row(months)),
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
