"""The dashboard's tables, built from the published monthly figures.

Each month's figures were protected when the month was published (see
`figures`): a figure under five people, and whatever would reveal it, is
hidden. Everything else here (a whole period, all sources of an answer, an
average, a share) is worked out from those figures only, and is hidden when
any figure it needs is: so no choice of period or area can reveal more than the
published months do. Each figure also carries its basis (what it is made of),
which the tests use to attack everything a role can ask for at once.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideahautomo.events.models import Event
from ideahautomo.lib import disclosure
from ideahautomo.lib.disclosure import Basis, Figure

from . import charts
from .figures import (
    ACTIVE_METRIC,
    ALL_AREAS,
    AVERAGE_KEY,
    KEYS,
    MOOD_KEYS,
    TOTAL_KEY,
    add_months,
)
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
    ("mentoring_requests", gettext_lazy("Requests for mentoring")),
    ("mentorings_started", gettext_lazy("Mentorings started")),
    ("mentorings_ended", gettext_lazy("Mentorings ended")),
    ("check_in_mentor_helped", gettext_lazy("Check-ins: a mentor helped")),
]
MOOD_SOURCES = [
    ("check_in_mood", gettext_lazy("Monthly check-ins")),
    ("service_feedback_mood", gettext_lazy("Service feedback")),
    ("event_feedback_mood", gettext_lazy("Event feedback")),
    ("mentoring_feedback_mood", gettext_lazy("Mentees' feedback on mentoring")),
]
OUTCOMES = [
    (Situation.EMPLOYED, gettext_lazy("Employed")),
    (Situation.GIG_WORK, gettext_lazy("Part-time or gig work")),
    (Situation.PAY_SUBSIDY, gettext_lazy("Pay-subsidised work")),
    (Situation.BUSINESS, gettext_lazy("Started a business")),
    (Situation.LIGHT_BUSINESS, gettext_lazy("Light entrepreneurship or cooperative")),
    (Situation.STUDYING, gettext_lazy("Studying")),
    (Situation.VOLUNTEERING, gettext_lazy("Volunteering")),
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
    # The months whose written feedback may be shown (see `comment_months`).
    comment_months: list = field(default_factory=list)

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
        return bool(self.comment_months)


def _months(first, last):
    return [add_months(first, index) for index in range(months_between(first, last))]


def _month_label(month):
    return date_format(month, "YEAR_MONTH_FORMAT")


class Published:
    """The published figures of one area (or of all areas together) by month."""

    def __init__(self, rows, *, area):
        self.rows = rows  # {(metric, key, month): (value, hidden)}
        self.scope = area.pk if area is not None else ALL_AREAS

    def count(self, metric, month, key=TOTAL_KEY):
        """A published count: one figure of a month's protected table."""
        parts = KEYS[metric] if key == TOTAL_KEY and metric in KEYS else [key]
        basis = Basis("sum", tuple(((metric, part, month, self.scope), 1) for part in parts))
        value, hidden = self.rows.get((metric, key, month), (0, False))
        if hidden:
            return Figure(None, suppressed=True, basis=basis)
        return Figure(value, basis=basis)

    def average(self, metric, month):
        """The month's average answer: worked out from the counts when all are shown, else
        the one published with them (if any)."""
        figure = mean([self.count(metric, month, key) for key in MOOD_KEYS])
        stored = self.rows.get((metric, AVERAGE_KEY, month))
        if figure.suppressed and stored is not None and not stored[1]:
            return Figure(stored[0] / 10, derived=True, basis=figure.basis)
        return figure


def total(figures):
    """The sum of published counts; hidden when any of them is."""
    figures = list(figures)
    basis = Basis("sum", tuple(term for figure in figures for term in figure.basis.terms))
    if any(figure.suppressed for figure in figures):
        return Figure(None, suppressed=True, derived=True, basis=basis)
    return Figure(sum(figure.value for figure in figures), basis=basis)


def mean(counts):
    """The average mood from the counts of moods 1 to 5; hidden unless every count is shown."""
    terms = tuple(
        (name, mood)
        for (mood, _label), figure in zip(MOODS, counts, strict=True)
        for name, _weight in figure.basis.terms
    )
    basis = Basis("mean", terms, whole=tuple(name for name, _weight in terms))
    if any(figure.suppressed for figure in counts):
        return Figure(None, suppressed=True, derived=True, basis=basis)
    weighted = sum(
        mood * figure.value for (mood, _label), figure in zip(MOODS, counts, strict=True)
    )
    result = disclosure.mean(weighted, sum(figure.value for figure in counts))
    return Figure(result.value, suppressed=result.suppressed, derived=True, basis=basis)


def share(part, whole):
    """part out of whole in per cent; hidden unless both are shown (and enough people)."""
    basis = Basis(
        "share", part.basis.terms, whole=tuple(name for name, _weight in whole.basis.terms)
    )
    if part.suppressed or whole.suppressed:
        result = disclosure.HIDDEN_SHARE
    else:
        result = disclosure.share(part.value, whole.value)
    return Figure(result.value, suppressed=result.suppressed, unit="%", derived=True, basis=basis)


def _has_data(counts):
    """Whether any of these counts has people in it (hidden ones do)."""
    return any(figure.suppressed or figure.value for figure in counts)


def _counts_of(rows, columns=None):
    return [figure for _label, figures in rows for figure in figures[:columns]]


def _table_with_totals(*, slug, title, description, row_heading, columns, months, figures_of):
    """Months as rows, and the whole period as the total of each column."""
    rows = [(_month_label(month), figures_of(month)) for month in months]
    totals = [total(column) for column in zip(*(figures for _label, figures in rows), strict=True)]
    return Table(
        has_data=_has_data(_counts_of(rows)),
        slug=slug,
        title=title,
        description=description,
        row_heading=row_heading,
        columns=columns,
        rows=rows,
        total=(_("Whole period"), totals),
    )


def accounts_table(published, months):
    table = _table_with_totals(
        slug="accounts",
        title=_("Accounts"),
        description=_(
            "Accounts ordered for clients and accounts the clients took into use, by month. "
            "Invitations of staff, mentors and partners are counted apart."
        ),
        row_heading=_("Month"),
        columns=[
            _("Accounts ordered"),
            _("Accounts taken into use"),
            _("Staff, mentor and partner invitations"),
        ],
        months=months,
        figures_of=lambda month: [
            published.count("accounts_ordered", month),
            published.count("accounts_accepted", month),
            published.count("staff_invited", month),
        ],
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


def active_table(published, months):
    rows = [(_month_label(month), [published.count(ACTIVE_METRIC, month)]) for month in months]
    return Table(
        has_data=_has_data(_counts_of(rows)),
        slug="active",
        title=_("Active members"),
        description=_(
            "Members who signed in during the 30 days before the last update of each month. "
            "Months before the first update show 0."
        ),
        row_heading=_("Month"),
        columns=[_("Active members")],
        rows=rows,
    )


def activity_table(published, months):
    return _table_with_totals(
        slug="activity",
        title=_("Activity"),
        description=_("What members did together, by month."),
        row_heading=_("Month"),
        columns=[str(label) for _metric, label in ACTIVITY_METRICS],
        months=months,
        figures_of=lambda month: [
            published.count(metric, month) for metric, _label in ACTIVITY_METRICS
        ],
    )


def event_kinds_table(published, months):
    """Events held and their participants by the type of event, over the whole period."""
    rows = [
        (
            str(label),
            [
                total(published.count(metric, month, kind) for month in months)
                for metric in ("events_held", "event_attendance")
            ],
        )
        for kind, label in Event.Kind.choices
    ]
    whole = [
        total(published.count(metric, month) for month in months)
        for metric in ("events_held", "event_attendance")
    ]
    return Table(
        has_data=_has_data(_counts_of(rows)),
        slug="event-kinds",
        title=_("Events by type"),
        description=_("Events held and the people who took part in them, by type of event."),
        row_heading=_("Type of event"),
        columns=[_("Events held"), _("Event participants")],
        rows=rows,
        total=(_("All types"), whole),
    )


def moods_table(published, months):
    rows, by_source = [], []
    for metric, label in MOOD_SOURCES:
        counts = [
            total(published.count(metric, month, key) for month in months) for key in MOOD_KEYS
        ]
        answers = total(published.count(metric, month) for month in months)
        by_source.append(counts)
        rows.append((str(label), [*counts, answers, mean(counts)]))
    all_counts = [total(column) for column in zip(*by_source, strict=True)]
    all_answers = total(figures[len(MOOD_KEYS)] for _label, figures in rows)
    table = Table(
        has_data=_has_data(_counts_of(rows, len(MOOD_KEYS) + 1)),
        slug="moods",
        title=_("Moods"),
        description=_(
            "How people answered the mood question, from 1 (very bad) to 5 (very good), "
            "over the whole period."
        ),
        row_heading=_("Answered in"),
        columns=[f"{mood} – {name}" for mood, name in MOODS] + [_("Answers"), _("Average")],
        rows=rows,
        total=(_("All answers"), [*all_counts, all_answers, mean(all_counts)]),
    )
    table.chart = charts.bar_chart(
        title=_("All mood answers of the period"),
        description=_(
            "Bar chart of how many answers gave each mood from 1 (very bad) to 5 (very good). "
            "The numbers are in the table below; groups with fewer than 5 are not drawn."
        ),
        labels=[str(mood) for mood, _name in MOODS],
        figures=all_counts,
    )
    return table


def mood_trend_table(published, months):
    rows = [
        (
            _month_label(month),
            [published.average(metric, month) for metric, _label in MOOD_SOURCES],
        )
        for month in months
    ]
    table = Table(
        has_data=_has_data(
            published.count(metric, month) for metric, _label in MOOD_SOURCES for month in months
        ),
        slug="mood-trend",
        title=_("Average mood by month"),
        description=_(
            "The average answer from 1 (very bad) to 5 (very good), shown where it cannot "
            "be used to work out a hidden number."
        ),
        row_heading=_("Month"),
        columns=[str(label) for _metric, label in MOOD_SOURCES],
        rows=rows,
    )
    table.chart = charts.line_chart(
        title=_("Average mood by month"),
        description=_(
            "Line chart with one line for each way of answering, on a scale from 1 to 5. "
            "The numbers are in the table below; hidden months are not drawn."
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


def outcomes_table(published, months):
    metric = "check_in_situation"

    def shares(answers, situations):
        return [answers] + [share(situations[situation], answers) for situation, _l in OUTCOMES]

    rows = [
        (
            _month_label(month),
            shares(
                published.count(metric, month),
                {key: published.count(metric, month, key) for key, _label in OUTCOMES},
            ),
        )
        for month in months
    ]
    whole = shares(
        total(published.count(metric, month) for month in months),
        {
            key: total(published.count(metric, month, key) for month in months)
            for key, _label in OUTCOMES
        },
    )
    return Table(
        has_data=_has_data(_counts_of(rows, 1)),
        slug="outcomes",
        title=_("Outcomes"),
        description=_(
            "What members told about their situation in their monthly check-in: "
            "the share of answers, in per cent."
        ),
        row_heading=_("Month"),
        columns=[_("Answers")] + [str(label) for _situation, label in OUTCOMES],
        rows=rows,
        total=(_("Whole period"), whole),
    )


def comment_months(published, months):
    """The months whose written service feedback may be shown: at least five people
    answered then, by the published figure."""
    return [
        month
        for month in months
        if (answers := published.count("service_feedback_mood", month)).is_published
        and answers.value >= disclosure.THRESHOLD
    ]


def dashboard_build(*, rows, area, first, last):
    months = _months(first, last)
    published = Published(rows, area=area)
    tables = [
        accounts_table(published, months),
        active_table(published, months),
        activity_table(published, months),
        event_kinds_table(published, months),
        moods_table(published, months),
        mood_trend_table(published, months),
        outcomes_table(published, months),
    ]
    for table in tables:
        if table.chart:
            table.chart["svg"] = charts.chart_svg(table.chart, f"{table.slug}-chart")
    return Dashboard(
        first=first,
        last=last,
        area=area,
        tables=tables,
        comment_months=comment_months(published, months),
    )
