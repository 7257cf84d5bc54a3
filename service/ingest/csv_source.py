"""Reading one bundle file record by record, with the line each record starts on.

Bytes that are not UTF-8 are carried through as surrogates instead of failing the whole file, so that
only the record holding them is rejected and every valid neighbour is still loaded.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

csv.field_size_limit(10 * 1024 * 1024)


class HeaderError(ValueError):
    """The file's header makes every row unreadable (missing columns, empty file)."""


@dataclass(frozen=True)
class Record:
    line: int
    values: dict[str, str] | None  # None when the record itself is malformed
    problem: str | None = None


def read_records(
    path: Path,
    expected: tuple[str, ...],
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[Record]:
    """Yield each data record of `path`; the header must hold every `expected` column (any order)."""
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text, strict=True)
        header = _read_header(reader, expected)
        positions = [header.index(column) for column in expected]
        width = len(header)
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
            if on_bytes is not None and start % 4096 == 0:
                on_bytes(raw.tell())
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            yield _to_record(start, row, width, header, positions, expected)


def _read_header(reader: Iterator[list[str]], expected: tuple[str, ...]) -> list[str]:
    try:
        header = [column.strip() for column in next(reader)]
    except StopIteration:
        raise HeaderError("the file is empty (no header row)") from None
    missing = [column for column in expected if column not in header]
    if missing:
        raise HeaderError(f"header lacks column(s): {', '.join(missing)}")
    return header


def _to_record(
    line: int, row: list[str], width: int, header: list[str], positions: list[int], expected: tuple[str, ...]
) -> Record:
    if len(row) != width:
        return Record(line, None, f"expected {width} fields, found {len(row)}")
    for column, value in zip(header, row, strict=True):
        if _has_undecodable_bytes(value):
            return Record(line, None, f"invalid UTF-8 in column {column}")
    return Record(line, {column: row[position] for column, position in zip(expected, positions, strict=True)})


def _has_undecodable_bytes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
