"""The principal's reports made from a real database: the monitoring report as CSV and PDF, and the
intervention report's matched comparison on a hand-built school whose effects are known in advance.

The monitoring school is `test_monitoring_report.load_school` (7-B's Matematika falls, 5-V has three pupils
and is always suppressed). The intervention school has ten pupils helped from one day whose marks rise by a
mark, who miss no day and whose risk falls by 0.1, against thirty not-helped pupils of the same risk who
stay as they were and miss two days after it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, insert

from model.school_calendar import school_days
from service.db.models import Attendance, Intervention, Mark, Pupil, RiskScore, School, SchoolClass
from service.intervention_report import MIN_PAIRS, WINDOW_DAYS, build_intervention_report
from service.monitoring_report import build_monitoring_report
from service.report_files import (
    MONITORING_COLUMNS,
    interventions_csv,
    json_ready,
    monitoring_csv,
    monitoring_pdf,
)
from tests.service.test_monitoring_report import load_school

START = date(2026, 2, 16)  # a Monday of the third quarter of 2025-2026
HELPED = [f"S1-7A-{i:02d}" for i in range(10)]
CONTROLS = [f"S1-7A-{i:02d}" for i in range(10, 40)]


def test_the_monitoring_csv_has_a_row_per_class_and_subject_and_hides_small_groups(
    sqlite_engine: Engine,
) -> None:
    hidden = load_school(sqlite_engine)
    with sqlite_engine.connect() as connection:
        report = build_monitoring_report(connection, "S1")
    text = monitoring_csv(report)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == MONITORING_COLUMNS
    assert [(r["class"], r["subject"]) for r in rows] == [(m["class"], m["subject"]) for m in report.marks]
    falling = next(r for r in rows if r["class"] == "7-B" and r["subject"] == "Matematika")
    assert falling["slipping"] == "True"
    assert float(falling["change"]) == pytest.approx(-1.0, abs=0.1)
    assert float(falling["attendance_now"]) < float(falling["attendance_before"])
    small = next(r for r in rows if r["class"] == "5-V")
    assert small["suppressed"] == "True"
    assert small["mean_now"] == small["mean_before"] == small["change"] == ""
    assert f"{hidden['now']:.4f}" not in text
    assert f"{hidden['before']:.4f}" not in text
    assert "Pupil S1" not in text


@pytest.mark.parametrize("lang", ["uz", "ru", "en"])
def test_the_monitoring_pdf_is_a_pdf_in_each_language(sqlite_engine: Engine, lang: str) -> None:
    load_school(sqlite_engine)
    with sqlite_engine.connect() as connection:
        report = build_monitoring_report(connection, "S1", lang=lang)
    document = monitoring_pdf(report)
    assert document.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page[^s]", document)) == 2
    assert b"Pupil S1" not in document


def test_a_quarter_without_marks_still_makes_a_pdf(sqlite_engine: Engine) -> None:
    from service.monitoring_report import parse_quarter

    load_school(sqlite_engine)
    with sqlite_engine.connect() as connection:
        report = build_monitoring_report(connection, "S1", parse_quarter("2021-Q1"))
    assert report.marks == []
    assert monitoring_pdf(report).startswith(b"%PDF")
    assert list(csv.reader(io.StringIO(monitoring_csv(report)))) == [list(MONITORING_COLUMNS)]


def test_json_ready_drops_what_strict_json_cannot_hold() -> None:
    value = {"a": [1.5, math.nan, {"b": math.inf}], "c": (None, "x")}
    assert json_ready(value) == {"a": [1.5, None, {"b": None}], "c": [None, "x"]}


def _intervention_school(engine: Engine, helped: list[str]) -> None:
    """Forty pupils of 7-A in S1; `helped` get tutoring from START, a few others are noise to ignore."""
    before = [START - timedelta(days=d) for d in (40, 26, 12)]
    after = [START + timedelta(days=d) for d in (9, 23, 37)]
    pupils, marks, scores, absences = [], [], [], []
    for index, pupil_id in enumerate(HELPED + CONTROLS):
        risk = 0.30 + 0.01 * (index % 10)  # each helped pupil has three controls of the same risk
        gets_help = pupil_id in helped
        pupils.append(
            {"pupil_id": pupil_id, "full_name": f"Pupil {pupil_id}", "birth_date": date(2012, 5, 1)}
            | {"sex": "M", "class_id": "S1-7A", "language": "uz"}
        )
        marks += [_mark(pupil_id, day, 3) for day in before]
        marks += [_mark(pupil_id, day, 4 if gets_help else 3) for day in after]
        scores.append(_score(pupil_id, START - timedelta(days=14), risk))
        scores.append(_score(pupil_id, START + timedelta(days=49), risk - 0.1 if gets_help else risk))
        if not gets_help:
            absences += [_absent(pupil_id, after[0]), _absent(pupil_id, after[1])]
    with engine.begin() as connection:
        connection.execute(
            insert(School).values(
                school_id="S1",
                name="45-maktab",
                region="Navoiy",
                district="Karmana",
                locality="urban",
                language="uz",
            )
        )
        connection.execute(
            insert(SchoolClass).values(class_id="S1-7A", school_id="S1", grade_level=7, label="7-A")
        )
        connection.execute(insert(Pupil), pupils)
        connection.execute(insert(Mark), marks)
        connection.execute(insert(RiskScore), scores)
        connection.execute(insert(Attendance), absences)
        started = datetime.combine(START, datetime.min.time(), UTC).replace(hour=9)
        support = [{"pupil_id": p, "kind": "tutoring", "status": "in_progress"} for p in helped]
        support += [
            {"pupil_id": CONTROLS[0], "kind": "mentor", "status": "declined"},  # declined: still a control
            {"pupil_id": CONTROLS[1], "kind": "mentor", "status": "proposed"},  # not yet helped: neither
        ]
        connection.execute(insert(Intervention), [row | {"created_at": started} for row in support])


def _mark(pupil_id: str, day: date, mark: int) -> dict[str, object]:
    return {"pupil_id": pupil_id, "subject": "Matematika", "date": day, "kind": "daily", "mark": mark}


def _score(pupil_id: str, as_of: date, probability: float) -> dict[str, object]:
    return {"pupil_id": pupil_id, "as_of": as_of, "model_version": "1", "probability": probability} | {
        "tier": "medium"
    }


def _absent(pupil_id: str, day: date) -> dict[str, object]:
    return {"pupil_id": pupil_id, "date": day, "subject": "", "status": "absent_unexcused"}


def test_the_intervention_report_finds_the_effects_put_into_the_school(sqlite_engine: Engine) -> None:
    _intervention_school(sqlite_engine, HELPED)
    with sqlite_engine.connect() as connection:
        report = build_intervention_report(connection, "S1")
    assert not report.insufficient_data
    assert report.control_day == START
    assert report.controls == len(CONTROLS) - 1  # the pupil with a proposal waiting is nobody's control
    overall, tutoring = report.groups
    assert (overall.kind, tutoring.kind) == ("all", "tutoring")
    assert overall.helped == overall.measurable == overall.matched == len(HELPED)
    effects = {effect.outcome: effect for effect in overall.effects}
    assert all(day in school_days(2025) for day in (START + timedelta(days=9), START + timedelta(days=23)))
    teaching_after = sum(1 for d in school_days(2025) if START <= d < START + timedelta(days=WINDOW_DAYS))
    assert effects["marks"].difference == pytest.approx(1.0)
    assert effects["risk"].difference == pytest.approx(-0.1)
    assert effects["attendance"].difference == pytest.approx(2 / teaching_after)
    assert effects["marks"].ci_low == effects["marks"].ci_high == pytest.approx(1.0)
    rows = list(csv.DictReader(io.StringIO(interventions_csv(report))))
    assert {(r["kind"], r["outcome"]) for r in rows} >= {("all", "marks"), ("tutoring", "risk")}
    assert not any("S1-7A" in value for row in rows for value in row.values())


def test_too_few_helped_pupils_are_reported_as_insufficient_data(sqlite_engine: Engine) -> None:
    _intervention_school(sqlite_engine, HELPED[: MIN_PAIRS - 2])
    with sqlite_engine.connect() as connection:
        report = build_intervention_report(connection, "S1")
    assert report.insufficient_data
    assert all(group.effects == () for group in report.groups)
    assert f"at least {MIN_PAIRS}" in report.groups[0].message
    rows = list(csv.DictReader(io.StringIO(interventions_csv(report))))
    assert rows
    assert all(row["insufficient_data"] == "True" and row["difference"] == "" for row in rows)


def test_a_school_without_support_yet_is_insufficient_data_too(sqlite_engine: Engine) -> None:
    _intervention_school(sqlite_engine, [])
    with sqlite_engine.connect() as connection:
        report = build_intervention_report(connection, "S1")
    assert report.insufficient_data
    assert report.control_day is None
    assert json_ready(report.groups[0].message).startswith("0 pupil(s)")
