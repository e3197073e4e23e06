"""Hiding small groups in published statistics.

The rule, in plain words: every figure we publish is about a group of people,
and no group of fewer than five people may ever be seen, neither directly nor
by working it out from other figures. A hidden figure is shown as "< 5".

- A count of 1 to 4 people is hidden. A count of 0 is published: it describes
  nobody, and whoever reads the table is told exactly that it is 0, so it can
  never be the missing piece that reveals someone else.
- In a table with totals, hiding the small cells is not enough: a row total
  minus the other cells of the row would give the hidden cell back. So
  `protect` hides some further cells (the smallest ones that do the job) until
  nothing hidden can be worked out again. Totals under five are hidden too.
- A share (percentage) is hidden when the group is under five, or when either
  the people it counts or the people it leaves out are 1 to 4.
- An average is hidden when it is taken over fewer than five people.

What `protect` guarantees, for someone who knows every published figure, that
counts are whole numbers, that no count is negative and that zeros are always
published (so every hidden cell is at least 1):

1. no hidden cell or hidden total can be pinned down to a single value;
2. the sum of the hidden cells of a row, of a column, of the row totals or of
   the column totals is either not pinned down at all or is at least five.

Why this holds: think of the table with its totals as rows and columns joined
by their hidden figures. Every hidden figure lies on a closed loop of hidden
figures where adding one person at every other step and taking one away at
the rest keeps every published total as it was, and where no cell that loses
a person is a hidden 1 (the reader knows it cannot be 0). The reader cannot
tell the real table from the changed one, so the figure could just as well be
one more (or one less) than it is. A row's hidden sum only stays fixed
when the row total is published, and then it is at least five. The tests check both guarantees
with an integer-programming attacker on many random tables.

Hidden figures that were hidden only to protect others (they can be large)
are shown as "< 5" too, so that no one can tell them apart.

`protect` keeps its promise for one table. Where several tables are published
about the same people, the caller must make sure that they do not add up to
more than each says alone: impact publishes each month's tables once and
derives every other figure only from published ones (see impact/figures.py).
"""

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext

THRESHOLD = 5


@dataclass(frozen=True)
class Figure:
    """One published number, or the marker that it is hidden.

    A hidden figure keeps no value, so a template or an export cannot leak it.
    """

    value: int | float | None
    suppressed: bool = False
    unit: str = ""  # "%" for shares, shown after the number on the page
    derived: bool = False  # a share, an average or a sum of figures, not one counted group
    # What the figure is made of (a `Basis`), for the tests that attack the published figures.
    basis: object = field(default=None, compare=False, repr=False)

    def __str__(self):
        if self.suppressed:
            return f"< {THRESHOLD}"
        if self.value is None:
            return ""
        if isinstance(self.value, float):
            return f"{self.value:.1f}"
        return str(self.value)

    @property
    def display(self):
        """The figure as a page shows it: decimals in the reader's language ("12,5"
        in Finnish) and the unit after the number ("12,5 %"). A hidden share or
        average reads "hidden": "< 5" would claim a value it does not have."""
        if self.suppressed and self.derived:
            return gettext("hidden")
        if not self.is_published or not isinstance(self.value, float):
            return str(self)
        number = formats.number_format(self.value, 1)
        return f"{number}\u00a0{self.unit}" if self.unit else number

    @property
    def is_published(self):
        return not self.suppressed and self.value is not None


HIDDEN = Figure(None, suppressed=True)
HIDDEN_SHARE = Figure(None, suppressed=True, unit="%", derived=True)
HIDDEN_MEAN = Figure(None, suppressed=True, derived=True)
HIDDEN_SUM = Figure(None, suppressed=True, derived=True)


@dataclass(frozen=True)
class Basis:
    """What a published figure is made of, in counts of people that are never shown alone.

    - "sum": the sum of `terms` (pairs of a count and its weight, always 1);
    - "mean": the average answer, sum of count x weight over the sum of the counts;
    - "share": 100 x the sum of `terms` over the sum of `whole`.

    A count is named by a tuple, e.g. ("check_in_mood", "3", month, area id).
    """

    kind: str
    terms: tuple
    whole: tuple = ()


@dataclass(frozen=True)
class Protected:
    """A table ready to publish; a total is None when it was not asked for."""

    cells: list[list[Figure]]
    row_totals: list[Figure] | None
    column_totals: list[Figure] | None
    total: Figure | None


def counts(value):
    """A single count of people, hidden when it is 1 to 4."""
    _check_count(value)
    if 0 < value < THRESHOLD:
        return HIDDEN
    return Figure(value)


def mean(total, count):
    """An average over `count` people, hidden when they are fewer than five."""
    _check_count(count)
    if count < THRESHOLD:
        return HIDDEN_MEAN
    return Figure(round(total / count, 1), derived=True)


def share(part, whole):
    """`part` out of `whole` people as a percentage with one decimal.

    Hidden when the whole group is under five (nobody is counted: 0 of 0 is
    hidden as well), or when `part` or `whole - part` is 1 to 4, because the
    reader who knows the whole could work out that small group. 0 % and 100 %
    are published when the group has at least five people.
    """
    _check_count(part)
    _check_count(whole)
    if part > whole:
        raise ValueError("The part cannot be larger than the whole.")
    rest = whole - part
    if whole < THRESHOLD or 0 < part < THRESHOLD or 0 < rest < THRESHOLD:
        return HIDDEN_SHARE
    return Figure(round(100 * part / whole, 1), unit="%", derived=True)


def _check_count(value):
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"A count of people must be a whole number of at least 0: {value!r}")


def protect(grid, *, row_totals=True, column_totals=True, hide=()):
    """Hide the small cells of a table of counts and whatever would reveal them.

    `grid` is a list of rows of counts of people. The grand total is given
    when row totals or column totals are asked for. `hide` names entries to
    hide whatever their size, as (row, column): a row's total is (row,
    number of columns), a column's total (number of rows, column) and the
    grand total (number of rows, number of columns); zeros stay published.
    The result is the same for the same arguments every time.
    """
    table = _Table(grid, row_totals=row_totals, column_totals=column_totals)
    for key in sorted(hide):
        if key not in table.value:
            raise ValueError(f"No such entry to hide: {key!r}")
        if table.value[key] > 0 and table.is_asked(key):
            table.hide(key)
    table.suppress()
    return table.result()


class _Table:
    """The grid with its totals as one (rows + 1) x (columns + 1) table.

    Entry (i, n) is the total of row i, entry (m, j) the total of column j and
    entry (m, n) the grand total. Totals that were not asked for are never
    published, so for the reader they are unknowns like hidden cells.
    """

    def __init__(self, grid, *, row_totals, column_totals):
        rows = [list(row) for row in grid]
        width = len(rows[0]) if rows else 0
        for row in rows:
            if len(row) != width:
                raise ValueError("Every row of the table must have as many cells.")
            for value in row:
                _check_count(value)
        self.m = m = len(rows)
        self.n = n = width
        self.want_row_totals = row_totals
        self.want_column_totals = column_totals
        self.want_total = row_totals or column_totals
        self.value = {}
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                self.value[i, j] = value
            self.value[i, n] = sum(row)
        for j in range(n):
            self.value[m, j] = sum(row[j] for row in rows)
        self.value[m, n] = sum(self.value[i, n] for i in range(m))
        # Hidden entries that must lie on a loop; grows as suppression goes on.
        self.hidden = set()
        self.must_loop = set()
        for key, value in self.value.items():
            if not self.is_asked(key):
                if value > 0:
                    self.hidden.add(key)
            elif 0 < value < THRESHOLD:
                self.hide(key)

    def is_asked(self, key):
        i, j = key
        if i < self.m and j < self.n:
            return True
        if i == self.m and j == self.n:
            return self.want_total
        if j == self.n:
            return self.want_row_totals
        return self.want_column_totals

    def is_total(self, key):
        return key[0] == self.m or key[1] == self.n

    def hide(self, key):
        self.hidden.add(key)
        self.must_loop.add(key)

    def suppress(self):
        changed = True
        while changed:
            changed = self.close_loops() or self.fix_line_sums()

    # Loops ---------------------------------------------------------------

    def close_loops(self):
        """Put the first hidden entry that lies on no loop on the cheapest loop."""
        for key in sorted(self.must_loop):
            if not self.on_loop(key):
                path = self.cheapest_loop(key)
                if path is None:
                    # Cannot happen: a hidden entry is at least 1, so one more
                    # person in one of its cells, its row and column totals and
                    # the grand total is always a loop.
                    raise AssertionError(f"No loop through {key}")
                for other in path:
                    self.hide(other)
                return True
        return False

    def on_loop(self, key):
        return self.cheapest_loop(key, only_hidden=True) is not None

    def cost(self, key):
        """Cheapest first: small cells, then (only when needed) totals."""
        value = self.value[key]
        penalty = self.value[self.m, self.n] + 1 if self.is_total(key) else 0
        return (penalty + value, 1)

    def sign(self, key, direction, row_first):
        """+1 if the loop adds one person to `key`, -1 if it takes one away.

        Going round the loop the change alternates between the entries met
        from a row and those met from a column; a total changes with the
        cells it adds up, hence the flip for row and column totals.
        """
        i, j = key
        flip = -1 if (i == self.m) != (j == self.n) else 1
        return direction * flip * (1 if row_first else -1)

    def can_change(self, key, direction, row_first):
        """Taking one away is only hidden if the cell stays at least 1.

        Zeros are always published, so the reader knows a hidden cell is at
        least 1. Totals need no check: they follow from their cells.
        """
        if self.is_total(key) or self.sign(key, direction, row_first) > 0:
            return True
        return self.value[key] >= 2

    def cheapest_loop(self, key, *, only_hidden=False):
        """Published entries to hide so that `key` lies on a loop of hidden ones.

        None when there is no such loop. Hidden entries are free, a published
        one costs its size; zeros are never used (they are published).
        """
        if only_hidden:
            usable = [k for k in self.hidden if k != key]
        else:
            usable = [k for k, v in self.value.items() if v > 0 and k != key]
        edges = defaultdict(list)
        for i, j in usable:
            step = (0, 0) if (i, j) in self.hidden else self.cost((i, j))
            edges["r", i].append((("c", j), (i, j), step))
            edges["c", j].append((("r", i), (i, j), step))
        found = []
        for direction in (1, -1):
            if self.can_change(key, direction, row_first=True):
                path = self.shortest_path(edges, key, direction)
                if path is not None:
                    found.append(path)
        if not found:
            return None
        _cost, path = min(found, key=lambda found: found[0])
        return [entry for entry in path if entry not in self.hidden]

    def shortest_path(self, edges, key, direction):
        """From the column of `key` back to its row, every step allowed."""
        start, goal = ("c", key[1]), ("r", key[0])
        best = {start: (0, 0)}
        came_from = {}
        heap = [((0, 0), start)]
        while heap:
            dist, node = heapq.heappop(heap)
            if node == goal:
                break
            if dist > best[node]:
                continue
            for other, entry, step in edges[node]:
                if not self.can_change(entry, direction, row_first=node[0] == "r"):
                    continue
                new = (dist[0] + step[0], dist[1] + step[1])
                if other not in best or new < best[other]:
                    best[other] = new
                    came_from[other] = (node, entry)
                    heapq.heappush(heap, (new, other))
        if goal not in came_from:
            return None
        path = []
        node = goal
        while node != start:
            node, entry = came_from[node]
            path.append(entry)
        return best[goal], path

    # Sums of a row or a column ------------------------------------------

    def lines(self):
        """Each row and column: its entries, and the total that closes it."""
        m, n = self.m, self.n
        for i in range(m + 1):
            yield [(i, j) for j in range(n)], (i, n)
        for j in range(n + 1):
            yield [(i, j) for i in range(m)], (m, j)

    def fix_line_sums(self):
        """Hide one more entry where a line's hidden figures sum to 1-4 and that shows."""
        for entries, closing in self.lines():
            shown = [k for k in entries if self.is_asked(k)]
            hidden_sum = sum(self.value[k] for k in shown if k in self.hidden)
            if not 0 < hidden_sum < THRESHOLD or not self.sum_is_pinned(closing):
                continue
            candidates = [k for k in shown if k not in self.hidden and self.value[k] > 0]
            if candidates:
                self.hide(min(candidates, key=lambda k: (self.value[k], k)))
            elif self.is_asked(closing):
                self.hide(closing)
            else:
                self.must_loop.add(closing)
            return True
        return False

    def sum_is_pinned(self, closing):
        if closing not in self.hidden:
            return True
        return not self.on_loop(closing)

    # Result ---------------------------------------------------------------

    def figure(self, key):
        if key in self.hidden:
            return HIDDEN
        return Figure(self.value[key])

    def result(self):
        m, n = self.m, self.n
        return Protected(
            cells=[[self.figure((i, j)) for j in range(n)] for i in range(m)],
            row_totals=[self.figure((i, n)) for i in range(m)] if self.want_row_totals else None,
            column_totals=(
                [self.figure((m, j)) for j in range(n)] if self.want_column_totals else None
            ),
            total=self.figure((m, n)) if self.want_total else None,
        )
