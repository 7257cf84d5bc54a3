"""Loading a OneRoster 1.2 CSV export: the same database as the bundle it describes, bad rows reported at
their OneRoster file and line without a personal value, reloads that change nothing, tobedeleted skipped.

`oneroster_fixture/` is a small hand-written export (two schools), loaded on SQLite and PostgreSQL; the round
trip writes a generated district's bundle as OneRoster the way an e-diary would and checks, on SQLite, that
both load to the same rows.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from service.cli.main import app
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.db.models import Base, IngestRun, Pupil
from service.ingest import IngestReport, ingest_bundle, ingest_oneroster
from service.ingest.oneroster import OneRosterFolderError, OneRosterReport
from service.synthetic import generate_bundle

FIXTURE = Path(__file__).with_name("oneroster_fixture")
ROSTER_TABLES = ("schools", "staff", "classes", "pupils", "marks")
ERTA_ROLE = {"principal": "principal", "psychologist": "counselor"}  # the other Erta roles are teachers


# --- writing a bundle as OneRoster 1.2 ----------------------------------------------------------------


class _Export:
    """OneRoster rows being written, by file (`users` → users.csv)."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, str]]] = defaultdict(list)

    def add(self, name: str, row: dict[str, str]) -> dict[str, str]:
        self.rows[name].append(row)
        return row

    def enrol(self, class_id: str, user: str, role: str) -> None:
        number, primary = len(self.rows["enrollments"]), str(role == "teacher").lower()
        self.add(
            "enrollments",
            {"sourcedId": f"E{number}", "classSourcedId": class_id, "userSourcedId": user}
            | {"role": role, "primary": primary},
        )

    def role(self, user: str, role: str, school: str) -> None:
        self.add(
            "roles", {"userSourcedId": user, "roleType": "primary", "role": role, "orgSourcedId": school}
        )

    def write(self, out: Path) -> None:
        for name, rows in self.rows.items():
            columns = list(dict.fromkeys(["sourcedId", "status", *(key for row in rows for key in row)]))
            with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, columns, restval="")
                writer.writeheader()
                writer.writerows({"status": "active"} | row for row in rows)


def _read(bundle: Path, name: str) -> list[dict[str, str]]:
    with (bundle / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_oneroster(bundle: Path, out: Path) -> Path:
    """The roster and marks of `bundle` as the OneRoster 1.2 export an e-diary would give."""
    schools, staff, classes, pupils, marks = (
        _read(bundle, name) for name in ("schools", "staff", "classes", "pupils", "grades")
    )
    export = _Export()
    _add_orgs(export, schools)
    class_of = {p["pupil_id"]: p["class_id"] for p in pupils}
    _add_classes(
        export, classes, staff, {(class_of[m["pupil_id"]], m["subject"]): m["teacher_id"] for m in marks}
    )
    _add_people(export, staff, pupils, {c["class_id"]: c["school_id"] for c in classes})
    _add_marks(export, marks, class_of)
    out.mkdir(parents=True, exist_ok=True)
    export.write(out)
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["propertyName", "value"], ["manifest.version", "1.0"], ["oneroster.version", "1.2"]]
            + [[f"file.{name}", "bulk"] for name in export.rows]
            + [["file.courses", "absent"], ["file.academicSessions", "absent"]]
        )
    return out


def _add_orgs(export: _Export, schools: list[dict[str, str]]) -> None:
    """Ministry → region (state) → district → school."""
    export.add("orgs", {"sourcedId": "UZ", "name": "Vazirlik", "type": "national"})
    ids: dict[tuple[str, ...], str] = {}
    for school in schools:
        for key, kind in (
            ((school["region"],), "state"),
            ((school["region"], school["district"]), "district"),
        ):
            if key not in ids:
                ids[key] = f"{kind}-{len(ids)}"
                parent = ids.get(key[:-1], "UZ")
                export.add(
                    "orgs", {"sourcedId": ids[key], "name": key[-1], "type": kind, "parentSourcedId": parent}
                )
        export.add(
            "orgs",
            {"sourcedId": school["school_id"], "name": school["name"], "type": "school"}
            | {"parentSourcedId": ids[(school["region"], school["district"])]}
            | {"metadata.erta.locality": school["locality"], "metadata.erta.language": school["language"]},
        )


def _add_classes(
    export: _Export,
    classes: list[dict[str, str]],
    staff: list[dict[str, str]],
    lesson_teacher: dict[tuple[str, str], str],
) -> None:
    """Homerooms with their class teacher; a scheduled class per class and subject that has marks, or per
    teacher and subject where none show one (a grade-1 class), its teacher enrolled in staff order."""
    school_of = {c["class_id"]: c["school_id"] for c in classes}
    for c in classes:
        export.add(
            "classes",
            {
                "sourcedId": c["class_id"],
                "title": c["label"],
                "classCode": c["label"],
                "classType": "homeroom",
            }
            | {"grades": f"{int(c['grade_level']):02d}", "schoolSourcedId": c["school_id"]},
        )
        export.enrol(c["class_id"], c["class_teacher_id"], "teacher")
    for teacher in staff:
        for subject in filter(None, teacher["subjects"].split(";")):
            homerooms = [
                c for (c, s), t in lesson_teacher.items() if (s, t) == (subject, teacher["staff_id"])
            ]
            sections = {f"{c}/{subject}": school_of[c] for c in homerooms}
            for section, school in (
                sections or {f"{teacher['staff_id']}/{subject}": teacher["school_id"]}
            ).items():
                export.add(
                    "classes",
                    {"sourcedId": section, "title": section, "classType": "scheduled", "subjects": subject}
                    | {"schoolSourcedId": school},
                )
                export.enrol(section, teacher["staff_id"], "teacher")


def _person(sourced_id: str, full_name: str, school: str) -> dict[str, str]:
    family, given, *middle = full_name.split(" ")
    names = {"givenName": given, "familyName": family, "middleName": " ".join(middle)}
    return {"sourcedId": sourced_id, **names, "primaryOrgSourcedId": school}


def _add_people(
    export: _Export, staff: list[dict[str, str]], pupils: list[dict[str, str]], school_of: dict[str, str]
) -> None:
    for member in staff:
        user = export.add("users", _person(member["staff_id"], member["full_name"], member["school_id"]))
        if "mentor" in member["roles"]:
            user["metadata.erta.mentorCapacity"] = member["mentor_capacity"]
        for role in dict.fromkeys(ERTA_ROLE.get(r, "teacher") for r in member["roles"].split(";")):
            export.role(member["staff_id"], role, member["school_id"])
    for pupil in pupils:
        pupil_id, school = pupil["pupil_id"], school_of[pupil["class_id"]]
        user = export.add("users", _person(pupil_id, pupil["full_name"], school))
        user["userIds"] = f"{{eMaktab:{pupil_id}}}" + (
            f",{{PINFL:{pupil['pinfl']}}}" if pupil["pinfl"] else ""
        )
        user |= {"metadata.erta.language": pupil["language"], "metadata.erta.consent": pupil["consent"]}
        export.role(pupil_id, "student", school)
        sex = {"M": "male", "F": "female"}[pupil["sex"]]
        export.add("demographics", {"sourcedId": pupil_id, "birthDate": pupil["birth_date"], "sex": sex})
        export.enrol(pupil["class_id"], pupil_id, "student")
        if pupil["guardian_name"]:
            user["agentSourcedIds"] = f"G-{pupil_id}"
            guardian = export.add("users", _person(f"G-{pupil_id}", pupil["guardian_name"], school))
            guardian |= {"phone": pupil["guardian_phone"], "agentSourcedIds": pupil_id}
            export.role(f"G-{pupil_id}", "parent", school)


def _add_marks(export: _Export, marks: list[dict[str, str]], class_of: dict[str, str]) -> None:
    """One line item per scheduled class, date and kind; one result per mark."""
    for kind in ("daily", "test", "quarter", "annual"):
        export.add("categories", {"sourcedId": f"CAT-{kind}", "title": kind})
    items: dict[tuple[str, str, str], str] = {}
    for number, mark in enumerate(marks):
        section = f"{class_of[mark['pupil_id']]}/{mark['subject']}"
        key = (section, mark["date"], mark["kind"])
        if key not in items:
            items[key] = f"LI{len(items)}"
            export.add(
                "lineItems",
                {
                    "sourcedId": items[key],
                    "classSourcedId": section,
                    "categorySourcedId": f"CAT-{mark['kind']}",
                }
                | {"dueDate": mark["date"], "resultValueMin": "1", "resultValueMax": "5"},
            )
        export.add(
            "results",
            {"sourcedId": f"R{number}", "lineItemSourcedId": items[key], "studentSourcedId": mark["pupil_id"]}
            | {"scoreStatus": "fully graded", "score": mark["mark"], "scoreDate": mark["date"]},
        )


# --- helpers ------------------------------------------------------------------------------------------


def roster_and_marks(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the roster tables and of marks, without the surrogate mark id and the pupil's address
    (OneRoster has none)."""
    with engine.connect() as connection:
        return {
            name: sorted(
                map(
                    tuple,
                    connection.execute(select(*(c for c in table.c if c.name not in ("id", "address")))),
                ),
                key=repr,
            )
            for name, table in ((n, Base.metadata.tables[n]) for n in ROSTER_TABLES)
        }


def append(path: Path, *lines: str) -> list[int]:
    """Append CSV lines to a file; the line number each one has."""
    first = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as handle:
        handle.writelines(f"{line}\n" for line in lines)
    return list(range(first, first + len(lines)))


def problems_of(report: IngestReport) -> list[tuple[str, int, str]]:
    return [(Path(p.path).name, p.line, p.reason) for p in report.problems]


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    bundle = tmp_path_factory.mktemp("bundle")
    generate_bundle(bundle, seed=5, pupils=60, schools=2)
    return bundle, write_oneroster(bundle, tmp_path_factory.mktemp("oneroster"))


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "oneroster"))


# --- the round trip -----------------------------------------------------------------------------------


def test_a_bundle_written_as_oneroster_loads_to_the_same_rows(
    sqlite_engine: Engine, tmp_path: Path, district: tuple[Path, Path]
) -> None:
    bundle, oneroster = district
    direct = make_engine(f"sqlite:///{tmp_path / 'direct.db'}")
    upgrade(direct)
    ingest_bundle(bundle, direct)
    report = ingest_oneroster(oneroster, sqlite_engine)
    assert report.ok, [str(p) for p in report.problems[:5]]
    loaded, expected = roster_and_marks(sqlite_engine), roster_and_marks(direct)
    direct.dispose()
    assert {name: len(rows) for name, rows in loaded.items()} == {n: len(r) for n, r in expected.items()}
    assert len(loaded["schools"]) == 2
    assert len(loaded["marks"]) > 10_000
    assert loaded == expected


def test_reloading_the_same_export_changes_nothing(
    sqlite_engine: Engine, district: tuple[Path, Path]
) -> None:
    _, oneroster = district
    ingest_oneroster(oneroster, sqlite_engine)
    before = roster_and_marks(sqlite_engine)
    second = ingest_oneroster(oneroster, sqlite_engine)
    assert roster_and_marks(sqlite_engine) == before
    for name, counts in second.files.items():
        assert (counts.inserted, counts.updated, counts.rejected) == (0, 0, 0), name
        assert counts.unchanged == counts.read > 0, name
    with sqlite_engine.connect() as connection:
        runs = connection.execute(select(IngestRun.source_format, IngestRun.rejected_rows)).all()
    assert runs == [("oneroster", 0), ("oneroster", 0)]


# --- the hand-written export --------------------------------------------------------------------------


def test_the_hand_written_export_maps_as_documented(engine: Engine, export: Path) -> None:
    report = ingest_oneroster(export, engine)
    assert report.ok, [str(p) for p in report.problems]
    rows = roster_and_marks(engine)
    assert rows["schools"] == [
        ("S1", "45-maktab", "Toshkent shahri", "Yunusobod tumani", "urban", "uz"),
        ("S2", "3-maktab", "Farg'ona", "Quva tumani", "urban", "ru"),  # locality: the default
    ]
    assert rows["classes"] == [("S1-7B", "S1", 7, "7-B", "T1"), ("S2-5A", "S2", 5, "5-A", "T3")]
    assert rows["staff"] == [
        ("A1", "Ergashev Bobur", "S2", ["principal"], [], 0),
        ("C1", "Yo'ldosheva Mohinur Sardor qizi", "S1", ["psychologist"], [], 0),
        (
            "T1",
            "Karimova Nodira Akmal qizi",
            "S1",
            ["class_teacher", "subject_teacher", "mentor"],
            ["Matematika"],
            4,
        ),
        ("T2", "Rahimov Jasur", "S1", ["subject_teacher"], ["Fizika"], 0),
        ("T3", "Иванова Ольга Петровна", "S2", ["class_teacher", "subject_teacher"], ["Rus tili"], 0),
    ]
    pupils = {row[0]: row for row in rows["pupils"]}
    assert pupils["P1"][1:] == (
        "61403121010010",
        "Aliyeva Malika Sardor qizi",
        date(2012, 3, 14),
        "F",
        "S1-7B",
        "uz",
        "Aliyev Sardor Islom o'g'li",
        "+998901234567",
        "granted",
    )
    assert pupils["P2"][5:7] + pupils["P2"][9:] == ("S1-7B", "ru", "revoked")  # the later homeroom
    assert pupils["P3"][1] is None  # no PINFL among its userIds
    assert pupils["P4"][6:9] == ("ru", "Смирнов Олег", "+998901234568")  # school's language; the sms
    marks = {(m[0], m[1], str(m[2]), m[3]): (m[4], m[5]) for m in rows["marks"]}
    assert marks == {
        ("P1", "Matematika", "2025-09-10", "daily"): (5, "T1"),
        ("P2", "Matematika", "2025-09-11", "daily"): (4, "T1"),  # the date of a scoreDate timestamp
        ("P3", "Matematika", "2025-09-10", "daily"): (3, "T1"),  # no scoreDate: the dueDate
        ("P1", "Fizika", "2025-09-20", "test"): (4, "T2"),
        ("P1", "Matematika", "2025-10-31", "quarter"): (5, "T1"),  # the grading period's end
        ("P2", "Matematika", "2025-10-31", "quarter"): (2, "T1"),
        ("P4", "Rus tili", "2025-09-12", "daily"): (5, "T3"),
    }


def test_rows_marked_tobedeleted_are_skipped_and_counted(sqlite_engine: Engine, export: Path) -> None:
    append(export / "lineItems.csv", "LI6,tobedeleted,,Eski,,,2025-09-15,S1-7B-MAT,CAT-D,Q1,1,5")
    (result,) = append(export / "results.csv", "R12,active,,LI6,P3,fully graded,4,,2025-09-15,")
    report = ingest_oneroster(export, sqlite_engine)
    assert isinstance(report, OneRosterReport)
    skipped = {name: s.skipped for name, s in report.sources.items() if s.skipped}
    assert skipped == {
        "users.csv": 1,
        "roles.csv": 1,
        "demographics.csv": 1,
        "enrollments.csv": 1,
        "lineItems.csv": 1,
        "results.csv": 1,
    }
    assert problems_of(report) == [
        ("results.csv", result, "lineItemSourcedId 'LI6': that line item is marked tobedeleted")
    ]
    rows = roster_and_marks(sqlite_engine)
    assert "P5" not in {pupil[0] for pupil in rows["pupils"]}
    assert ("P2", "Fizika") not in {(m[0], m[1]) for m in rows["marks"]}  # R8 is tobedeleted
    # Erta deletes nothing for a OneRoster deletion: retention and consent do that, audited.
    users = export / "users.csv"
    users.write_text(
        users.read_text(encoding="utf-8").replace("P3,active", "P3,tobedeleted"), encoding="utf-8"
    )
    ingest_oneroster(export, sqlite_engine)
    assert "P3" in {pupil[0] for pupil in roster_and_marks(sqlite_engine)["pupils"]}


GUID = "5f1c2a3b-1d2e-4f5a-9b8c-7d6e5f4a3b2c"  # 36 characters: longer than Erta's ids
BAD_ROWS = {
    "lineItems.csv": ["LI5,active,,Test,,,2025-09-25,S1-7B-FIZ,CAT-T,Q1,0,100"],
    "enrollments.csv": [
        "E13,active,,S9-NONE,S1,P3,student,false,2025-09-02,",
        "E14,active,,S1-7B,S1,P6,student,false,2025-09-02,",
        "E15,active,,S1-7B,S1,P7,student,false,2025-09-02,",
        "E16,active,,S1-7B,S1,P8,student,false,2025-09-02,",
        "E17,active,,S1-7B,S1,P9,student,false,2025-09-02,",
    ],
    "users.csv": [
        "P6,active,,true,p6,{PINFL:12345678901234},Jamshid,Toshmatov,,,,,,,07,,,,,,,S1,,,,",
        "P7,active,,true,p7,,Sevara,Qosimova,,,,,,G7,07,,,,,,,S1,,,,",
        "G7,active,,false,g7,,Rustam,Qosimov,,,,,998 12345,P7,,,,,,,,S1,,,,",
        "P8,active,,true,p8,,Laylo,Umarova,,,,,,,07,,,,,,,S1,,,,",
        "P9,active,,true,p9,,Timur,Saidov,,,,,,,07,,,,,,,S1,,,,",
        f"{GUID},active,,true,t9,,Anvar,Yusupov,,,,,,,,,,,,,,S1,,,,",
    ],
    "roles.csv": [
        f"R{u},active,,{u},primary,{r},,,S1,"
        for u, r in [
            ("P6", "student"),
            ("P7", "student"),
            ("G7", "parent"),
            ("P8", "student"),
            ("P9", "student"),
            (GUID, "teacher"),
        ]
    ],
    "demographics.csv": [
        "P6,active,,2012-04-04,male,UZ,Toshkent",
        "P7,active,,2012-06-06,female,UZ,Toshkent",
        "P8,active,,2012-02-30,female,UZ,Toshkent",
        "P9,active,,2012-08-08,unspecified,UZ,Toshkent",
    ],
    "results.csv": [
        "R9,active,,LI-NONE,P1,fully graded,4,,2025-09-15,",
        "R10,active,,LI1,P3,fully graded,7,,2025-09-16,",
        "R11,active,,LI5,P1,fully graded,87,,2025-09-25,",
        "R13,active,,LI1,P-NONE,fully graded,4,,2025-09-10,",
        "R14,active,,LI1,P1,fully graded,4,,2025-09-10,",
    ],
}


def personal_values(export: Path) -> set[str]:
    """Names, phones, PINFLs and birth dates in the export: none may appear in a problem."""
    values: set[str] = set()
    for name, columns in (
        ("users.csv", ("givenName", "familyName", "middleName", "phone", "sms")),
        ("demographics.csv", ("birthDate",)),
    ):
        with (export / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                values.update(row[column] for column in columns)
                values.update(re.findall(r"PINFL:(\d+)", row.get("userIds", "")))
    return values - {""}


def test_bad_rows_are_reported_at_their_oneroster_line_and_valid_rows_load(
    engine: Engine, export: Path
) -> None:
    line = {name: append(export / name, *rows) for name, rows in BAD_ROWS.items()}
    report = ingest_oneroster(export, engine)
    expected = [
        (
            "enrollments.csv",
            line["enrollments.csv"][0],
            "classSourcedId 'S9-NONE': unknown class (not in classes.csv)",
        ),
        ("users.csv", line["users.csv"][3], "birthDate in demographics.csv is not a real calendar date"),
        ("users.csv", line["users.csv"][4], "sex in demographics.csv is neither male nor female"),
        (
            "users.csv",
            line["users.csv"][5],
            "staff_id is longer than the 32 characters Erta stores (mapped to staff.csv)",
        ),
        (
            "lineItems.csv",
            line["lineItems.csv"][0],
            "resultValueMin '0': Erta loads marks on the 1-5 scale only",
        ),
        (
            "results.csv",
            line["results.csv"][0],
            "lineItemSourcedId 'LI-NONE': unknown line item (not in lineItems.csv)",
        ),
        ("results.csv", line["results.csv"][1], "score '7' is not a mark on the 1-5 scale"),
        (
            "results.csv",
            line["results.csv"][2],
            f"lineItemSourcedId 'LI5': that line item was refused (lineItems.csv:{line['lineItems.csv'][0]})",
        ),
        (
            "users.csv",
            line["users.csv"][0],
            "pinfl is not a PINFL (14 digits: century/sex, birth date, area, serial) (mapped to pupils.csv)",
        ),
        (
            "users.csv",
            line["users.csv"][1],
            "guardian_phone is not an Uzbek phone number (+998 and 9 digits) (mapped to pupils.csv)",
        ),
        ("results.csv", line["results.csv"][3], "pupil_id 'P-NONE': unknown pupil (mapped to grades.csv)"),
        (
            "results.csv",
            line["results.csv"][4],
            "duplicate of results.csv:2 (same pupil_id, subject, date, kind); first kept"
            " (mapped to grades.csv)",
        ),
    ]
    assert problems_of(report) == expected
    assert all(p.path == str(export / name) for p, (name, *_) in zip(report.problems, expected, strict=True))
    assert report.rejected == len(expected)
    rows = roster_and_marks(engine)
    assert sorted(str(pupil[0]) for pupil in rows["pupils"]) == ["P1", "P2", "P3", "P4"]
    assert len(rows["marks"]) == 7
    with engine.connect() as connection:
        (run,) = connection.execute(
            select(IngestRun.source_format, IngestRun.rejected_rows, IngestRun.counts)
        )
    assert run[:2] == ("oneroster", len(expected))
    assert run[2]["oneroster/results.csv"] == {"read": 13, "skipped": 1, "rejected": 3}
    assert run[2]["grades.csv"]["rejected"] == 2
    personal = personal_values(export)
    assert {"Jamshid", "12345678901234", "998 12345", "2012-02-30", "Aliyeva"} <= personal
    for problem in report.problems:
        assert not [value for value in personal if value in str(problem)], str(problem)


def test_a_file_missing_a_required_column_is_refused_whole(sqlite_engine: Engine, export: Path) -> None:
    results = export / "results.csv"
    with results.open(encoding="utf-8", newline="") as handle:
        table = [row[:6] + row[7:] for row in csv.reader(handle)]  # without `score`
    with results.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    report = ingest_oneroster(export, sqlite_engine)
    assert problems_of(report) == [
        ("results.csv", 1, "header lacks column(s): score; nothing loaded from this file")
    ]
    rows = roster_and_marks(sqlite_engine)
    assert (len(rows["pupils"]), len(rows["marks"])) == (4, 0)


def test_the_manifest_is_honoured(sqlite_engine: Engine, export: Path) -> None:
    manifest = export / "manifest.csv"
    text = manifest.read_text(encoding="utf-8").replace("file.results,bulk", "file.results,absent")
    manifest.write_text(text, encoding="utf-8")
    (export / "categories.csv").unlink()
    report = ingest_oneroster(export, sqlite_engine)
    assert problems_of(report)[0] == (
        "manifest.csv",
        5,
        "file.categories is bulk but categories.csv is missing",
    )
    assert isinstance(report, OneRosterReport)
    assert "results.csv" not in report.sources
    assert "grades.csv" not in report.files
    manifest.write_text(text.replace("oneroster.version,1.2", "oneroster.version,1.1"), encoding="utf-8")
    with pytest.raises(
        OneRosterFolderError, match=r"oneroster\.version is '1\.1'; Erta reads OneRoster 1\.2"
    ):
        ingest_oneroster(export, sqlite_engine)


def test_a_folder_without_oneroster_files_is_a_clear_error(sqlite_engine: Engine, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "pupils.csv").write_text("pupil_id\n", encoding="utf-8")
    for folder in (tmp_path / "empty", tmp_path / "nowhere"):
        with pytest.raises(OneRosterFolderError, match="no OneRoster files found"):
            ingest_oneroster(folder, sqlite_engine)


# --- the command --------------------------------------------------------------------------------------


def test_erta_ingest_format_oneroster_exit_codes(
    sqlite_engine: Engine, export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ERTA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ERTA_DATABASE_URL", sqlite_engine.url.render_as_string(hide_password=False))

    def ingest(folder: Path) -> tuple[int, str]:
        result = CliRunner().invoke(app, ["ingest", "--format", "oneroster", str(folder)])
        return result.exit_code, " ".join(result.stderr.split())

    code, output = ingest(export)
    assert code == 0, output
    assert "OneRoster files" in output
    assert "Ingest summary" in output
    assert "5 row(s) marked tobedeleted were skipped, not loaded." in output
    (line,) = append(export / "results.csv", "R9,active,,LI1,P3,fully graded,7,,2025-09-16,")
    code, output = ingest(export)
    assert code == 1
    assert f"{export / 'results.csv'}:{line}: score '7' is not a mark on the 1-5 scale" in output
    assert "1 row(s) rejected; every valid row was loaded." in output
    code, output = ingest(tmp_path / "nowhere")
    assert code == 2
    assert "no OneRoster files found" in output
    with sqlite_engine.connect() as connection:
        assert connection.scalar(select(Pupil.consent).where(Pupil.pupil_id == "P2")) == "revoked"
