"""Reading the audit log for an auditor: filtered pages newest first, and the whole selection as CSV.

Reading never changes the log (it refuses UPDATE and DELETE anyway); the API writes one entry for each
read of it, so the auditors are audited too. Pupils appear in the log by pseudonym only.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from sqlalchemy import ColumnElement, Engine, and_, func, select, true

from service.db.models import AuditEntry

EXPORT_BATCH: Final = 5_000
PAGE_COLUMNS: Final = (
    "seq", "at", "actor", "role", "action", "resource", "pupil_pseudonym", "purpose", "result",
)  # fmt: skip
# The export keeps the hashes, so an inspector can check the links of the rows they were given.
EXPORT_COLUMNS: Final = (*PAGE_COLUMNS, "prev_hash", "entry_hash")


@dataclass(frozen=True)
class AuditFilter:
    """Which entries: exact actor, role, action, result and pseudonym; purpose containing the words; at
    from `since` (inclusive) up to `until` (exclusive). None leaves a field unfiltered."""

    actor: str | None = None
    role: str | None = None
    action: str | None = None
    purpose: str | None = None
    pupil_pseudonym: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    result: str | None = None

    def where(self) -> ColumnElement[bool]:
        clauses: list[ColumnElement[bool]] = []
        for name in ("actor", "role", "action", "pupil_pseudonym", "result"):
            value = getattr(self, name)
            if value is not None:
                clauses.append(getattr(AuditEntry, name) == value)
        if self.purpose:
            clauses.append(func.lower(AuditEntry.purpose).contains(self.purpose.lower(), autoescape=True))
        if self.since is not None:
            clauses.append(AuditEntry.at >= _utc(self.since))
        if self.until is not None:
            clauses.append(AuditEntry.at < _utc(self.until))
        return and_(true(), *clauses)


class AuditFilterError(ValueError):
    """A filter that cannot be applied, such as a time outside the calendar once moved to UTC."""


def _utc(moment: datetime) -> datetime:
    """The moment in UTC, as the log stores it; a time without a zone is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise AuditFilterError(f"{moment.isoformat()} is outside the calendar in UTC") from None


def audit_page(
    engine: Engine, selection: AuditFilter, limit: int, offset: int
) -> tuple[list[dict[str, Any]], int]:
    """One page of entries, newest first, and how many entries the filter selects in all."""
    where = selection.where()
    columns = [getattr(AuditEntry, name) for name in PAGE_COLUMNS]
    with engine.connect() as connection:
        total = connection.scalar(select(func.count()).select_from(AuditEntry).where(where))
        rows = connection.execute(
            select(*columns).where(where).order_by(AuditEntry.seq.desc()).limit(limit).offset(offset)
        ).all()
    return [_entry(row._mapping) for row in rows], int(total or 0)


def audit_csv(engine: Engine, selection: AuditFilter) -> Iterator[str]:
    """The selected entries oldest first as CSV text, a header then batches of rows, read as it streams."""
    columns = [getattr(AuditEntry, name) for name in EXPORT_COLUMNS]
    yield _csv_lines([EXPORT_COLUMNS])
    with engine.connect() as connection:
        result = connection.execution_options(yield_per=EXPORT_BATCH).execute(
            select(*columns).where(selection.where()).order_by(AuditEntry.seq)
        )
        for batch in result.partitions():
            yield _csv_lines([_row(_entry(row._mapping)) for row in batch])


def _entry(row: Any) -> dict[str, Any]:
    entry = dict(row)
    at = entry["at"]
    if isinstance(at, datetime) and at.tzinfo is None:  # SQLite keeps no zone; Erta writes UTC
        entry["at"] = at.replace(tzinfo=UTC)
    return entry


def _row(entry: dict[str, Any]) -> list[Any]:
    return [
        entry[name].isoformat() if isinstance(entry[name], datetime) else entry[name] or ""
        for name in EXPORT_COLUMNS
    ]


def _csv_lines(rows: list[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()
