"""k-anonymity of a table: how many people share each combination of quasi-identifiers.

A pupil whose school, grade, sex and birth year match few others can be singled out by anyone who knows
the school, even with every name removed. Each distinct combination is a cell (an equivalence class; "cell"
here, so it is never mistaken for a school class); the smallest cell is the table's k, and cells below a
threshold (5 by default) are the ones a release must treat with care. Pure functions over plain rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

DEFAULT_THRESHOLD: Final = 5

Cell = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class KAnonymityReport:
    """k (the smallest cell; 0 for an empty table), the counts of rows and cells, and the small ones."""

    k: int
    threshold: int
    rows: int
    cells: int
    small_cells: int  # cells with fewer than `threshold` rows
    rows_in_small_cells: int

    def as_dict(self) -> dict[str, int]:
        return {
            "k": self.k,
            "threshold": self.threshold,
            "rows": self.rows,
            "cells": self.cells,
            "small_cells": self.small_cells,
            "rows_in_small_cells": self.rows_in_small_cells,
        }


def cell_sizes(rows: Iterable[Sequence[Hashable]]) -> Counter[Cell]:
    """Each distinct combination of quasi-identifiers and how many rows carry it."""
    return Counter(tuple(row) for row in rows)


def assess(sizes: Mapping[Cell, int], threshold: int = DEFAULT_THRESHOLD) -> KAnonymityReport:
    """The report for cells already counted, so a streamed table needs only its counter in memory."""
    _check(threshold)
    small = [size for size in sizes.values() if size < threshold]
    return KAnonymityReport(
        k=min(sizes.values(), default=0),
        threshold=threshold,
        rows=sum(sizes.values()),
        cells=len(sizes),
        small_cells=len(small),
        rows_in_small_cells=sum(small),
    )


def k_anonymity(rows: Iterable[Sequence[Hashable]], threshold: int = DEFAULT_THRESHOLD) -> KAnonymityReport:
    """The report for rows of quasi-identifiers, e.g. (school, grade, sex, birth year) per pupil."""
    return assess(cell_sizes(rows), threshold)


def small_cells(sizes: Mapping[Cell, int], threshold: int = DEFAULT_THRESHOLD) -> dict[Cell, int]:
    """The cells holding fewer than `threshold` rows, with their sizes."""
    _check(threshold)
    return {cell: size for cell, size in sizes.items() if size < threshold}


def rows_in_small_cells(rows: Sequence[Sequence[Hashable]], threshold: int = DEFAULT_THRESHOLD) -> list[int]:
    """Positions of the rows whose cell holds fewer than `threshold` rows, in order."""
    _check(threshold)
    sizes = cell_sizes(rows)
    return [index for index, row in enumerate(rows) if sizes[tuple(row)] < threshold]


def _check(threshold: int) -> None:
    if threshold < 1:
        raise ValueError("the k-anonymity threshold must be at least 1")
