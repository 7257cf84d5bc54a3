"""Records pushed one by one from an e-diary or an LMS, each with its sender's idempotency key.

A push is loaded by the bundle's own rules: the records are written as a small bundle and go through
`ingest_bundle`, so a pushed mark is checked, upserted and recorded exactly like a mark in grades.csv, and a
problem comes back naming the record (its position and key) instead of a line. Keys make resending safe:
a record whose key has loaded before with the same content is answered as a duplicate and not loaded
again; the same key with other content is refused, since the sender has mixed two records up. A key is
kept only once its record has loaded, so a rejected record may be corrected and sent again under its key.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from sqlalchemy import Engine, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite

from service.bundle import BUNDLE_FILES
from service.db.models import IngestReceipt
from service.ingest.bundle_loader import ingest_bundle

FILE_OF: Final = {"grade": "grades.csv", "attendance": "attendance.csv", "lms_event": "lms_events.csv"}
SOURCE_FORMAT: Final = "push"
LOOKUP_CHUNK: Final = 500
_DUPLICATE_LINE = re.compile(r"duplicate of line (\d+)")

Value = str | int | float | None


@dataclass(frozen=True)
class PushedRecord:
    kind: str  # grade, attendance or lms_event
    key: str
    values: Mapping[str, Value]

    def content_hash(self) -> str:
        content = json.dumps({"kind": self.kind, **self.values}, sort_keys=True, default=str)
        return hashlib.sha256(content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class RecordProblem:
    index: int  # position in the request, from 0
    key: str
    reason: str


@dataclass
class PushOutcome:
    received: int = 0
    loaded: int = 0
    duplicates: int = 0
    rejected: list[RecordProblem] = field(default_factory=list)


def push_records(engine: Engine, sender: str, records: Sequence[PushedRecord]) -> PushOutcome:
    """Load the records not seen before under their keys; report duplicates and each rejected record."""
    outcome = PushOutcome(received=len(records))
    fresh = _fresh_records(engine, sender, records, outcome)
    if not fresh:
        return outcome
    rejected: set[int] = {problem.index for problem in outcome.rejected}
    with tempfile.TemporaryDirectory(prefix="erta-push-") as folder:
        lines = _write_bundle(Path(folder), fresh)
        report = ingest_bundle(Path(folder), engine, source_format=SOURCE_FORMAT)
    for problem in report.problems:
        in_file = lines[Path(problem.path).name]
        index = in_file[problem.line]
        reason = _record_reason(problem.reason, in_file)
        outcome.rejected.append(RecordProblem(index, records[index].key, reason))
        rejected.add(index)
    loaded = [(index, record) for index, record in fresh if index not in rejected]
    _keep_receipts(engine, sender, [record for _, record in loaded])
    outcome.loaded = len(loaded)
    outcome.rejected.sort(key=lambda problem: problem.index)
    return outcome


def _record_reason(reason: str, records_by_line: dict[int, int]) -> str:
    """The loader's reason with its line numbers turned into record positions."""
    found = _DUPLICATE_LINE.search(reason)
    if found is None:
        return reason
    record = records_by_line[int(found.group(1))]
    return reason[: found.start()] + f"duplicate of record {record}" + reason[found.end() :]


def _fresh_records(
    engine: Engine, sender: str, records: Sequence[PushedRecord], outcome: PushOutcome
) -> list[tuple[int, PushedRecord]]:
    """The records to load, in order: not repeating a key of this request, nor one already loaded."""
    first_with: dict[str, int] = {}
    candidates: list[tuple[int, PushedRecord]] = []
    for index, record in enumerate(records):
        if record.key in first_with:
            reason = f"the key repeats record {first_with[record.key]} of this request; one record per key"
            outcome.rejected.append(RecordProblem(index, record.key, reason))
            continue
        first_with[record.key] = index
        candidates.append((index, record))
    known = _known_hashes(engine, sender, [record.key for _, record in candidates])
    fresh = []
    for index, record in candidates:
        seen = known.get(record.key)
        if seen is None:
            fresh.append((index, record))
        elif seen == record.content_hash():
            outcome.duplicates += 1
        else:
            reason = "this key was already loaded with other content; send a new record under a new key"
            outcome.rejected.append(RecordProblem(index, record.key, reason))
    return fresh


def _known_hashes(engine: Engine, sender: str, keys: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    with engine.connect() as connection:
        for start in range(0, len(keys), LOOKUP_CHUNK):
            chunk = keys[start : start + LOOKUP_CHUNK]
            rows = connection.execute(
                select(IngestReceipt.idempotency_key, IngestReceipt.content_hash).where(
                    tuple_(IngestReceipt.sender, IngestReceipt.idempotency_key).in_(
                        [(sender, key) for key in chunk]
                    )
                )
            )
            found.update({str(key): str(content) for key, content in rows})
    return found


def _write_bundle(folder: Path, records: list[tuple[int, PushedRecord]]) -> dict[str, dict[int, int]]:
    """One bundle file per kind of record; returns, per file, which record each line holds."""
    lines: dict[str, dict[int, int]] = {}
    by_file: dict[str, list[tuple[int, PushedRecord]]] = {}
    for index, record in records:
        by_file.setdefault(FILE_OF[record.kind], []).append((index, record))
    for name, members in by_file.items():
        columns = BUNDLE_FILES[name]
        with (folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for line, (index, record) in enumerate(members, start=2):
                writer.writerow([_as_text(record.values.get(column)) for column in columns])
                lines.setdefault(name, {})[line] = index
    return lines


def _as_text(value: Value) -> str:
    """A JSON value as the bundle's CSV would hold it: `5` and `5.0` are both the mark 5."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r", " ").replace("\n", " ")


def _keep_receipts(engine: Engine, sender: str, records: list[PushedRecord]) -> None:
    if not records:
        return
    now = datetime.now(UTC)
    rows = [
        {"sender": sender, "idempotency_key": r.key, "content_hash": r.content_hash(), "received_at": now}
        for r in records
    ]
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    with engine.begin() as connection:
        # Two pushes of one key at once both load the same row (an upsert); the second receipt is a no-op.
        connection.execute(dialect.insert(IngestReceipt).on_conflict_do_nothing(), rows)
