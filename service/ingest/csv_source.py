"""Reading one bundle file record by record, with the line each record starts on.

Bytes that are not UTF-8 are carried through as surrogates instead of failing the whole file, so that
only the record holding them is rejected and every valid neighbour is still loaded. Checking each record
for them costs as much as parsing it, so a file is first read strictly and read again with checks only
if it turns out to hold such bytes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

csv.field_size_limit(10 * 1024 * 1024)
# Bytes that are not UTF-8 arrive as lone surrogates through the "surrogateescape" error handler.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


class HeaderError(ValueError):
    """The file's header makes every row unreadable (missing columns, empty file)."""


class Record(NamedTuple):
    line: int
    values: list[str] | None  # the expected columns, in order; None when the record is malformed
    problem: str | None = None


def read_records(
    path: Path,
    expected: tuple[str, ...],
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[Record]:
    """Yield each data record of `path` with the `expected` columns in order (the header may order them
    differently and hold more). Undecodable bytes only cost the records holding them."""
    done = 0
    try:
        for record in _records(path, expected, on_bytes, strict=True):
            done = record.line
            yield record
    except UnicodeDecodeError:
        # Rare: read again, carrying bad bytes through as surrogates, from the first record not yet given.
        for record in _records(path, expected, on_bytes, strict=False):
            if record.line > done:
                yield record


def _records(
    path: Path, expected: tuple[str, ...], on_bytes: Callable[[int], None] | None, *, strict: bool
) -> Iterator[Record]:
    with path.open("rb") as raw:
        errors = "strict" if strict else "surrogateescape"
        reader = csv.reader(
            io.TextIOWrapper(raw, encoding="utf-8-sig", errors=errors, newline=""), strict=True
        )
        header = _read_header(reader, expected)
        width = len(header)
        positions = [header.index(column) for column in expected]
        in_order = positions == list(range(len(expected)))
        line = reader.line_num
        while True:
            start = line + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                line = reader.line_num
                yield Record(start, None, f"malformed CSV ({error})")
                continue
            line = reader.line_num
            if on_bytes is not None and not start & 0xFFF:
                on_bytes(raw.tell())
            if len(row) != width:
                if row and (len(row) > 1 or row[0].strip()):
                    yield Record(start, None, f"expected {width} fields, found {len(row)}")
                continue
            if not strict and _UNDECODABLE.search("".join(row)):
                column = next(c for c, value in zip(header, row, strict=True) if _UNDECODABLE.search(value))
                yield Record(start, None, f"invalid UTF-8 in column {column}")
                continue
            yield Record(start, row if in_order else [row[p] for p in positions])


def _read_header(reader: Iterator[list[str]], expected: tuple[str, ...]) -> list[str]:
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        raise HeaderError("the file is empty (no header row)") from None
    missing = [column for column in expected if column not in header]
    if missing:
        raise HeaderError(f"header lacks column(s): {', '.join(missing)}")
    return header
