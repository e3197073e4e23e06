"""Random tables against an attacker who solves integer programs.

What is proven here, for every generated table and every choice of totals:
no hidden cell or hidden total can be pinned down to one value at all, and no
sum of the hidden cells of a row or a column, nor of the hidden row totals or
column totals, can be pinned down to a value from 1 to 4, by anyone who knows
all published figures, that counts are whole numbers, that none is negative
and that zeros are always published (so a hidden cell is at least 1).
Published figures are the true ones.
"""

from itertools import chain

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ideahautomo.lib.disclosure import Figure, protect

from .attacker import exposures, pinned

# Most tables about small areas are full of small numbers, so lean that way.
count = st.one_of(st.integers(0, 4), st.integers(0, 9), st.integers(0, 40))


@st.composite
def grids(draw):
    rows = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 6))
    return [[draw(count) for _ in range(columns)] for _ in range(rows)]


attack_settings = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@attack_settings
@given(grid=grids(), row_totals=st.booleans(), column_totals=st.booleans())
def test_no_small_group_can_be_worked_out(grid, row_totals, column_totals):
    result = protect(grid, row_totals=row_totals, column_totals=column_totals)
    assert exposures(grid, result) == []
    assert pinned(grid, result) == []


@settings(max_examples=60, deadline=None)
@given(grid=grids())
def test_small_cells_and_totals_are_hidden_zeros_shown_and_the_result_repeatable(grid):
    result = protect(grid)
    published = [
        *zip(chain(*grid), chain(*result.cells), strict=True),
        *zip(map(sum, grid), result.row_totals, strict=True),
        *zip(map(sum, zip(*grid, strict=True)), result.column_totals, strict=True),
        (sum(map(sum, grid)), result.total),
    ]
    for value, figure in published:
        if 0 < value < 5:
            assert figure.suppressed
        elif value == 0:
            assert figure == Figure(0)
        else:
            assert figure.suppressed or figure.value == value
    assert result == protect(grid)
