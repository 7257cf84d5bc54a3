"""Pushed records on both databases: loaded by the bundle's rules, each key loaded once, a receipt kept only
for records that loaded, and two senders' keys never mixed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, func, select

from service.db.models import IngestReceipt, Mark
from service.ingest import ingest_bundle
from service.ingest.push import PushedRecord, push_records
from tests.service.ingest.conftest import build_bundle


def mark(key: str, day: str, value: object, pupil: str = "P0000") -> PushedRecord:
    values = {
        "pupil_id": pupil,
        "subject": "Fizika",
        "date": day,
        "kind": "test",
        "mark": value,
        "teacher_id": "T2",
    }
    return PushedRecord("grade", key, values)


def loaded_marks(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        rows = connection.execute(select(Mark.date, Mark.mark).where(Mark.subject == "Fizika"))
        return {str(day): int(value) for day, value in rows}


def test_keys_make_resending_safe_on_either_database(engine: Engine, tmp_path: Path) -> None:
    assert ingest_bundle(build_bundle(tmp_path / "bundle"), engine).ok
    first = push_records(engine, "user:1", [mark("a", "2026-01-12", 3), mark("b", "2026-01-13", "x")])
    assert (first.loaded, first.duplicates) == (1, 0)
    assert [(p.index, p.key) for p in first.rejected] == [(1, "b")]
    assert "mark" in first.rejected[0].reason
    again = push_records(engine, "user:1", [mark("a", "2026-01-12", 3), mark("b", "2026-01-13", 4)])
    assert (again.loaded, again.duplicates, again.rejected) == (1, 1, [])
    assert loaded_marks(engine) == {"2026-01-12": 3, "2026-01-13": 4}
    # Another sender's "a" is its own record, not a resend of the first sender's.
    other = push_records(engine, "user:2", [mark("a", "2026-01-14", 5)])
    assert (other.loaded, other.duplicates) == (1, 0)
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(IngestReceipt)) == 3


def test_two_records_for_one_mark_keep_the_first_and_name_it(engine: Engine, tmp_path: Path) -> None:
    assert ingest_bundle(build_bundle(tmp_path / "bundle"), engine).ok
    outcome = push_records(engine, "user:1", [mark("a", "2026-01-12", 3), mark("b", "2026-01-12", 5)])
    assert outcome.loaded == 1
    assert [(p.index, p.key) for p in outcome.rejected] == [(1, "b")]
    assert "duplicate of record 0" in outcome.rejected[0].reason
    assert loaded_marks(engine) == {"2026-01-12": 3}
