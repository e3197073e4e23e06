"""A last check, before tables that share people are published, that together they give
no small group away; and of the average answers published beside them.

`disclosure.protect` keeps its promise for one table. Two of a month's tables are
about the same answers: every monthly check-in tells both the member's situation and
their mood, so in each area the situation counts and the mood counts add up to the
same number, whether or not that number is shown. Before such tables are published
they are attacked here by someone who knows every figure that will be shown, that
counts are whole numbers, that a hidden count is at least 1 (zeros are always shown)
and how the tables are linked. For each hidden figure they solve integer programs for
its smallest and largest possible value. `protect_linked` hides more until nothing
hidden can be pinned down, and no hidden part of a row or a column can be pinned down
to a value from 1 to 4.

Other figures are parts of one another without being the same people: a mentoring
started is a request accepted, an ended one was started, a mentee's feedback follows
an ended mentoring, and a check-in that says a mentor helped is one of the check-ins
answered. Subtracting the part from the whole gives a group nobody published (the
requests declined or still waiting), so the attacker is given each such difference as
an unknown of its own (`Links.nested`), knowing which way round it goes; a difference
pinned down to 1-4 people is a leak like any hidden count, and more is hidden until
there is none.

An average answer is a fact of the same kind: rounded to one decimal, it bounds a
weighted sum of the counts. Where every count behind it is shown it tells nothing new;
where some are hidden, `publishable_averages` keeps it only if the attacker, knowing it
too, still pins nothing down.
"""

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from ideahautomo.lib.disclosure import THRESHOLD, protect

# An upper bound for any count, far above any real one; the solver needs one.
LARGEST_COUNT = 10**7


class System:
    """Unknown whole counts of at least 0 and linear facts about them."""

    def __init__(self):
        self.names = {}
        self.lower = []
        self.upper = []
        self.facts = []  # (coefficients by index, low, high)
        self._built = None

    def count(self, name, *, low=0, high=LARGEST_COUNT):
        self._built = None
        self.names[name] = len(self.lower)
        self.lower.append(low)
        self.upper.append(high)

    def fact(self, terms, low, high):
        """low <= sum of coefficient x count <= high; terms: {name: coefficient}; a bound
        of None is no bound."""
        self._built = None
        low = -np.inf if low is None else low
        high = np.inf if high is None else high
        self.facts.append(({self.names[name]: weight for name, weight in terms.items()}, low, high))

    def _problem(self):
        """Bounds and constraints, built once for all the questions asked."""
        if self._built is None:
            size = len(self.lower)
            constraints = []
            if self.facts:
                matrix = np.zeros((len(self.facts), size))
                for row, (coefficients, _low, _high) in enumerate(self.facts):
                    for index, weight in coefficients.items():
                        matrix[row, index] = weight
                low = [low for _c, low, _high in self.facts]
                high = [high for _c, _low, high in self.facts]
                constraints.append(LinearConstraint(matrix, low, high))
            self._built = (Bounds(self.lower, self.upper), constraints, np.ones(size))
        return self._built

    def _optimum(self, objective):
        bounds, constraints, integrality = self._problem()
        solution = milp(objective, integrality=integrality, bounds=bounds, constraints=constraints)
        if not solution.success:
            raise ArithmeticError(f"Published figures contradict each other: {solution.message}")
        return solution

    def _solve(self, terms, sign):
        objective = np.zeros(len(self.lower))
        for name, weight in terms.items():
            objective[self.names[name]] = sign * weight
        return round(sign * self._optimum(objective).fun)

    def pinned(self, quantities, *, tries=3):
        """For each (terms, value), whether the sum can only have that value.

        A few solutions for random objectives come first: a quantity that has another
        value in any of them is not pinned, and most are settled so; the rest are
        solved for their own smallest and largest value.
        """
        vectors = [
            (np.array([self.names[name] for name in terms]), np.array(list(terms.values())))
            for terms, _value in quantities
        ]
        open_ = list(range(len(quantities)))
        random = np.random.default_rng(len(self.lower))
        for _ in range(tries):
            if not open_:
                break
            objective = random.normal(size=len(self.lower))
            for sign in (1, -1):
                x = np.round(self._optimum(sign * objective).x)
                open_ = [
                    k
                    for k in open_
                    if round(float(x[vectors[k][0]] @ vectors[k][1]), 6) == quantities[k][1]
                ]
        result = [False] * len(quantities)
        for k in open_:
            result[k] = self.is_pinned(*quantities[k])
        return result

    def smallest(self, terms):
        return self._solve(terms, 1)

    def largest(self, terms):
        return self._solve(terms, -1)

    def is_pinned(self, terms, value):
        """Whether the sum can only have the value it has (its true value)."""
        if self.smallest(terms) != value:
            return False
        return self.largest(terms) == value


@dataclass(frozen=True)
class Links:
    """How tables published together are linked, row by row (rows of the same index are
    the same area): `same` names the tables whose rows are the same people and so add up
    alike (all of them when None); `nested` holds (part, whole) pairs whose row totals
    are a group inside another one, so that whole minus part counts people too."""

    same: tuple = None
    nested: tuple = field(default=())

    def same_people(self, grids):
        return [name for name in grids if self.same is None or name in self.same]


# Every table given is about the same people, none inside another.
SAME_PEOPLE = Links()


def _difference(part, i):
    return ("difference", part, i)


def _system(grids, results, links=SAME_PEOPLE):
    """The unknowns of linked tables (rows of the same index are the same people)."""
    system = System()
    for name, grid in grids.items():
        for i, row in enumerate(grid):
            for j, value in enumerate(row):
                if results[name].cells[i][j].suppressed:
                    system.count((name, i, j), low=1)
                else:
                    system.count((name, i, j), low=value, high=value)
    for name, grid in grids.items():
        result = results[name]
        m, n = len(grid), len(grid[0])
        for i in range(m):
            if not result.row_totals[i].suppressed:
                value = result.row_totals[i].value
                system.fact({(name, i, j): 1 for j in range(n)}, value, value)
        for j in range(n):
            if not result.column_totals[j].suppressed:
                value = result.column_totals[j].value
                system.fact({(name, i, j): 1 for i in range(m)}, value, value)
        if not result.total.suppressed:
            value = result.total.value
            system.fact({(name, i, j): 1 for i in range(m) for j in range(n)}, value, value)
    first, *others = links.same_people(grids) or [None]
    for other in others:
        for i, row in enumerate(grids[first]):
            if sum(row) != sum(grids[other][i]):
                continue  # not the same people after all: nothing links them
            terms = {(first, i, j): 1 for j in range(len(row))}
            terms.update({(other, i, j): -1 for j in range(len(grids[other][i]))})
            system.fact(terms, 0, 0)
    for part, whole in links.nested:
        for i, row in enumerate(grids[whole]):
            # The true difference; the attacker knows which way round it goes (a month's
            # answers may belong to the previous month's requests).
            difference = sum(row) - sum(grids[part][i])
            name = _difference(part, i)
            if difference >= 0:
                system.count(name, low=0)
            else:
                system.count(name, low=-LARGEST_COUNT, high=0)
            terms = {(whole, i, j): 1 for j in range(len(row))}
            terms.update({(part, i, j): -1 for j in range(len(grids[part][i]))})
            terms[name] = -1
            system.fact(terms, 0, 0)
    return system


def _differences(grids, links):
    """Each area's difference of a nested pair, and all areas' together: (rows, terms,
    true value). Known, it may not be a group of 1-4 people either way round."""
    for part, whole in links.nested:
        values = [sum(row) - sum(grids[part][i]) for i, row in enumerate(grids[whole])]
        for i, value in enumerate(values):
            yield {i}, {_difference(part, i): 1}, value
        rows = set(range(len(values)))
        yield rows, {_difference(part, i): 1 for i in rows}, sum(values)


def _quantities(grids, results):
    """(rows involved, coefficients, true value, whether any pinned value is a leak)."""

    def of(name, keys):
        return {(name, i, j): 1 for i, j in keys}

    for name, grid in grids.items():
        result = results[name]
        m, n = len(grid), len(grid[0])
        hidden = {(i, j) for i in range(m) for j in range(n) if result.cells[i][j].suppressed}
        for i, j in sorted(hidden):
            yield {i}, of(name, [(i, j)]), grid[i][j], True
        for i in range(m):
            line = [key for key in sorted(hidden) if key[0] == i]
            if result.row_totals[i].suppressed:
                yield {i}, of(name, [(i, j) for j in range(n)]), sum(grid[i]), True
            if line:
                yield {i}, of(name, line), sum(grid[i][j] for i, j in line), False
        for j in range(n):
            line = [key for key in sorted(hidden) if key[1] == j]
            rows = {i for i, _j in line}
            if result.column_totals[j].suppressed:
                yield rows, of(name, [(i, j) for i in range(m)]), sum(row[j] for row in grid), True
            if line:
                yield rows, of(name, line), sum(grid[i][j] for i, j in line), False
        if result.total.suppressed:
            everything = [(i, j) for i in range(m) for j in range(n)]
            yield {i for i, _j in hidden}, of(name, everything), sum(map(sum, grid)), True


@dataclass(frozen=True)
class Average:
    """An average answer to publish beside a table: over `rows` of table `name` (all of
    them for all areas together), with `weights` the answer of each column, rounded to
    one decimal."""

    name: str
    rows: tuple
    weights: tuple
    value: float
    people: int
    label: object = None  # what the caller calls it


# Rounding to one decimal leaves at most half a tenth either way (a little more for floats).
ROUNDING = 0.05 + 1e-9


def average_of(name, grid, rows, weights, *, label=None):
    """The average answer over rows of grid, or None when fewer than five answered."""
    people = sum(sum(grid[i]) for i in rows)
    if people < THRESHOLD:
        return None
    answered = sum(weight * grid[i][j] for i in rows for j, weight in enumerate(weights))
    value = round(answered / people, 1)
    return Average(name, tuple(rows), tuple(weights), value, people, label)


def _add_average(system, average):
    """|sum of (weight - average) x count| <= half a tenth x the number of people."""
    for sign in (-1, 1):
        terms = {
            (average.name, i, j): weight - average.value + sign * ROUNDING
            for i in average.rows
            for j, weight in enumerate(average.weights)
        }
        low, high = (None, 0) if sign < 0 else (0, None)
        system.fact(terms, low, high)


def problems(grids, results, averages=(), links=SAME_PEOPLE):
    """Each hidden quantity the attacker pins down, as the rows involved."""
    system = _system(grids, results, links)
    for average in averages:
        _add_average(system, average)
    # A part of a row or column may be known when it is 0 or at least 5.
    asked = [
        (rows, terms, value)
        for rows, terms, value, any_value in _quantities(grids, results)
        if any_value or 0 < value < THRESHOLD
    ]
    asked += [
        (rows, terms, value)
        for rows, terms, value in _differences(grids, links)
        if 0 < abs(value) < THRESHOLD
    ]
    pinned = system.pinned([(terms, value) for _rows, terms, value in asked])
    return [
        rows for (rows, _terms, _value), is_pinned in zip(asked, pinned, strict=True) if is_pinned
    ]


def publishable_averages(grids, results, candidates, links=SAME_PEOPLE):
    """The candidate averages that can be published beside the protected tables: with all
    of them known, the attacker still pins nothing down. While they do, the candidate
    with the fewest people among those that touch the rows involved is left out."""
    accepted = list(candidates)
    while accepted:
        found = problems(grids, results, accepted, links)
        if not found:
            return accepted
        rows = found[0]
        touching = [average for average in accepted if set(average.rows) & rows] or accepted
        accepted.remove(min(touching, key=lambda average: (average.people, average.rows)))
    return []


def protect_linked(grids, links=SAME_PEOPLE):
    """Protect tables whose rows are the same groups of people, and whose rows therefore
    add up to the same totals, or groups inside one another (`links`):
    {name: grid} -> {name: Protected}.

    Each table is protected on its own; then, while the attacker still pins something
    down, the smallest row involved is hidden whole in every table (and, if every row
    involved already is, the column and grand totals), and the tables are protected
    again with those hidden too.
    """
    hide = {name: set() for name in grids}
    while True:
        results = {
            name: protect(grid, row_totals=True, column_totals=True, hide=hide[name])
            for name, grid in grids.items()
        }
        found = problems(grids, results, links=links)
        if not found:
            return results
        _hide_more(grids, hide, found[0])


def _hide_more(grids, hide, rows):
    """Hide the smallest of the rows involved whole in every table; when they all are,
    the column and grand totals; when those are too, the smallest row still shown."""
    first = next(iter(grids.values()))
    width = {name: len(grid[0]) for name, grid in grids.items()}

    def is_open(i):
        return any((i, width[name]) not in hide[name] for name in grids)

    def hide_row(candidates):
        row = min(candidates, key=lambda i: (sum(first[i]), i))
        for name in grids:
            hide[name] |= {(row, j) for j in range(width[name] + 1)}

    involved = [i for i in sorted(rows) if is_open(i)]
    if involved:
        hide_row(involved)
        return
    height = len(first)
    totals = {name: {(height, j) for j in range(width[name] + 1)} for name in grids}
    if any(not totals[name] <= hide[name] for name in grids):
        for name in grids:
            hide[name] |= totals[name]
        return
    remaining = [i for i in range(height) if is_open(i)]
    if not remaining:
        raise AssertionError("Everything is hidden and something is still pinned down.")
    hide_row(remaining)
