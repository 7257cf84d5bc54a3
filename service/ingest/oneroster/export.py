"""A OneRoster folder as read: its rows by file with their lines, lookups by sourcedId, and the problems
found while mapping them, each reported at the OneRoster file and line it concerns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from service.ingest.fields import FieldError
from service.ingest.oneroster.report import OneRosterReport, SourceFileReport
from service.ingest.report import Problem


class SourceRow(NamedTuple):
    file: str
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The column's value, stripped; empty when the file has no such column."""
        return self.values.get(column, "").strip()

    @property
    def id(self) -> str:
        return self.get("sourcedId")


@dataclass
class Export:
    folder: Path
    report: OneRosterReport = field(default_factory=OneRosterReport)
    rows: dict[str, list[SourceRow]] = field(default_factory=dict)
    ids: dict[str, dict[str, SourceRow]] = field(default_factory=dict)
    deleted: dict[str, set[str]] = field(default_factory=dict)  # sourcedIds marked tobedeleted
    streamed: dict[str, Iterator[SourceRow]] = field(default_factory=dict)  # results: read while mapped

    def has(self, name: str) -> bool:
        return name in self.rows or name in self.streamed

    def rows_of(self, name: str) -> list[SourceRow]:
        return self.rows.get(name, [])

    def source(self, name: str) -> SourceFileReport:
        return self.report.sources.setdefault(name, SourceFileReport(name))

    def reject(self, name: str, line: int, reason: str) -> None:
        self.source(name).rejected += 1
        self.report.problems.append(Problem(str(self.folder / name), line, reason))

    def reject_row(self, row: SourceRow, reason: str) -> None:
        self.reject(row.file, row.line, reason)

    def find(self, name: str, sourced_id: str, field_name: str, what: str) -> SourceRow:
        """The row of `name` with that sourcedId, or a `FieldError` naming the referring field."""
        if not sourced_id:
            raise FieldError(f"{field_name} is empty")
        row = self.ids.get(name, {}).get(sourced_id)
        if row is not None:
            return row
        if sourced_id in self.deleted.get(name, set()):
            raise FieldError(f"{field_name} {sourced_id!r}: that {what} is marked tobedeleted")
        raise FieldError(f"{field_name} {sourced_id!r}: unknown {what} (not in {name})")


# A row of a bundle file (bundle column → value) and the line of the OneRoster file it was made from.
BundleRow = tuple[int, dict[str, str]]
