"""What the analyzer reports: one span of personal data in a note, with whose name it may be."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """`people` holds the roster keys a PERSON span may name (empty: a name Erta does not know)."""

    start: int
    end: int
    entity_type: str
    score: float
    people: frozenset[str] = frozenset()
