"""Ingestion on both databases: every valid row loaded, every bad row reported by file and line,
and loading the same bundle twice changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text, update

from service.bundle import BUNDLE_FILES
from service.db.models import Base, IngestRun, Mark, Note, Pupil, School, Staff
from service.ingest import ingest_bundle
from service.ingest.bundle_loader import BundleNotFoundError
from tests.service.ingest.conftest import build_bundle, rows_in

TABLE_OF = {
    "schools.csv": "schools",
    "staff.csv": "staff",
    "classes.csv": "classes",
    "pupils.csv": "pupils",
    "grades.csv": "marks",
    "attendance.csv": "attendance",
    "lms_events.csv": "lms_events",
    "notes.csv": "notes",
}


def count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Base.metadata.tables[table])) or 0


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every loaded table, ids included, in a stable order."""
    with engine.connect() as connection:
        return {
            table: sorted(map(tuple, connection.execute(select(Base.metadata.tables[table]))), key=repr)
            for table in TABLE_OF.values()
        }


def append_lines(path: Path, lines: list[bytes]) -> None:
    with path.open("ab") as handle:
        for line in lines:
            handle.write(line + b"\r\n")


def test_a_valid_bundle_loads_completely(engine: Engine, bundle: Path) -> None:
    report = ingest_bundle(bundle, engine)
    assert report.ok, [str(p) for p in report.problems]
    for name, table in TABLE_OF.items():
        assert count(engine, table) == rows_in(bundle, name), name
        assert report.files[name].inserted == rows_in(bundle, name)


def test_values_arrive_normalised(engine: Engine, bundle: Path) -> None:
    ingest_bundle(bundle, engine)
    with engine.connect() as connection:
        region = connection.scalar(select(School.region).where(School.school_id == "S2"))
        phone = connection.scalar(select(Pupil.guardian_phone).where(Pupil.pupil_id == "P0002"))
        roles = connection.scalar(select(Staff.roles).where(Staff.staff_id == "T1"))
        note = connection.scalar(select(Note.text).where(Note.note_id == "N2"))
    assert region == "Farg'ona"  # the ‘ variant of the bundle is stored as the canonical apostrophe
    assert phone == "+998901024567"
    assert roles == ["class_teacher", "subject_teacher", "mentor"]
    assert note is not None
    assert "\n" in note
    assert '"нужна беседа"' in note


def test_ingesting_the_same_bundle_twice_changes_nothing(engine: Engine, bundle: Path) -> None:
    ingest_bundle(bundle, engine)
    before = snapshot(engine)
    second = ingest_bundle(bundle, engine)
    assert snapshot(engine) == before
    for name, file_report in second.files.items():
        assert (file_report.inserted, file_report.updated) == (0, 0), name
        assert file_report.unchanged == rows_in(bundle, name)


def test_a_corrected_mark_updates_only_that_row(engine: Engine, bundle: Path) -> None:
    ingest_bundle(bundle, engine)
    grades = bundle / "grades.csv"
    lines = grades.read_text(encoding="utf-8").splitlines()
    fields = lines[5].split(",")
    fields[4] = "5" if fields[4] != "5" else "4"
    lines[5] = ",".join(fields)
    grades.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = ingest_bundle(bundle, engine).files["grades.csv"]
    assert (report.inserted, report.updated) == (0, 1)
    with engine.connect() as connection:
        stored = connection.scalar(
            select(Mark.mark).where(Mark.pupil_id == fields[0], Mark.date == text(f"'{fields[2]}'"))
        )
    assert stored == int(fields[4])


def test_bad_rows_are_reported_with_file_and_line_and_good_rows_kept(engine: Engine, bundle: Path) -> None:
    grades = bundle / "grades.csv"
    good = rows_in(bundle, "grades.csv")
    first_bad_line = good + 2  # header is line 1
    append_lines(
        grades,
        [
            b"P9999,Matematika,2025-10-01,daily,4,T1",  # unknown pupil
            b"P0001,Matematika,2025-10-01,daily,7,T1",  # mark off the scale
            b"P0001,Matematika,2025-02-30,daily,4,T1",  # no such day
            b"P0001,Matematika,01.10.2025,daily,4,T1",  # not ISO
            b"P0001,Ona tili,2025-10-01,daily,4,T\xff1",  # broken UTF-8
            b"P0001,Matematika,2025-10-01,daily,4",  # a field short
            b"P0001,Matematika,2025-10-02,weekly,4,T1",  # unknown kind
            b"P0001,Matematika,2025-10-03,daily,4,T77",  # unknown teacher
            b"P0002,Matematika,2025-10-05,daily,3,T1",  # valid, after the bad ones
        ],
    )
    report = ingest_bundle(bundle, engine)
    problems = {p.line: p.reason for p in report.problems}
    expected = {
        first_bad_line: "pupil_id 'P9999': unknown pupil",
        first_bad_line + 1: "mark 7 is outside 1-5",
        first_bad_line + 2: "date '2025-02-30' is not a real calendar date",
        first_bad_line + 3: "date '01.10.2025' is not a date in YYYY-MM-DD form",
        first_bad_line + 4: "invalid UTF-8 in column teacher_id",
        first_bad_line + 5: "expected 6 fields, found 5",
        first_bad_line + 6: "kind 'weekly' is not one of: daily, test, quarter, annual",
        first_bad_line + 7: "teacher_id 'T77': unknown staff member",
    }
    assert problems == expected
    assert all(p.path == str(grades) for p in report.problems)
    assert count(engine, "marks") == good + 1
    assert report.files["grades.csv"].rejected == len(expected)


def test_duplicate_keys_in_one_file_keep_the_first_row(engine: Engine, bundle: Path) -> None:
    append_lines(bundle / "grades.csv", [b"P0000,Matematika,2025-09-02,daily,5,T1"])
    report = ingest_bundle(bundle, engine)
    (problem,) = report.problems
    assert problem.line == rows_in(bundle, "grades.csv") + 1
    assert problem.reason.startswith("duplicate of line 2 ")
    with engine.connect() as connection:
        first = connection.scalar(
            select(Mark.mark).where(Mark.pupil_id == "P0000", Mark.subject == "Matematika")
        )
    assert first == 2  # line 2 of the fixture, not the later 5


def test_a_rejected_parent_rejects_its_children_without_breaking_the_load(
    engine: Engine, bundle: Path
) -> None:
    append_lines(bundle / "schools.csv", [b"S9,1-maktab,Atlantis,X tumani,urban,uz"])
    append_lines(bundle / "classes.csv", [b"S9-1A,S9,1,1-A,"])
    report = ingest_bundle(bundle, engine)
    reasons = [p.reason for p in report.problems]
    assert reasons[0].startswith("region 'Atlantis' is not one of")
    assert reasons[1] == "school_id 'S9': unknown school"
    assert count(engine, "classes") == 2


def test_a_value_longer_than_its_column_rejects_only_its_row(engine: Engine, bundle: Path) -> None:
    """On PostgreSQL one 36-character GUID used to make the whole file fail; now it is that row's problem."""
    guid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    append_lines(bundle / "classes.csv", [f"{guid},S1,7,7-C,T1".encode()])
    report = ingest_bundle(bundle, engine)
    (problem,) = report.problems
    assert problem.path.endswith("classes.csv")
    assert problem.reason == "class_id is longer than the 32 characters Erta stores"
    assert count(engine, "classes") == 2
    assert count(engine, "pupils") == rows_in(bundle, "pupils.csv")


def test_a_row_refused_for_a_long_id_cannot_be_referred_to(engine: Engine, bundle: Path) -> None:
    """The refused class must never count as known: a pupil naming it is refused on its own line, and every
    other pupil of the file still loads (no foreign-key failure takes the file down)."""
    guid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    append_lines(bundle / "classes.csv", [f"{guid},S1,7,7-C,T1".encode()])
    append_lines(bundle / "pupils.csv", [f"P9999,,Yangi Bola,2012-05-05,M,{guid},uz,,,,granted".encode()])
    report = ingest_bundle(bundle, engine)
    reasons = [(Path(p.path).name, p.reason) for p in report.problems]
    assert reasons == [
        ("classes.csv", "class_id is longer than the 32 characters Erta stores"),
        ("pupils.csv", "class_id is longer than the 32 characters Erta stores"),
    ]
    assert count(engine, "pupils") == rows_in(bundle, "pupils.csv") - 1


def test_a_long_address_refuses_its_pupil_and_the_pupils_marks_only(engine: Engine, bundle: Path) -> None:
    append_lines(
        bundle / "pupils.csv", [f"P9998,,Yangi Bola,2012-05-05,M,S1-7B,uz,,,{'x' * 301},granted".encode()]
    )
    append_lines(bundle / "grades.csv", [b"P9998,Matematika,2025-09-02,daily,5,T1"])
    report = ingest_bundle(bundle, engine)
    reasons = [(Path(p.path).name, p.reason) for p in report.problems]
    assert reasons == [
        ("pupils.csv", "address is longer than the 300 characters Erta stores"),
        ("grades.csv", "pupil_id 'P9998': unknown pupil"),
    ]
    assert count(engine, "pupils") == rows_in(bundle, "pupils.csv") - 1
    assert count(engine, "marks") == rows_in(bundle, "grades.csv") - 1


def test_a_file_missing_a_column_is_refused_whole_and_the_rest_loads(engine: Engine, bundle: Path) -> None:
    attendance = bundle / "attendance.csv"
    attendance.write_text("pupil_id,date,status\nP0000,2025-09-03,late\n", encoding="utf-8")
    report = ingest_bundle(bundle, engine)
    (problem,) = report.problems
    assert (Path(problem.path).name, problem.line) == ("attendance.csv", 1)
    assert "header lacks column(s): subject" in problem.reason
    assert count(engine, "attendance") == 0
    assert count(engine, "notes") == rows_in(bundle, "notes.csv")


def test_reasons_never_repeat_personal_values(engine: Engine, bundle: Path) -> None:
    append_lines(
        bundle / "pupils.csv",
        [
            b"P0100,12345678901234,Secret Name,2013-04-31,M,S1-7B,uz,G,+998 90 1,Secret street,granted",
            b"P0101,,Secret Name,2013-13-01,M,S1-7B,uz,G,,Secret street,granted",
            b"P0102,,Secret Name,2013-01-01,M,S1-7B,uz,G,+1 555 0100,Secret street,granted",
        ],
    )
    report = ingest_bundle(bundle, engine)
    assert len(report.problems) == 3
    for problem in report.problems:
        for secret in ("12345678901234", "Secret", "2013-", "555", "+998 90 1"):
            assert secret not in problem.reason


def test_a_pinfl_cannot_belong_to_two_pupils(engine: Engine, bundle: Path) -> None:
    ingest_bundle(bundle, engine)
    with engine.connect() as connection:
        pinfl = connection.scalar(select(Pupil.pinfl).where(Pupil.pupil_id == "P0000"))
    pupils = bundle / "pupils.csv"
    pupils.write_text(
        ",".join(BUNDLE_FILES["pupils.csv"]) + f"\nP0200,{pinfl},Name,2012-01-01,F,S1-7B,uz,,,,granted\n",
        encoding="utf-8",
    )
    report = ingest_bundle(bundle, engine)
    assert [p.reason for p in report.problems] == ["pinfl already belongs to another pupil"]


def test_a_partial_bundle_loads_what_it_holds(engine: Engine, bundle: Path, tmp_path: Path) -> None:
    ingest_bundle(bundle, engine)
    delta = tmp_path / "delta"
    delta.mkdir()
    (delta / "grades.csv").write_text(
        "pupil_id,subject,date,kind,mark,teacher_id\nP0001,Fizika,2025-10-10,test,4,T2\n", encoding="utf-8"
    )
    report = ingest_bundle(delta, engine)
    assert list(report.files) == ["grades.csv"]
    assert report.files["grades.csv"].inserted == 1


def test_each_run_is_recorded(engine: Engine, bundle: Path) -> None:
    ingest_bundle(bundle, engine)
    ingest_bundle(bundle, engine)
    with engine.connect() as connection:
        runs = connection.execute(select(IngestRun.counts, IngestRun.rejected_rows)).all()
    assert len(runs) == 2
    assert runs[1].counts["grades.csv"]["unchanged"] == rows_in(bundle, "grades.csv")


def test_a_folder_without_bundle_files_is_an_error(engine: Engine, tmp_path: Path) -> None:
    with pytest.raises(BundleNotFoundError, match="no bundle files found"):
        ingest_bundle(tmp_path, engine)
    with pytest.raises(BundleNotFoundError):
        ingest_bundle(tmp_path / "missing", engine)


def test_revoked_consent_is_stored(engine: Engine, tmp_path: Path) -> None:
    ingest_bundle(build_bundle(tmp_path / "b"), engine)
    with engine.begin() as connection:
        revoked = connection.scalars(select(Pupil.pupil_id).where(Pupil.consent == "revoked")).all()
        connection.execute(update(Pupil).values(consent="granted"))
    assert revoked == ["P0003"]
