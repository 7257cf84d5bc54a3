"""The tamper-evident audit chain: each entry carries an HMAC of its contents and of the entry before it.

Altering, removing, inserting or reordering entries breaks a hash or a link, and a published head (an
anchor) exposes a log whose tail was cut off. Whoever holds the key can still append valid entries, so the
key stays inside the deployment. Pure functions: the store assigns `seq` and keeps the rows.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

GENESIS: Final[str] = "0" * 64
MIN_KEY_BYTES: Final = 32
# A log verified with the wrong key fails on every entry; listing millions of problems helps nobody.
MAX_LISTED_PROBLEMS: Final = 1000


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One entry of the audit log, as stored."""

    seq: int
    at: datetime
    actor: str
    role: str
    action: str
    resource: str
    pupil_pseudonym: str | None
    purpose: str | None
    result: str
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True, slots=True)
class Anchor:
    """A published head: at some moment the chain had `seq` entries ending in `entry_hash`."""

    seq: int
    entry_hash: str


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """Where verification found a problem and what kind; never the values of the entry."""

    seq: int | None
    reason: str


@dataclass(frozen=True, slots=True)
class Verification:
    """How many entries were read and every problem found; `ok` when there is none."""

    entries: int
    problems: tuple[ChainProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _keyed(key: bytes) -> hmac.HMAC:
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"the audit key must be at least {MIN_KEY_BYTES} bytes")
    return hmac.new(key, digestmod=hashlib.sha256)


# The hashed fields, in their fixed order: everything of an entry but its own hash.
_Fields = tuple[int, datetime, str, str, str, str, str | None, str | None, str, str]


def _canonical(fields: _Fields) -> bytes:
    seq, at, *rest = fields
    if at.utcoffset() is None:
        raise ValueError("the time of an audit entry must be timezone-aware")
    stamp = at.astimezone(UTC).isoformat(timespec="microseconds")
    return json.dumps([seq, stamp, *rest], ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(
    key: bytes,
    seq: int,
    at: datetime,
    actor: str,
    role: str,
    action: str,
    resource: str,
    pupil_pseudonym: str | None,
    purpose: str | None,
    result: str,
    prev_hash: str,
) -> str:
    """Hex HMAC-SHA256 of an entry's fields in a fixed order, its time in UTC; None differs from ""."""
    mac = _keyed(key)
    fields = (seq, at, actor, role, action, resource, pupil_pseudonym, purpose, result, prev_hash)
    mac.update(_canonical(fields))
    return mac.hexdigest()


def chain_next(
    key: bytes,
    previous: AuditRecord | None,
    *,
    at: datetime,
    actor: str,
    role: str,
    action: str,
    resource: str,
    pupil_pseudonym: str | None,
    purpose: str | None,
    result: str,
) -> AuditRecord:
    """The entry that follows `previous` (or starts the chain when it is None), with its hash."""
    seq, prev_hash = (1, GENESIS) if previous is None else (previous.seq + 1, previous.entry_hash)
    if at.utcoffset() is None:
        raise ValueError("the time of an audit entry must be timezone-aware")
    at = at.astimezone(UTC)
    fields = (seq, at, actor, role, action, resource, pupil_pseudonym, purpose, result, prev_hash)
    return AuditRecord(*fields, entry_hash=entry_hash(key, *fields))


def _link_problem(previous: AuditRecord | None, record: AuditRecord) -> ChainProblem | None:
    if previous is None:
        if record.seq != 1:
            return ChainProblem(1, f"the log starts at entry {record.seq}, not 1 (its head is missing)")
        if record.prev_hash != GENESIS:
            return ChainProblem(1, "entry 1 does not start from the genesis hash")
        return None
    expected = previous.seq + 1
    if record.seq > expected:
        last = record.seq - 1
        gap = f"entry {expected} is" if last == expected else f"entries {expected}-{last} are"
        return ChainProblem(expected, f"{gap} missing (entry {record.seq} follows entry {previous.seq})")
    if record.seq < expected:
        reason = f"entry {record.seq} is out of place (it follows entry {previous.seq})"
        return ChainProblem(record.seq, reason)
    if record.prev_hash != previous.entry_hash:
        return ChainProblem(record.seq, f"entry {record.seq} does not link to entry {previous.seq}")
    return None


class _Walk:
    """The state of one pass over the log: the last entry in place, the anchors not yet met, the problems."""

    def __init__(self, anchors: Iterable[Anchor]) -> None:
        self.entries = 0
        self.highest = 0
        self.previous: AuditRecord | None = None
        self.problems: list[ChainProblem] = []
        self.unlisted = 0
        self.anchors: dict[int, str] = {}
        for anchor in anchors:
            if self.anchors.setdefault(anchor.seq, anchor.entry_hash) != anchor.entry_hash:
                self.report(ChainProblem(anchor.seq, f"two anchors for entry {anchor.seq} disagree"))
        self.unmet = set(self.anchors)

    def report(self, problem: ChainProblem) -> None:
        if len(self.problems) < MAX_LISTED_PROBLEMS:
            self.problems.append(problem)
        else:
            self.unlisted += 1

    def visit(self, record: AuditRecord, actual_hash: str | None) -> None:
        self.entries += 1
        link = _link_problem(self.previous, record)
        if link is not None:
            self.report(link)
        # Hashes are compared plainly: a stored log is no oracle an attacker can time.
        if actual_hash != record.entry_hash:
            reason = f"entry {record.seq} was altered or forged (its hash does not match its contents)"
            self.report(ChainProblem(record.seq, reason))
        anchored = self.anchors.get(record.seq)
        if anchored is not None:
            self.unmet.discard(record.seq)
            if anchored != record.entry_hash:
                self.report(ChainProblem(record.seq, f"entry {record.seq} is not the one anchored there"))
        self.highest = max(self.highest, record.seq)
        # An entry out of place is passed over, so that the entries after it still link to the one before.
        if self.previous is None or record.seq > self.previous.seq:
            self.previous = record

    def finish(self) -> Verification:
        beyond = [seq for seq in self.unmet if seq > self.highest]
        if self.entries == 0 and self.anchors:
            self.report(ChainProblem(None, f"the log is empty but was anchored at entry {max(self.anchors)}"))
        elif beyond:
            reason = f"the log ends at entry {self.highest} but was anchored at entry {max(beyond)}"
            self.report(ChainProblem(self.highest + 1, reason))
        for seq in sorted(seq for seq in self.unmet if seq <= self.highest):
            self.report(ChainProblem(seq, f"anchored entry {seq} is missing"))
        problems = self.problems
        if self.unlisted:
            problems = [*problems, ChainProblem(None, f"{self.unlisted} more problems are not listed")]
        return Verification(self.entries, tuple(problems))


def _actual_hash(keyed: hmac.HMAC, r: AuditRecord) -> str | None:
    head = (r.seq, r.at, r.actor, r.role, r.action, r.resource, r.pupil_pseudonym, r.purpose, r.result)
    mac = keyed.copy()
    try:
        mac.update(_canonical((*head, r.prev_hash)))
    except ValueError:  # a naive time or text that is not Unicode: no honest entry looks like that
        return None
    return mac.hexdigest()


def verify_chain(records: Iterable[AuditRecord], key: bytes, anchors: Iterable[Anchor] = ()) -> Verification:
    """Check the log in one pass, in the order the store returns it, against the key and published heads."""
    keyed = _keyed(key)
    walk = _Walk(anchors)
    for record in records:
        walk.visit(record, _actual_hash(keyed, record))
    return walk.finish()
