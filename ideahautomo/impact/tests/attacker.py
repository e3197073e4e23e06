"""Someone who tries to work hidden figures out of a published table.

They know every published figure, that counts are whole numbers and that no
count is negative. They also know that zeros are always published, so every
hidden cell is at least 1. For each hidden figure, and for the sum of the hidden
cells of every row and column (and of the hidden row or column totals), they
solve two integer programs to find the smallest and the largest value it can
have. A quantity whose smallest and largest value agree is pinned down.
"""

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from ideahautomo.lib.disclosure import THRESHOLD


def quantities(grid, protected):
    """Name -> (coefficients over the cells, true value) of everything hidden."""
    m = len(grid)
    n = len(grid[0]) if m else 0

    def cells(keys):
        vector = np.zeros(m * n)
        for i, j in keys:
            vector[i * n + j] = 1
        return vector, sum(grid[i][j] for i, j in keys)

    hidden = {(i, j) for i in range(m) for j in range(n) if protected.cells[i][j].suppressed}
    found = {}
    for key in hidden:
        found["cell", key] = cells([key])
    for i in range(m):
        in_row = [k for k in hidden if k[0] == i]
        if in_row:
            found["row sum", i] = cells(in_row)
        if protected.row_totals and protected.row_totals[i].suppressed:
            found["row total", i] = cells([(i, j) for j in range(n)])
    for j in range(n):
        in_column = [k for k in hidden if k[1] == j]
        if in_column:
            found["column sum", j] = cells(in_column)
        if protected.column_totals and protected.column_totals[j].suppressed:
            found["column total", j] = cells([(i, j) for i in range(m)])
    if protected.row_totals:
        rows = [i for i in range(m) if protected.row_totals[i].suppressed]
        if rows:
            found["row totals sum"] = cells([(i, j) for i in rows for j in range(n)])
    if protected.column_totals:
        columns = [j for j in range(n) if protected.column_totals[j].suppressed]
        if columns:
            found["column totals sum"] = cells([(i, j) for i in range(m) for j in columns])
    if protected.total is not None and protected.total.suppressed:
        found["total"] = cells([(i, j) for i in range(m) for j in range(n)])
    return found


def published_constraints(grid, protected):
    m = len(grid)
    n = len(grid[0]) if m else 0
    lower = np.zeros(m * n)
    upper = np.full(m * n, 10.0 * (sum(map(sum, grid)) + 100))
    for i in range(m):
        for j in range(n):
            figure = protected.cells[i][j]
            if figure.suppressed:
                lower[i * n + j] = 1
            else:
                lower[i * n + j] = upper[i * n + j] = figure.value
    rows, values = [], []

    def equal(keys, figure):
        if figure is not None and not figure.suppressed:
            vector = np.zeros(m * n)
            for i, j in keys:
                vector[i * n + j] = 1
            rows.append(vector)
            values.append(figure.value)

    for i in range(m):
        equal([(i, j) for j in range(n)], protected.row_totals and protected.row_totals[i])
    for j in range(n):
        equal([(i, j) for i in range(m)], protected.column_totals and protected.column_totals[j])
    equal([(i, j) for i in range(m) for j in range(n)], protected.total)
    constraints = [LinearConstraint(np.array(rows), values, values)] if rows else []
    return Bounds(lower, upper), constraints


def attack(grid, protected):
    """Name -> (smallest, largest) value the attacker finds for each hidden quantity."""
    bounds, constraints = published_constraints(grid, protected)
    size = len(bounds.lb)
    found = {}
    for name, (vector, _value) in quantities(grid, protected).items():
        ends = []
        for sign in (1, -1):
            solution = milp(
                sign * vector,
                integrality=np.ones(size),
                bounds=bounds,
                constraints=constraints,
            )
            assert solution.success, solution.message
            ends.append(round(sign * solution.fun))
        found[name] = tuple(ends)
    return found


def exposures(grid, protected):
    """Every hidden quantity the attacker pins down to a value from 1 to 4."""
    check_published_figures_are_true(grid, protected)
    truth = {name: value for name, (_vector, value) in quantities(grid, protected).items()}
    leaks = []
    for name, (low, high) in attack(grid, protected).items():
        assert low <= truth[name] <= high
        if low == high and 0 < low < THRESHOLD:
            leaks.append((*name, low) if isinstance(name, tuple) else (name, low))
    return sorted(leaks, key=str)


def pinned(grid, protected):
    """Every hidden cell or total the attacker pins down, whatever its value."""
    return sorted(
        name
        for name, (low, high) in attack(grid, protected).items()
        if low == high and name[0] in ("cell", "row total", "column total", "total")
    )


def check_published_figures_are_true(grid, protected):
    m = len(grid)
    n = len(grid[0]) if m else 0
    for i in range(m):
        for j in range(n):
            figure = protected.cells[i][j]
            assert figure.suppressed or figure.value == grid[i][j]
            assert not figure.suppressed or (figure.value is None and grid[i][j] > 0)
    if protected.row_totals is not None:
        for i, figure in enumerate(protected.row_totals):
            assert figure.suppressed or figure.value == sum(grid[i])
    if protected.column_totals is not None:
        for j, figure in enumerate(protected.column_totals):
            assert figure.suppressed or figure.value == sum(row[j] for row in grid)
    if protected.total is not None:
        assert protected.total.suppressed or protected.total.value == sum(map(sum, grid))
