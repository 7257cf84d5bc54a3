"""Retention limits: marks, attendance and LMS events past their years are deleted, old notes anonymised.

A note older than its limit keeps its row (its date still counts for features) but its text is replaced by
the anonymised text. Which notes are done is kept in `note_anonymisations` with a digest of the text left
behind, so a second run changes nothing, and a note whose original text a reload brought back is done
again. Each real run writes one audit entry with its counts; a dry run only counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.orm import InstrumentedAttribute

from service.audit_trail import AuditTrail
from service.db.models import Attendance, LmsEvent, Mark, Note, NoteAnonymisation
from service.settings import Settings

NOTES_BATCH = 500
# The dated column of each table whose rows are deleted once older than the records' limit.
DATED_RECORDS: dict[str, tuple[type[Mark | Attendance | LmsEvent], InstrumentedAttribute[Any]]] = {
    "marks": (Mark, Mark.date),
    "attendance": (Attendance, Attendance.date),
    "lms_events": (LmsEvent, LmsEvent.timestamp),
}


@dataclass(frozen=True)
class RetentionPolicy:
    records_years: int = 5
    notes_years: int = 3

    @classmethod
    def from_settings(cls, settings: Settings) -> RetentionPolicy:
        return cls(settings.retention_records_years, settings.retention_notes_years)


@dataclass(frozen=True)
class RetentionOutcome:
    """What a run deleted and anonymised (or, in a dry run, would have)."""

    as_of: date
    records_before: date
    notes_before: date
    dry_run: bool
    deleted: dict[str, int] = field(default_factory=dict)  # table → rows
    notes_anonymised: int = 0

    @property
    def rows_deleted(self) -> int:
        return sum(self.deleted.values())

    def describe(self) -> str:
        """One line of counts, without any personal data: the audit entry's purpose."""
        counts = ", ".join(f"{rows} {table}" for table, rows in self.deleted.items())
        return (
            f"as of {self.as_of}: deleted {counts} dated before {self.records_before}; "
            f"anonymised {self.notes_anonymised} notes dated before {self.notes_before}"
        )


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier (29 February falls back to the 28th)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def run_retention(
    engine: Engine,
    trail: AuditTrail,
    anonymize_text: Callable[[str], str],
    *,
    policy: RetentionPolicy,
    as_of: date,
    actor: str,
    dry_run: bool = False,
    on_notes: Callable[[int], None] | None = None,
) -> RetentionOutcome:
    """Apply the policy as of `as_of`; `on_notes` hears how many old notes have been looked at so far."""
    records_before = years_before(as_of, policy.records_years)
    notes_before = years_before(as_of, policy.notes_years)
    deleted = _delete_records(engine, records_before, dry_run)
    anonymised = _anonymise_notes(engine, anonymize_text, notes_before, dry_run, on_notes or _quiet)
    outcome = RetentionOutcome(as_of, records_before, notes_before, dry_run, deleted, anonymised)
    if not dry_run:
        trail.record(
            actor=actor,
            role="admin",
            action="retention.run",
            resource="records:marks,attendance,lms_events;notes",
            result=f"{outcome.rows_deleted} rows, {anonymised} notes"[:32],
            purpose=outcome.describe()[:200],
        )
    return outcome


def _delete_records(engine: Engine, before: date, dry_run: bool) -> dict[str, int]:
    """Rows dated before `before`, per table: deleted in one transaction, or only counted."""
    deleted = {}
    with engine.begin() as connection:
        for table, (model, dated) in DATED_RECORDS.items():
            limit = datetime.combine(before, time.min) if table == "lms_events" else before
            if dry_run:
                query = select(func.count()).select_from(model).where(dated < limit)
                deleted[table] = int(connection.scalar(query) or 0)
            else:
                result = connection.execute(delete(model).where(dated < limit))
                deleted[table] = int(result.rowcount)
    return deleted


def _anonymise_notes(
    engine: Engine,
    anonymize_text: Callable[[str], str],
    before: date,
    dry_run: bool,
    on_notes: Callable[[int], None],
) -> int:
    """Anonymise each old note not yet done, a batch per transaction so an interrupted run keeps its work."""
    anonymised = seen = 0
    after = ""
    while batch := _old_notes(engine, before, after):
        after = batch[-1][0]
        seen += len(batch)
        pending = [(note_id, text) for note_id, text, digest in batch if digest != _sha256(text)]
        if dry_run:
            anonymised += len(pending)
        else:
            anonymised += _write_anonymised(engine, [(i, t, anonymize_text(t)) for i, t in pending])
        on_notes(seen)
    return anonymised


def _old_notes(engine: Engine, before: date, after: str) -> list[tuple[str, str, str | None]]:
    """The next batch of notes dated before `before`, by id, with the digest retention left (if any)."""
    query = (
        select(Note.note_id, Note.text, NoteAnonymisation.text_sha256)
        .outerjoin(NoteAnonymisation, NoteAnonymisation.note_id == Note.note_id)
        .where(Note.date < before, Note.note_id > after)
        .order_by(Note.note_id)
        .limit(NOTES_BATCH)
    )
    with engine.connect() as connection:
        return [(str(i), str(t), d) for i, t, d in connection.execute(query)]


def _write_anonymised(engine: Engine, notes: list[tuple[str, str, str]]) -> int:
    """Replace each note's text, unless someone changed it meanwhile, and record it as done."""
    written = 0
    now = datetime.now(UTC)
    with engine.begin() as connection:
        for note_id, original, anonymised in notes:
            result = connection.execute(
                update(Note).where(Note.note_id == note_id, Note.text == original).values(text=anonymised)
            )
            if result.rowcount != 1:
                continue
            connection.execute(delete(NoteAnonymisation).where(NoteAnonymisation.note_id == note_id))
            done = {"note_id": note_id, "anonymised_at": now, "text_sha256": _sha256(anonymised)}
            connection.execute(insert(NoteAnonymisation).values(**done))
            written += 1
    return written


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _quiet(_seen: int) -> None:
    pass
