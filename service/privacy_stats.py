"""What the privacy layer finds and refuses, in counts for an auditor: personal data in the stored teachers'
notes, the note guardrail's answers and the pseudonymised exports, the last two from the audit log.

Counts only leave this module: no note's text, no personal value, no pupil. Scanning runs the service's
note analyzer over each note (milliseconds a note), so it reads at most the newest SAMPLE_LIMIT notes and
keeps the result per database until the notes change: their number, the largest note id, or how many
retention has anonymised.
"""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from sqlalchemy import Connection, Engine, func, select

from service.db.models import AuditEntry, Note, NoteAnonymisation

SAMPLE_LIMIT: Final = 20_000
WINDOW_DAYS: Final = 90
# The audit actions of a note's text going through the guardrail: checked unsaved, saved about a pupil,
# written as an intervention's progress note (service/api/routes/interventions.py).
GUARDRAIL_ACTIONS: Final = ("note.check", "note.save", "intervention.note")
RESULTS: Final = ("ok", "refused")
EXPORT_ACTION: Final = "export.pseudonymised"  # `erta export --pseudonymised` (service/cli/export.py)

_lock = threading.Lock()


@dataclass(frozen=True)
class NoteScan:
    notes: int  # stored notes
    sampled: int  # the newest of them, scanned
    with_personal_data: int
    entities: dict[str, int]  # entity type → findings
    scanned_at: datetime


@dataclass(frozen=True)
class GuardrailCount:
    action: str
    result: str
    count: int


@dataclass(frozen=True)
class PrivacyStats:
    scan: NoteScan
    since: datetime
    guardrail: list[GuardrailCount]
    exports: int


# Per database: the state of its notes when they were scanned, and what the scan found.
_scans: weakref.WeakKeyDictionary[Engine, tuple[tuple[int, str, int], NoteScan]] = weakref.WeakKeyDictionary()


def privacy_stats(engine: Engine, now: datetime | None = None) -> PrivacyStats:
    """The note scan (from the cache while the notes are unchanged) and the last WINDOW_DAYS of the log."""
    since = (now or datetime.now(UTC)) - timedelta(days=WINDOW_DAYS)
    with engine.connect() as connection:
        guardrail = _guardrail_counts(connection, since)
        exports = connection.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == EXPORT_ACTION, AuditEntry.at >= since)
        )
    return PrivacyStats(scan_notes(engine), since, guardrail, int(exports or 0))


def scan_notes(engine: Engine) -> NoteScan:
    """Entities per type in the newest SAMPLE_LIMIT notes. One scan at a time: a request arriving while
    the notes are scanned waits for that scan instead of starting its own."""
    with _lock:
        key = _notes_state(engine)
        cached = _scans.get(engine)
        if cached is not None and cached[0] == key:
            return cached[1]
        scan = _scan(engine, key[0])
        _scans[engine] = (key, scan)
        return scan


def _notes_state(engine: Engine) -> tuple[int, str, int]:
    with engine.connect() as connection:
        state = select(func.count(), func.max(Note.note_id)).select_from(Note)
        count, newest = connection.execute(state).one()
        anonymised = connection.scalar(select(func.count()).select_from(NoteAnonymisation))
    return int(count or 0), str(newest or ""), int(anonymised or 0)


def _scan(engine: Engine, notes: int) -> NoteScan:
    from service.privacy_engine import note_analyzer  # Presidio and spaCy cost seconds to import

    with engine.connect() as connection:
        texts = connection.scalars(
            select(Note.text).order_by(Note.date.desc(), Note.note_id.desc()).limit(SAMPLE_LIMIT)
        ).all()
    analyzer = note_analyzer(engine)
    entities: Counter[str] = Counter()
    with_personal_data = 0
    for text in texts:
        kinds = [finding.entity_type for finding in analyzer.analyze(text)]
        entities.update(kinds)
        with_personal_data += bool(kinds)
    return NoteScan(notes, len(texts), with_personal_data, dict(sorted(entities.items())), datetime.now(UTC))


def _guardrail_counts(connection: Connection, since: datetime) -> list[GuardrailCount]:
    """Entries per guardrail action and result, every action with both `ok` and `refused` (0 if none)."""
    rows = connection.execute(
        select(AuditEntry.action, AuditEntry.result, func.count())
        .where(AuditEntry.action.in_(GUARDRAIL_ACTIONS), AuditEntry.at >= since)
        .group_by(AuditEntry.action, AuditEntry.result)
    ).all()
    counted = {(action, result): int(count) for action, result, count in rows}
    for action in GUARDRAIL_ACTIONS:
        for result in RESULTS:
            counted.setdefault((action, result), 0)
    order = {action: index for index, action in enumerate(GUARDRAIL_ACTIONS)}
    keys = sorted(counted, key=lambda pair: (order[pair[0]], pair[1]))
    return [GuardrailCount(action, result, counted[action, result]) for action, result in keys]
