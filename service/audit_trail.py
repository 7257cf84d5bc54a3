"""The audit trail in the database: every entry chained to the one before, heads anchored, nothing rewritten.

Entries are appended with an explicit sequence number one past the current head, so two writers racing for
the same place collide on the primary key and the loser re-reads the head and retries: the chain never forks,
on SQLite or PostgreSQL, without table locks. Every `anchor_every` entries the head is written to
`audit_anchors`, so a log cut short later is caught by `verify`. Both tables refuse UPDATE and DELETE
(migration 0002).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, RowMapping, insert, select
from sqlalchemy.exc import IntegrityError

from privacy.audit_chain import Anchor, AuditRecord, Verification, chain_next, verify_chain
from service.db.models import AuditAnchor, AuditEntry

ANCHOR_EVERY = 100
WRITE_ATTEMPTS = 5
# Writers in one process take turns: the API's threads would otherwise all read the same head and all but
# one lose the race. Other processes still race, and retry (WRITE_ATTEMPTS).
_APPEND_LOCK = threading.Lock()
READ_BATCH = 10_000


class AuditTrail:
    def __init__(self, engine: Engine, key: bytes, anchor_every: int = ANCHOR_EVERY) -> None:
        self.engine = engine
        self._key = key
        self.anchor_every = anchor_every
        self._last: AuditRecord | None = None  # the head as this trail last wrote it

    def record(
        self,
        *,
        actor: str,
        role: str,
        action: str,
        resource: str,
        result: str,
        pupil_pseudonym: str | None = None,
        purpose: str | None = None,
    ) -> AuditRecord:
        """Append one entry (and an anchor when its turn comes); returns the entry as chained."""
        fields: dict[str, str | None] = {"actor": actor, "role": role, "action": action, "resource": resource}
        return self.record_many(
            [fields | {"result": result, "pupil_pseudonym": pupil_pseudonym, "purpose": purpose}]
        )[0]

    def record_many(self, entries: list[dict[str, str | None]]) -> list[AuditRecord]:
        """Append several entries in one transaction, chained in order (a batch read of many pupils writes
        one entry per pupil without one round trip each). Each dict holds `record`'s keyword arguments."""
        with _APPEND_LOCK:
            for attempt in range(WRITE_ATTEMPTS):
                try:
                    with self.engine.begin() as connection:
                        # The head this process wrote last is still the head unless another process has
                        # written since; then the first insert collides and the head is read afresh.
                        head = (
                            self._last if attempt == 0 and self._last is not None else self._head(connection)
                        )
                        written = []
                        for fields in entries:
                            head = chain_next(self._key, head, at=datetime.now(UTC), **fields)  # type: ignore[arg-type]
                            written.append(head)
                        connection.execute(insert(AuditEntry), [_columns(entry) for entry in written])
                        for entry in written:
                            if entry.seq % self.anchor_every == 0:
                                _write_anchor(connection, entry)
                    self._last = written[-1] if written else head
                    return written
                except IntegrityError:
                    self._last = None  # another writer took this place in the chain; chain onto theirs
        raise RuntimeError("could not append to the audit log: it is being written too busily; try again")

    def anchor(self) -> Anchor | None:
        """Write down the current head now (for instance before publishing it elsewhere)."""
        with self.engine.begin() as connection:
            head = self._head(connection)
            if head is not None:
                _write_anchor(connection, head)
        return None if head is None else Anchor(head.seq, head.entry_hash)

    def head(self) -> Anchor | None:
        with self.engine.connect() as connection:
            head = self._head(connection)
        return None if head is None else Anchor(head.seq, head.entry_hash)

    def entries(self) -> Iterator[AuditRecord]:
        """Every entry in sequence order, streamed in batches."""
        with self.engine.connect() as connection:
            rows = connection.execution_options(yield_per=READ_BATCH).execute(
                select(AuditEntry.__table__).order_by(AuditEntry.seq)
            )
            for row in rows:
                yield _record(row._mapping)

    def anchors(self) -> list[Anchor]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(AuditAnchor.entry_seq, AuditAnchor.entry_hash))
            return [Anchor(int(seq), str(entry_hash)) for seq, entry_hash in rows]

    def verify(self, published: Iterable[Anchor] = ()) -> Verification:
        """Check the whole chain against the stored anchors and any heads published outside the database."""
        return verify_chain(self.entries(), self._key, [*self.anchors(), *published])

    def _head(self, connection: Connection) -> AuditRecord | None:
        query = select(AuditEntry.__table__).order_by(AuditEntry.seq.desc()).limit(1)
        row = connection.execute(query).first()
        return None if row is None else _record(row._mapping)


def _write_anchor(connection: Connection, entry: AuditRecord) -> None:
    values = {"at": datetime.now(UTC), "entry_seq": entry.seq, "entry_hash": entry.entry_hash}
    connection.execute(insert(AuditAnchor).values(**values))


def _columns(entry: AuditRecord) -> dict[str, object]:
    return {name: getattr(entry, name) for name in FIELDS}


def _record(row: RowMapping) -> AuditRecord:
    values = {name: row[name] for name in FIELDS}
    at = values["at"]
    if isinstance(at, datetime) and at.tzinfo is None:  # SQLite keeps no zone; Erta writes UTC
        values["at"] = at.replace(tzinfo=UTC)
    return AuditRecord(**values)


FIELDS = (
    "seq",
    "at",
    "actor",
    "role",
    "action",
    "resource",
    "pupil_pseudonym",
    "purpose",
    "result",
    "prev_hash",
    "entry_hash",
)
