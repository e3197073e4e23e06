"""Small groups stay hidden in published tables, shares, averages and counts."""

import pytest
from django.utils import translation

from ideahautomo.lib.disclosure import (
    THRESHOLD,
    Figure,
    Protected,
    counts,
    mean,
    protect,
    share,
)

from .attacker import attack, exposures, pinned


def shown(figures):
    return [str(f) for f in figures]


# Figure -------------------------------------------------------------------


def test_hidden_figure_reads_less_than_five_and_keeps_no_value():
    figure = counts(3)
    assert str(figure) == "< 5"
    assert figure.display == "< 5"
    assert figure.value is None
    assert not figure.is_published


def test_published_figures_read_as_whole_numbers_or_with_one_decimal():
    assert str(Figure(12)) == "12"
    assert str(Figure(12.345)) == "12.3"
    assert str(Figure(12.0)) == "12.0"
    assert Figure(12).is_published
    assert str(Figure(None)) == ""
    assert not Figure(None).is_published


def test_threshold_is_five():
    assert THRESHOLD == 5


# counts, mean, share ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (1, "< 5"), (4, "< 5"), (5, "5"), (40, "40")]
)
def test_a_single_count_is_hidden_from_one_to_four(value, text):
    assert str(counts(value)) == text


@pytest.mark.parametrize("bad", [-1, 2.5, "3", None, True])
def test_counts_must_be_whole_and_not_negative(bad):
    with pytest.raises(ValueError):
        counts(bad)


def test_mean_is_hidden_below_five_people():
    assert mean(12, 4).suppressed
    assert mean(0, 0).suppressed
    assert mean(17, 5) == Figure(3.4, derived=True)
    assert str(mean(20, 6)) == "3.3"


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (0, 0, "< 5"),  # nobody at all
        (0, 4, "< 5"),  # the group is too small
        (2, 4, "< 5"),
        (0, 5, "0.0"),  # nobody of five: no small group on either side
        (5, 5, "100.0"),
        (3, 20, "< 5"),  # the part is small
        (17, 20, "< 5"),  # the rest is small: 20 - 17 = 3 would show
        (5, 20, "25.0"),
        (15, 20, "75.0"),
        (1, 3, "< 5"),
        (10, 30, "33.3"),
    ],
)
def test_share_hides_any_small_group_including_the_rest(part, whole, text):
    assert str(share(part, whole)) == text


def test_share_refuses_a_part_larger_than_the_whole():
    with pytest.raises(ValueError):
        share(6, 5)


# protect: examples --------------------------------------------------------


def test_total_minus_all_but_one_does_not_give_a_small_cell_back():
    # Unprotected, 25 - 10 - 12 = 3 would show the hidden cell.
    grid = [[3, 10, 12], [8, 9, 20]]
    result = protect(grid)
    assert result.cells[0][0].suppressed
    assert sum(f.suppressed for f in result.cells[0]) >= 2
    assert exposures(grid, result) == []


def test_extra_hidden_cells_are_the_smallest_that_do_the_job():
    grid = [[3, 10, 12], [8, 9, 20]]
    result = protect(grid)
    assert shown(result.cells[0]) == ["< 5", "< 5", "12"]
    assert shown(result.cells[1]) == ["< 5", "< 5", "20"]
    assert shown(result.row_totals) == ["25", "37"]
    assert shown(result.column_totals) == ["11", "19", "32"]
    assert str(result.total) == "62"


def test_two_small_cells_in_a_row_do_not_reveal_their_sum():
    # 2 + 1 = 3 people would show as the row total minus the published cell.
    grid = [[2, 1, 10], [8, 9, 20]]
    result = protect(grid)
    assert result.cells[0][2].suppressed
    assert exposures(grid, result) == []


def test_a_row_of_ones_is_not_given_away_by_its_total():
    # Five hidden cells under a published total of 5: as zeros are published,
    # each hidden cell is at least 1, so each would have to be exactly 1.
    grid = [[1, 1, 1, 1, 1], [10, 11, 12, 13, 14]]
    result = protect(grid)
    assert exposures(grid, result) == []
    assert pinned(grid, result) == []


def test_small_totals_are_hidden_and_zeros_are_published():
    grid = [[0, 3], [0, 0]]
    result = protect(grid)
    assert shown(result.cells[0]) == ["0", "< 5"]
    assert shown(result.cells[1]) == ["0", "0"]
    assert shown(result.row_totals) == ["< 5", "0"]
    assert shown(result.column_totals) == ["0", "< 5"]
    assert str(result.total) == "< 5"
    assert exposures(grid, result) == []


def test_a_table_without_small_cells_is_published_whole():
    grid = [[10, 20], [30, 40]]
    result = protect(grid)
    assert not any(f.suppressed for row in result.cells for f in row)
    assert shown(result.row_totals) == ["30", "70"]
    assert str(result.total) == "100"


def test_totals_not_asked_for_are_none():
    result = protect([[10, 3], [20, 9]], row_totals=False, column_totals=False)
    assert result.row_totals is None
    assert result.column_totals is None
    assert result.total is None
    assert shown(result.cells[0]) == ["10", "< 5"]
    assert shown(result.cells[1]) == ["20", "9"]


def test_with_column_totals_only_a_hidden_cell_gets_a_partner_in_its_column():
    grid = [[2, 10], [20, 10]]
    result = protect(grid, row_totals=False)
    assert result.row_totals is None
    assert str(result.total) == "42"
    assert shown(result.column_totals) == ["22", "20"]
    assert result.cells[1][0].suppressed
    assert exposures(grid, result) == []


def test_protection_is_deterministic():
    grid = [[1, 7, 3, 9], [4, 4, 12, 0], [6, 2, 8, 15]]
    assert protect(grid) == protect([list(row) for row in grid])


@pytest.mark.parametrize("grid", [[], [[]], [[], []]])
def test_empty_tables_are_fine(grid):
    result = protect(grid)
    assert str(result.total) == "0"


@pytest.mark.parametrize("grid", [[[1, 2], [3]], [[-1, 5]], [[2.5]]])
def test_bad_tables_are_refused(grid):
    with pytest.raises(ValueError):
        protect(grid)


def test_the_attacker_does_find_what_an_unprotected_table_reveals():
    # The check used by these tests must be able to fail: hide only the small
    # cell, as a naive table would, and the attacker gets it back.
    grid = [[3, 10, 12], [8, 9, 20]]
    hidden = Figure(None, suppressed=True)
    leaky = Protected(
        cells=[[hidden, Figure(10), Figure(12)], [Figure(8), Figure(9), Figure(20)]],
        row_totals=[Figure(25), Figure(37)],
        column_totals=[Figure(11), Figure(19), Figure(32)],
        total=Figure(62),
    )
    assert attack(grid, leaky)["cell", (0, 0)] == (3, 3)
    assert ("cell", (0, 0), 3) in exposures(grid, leaky)


def test_a_page_shows_shares_and_averages_in_the_readers_language():
    with translation.override("fi"):
        assert share(25, 200).display == "12,5\u00a0%"
        assert mean(33, 10).display == "3,3"
    with translation.override("en"):
        assert share(25, 200).display == "12.5\u00a0%"
        # A hidden share or average says so: "< 5" would claim a value.
        assert share(2, 200).display == "hidden"
        assert share(198, 200).display == "hidden"
        assert mean(7, 3).display == "hidden"
        assert counts(3).display == "< 5"
    assert str(share(25, 200)) == "12.5"  # exports keep the bare number
