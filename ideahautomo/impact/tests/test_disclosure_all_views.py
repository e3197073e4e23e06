"""Everything the project manager or a contact person can ask for, attacked at once.

Random months of counts in two areas (and among people without an area) are
published as the nightly refresh publishes them. Then every dashboard the role can
open is built: all areas together and each area, for every period of consecutive
months; with the events' feedback as their organisers see it. Every figure carries
its basis (what it is made of), so the attacker gets each published one as a fact
about the unknown counts: a count is a sum, an average or a share rounded to one
decimal bounds a weighted sum. They also know that a hidden count is at least 1,
that an event's "fewer than 5" means 1 to 4, that a check-in's situation and mood
come together, so in each area they add up alike, and that the mentoring figures are
groups inside one another (started of the requests, ended of the started, the mentees'
feedback of the ended, and the check-ins where a mentor helped of those answered).

For each hidden count, and each hidden total, they solve integer programs for its
smallest and largest value. None may be pinned down; no hidden part of a row or a
column of a month's table, no hidden whole-period sum, no count of the people
without an area, and no difference of a nested pair (requests minus started, say) in
an area or all areas, in a month or a period, may be pinned down to a value from 1
to 4. Every published figure
must be the true one.
"""

import datetime
from collections import defaultdict
from itertools import combinations_with_replacement

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideahautomo.accounts.models import Municipality
from ideahautomo.events.models import FEEDBACK_TIME, Feedback
from ideahautomo.events.selectors import feedback_figures, feedback_result
from ideahautomo.events.tests.factories import EventFactory
from ideahautomo.impact import dashboards, figures, selectors
from ideahautomo.impact.audit import System
from ideahautomo.impact.models import MonthlyFigure, PublishedMonth
from ideahautomo.lib.disclosure import THRESHOLD

pytestmark = pytest.mark.django_db

MONTHS = [datetime.date(2026, 3, 1), datetime.date(2026, 4, 1), datetime.date(2026, 5, 1)]
SITUATIONS = figures.KEYS["check_in_situation"]
MOOD_KEYS = figures.MOOD_KEYS
# Rounding to one decimal leaves at most half a tenth either way (a little more for floats).
SLACK = 0.05 + 1e-9

small = st.one_of(st.integers(0, 4), st.integers(0, 9), st.integers(0, 30))


@st.composite
def spread(draw, total, keys):
    """total answers spread over keys, leaning on a few keys."""
    counts = dict.fromkeys(keys, 0)
    favourites = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=3))
    for _ in range(total):
        counts[draw(st.sampled_from([*favourites, draw(st.sampled_from(keys))]))] += 1
    return counts


@st.composite
def months_of_counts(draw):
    """{month: {area name: {(metric, key): count}}}, areas "a", "b" and None."""
    data = {}
    for month in MONTHS:
        data[month] = {}
        for area in ("a", "b", None):
            counts = {("accounts_ordered", ""): draw(small)}
            answers = draw(small)
            for key, count in draw(spread(answers, SITUATIONS)).items():
                counts["check_in_situation", key] = count
            for key, count in draw(spread(answers, MOOD_KEYS)).items():
                counts["check_in_mood", key] = count
            for key, count in draw(spread(draw(small), MOOD_KEYS)).items():
                counts["service_feedback_mood", key] = count
            for metric, key, value in draw(mentoring_chain(answers)):
                counts[metric, key] = value
            data[month][area] = counts
    return data


@st.composite
def mentoring_chain(draw, answers):
    """The mentoring figures of one area's month, each group inside the one before:
    [(metric, key, count)]."""
    requests = draw(small)
    started = requests - draw(st.integers(0, requests))
    ended = started - draw(st.integers(0, started))
    feedback = ended - draw(st.integers(0, ended))
    helped = answers - draw(st.integers(0, answers))
    found = [
        ("mentoring_requests", "", requests),
        ("mentorings_started", "", started),
        ("mentorings_ended", "", ended),
        ("check_in_mentor_helped", "", helped),
    ]
    moods = draw(spread(feedback, MOOD_KEYS))
    return found + [("mentoring_feedback_mood", key, count) for key, count in moods.items()]


# (part, whole) pairs of figures whose groups lie inside one another, with the keys that
# make up each.
MENTORING = ("mentoring_requests", "mentorings_started", "mentorings_ended")
NESTED = [
    (("mentorings_started", [""]), ("mentoring_requests", [""])),
    (("mentorings_ended", [""]), ("mentorings_started", [""])),
    (("mentorings_ended", [""]), ("mentoring_requests", [""])),
    (("mentoring_feedback_mood", MOOD_KEYS), ("mentorings_ended", [""])),
    (("mentoring_feedback_mood", MOOD_KEYS), ("mentorings_started", [""])),
    (("mentoring_feedback_mood", MOOD_KEYS), ("mentoring_requests", [""])),
    (("check_in_mentor_helped", [""]), ("check_in_situation", SITUATIONS)),
]


events = st.lists(
    st.tuples(
        st.sampled_from(MONTHS),
        st.sampled_from(["a", None]),
        st.lists(st.integers(1, 5), min_size=0, max_size=14),
    ),
    max_size=3,
)


def _publish(data, areas, event_specs, helsinki):
    """Publish the months, with event feedback closing in them; returns the events'
    answers by event: {event: {mood: count}}."""
    answers = {}
    for month, area, moods in event_specs:
        closes = timezone.make_aware(
            datetime.datetime.combine(month.replace(day=15), datetime.time(12))
        )
        ends = closes - FEEDBACK_TIME
        event = EventFactory(
            municipality=helsinki if area == "a" else None,
            starts_at=ends - datetime.timedelta(hours=2),
            ends_at=ends,
        )
        Feedback.objects.bulk_create(Feedback(event=event, mood=mood) for mood in moods)
        answers[event] = {mood: moods.count(mood) for mood in range(1, 6)}
    feedback = figures._event_feedback_by_month(MONTHS)
    for month in MONTHS:
        counts = [
            (areas[area].pk if area else None, metric, key, value)
            for area, by_key in data[month].items()
            for (metric, key), value in by_key.items()
            if value
        ]
        MonthlyFigure.objects.bulk_create(figures.publish_month(month, counts, feedback[month]))
        PublishedMonth.objects.create(month=month)
    return answers


class Attack:
    """The attacker's unknowns and facts, and the truth to check published figures by."""

    def __init__(self, data, areas, answers):
        self.truth = defaultdict(int)
        for month, by_area in data.items():
            for area, by_key in by_area.items():
                for (metric, key), value in by_key.items():
                    self.truth[metric, key, month, areas[area].pk if area else None] = value
        self.areas = [areas["a"].pk, areas["b"].pk, None]
        self.events = defaultdict(list)  # (month, area id) -> events counted in impact
        self.event_areas = {}
        for event, counts in answers.items():
            for mood, count in counts.items():
                self.truth["event", event.pk, str(mood)] = count
            closed = figures.first_of_month(timezone.localdate(event.feedback_closes_at))
            area = areas["a"].pk if event.municipality_id else None
            # Impact counts an event's feedback when its organisers were shown how many
            # answered: five answers of five different moods show as hidden, as the
            # total would tell each mood.
            if feedback_figures(counts).row_totals[0].is_published:
                self.events[closed, area].append(event.pk)
        self.system = System()
        self.known = set()
        self.hidden_counts = []  # (atoms, shown hidden: any pinned value is a leak)
        self.hidden_sums = []  # atoms whose sum must not be pinned to 1-4

    def atoms(self, name):
        """The unknown counts behind one name of a basis."""
        metric, key, month, scope = name
        areas = self.areas if scope == figures.ALL_AREAS else [scope]
        if metric == figures.EVENT_FEEDBACK_METRIC:
            return [("event", event, key) for area in areas for event in self.events[month, area]]
        return [(metric, key, month, area) for area in areas]

    def variable(self, atom):
        if atom not in self.system.names:
            self.system.count(atom)

    def fact(self, weights, low, high):
        if not weights:
            return
        for atom in weights:
            self.variable(atom)
        key = (tuple(sorted(weights.items(), key=repr)), low, high)
        if key not in self.known:
            self.known.add(key)
            self.system.fact(weights, low, high)

    def value(self, weights):
        return sum(self.truth[atom] * weight for atom, weight in weights.items())

    def learn(self, figure):
        """Take a published or hidden figure as what it tells."""
        basis = figure.basis
        assert basis is not None, figure
        terms = defaultdict(float)
        for name, weight in basis.terms:
            for atom in self.atoms(name):
                terms[atom] += weight
        whole = defaultdict(float)
        for name in basis.whole:
            for atom in self.atoms(name):
                whole[atom] += 1
        if basis.kind == "sum":
            if figure.is_published:
                assert figure.value == self.value(terms), basis
                self.fact(terms, figure.value, figure.value)
            elif terms:
                for atom in terms:
                    self.variable(atom)
                if figure.derived:
                    self.hidden_sums.append(terms)
                else:
                    self.fact(terms, 1, None)
                    self.hidden_counts.append(terms)
            return
        if not figure.is_published:
            return
        if basis.kind == "mean":
            people = self.value(whole)
            assert round(self.value(terms) / people, 1) == figure.value, basis
            weights = {atom: terms[atom] - figure.value * whole[atom] for atom in whole}
        else:
            people = self.value(whole)
            assert round(100 * self.value(terms) / people, 1) == figure.value, basis
            weights = {atom: 100 * terms[atom] - figure.value * whole[atom] for atom in whole}
        slack = {atom: SLACK * whole[atom] for atom in whole}
        self.fact({a: weights[a] - slack[a] for a in whole}, None, 0)
        self.fact({a: weights[a] + slack[a] for a in whole}, 0, None)

    def learn_event(self, event, result):
        atoms = [("event", event.pk, key) for key in MOOD_KEYS]
        total = dict.fromkeys(atoms, 1)
        if result.answers.is_published:
            assert result.answers.value == self.value(total)
            self.fact(total, result.answers.value, result.answers.value)
        else:
            # "Fewer than 5 gave feedback", or a total hidden with its moods: a true fact
            # either way.
            small = self.value(total) < THRESHOLD
            self.fact(total, 1, THRESHOLD - 1 if small else None)
            self.hidden_counts.append(total)
            return
        for atom, (_mood, _label, figure) in zip(atoms, result.distribution, strict=True):
            if figure.is_published:
                assert figure.value == self.truth[atom]
                self.fact({atom: 1}, figure.value, figure.value)
            else:
                self.fact({atom: 1}, 1, None)
                self.hidden_counts.append({atom: 1})
        if result.mean.is_published:
            weights = {atom: int(atom[2]) - result.mean.value for atom in atoms}
            self.fact({a: w - SLACK for a, w in weights.items()}, None, 0)
            self.fact({a: w + SLACK for a, w in weights.items()}, 0, None)

    def link_check_ins(self):
        for month in MONTHS:
            for area in self.areas:
                weights = {("check_in_situation", key, month, area): 1 for key in SITUATIONS}
                weights.update({("check_in_mood", key, month, area): -1 for key in MOOD_KEYS})
                self.fact(weights, 0, 0)
                for part, whole in NESTED:
                    self.fact(self.difference(part, whole, [month], [area]), 0, None)

    @staticmethod
    def difference(part, whole, months, areas):
        """The atoms of whole minus part over the months and areas."""
        (part, part_keys), (whole, whole_keys) = part, whole
        weights = {}
        for month in months:
            for area in areas:
                weights.update({(whole, key, month, area): 1 for key in whole_keys})
                weights.update({(part, key, month, area): -1 for key in part_keys})
        return weights

    def leaks(self):
        questions = [("hidden figure pinned", terms) for terms in self.hidden_counts]
        lines = list(self.hidden_sums)
        for month in MONTHS:
            for metric, keys in (
                ("accounts_ordered", [""]),
                ("check_in_situation", SITUATIONS),
                ("check_in_mood", MOOD_KEYS),
                ("service_feedback_mood", MOOD_KEYS),
                *((metric, [""]) for metric in MENTORING),
                ("check_in_mentor_helped", [""]),
                ("mentoring_feedback_mood", MOOD_KEYS),
            ):
                hidden = {
                    (key, area)
                    for key in keys
                    for area in self.areas
                    if area is None or (metric, key, month, area) in self.hidden_atoms
                }
                for area in self.areas:
                    lines.append({(metric, k, month, a): 1 for k, a in hidden if a == area})
                for key in keys:
                    lines.append({(metric, k, month, a): 1 for k, a in hidden if k == key})
                lines.extend({(metric, key, month, None): 1} for key in keys)
        for terms in lines:
            terms = {atom: weight for atom, weight in terms.items() if atom in self.system.names}
            if terms and 0 < self.value(terms) < THRESHOLD:
                questions.append(("small sum pinned", terms))
        for first, last in _periods():
            months = [month for month in MONTHS if first <= month <= last]
            for areas in [[area] for area in self.areas] + [self.areas]:
                for part, whole in NESTED:
                    terms = self.difference(part, whole, months, areas)
                    if 0 < self.value(terms) < THRESHOLD:
                        questions.append(("difference of nested figures pinned", terms))
        pinned = self.system.pinned([(terms, self.value(terms)) for _kind, terms in questions])
        return [
            (kind, sorted(terms, key=repr), self.value(terms))
            for (kind, terms), is_pinned in zip(questions, pinned, strict=True)
            if is_pinned
        ]


def _periods():
    return [
        (MONTHS[first], MONTHS[last])
        for first, last in combinations_with_replacement(range(len(MONTHS)), 2)
    ]


def _attack(data, event_specs, cast, *, role):
    helsinki = Municipality.objects.get(code="091")
    helsinki.employment_area = cast.area
    helsinki.save()
    areas = {"a": cast.area, "b": cast.other_area}
    answers = _publish(data, areas, event_specs, helsinki)
    attack = Attack(data, areas, answers)
    scopes = [cast.area] if role == "contact_person" else [None, cast.area, cast.other_area]
    attack.hidden_atoms = set()
    for area in scopes:
        for first, last in _periods():
            rows = selectors.published_figures(area=area, first=first, last=last)
            board = dashboards.dashboard_build(rows=rows, area=area, first=first, last=last)
            for table in board.tables:
                every = [figure for _label, row in table.rows for figure in row]
                every += table.total[1] if table.total else []
                for figure in every:
                    attack.learn(figure)
                    terms = figure.basis.terms
                    if figure.suppressed and not figure.derived and len(terms) == 1:
                        attack.hidden_atoms.update(attack.atoms(terms[0][0]))
    later = timezone.make_aware(datetime.datetime(2027, 1, 1))
    for event in answers:
        attack.learn_event(event, feedback_result(event=event, now=later))
    attack.link_check_ins()
    return attack.leaks()


attack_settings = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@attack_settings
@given(data=months_of_counts(), event_specs=events)
def test_nothing_the_project_manager_can_ask_for_gives_a_small_group_away(cast, data, event_specs):
    with transaction.atomic():
        leaks = _attack(data, event_specs, cast, role="project_manager")
        transaction.set_rollback(True)
    assert leaks == []


@attack_settings
@given(data=months_of_counts(), event_specs=events)
def test_nothing_a_contact_person_can_ask_for_gives_a_small_group_away(cast, data, event_specs):
    with transaction.atomic():
        leaks = _attack(data, event_specs, cast, role="contact_person")
        transaction.set_rollback(True)
    assert leaks == []
