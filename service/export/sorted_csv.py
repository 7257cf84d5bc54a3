"""CSV files written in sorted row order with bounded memory: sorted runs spilled to disk, then merged.

Rows leave the database in the order they were loaded, which follows the roster; written in that order,
a pseudonymised file would let anyone holding the roster line its rows up with names. Sorting by the
pseudonymised content breaks that link, and the same data under the same key give the same bytes.
"""

from __future__ import annotations

import csv
import heapq
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path

RUN_ROWS = 100_000  # rows held in memory before a sorted run goes to disk
FAN_IN = 64  # runs merged at once, so the number of open files stays small

Row = tuple[str, ...]


def write_sorted_csv(
    path: Path, header: Sequence[str], rows: Iterable[Row], *, run_rows: int = RUN_ROWS
) -> int:
    """Write `header` and every row to `path`, rows in sorted order; returns how many rows."""
    runs: list[Path] = []
    buffer: list[Row] = []
    count = 0
    for row in rows:
        buffer.append(row)
        count += 1
        if len(buffer) >= run_rows:
            runs.append(_spill(path, len(runs), buffer))
            buffer = []
    buffer.sort()
    if not runs:
        _write(path, header, buffer)
        return count
    if buffer:
        runs.append(_spill(path, len(runs), buffer))
    while len(runs) > FAN_IN:
        group, runs = runs[:FAN_IN], runs[FAN_IN:]
        runs.append(_merge_into(path.with_name(f"{group[0].name}.merged"), None, group))
    _merge_into(path, header, runs)
    return count


def _spill(path: Path, number: int, buffer: list[Row]) -> Path:
    run = path.with_name(f".{path.name}.run-{number:06d}")
    buffer.sort()
    _write(run, None, buffer)
    return run


def _merge_into(target: Path, header: Sequence[str] | None, runs: list[Path]) -> Path:
    """Merge sorted runs into `target` and delete them."""
    with ExitStack() as stack:
        readers = [_read(stack.enter_context(run.open(encoding="utf-8", newline=""))) for run in runs]
        _write(target, header, heapq.merge(*readers))
    for run in runs:
        run.unlink()
    return target


def _read(handle: Iterable[str]) -> Iterator[Row]:
    return (tuple(row) for row in csv.reader(handle))


def _write(path: Path, header: Sequence[str] | None, rows: Iterable[Row]) -> None:
    """Write the rows and make them durable before anyone relies on the file."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        if header is not None:
            writer.writerow(header)
        writer.writerows(rows)
        handle.flush()
        os.fsync(handle.fileno())
