"""A small, valid, hand-written bundle, independent of the generator, for ingestion tests."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from privacy.pinfl import make_pinfl
from service.bundle import BUNDLE_FILES

PUPILS = 12
MARKS_PER_PUPIL = 10


def write_csv(path: Path, rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(BUNDLE_FILES[path.name])
        writer.writerows(rows)


def build_bundle(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(
        folder / "schools.csv",
        [
            ["S1", "45-maktab", "Toshkent shahri", "Yunusobod tumani", "urban", "uz"],
            ["S2", "3-maktab", "Farg‘ona", "Quva tumani", "rural", "ru"],
        ],
    )
    write_csv(
        folder / "staff.csv",
        [
            [
                "T1",
                "Karimova Nodira Akmal qizi",
                "S1",
                "class_teacher;subject_teacher;mentor",
                "Matematika",
                "4",
            ],
            ["T2", "Rahimov Jasur", "S1", "subject_teacher", "Fizika;Ona tili", "0"],
            ["T3", "Иванова Ольга", "S2", "class_teacher;subject_teacher", "Rus tili", "0"],
            ["T4", "Ergashev Bobur", "S2", "principal", "", ""],
        ],
    )
    write_csv(folder / "classes.csv", [["S1-7B", "S1", "7", "7-B", "T1"], ["S2-5A", "S2", "5", "5-A", "T3"]])
    pupils = []
    for i in range(PUPILS):
        sex = "M" if i % 2 else "F"
        born = date(2012, 1, 1) + timedelta(days=37 * i)
        pupils.append(
            [
                f"P{i:04d}",
                make_pinfl(born, sex, 100 + i, 1 + i),
                f"Pupil{i} Familiya",
                born.isoformat(),
                sex,
                "S1-7B" if i < PUPILS // 2 else "S2-5A",
                "uz" if i < PUPILS // 2 else "ru",
                "Guardian Name",
                f"+998 90 {100 + i:03d}-45-67",
                "Navoiy ko'chasi, 12-uy",
                "revoked" if i == 3 else "granted",
            ]
        )
    write_csv(folder / "pupils.csv", pupils)
    day0 = date(2025, 9, 2)
    marks = [
        [f"P{i:04d}", "Matematika", (day0 + timedelta(days=d)).isoformat(), "daily", 2 + (i + d) % 4, "T1"]
        for i in range(PUPILS)
        for d in range(MARKS_PER_PUPIL)
    ]
    write_csv(folder / "grades.csv", marks)
    write_csv(
        folder / "attendance.csv",
        [[f"P{i:04d}", "2025-09-03", "", "absent_excused"] for i in range(0, PUPILS, 3)]
        + [["P0001", "2025-09-04", "Fizika", "late"]],
    )
    write_csv(
        folder / "lms_events.csv",
        [
            ["P0000", "2025-09-02T18:30:00", "", "login", ""],
            ["P0000", "2025-09-02T18:35:10", "Matematika", "test", "85"],
            ["P0001", "2025-09-03T20:01:00", "Fizika", "submit_late", ""],
        ],
    )
    write_csv(
        folder / "notes.csv",
        [
            ["N1", "P0000", "T1", "2025-09-10", "Pupil0ning onasi bilan gaplashdim, tel: 90 123 45 67"],
            ["N2", "P0007", "T3", "2025-09-11", 'Часто опаздывает, "нужна беседа",\nс родителями'],
        ],
    )
    return folder


def rows_in(folder: Path, name: str) -> int:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return build_bundle(tmp_path / "bundle")
