"""The audit trail in a real database: chained, anchored, and refusing to be rewritten."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from service.audit_trail import AuditTrail

KEY = b"a" * 32


def fill(trail: AuditTrail, entries: int) -> None:
    for number in range(entries):
        trail.record(
            actor=f"teacher{number % 7}",
            role="class_teacher",
            action="pupil.read",
            resource=f"pupil/{number % 13}",
            result="allowed",
            pupil_pseudonym=f"p_{number:020x}",
            purpose="review flagged pupils" if number % 2 else None,
        )


def test_a_written_trail_verifies_and_anchors_its_head_periodically(engine: Engine) -> None:
    trail = AuditTrail(engine, KEY, anchor_every=10)
    fill(trail, 25)
    result = trail.verify()
    assert result.ok, result.problems
    assert result.entries == 25
    assert [anchor.seq for anchor in trail.anchors()] == [10, 20]
    head = trail.head()
    assert head is not None
    assert head.seq == 25


def test_a_batch_is_chained_in_order_after_single_entries(engine: Engine) -> None:
    trail = AuditTrail(engine, KEY, anchor_every=10)
    fill(trail, 3)
    batch = [
        {"actor": "teacher", "role": "class_teacher", "action": "pupil.score", "resource": f"p_{n:020x}",
         "result": "ok", "pupil_pseudonym": f"p_{n:020x}", "purpose": "class list"}
        for n in range(12)
    ]  # fmt: skip
    written = trail.record_many(batch)
    assert [entry.seq for entry in written] == list(range(4, 16))
    assert [entry.resource for entry in written] == [b["resource"] for b in batch]
    result = trail.verify()
    assert result.ok, result.problems
    assert [anchor.seq for anchor in trail.anchors()] == [10]


def test_writers_that_each_remember_their_last_head_still_keep_one_chain(engine: Engine) -> None:
    """Two trails on one database stand for two processes: each one's remembered head goes stale whenever
    the other writes, and the chain must neither fork nor skip."""
    first, second = AuditTrail(engine, KEY, anchor_every=10), AuditTrail(engine, KEY, anchor_every=10)
    for turn in range(12):
        fill(first if turn % 3 else second, 2)
    result = first.verify()
    assert result.ok, result.problems
    assert result.entries == 24
    assert [anchor.seq for anchor in first.anchors()] == [10, 20]


def test_another_key_cannot_vouch_for_the_trail(engine: Engine) -> None:
    fill(AuditTrail(engine, KEY), 3)
    assert not AuditTrail(engine, b"b" * 32).verify().ok


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_log SET result = 'refused' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 3",
        "UPDATE audit_anchors SET entry_seq = 1",
        "DELETE FROM audit_anchors",
    ],
)
def test_the_database_refuses_to_rewrite_audit_rows(engine: Engine, statement: str) -> None:
    fill(AuditTrail(engine, KEY, anchor_every=2), 4)
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text(statement))
    assert AuditTrail(engine, KEY).verify().ok


@pytest.mark.postgres
def test_postgresql_refuses_truncate_too(postgres_engine: Engine) -> None:
    fill(AuditTrail(postgres_engine, KEY), 2)
    with pytest.raises(DatabaseError, match="append-only"), postgres_engine.begin() as connection:
        connection.execute(text("TRUNCATE audit_log"))


def test_tampering_behind_the_triggers_back_is_still_detected(engine: Engine) -> None:
    """An administrator can switch the triggers off; the chain and its anchors still give them away."""
    trail = AuditTrail(engine, KEY, anchor_every=5)
    fill(trail, 12)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        else:
            connection.execute(text("DROP TRIGGER audit_log_no_update"))
            connection.execute(text("DROP TRIGGER audit_log_no_delete"))
        connection.execute(text("UPDATE audit_log SET purpose = 'routine' WHERE seq = 4"))
        connection.execute(text("DELETE FROM audit_log WHERE seq > 8"))
    result = trail.verify()
    assert not result.ok
    reasons = " ".join(problem.reason for problem in result.problems)
    assert "4" in reasons
    assert "10" in reasons
