"""The pseudonymised export as a data scientist gets it: nobody named, nobody revoked, all joined up."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, update

from privacy.pseudonyms import Pseudonymizer
from service.db.models import Note, Pupil, School, SchoolClass, Staff
from service.export import ExportError, export_pseudonymised
from service.export import pseudonymised as export_module
from service.ingest import ingest_bundle
from service.synthetic import generate_bundle
from tests.service.ingest.conftest import MARKS_PER_PUPIL, PUPILS, build_bundle

KEY = Pseudonymizer(b"e" * 32)
OTHER_KEY = Pseudonymizer(b"o" * 32)
CSV_FILES = (
    "schools.csv",
    "staff.csv",
    "classes.csv",
    "pupils.csv",
    "grades.csv",
    "attendance.csv",
    "lms_events.csv",
    "notes.csv",
)


def keep_text(text: str) -> str:
    return text


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    """The hand-written bundle: 12 pupils in two schools, P0003 with consent revoked."""
    ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    return engine


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("district")
    generate_bundle(out, seed=11, pupils=90, schools=2)
    return out


def read(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def personal_values(engine: Engine) -> set[str]:
    """Every name, PINFL, contact, address and raw id the database holds."""
    columns = (
        Pupil.pupil_id,
        Pupil.pinfl,
        Pupil.full_name,
        Pupil.guardian_name,
        Pupil.guardian_phone,
        Pupil.address,
        Pupil.class_id,
        Staff.staff_id,
        Staff.full_name,
        School.school_id,
        School.name,
        SchoolClass.class_id,
        Note.note_id,
    )
    with engine.connect() as connection:
        values = {value for column in columns for value in connection.scalars(select(column)) if value}
    return values


def roster_masker(engine: Engine) -> Callable[[str], str]:
    """A stand-in for the Presidio anonymiser: masks every personal value and name part it knows."""
    known = personal_values(engine)
    parts = {part for value in known for part in value.replace(",", " ").split() if len(part) >= 3}
    pattern = re.compile("|".join(re.escape(v) for v in sorted(known | parts, key=len, reverse=True)))
    return lambda text: pattern.sub("<PII>", text)


def test_no_personal_value_from_the_database_appears_in_any_byte_of_the_export(
    engine: Engine, district: Path, tmp_path: Path
) -> None:
    ingest_bundle(district, engine)
    with engine.begin() as connection:  # make sure the revoked path is exercised too
        connection.execute(update(Pupil).where(Pupil.pupil_id == "P0000005").values(consent="revoked"))
    out = tmp_path / "export"
    report = export_pseudonymised(engine, out, KEY, roster_masker(engine))
    with engine.connect() as connection:
        consenting = connection.scalar(select(func.count()).where(Pupil.consent == "granted"))
    assert report.rows["pupils.csv"] == consenting < 90
    contents = {path.name: path.read_bytes() for path in out.iterdir()}
    assert set(contents) == {*CSV_FILES, "k_anonymity.json", "manifest.json"}
    for value in personal_values(engine):
        encoded = value.encode("utf-8")
        assert not [name for name, data in contents.items() if encoded in data], "a personal value leaked"
    assert KEY.pseudonym("P0000005", "p").encode() not in b"".join(contents.values())


def test_revoked_pupils_and_all_their_records_are_left_out(loaded: Engine, tmp_path: Path) -> None:
    report = export_pseudonymised(loaded, tmp_path / "export", KEY, keep_text)
    assert report.rows == {
        "schools.csv": 2,
        "staff.csv": 4,
        "classes.csv": 2,
        "pupils.csv": PUPILS - 1,
        "grades.csv": (PUPILS - 1) * MARKS_PER_PUPIL,
        "attendance.csv": 4,  # P0000, P0006, P0009 absent and P0001 late; P0003's absence is gone
        "lms_events.csv": 3,
        "notes.csv": 2,
    }
    revoked = KEY.pseudonym("P0003", "p").encode()
    assert all(revoked not in path.read_bytes() for path in (tmp_path / "export").iterdir())


def test_records_join_up_through_their_pseudonyms(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_pseudonymised(loaded, out, KEY, keep_text)
    pupils, staff, classes, schools = (
        {row[f"{kind}_id"] for row in read(out, name)}
        for kind, name in (
            ("pupil", "pupils.csv"),
            ("staff", "staff.csv"),
            ("class", "classes.csv"),
            ("school", "schools.csv"),
        )
    )
    assert all(p.startswith("p_") for p in pupils)
    assert all(s.startswith("t_") for s in staff)
    for name in ("grades.csv", "attendance.csv", "lms_events.csv", "notes.csv"):
        assert {row["pupil_id"] for row in read(out, name)} <= pupils, name
    assert {row["teacher_id"] for row in read(out, "grades.csv")} <= staff
    assert {row["author_id"] for row in read(out, "notes.csv")} <= staff
    assert {row["class_id"] for row in read(out, "pupils.csv")} == classes
    assert {row["school_id"] for row in read(out, "classes.csv")} == schools
    assert {row["class_teacher_id"] for row in read(out, "classes.csv")} <= staff
    # The same pseudonyms training gives, so an export and a training run name a pupil alike.
    assert KEY.pseudonym("P0000", "p") in pupils
    assert KEY.pseudonym("S1", "s") in schools


def test_only_the_agreed_columns_leave_and_birth_dates_become_years(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_pseudonymised(loaded, out, KEY, keep_text)
    assert list(read(out, "pupils.csv")[0]) == ["pupil_id", "birth_year", "sex", "class_id", "language"]
    assert list(read(out, "staff.csv")[0]) == ["staff_id", "roles", "subjects"]
    assert list(read(out, "schools.csv")[0]) == ["school_id", "region", "district", "locality", "language"]
    assert sorted(int(row["birth_year"]) for row in read(out, "pupils.csv")) == [2012] * 9 + [2013] * 2
    teacher = {row["staff_id"]: row for row in read(out, "staff.csv")}[KEY.pseudonym("T1", "t")]
    assert (teacher["roles"], teacher["subjects"]) == ("class_teacher;subject_teacher;mentor", "Matematika")


def test_note_text_is_what_the_anonymiser_made_of_it(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_pseudonymised(loaded, out, KEY, lambda text: f"<masked {len(text)}>")
    with loaded.connect() as connection:
        originals = {str(i): str(t) for i, t in connection.execute(select(Note.note_id, Note.text))}
    expected = {KEY.pseudonym(note_id, "n"): f"<masked {len(text)}>" for note_id, text in originals.items()}
    assert {row["note_id"]: row["text"] for row in read(out, "notes.csv")} == expected


def test_pseudonyms_are_stable_under_one_key_and_unrelated_under_another(
    loaded: Engine, tmp_path: Path
) -> None:
    first, second, other = tmp_path / "first", tmp_path / "second", tmp_path / "other"
    export_pseudonymised(loaded, first, KEY, keep_text)
    export_pseudonymised(loaded, second, KEY, keep_text)
    export_pseudonymised(loaded, other, OTHER_KEY, keep_text)
    for name in CSV_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    ours = {row["pupil_id"] for row in read(first, "pupils.csv")}
    theirs = {row["pupil_id"] for row in read(other, "pupils.csv")}
    assert len(ours) == len(theirs) == PUPILS - 1
    assert ours.isdisjoint(theirs)


def test_rows_are_not_in_roster_order(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "export"
    export_pseudonymised(loaded, out, KEY, keep_text)
    pupils = [row["pupil_id"] for row in read(out, "pupils.csv")]
    assert pupils == sorted(pupils)
    assert pupils != [KEY.pseudonym(f"P{i:04d}", "p") for i in range(PUPILS) if i != 3]


def test_the_k_report_counts_school_grade_sex_and_birth_year_cells(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "export"
    report = export_pseudonymised(loaded, out, KEY, keep_text, k_threshold=3)
    s1, s2 = KEY.pseudonym("S1", "s"), KEY.pseudonym("S2", "s")
    # Counted by hand from the bundle: pupils alternate F/M, birthdays 37 days apart from 2012-01-01.
    expected_small = {(s2, 5, "F", 2013, 1), (s2, 5, "M", 2013, 1), (s1, 7, "M", 2012, 2)}
    expected_small |= {(s2, 5, "F", 2012, 2), (s2, 5, "M", 2012, 2)}
    document = json.loads((out / "k_anonymity.json").read_text(encoding="utf-8"))
    assert document["quasi_identifiers"] == ["school_id", "grade_level", "sex", "birth_year"]
    assert (document["k"], document["cells"], document["rows"]) == (1, 6, PUPILS - 1)
    assert (document["small_cells"], document["rows_in_small_cells"]) == (5, 8)
    listed = {tuple(cell.values()) for cell in document["cells_below_threshold"]}
    assert listed == expected_small
    assert report.k_anonymity.as_dict() == {k: document[k] for k in report.k_anonymity.as_dict()}


def test_the_manifest_counts_every_file_and_holds_nothing_personal(loaded: Engine, tmp_path: Path) -> None:
    out = tmp_path / "export"
    report = export_pseudonymised(loaded, out, KEY, keep_text)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for name in CSV_FILES:
        entry = manifest["files"][name]
        assert entry["rows"] == len(read(out, name)) == report.rows[name]
        assert entry["sha256"] == hashlib.sha256((out / name).read_bytes()).hexdigest()
    assert manifest["erta_version"]
    assert manifest["created_at"].startswith(str(report.created_at.year))
    assert manifest["k_anonymity"] == report.k_anonymity.as_dict()
    text = (out / "manifest.json").read_text(encoding="utf-8")
    # Whole values only: staff id "T1" is not in the timestamp "2026-12-01T10:02".
    assert not [
        value
        for value in personal_values(loaded)
        if re.search(rf"(?<![\w-]){re.escape(value)}(?![\w-])", text)
    ]


def test_a_non_empty_folder_or_a_file_is_refused_and_an_empty_folder_is_used(
    loaded: Engine, tmp_path: Path
) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="is not empty"):
        export_pseudonymised(loaded, busy, KEY, keep_text)
    assert [p.name for p in busy.iterdir()] == ["keep.txt"]
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="is not a folder"):
        export_pseudonymised(loaded, blocker, KEY, keep_text)
    empty = tmp_path / "empty"
    empty.mkdir()
    export_pseudonymised(loaded, empty, KEY, keep_text)
    assert (empty / "manifest.json").exists()


def test_an_interrupted_export_leaves_no_folder_behind(loaded: Engine, tmp_path: Path) -> None:
    def fail(_text: str) -> str:
        raise KeyboardInterrupt  # as if stopped while the last file, notes.csv, was being written

    with pytest.raises(KeyboardInterrupt):
        export_pseudonymised(loaded, tmp_path / "export", KEY, fail)
    assert not (tmp_path / "export").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export")]


def test_large_tables_stream_in_batches_and_report_progress(
    loaded: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_module, "READ_BATCH", 25)
    heard: list[tuple[str, int, bool]] = []
    export_pseudonymised(loaded, tmp_path / "export", KEY, keep_text, lambda *event: heard.append(event))
    grades = [(rows, done) for name, rows, done in heard if name == "grades.csv"]
    assert grades == [(25, False), (50, False), (75, False), (100, False), (110, True)]
    assert [name for name, _, done in heard if done] == list(CSV_FILES)
