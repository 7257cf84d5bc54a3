"""k-anonymity: class sizes, k and the small cells are exactly what counting by hand gives."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.k_anonymity import (
    assess,
    cell_sizes,
    k_anonymity,
    rows_in_small_cells,
    small_cells,
)

# school, grade, sex, birth year: four pupils share one cell, one pupil is alone, two share another.
ROWS = [
    ("s_a", 7, "F", 2012),
    ("s_a", 7, "F", 2012),
    ("s_a", 7, "F", 2012),
    ("s_a", 7, "F", 2012),
    ("s_a", 7, "M", 2012),
    ("s_b", 5, "M", 2014),
    ("s_b", 5, "M", 2014),
]

QUASI_IDENTIFIERS = st.tuples(
    st.sampled_from(["s_a", "s_b", "s_c"]),
    st.integers(1, 3),
    st.sampled_from(["M", "F"]),
    st.integers(2010, 2012),
)


def test_a_hand_counted_table() -> None:
    report = k_anonymity(ROWS)
    assert (report.k, report.rows, report.cells) == (1, 7, 3)
    assert (report.small_cells, report.rows_in_small_cells) == (3, 7)
    assert rows_in_small_cells(ROWS, threshold=2) == [4]
    assert rows_in_small_cells(ROWS, threshold=3) == [4, 5, 6]
    assert small_cells(cell_sizes(ROWS), threshold=3) == {
        ("s_a", 7, "M", 2012): 1,
        ("s_b", 5, "M", 2014): 2,
    }
    assert k_anonymity(ROWS, threshold=2).as_dict() == {
        "k": 1,
        "threshold": 2,
        "rows": 7,
        "cells": 3,
        "small_cells": 1,
        "rows_in_small_cells": 1,
    }


def test_an_empty_table_has_no_classes_and_k_zero() -> None:
    report = k_anonymity([])
    assert (report.k, report.rows, report.cells, report.small_cells) == (0, 0, 0, 0)
    assert rows_in_small_cells([]) == []


def test_a_threshold_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        k_anonymity(ROWS, threshold=0)


@given(st.lists(QUASI_IDENTIFIERS, max_size=60), st.integers(1, 8))
def test_small_cells_are_exactly_the_rows_sharing_their_cell_with_too_few(
    rows: list[tuple[Hashable, ...]], threshold: int
) -> None:
    sizes = cell_sizes(rows)
    report = assess(sizes, threshold)
    flagged = rows_in_small_cells(rows, threshold)
    assert sum(sizes.values()) == report.rows == len(rows)
    assert report.k == (min(_count(rows, row) for row in rows) if rows else 0)
    for index, row in enumerate(rows):
        assert (index in flagged) == (_count(rows, row) < threshold)
    assert report.rows_in_small_cells == len(flagged)
    assert report.small_cells == len(small_cells(sizes, threshold))
    assert report.small_cells <= report.cells == len(set(rows))


def _count(rows: Sequence[tuple[Hashable, ...]], row: tuple[Hashable, ...]) -> int:
    return sum(1 for other in rows if other == row)
