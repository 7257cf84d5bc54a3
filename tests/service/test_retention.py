"""Retention deletes exactly the records past their limit, anonymises exactly the old notes, once."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select, update

from service.audit_trail import AuditTrail
from service.db.models import Attendance, LmsEvent, Mark, Note
from service.ingest import ingest_bundle
from service.retention import RetentionOutcome, RetentionPolicy, run_retention, years_before
from service.settings import Settings
from tests.service.ingest.conftest import build_bundle

AUDIT_KEY = b"r" * 32
AS_OF = date(2026, 1, 1)  # records before 2021-01-01 go; notes before 2023-01-01 are anonymised
OLD_NOTES = {
    "N-OLD-1": ("P0000", "T1", date(2022, 12, 31), "Pupil0 Familiya kasal, tel 90 123 45 67"),
    "N-OLD-2": ("P0007", "T3", date(2021, 3, 1), "Guardian Name bilan gaplashdim"),
    "N-EDGE": ("P0001", "T1", date(2023, 1, 1), "Pupil1 Familiya yaxshi o'qiydi"),
}


class Masker:
    """A stand-in for the note anonymiser that remembers what it was asked."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, text: str) -> str:
        self.calls.append(text)
        return f"<anonymised {len(text)} characters>"


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    """The hand-written bundle (2025-26) plus records on both sides of each limit."""
    ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    mark = {"subject": "Matematika", "kind": "daily", "mark": 3, "teacher_id": "T1"}
    with engine.begin() as connection:
        connection.execute(
            insert(Mark),
            [
                {"pupil_id": "P0000", "date": date(2020, 12, 31)} | mark,
                {"pupil_id": "P0003", "date": date(2019, 5, 5)} | mark,  # revoked consent changes nothing
                {"pupil_id": "P0000", "date": date(2021, 1, 1)} | mark,
            ],
        )
        absent = {"pupil_id": "P0001", "subject": "", "status": "absent_excused"}
        connection.execute(
            insert(Attendance), [absent | {"date": date(2020, 6, 1)}, absent | {"date": date(2021, 1, 1)}]
        )
        login = {"pupil_id": "P0002", "subject": "", "event": "login", "score": None}
        connection.execute(
            insert(LmsEvent),
            [
                login | {"timestamp": datetime(2020, 12, 31, 23, 59, 59)},
                login | {"timestamp": datetime(2021, 1, 1)},
            ],
        )
        connection.execute(
            insert(Note),
            [
                {"note_id": i, "pupil_id": p, "author_id": a, "date": d, "text": t}
                for i, (p, a, d, t) in OLD_NOTES.items()
            ],
        )
    return engine


def retain(engine: Engine, masker: Masker, dry_run: bool = False) -> RetentionOutcome:
    return run_retention(
        engine,
        AuditTrail(engine, AUDIT_KEY),
        masker,
        policy=RetentionPolicy(records_years=5, notes_years=3),
        as_of=AS_OF,
        actor="cli:admin",
        dry_run=dry_run,
    )


def snapshot(engine: Engine) -> dict[str, object]:
    """Counts and earliest dates of every record table, and every note's text."""
    with engine.connect() as connection:
        state: dict[str, object] = {
            model.__tablename__: connection.execute(select(func.count(), func.min(column))).one()
            for model, column in (
                (Mark, Mark.date),
                (Attendance, Attendance.date),
                (LmsEvent, LmsEvent.timestamp),
            )
        }
        state["notes"] = dict(connection.execute(select(Note.note_id, Note.text)).all())
    return state


def texts(engine: Engine) -> dict[str, str]:
    with engine.connect() as connection:
        return {str(i): str(t) for i, t in connection.execute(select(Note.note_id, Note.text))}


def count(engine: Engine, model: type[Mark | Attendance | LmsEvent]) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(model)) or 0)


def test_exactly_the_old_records_go_and_exactly_the_old_notes_are_anonymised(loaded: Engine) -> None:
    before = {model: count(loaded, model) for model in (Mark, Attendance, LmsEvent)}
    original = texts(loaded)
    masker = Masker()
    outcome = retain(loaded, masker)
    assert outcome.deleted == {"marks": 2, "attendance": 1, "lms_events": 1}
    assert (outcome.records_before, outcome.notes_before) == (date(2021, 1, 1), date(2023, 1, 1))
    assert {model: count(loaded, model) for model in before} == {
        Mark: before[Mark] - 2,
        Attendance: before[Attendance] - 1,
        LmsEvent: before[LmsEvent] - 1,
    }
    with loaded.connect() as connection:
        assert connection.scalar(select(func.min(Mark.date))) == date(2021, 1, 1)
        assert connection.scalar(select(func.min(Attendance.date))) == date(2021, 1, 1)
        assert connection.scalar(select(func.min(LmsEvent.timestamp))) == datetime(2021, 1, 1)
    after = texts(loaded)
    assert outcome.notes_anonymised == 2
    assert sorted(masker.calls) == sorted(OLD_NOTES[i][3] for i in ("N-OLD-1", "N-OLD-2"))
    for note_id, text in after.items():
        old = note_id in ("N-OLD-1", "N-OLD-2")
        assert text == (f"<anonymised {len(original[note_id])} characters>" if old else original[note_id])
    assert set(after) == set(original)  # old notes keep their rows


def test_a_second_run_changes_nothing_and_asks_the_anonymiser_nothing(loaded: Engine) -> None:
    retain(loaded, Masker())
    state = texts(loaded), {model: count(loaded, model) for model in (Mark, Attendance, LmsEvent)}
    masker = Masker()
    second = retain(loaded, masker)
    assert (second.rows_deleted, second.notes_anonymised, masker.calls) == (0, 0, [])
    assert state == (texts(loaded), {model: count(loaded, model) for model in (Mark, Attendance, LmsEvent)})


def test_each_run_writes_one_audit_entry_with_its_counts(loaded: Engine) -> None:
    retain(loaded, Masker())
    retain(loaded, Masker())
    trail = AuditTrail(loaded, AUDIT_KEY)
    first, second = trail.entries()
    assert (first.action, first.role, first.actor, first.result) == (
        "retention.run",
        "admin",
        "cli:admin",
        "4 rows, 2 notes",
    )
    assert first.purpose == (
        "as of 2026-01-01: deleted 2 marks, 1 attendance, 1 lms_events dated before 2021-01-01; "
        "anonymised 2 notes dated before 2023-01-01"
    )
    assert first.pupil_pseudonym is None
    assert second.result == "0 rows, 0 notes"
    assert trail.verify().ok


def test_a_dry_run_counts_the_same_but_changes_and_records_nothing(loaded: Engine) -> None:
    before = snapshot(loaded)
    masker = Masker()
    dry = retain(loaded, masker, dry_run=True)
    assert snapshot(loaded) == before
    assert masker.calls == []
    assert list(AuditTrail(loaded, AUDIT_KEY).entries()) == []
    real = retain(loaded, Masker())
    assert (dry.deleted, dry.notes_anonymised) == (real.deleted, real.notes_anonymised)
    assert dry.dry_run
    assert not real.dry_run


def test_a_note_whose_original_text_came_back_is_anonymised_again(loaded: Engine) -> None:
    retain(loaded, Masker())
    with loaded.begin() as connection:  # as a reload of the old bundle would do
        connection.execute(update(Note).where(Note.note_id == "N-OLD-1").values(text=OLD_NOTES["N-OLD-1"][3]))
    masker = Masker()
    again = retain(loaded, masker)
    assert (again.notes_anonymised, masker.calls) == (1, [OLD_NOTES["N-OLD-1"][3]])
    assert texts(loaded)["N-OLD-1"].startswith("<anonymised")


def test_years_before_keeps_the_calendar_day_and_falls_back_from_29_february() -> None:
    assert years_before(date(2026, 5, 17), 5) == date(2021, 5, 17)
    assert years_before(date(2024, 2, 29), 3) == date(2021, 2, 28)
    assert years_before(date(2024, 2, 29), 4) == date(2020, 2, 29)


def test_the_limits_come_from_the_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert RetentionPolicy.from_settings(Settings(_env_file=None)) == RetentionPolicy(5, 3)  # type: ignore[call-arg]
    monkeypatch.setenv("ERTA_RETENTION_RECORDS_YEARS", "7")
    monkeypatch.setenv("ERTA_RETENTION_NOTES_YEARS", "2")
    assert RetentionPolicy.from_settings(Settings(_env_file=None)) == RetentionPolicy(7, 2)  # type: ignore[call-arg]
    monkeypatch.setenv("ERTA_RETENTION_NOTES_YEARS", "0")
    with pytest.raises(ValueError, match="greater than or equal to 1"):
        Settings(_env_file=None)  # type: ignore[call-arg]
