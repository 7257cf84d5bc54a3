"""The monitoring report read from a real database, on SQLite and PostgreSQL.

`load_school` writes a small hand-built school: 7-B's Matematika falls by a mark from the first quarter of
2025-2026 to the second, 7-A holds steady, 5-V has three pupils (always suppressed), and another school's
class must never show up. The CLI tests load the same school.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, insert

from model.school_calendar import quarters, school_days
from service.db.models import Attendance, LmsEvent, Mark, Pupil, RiskScore, School, SchoolClass, Staff
from service.ingest import ingest_bundle
from service.monitoring_report import (
    MonitoringError,
    build_monitoring_report,
    parse_quarter,
    previous_quarter,
    quarter_at_or_before,
)
from service.synthetic import generate_bundle

Q1, Q2 = quarters(2025)[:2]
LAST_MARK_DAY = date(2025, 12, 10)  # the second quarter is still running
CLASSES = {"S1-7B": ("S1", 7, "7-B", 12), "S1-7A": ("S1", 7, "7-A", 8), "S1-5V": ("S1", 5, "5-V", 3)}
CLASSES["S2-9A"] = ("S2", 9, "9-A", 6)
REVOKED = "S1-7A-07"
NUMBERS = ("pupils_now", "pupils_before", "pupils_paired", "mean_before", "mean_now", "change", "p_value")


def load_school(engine: Engine) -> dict[str, float]:
    """Write the school; returns the means of the suppressed 5-V's Matematika, which must never appear."""
    pupils = [(f"{cid}-{i:02d}", cid) for cid, (*_, size) in CLASSES.items() for i in range(size)]
    marks = []
    for pupil_id, class_id in pupils:
        level = 1 if class_id == "S1-5V" else 0  # 5-V's means differ from every other group's
        fall = 1 if class_id in ("S1-7B", "S1-5V") else 0
        marks += _marks(pupil_id, "Matematika", Q1.start, level)
        marks += _marks(pupil_id, "Matematika", Q2.start, level - fall)
        if class_id == "S1-7B":
            marks += _marks(pupil_id, "Fizika", Q1.start, 0) + _marks(pupil_id, "Fizika", Q2.start, 0)
    with engine.begin() as connection:
        connection.execute(
            insert(School),
            [
                {"school_id": s, "name": n, "region": "Navoiy", "district": "Karmana", "locality": "urban"}
                | {"language": "uz"}
                for s, n in (("S1", "45-maktab"), ("S2", "3-maktab"))
            ],
        )
        connection.execute(
            insert(Staff),
            [
                {"staff_id": "T1", "full_name": "Karimova Nodira", "school_id": "S1"}
                | {"roles": ["class_teacher"], "subjects": ["Matematika"]}
            ],
        )
        connection.execute(
            insert(SchoolClass),
            [
                {"class_id": c, "school_id": s, "grade_level": g, "label": lbl}
                for c, (s, g, lbl, _) in CLASSES.items()
            ],
        )
        connection.execute(insert(Pupil), [_pupil(p, c) for p, c in pupils])
        connection.execute(insert(Mark), marks)
        connection.execute(insert(Attendance), _absences())
        connection.execute(insert(LmsEvent), _logins())
    return _hidden_means(marks)


def _marks(pupil_id: str, subject: str, quarter_start: date, shift: int) -> list[dict[str, Any]]:
    """Weekly daily marks around the pupil's level (2, 3 or 4) plus `shift`; in the second quarter every
    pupil's first mark moves by one, up or down in turn, so a steady class varies but does not move."""
    index = int(pupil_id[-2:])
    level = 2 + index % 3
    wobble = (1 if index % 2 else -1) if quarter_start == Q2.start else 0
    days = [quarter_start + timedelta(days=7 * k + 2) for k in range(6)]
    return [
        {"pupil_id": pupil_id, "subject": subject, "date": d, "kind": "daily", "teacher_id": "T1"}
        | {"mark": min(5, max(1, level + shift + offset + (wobble if k == 0 else 0)))}
        for k, (d, offset) in enumerate(zip(days, (0, -1, 1, 0, 0, 0), strict=True))
        if d <= LAST_MARK_DAY
    ]


def _pupil(pupil_id: str, class_id: str) -> dict[str, Any]:
    return {
        "pupil_id": pupil_id,
        "full_name": f"Pupil {pupil_id}",
        "birth_date": date(2013, 3, 1),
        "sex": "F",
        "class_id": class_id,
        "language": "uz",
        "consent": "revoked" if pupil_id == REVOKED else "granted",
    }


def _absences() -> list[dict[str, Any]]:
    """7-B-00 misses four whole days of Q2 so far and one of Q1; lateness and a lesson don't count."""
    q2 = [d for d in school_days(2025) if Q2.start <= d <= LAST_MARK_DAY]
    rows = [("S1-7B-00", d, "", "absent_unexcused") for d in q2[:4]]
    rows += [("S1-7B-00", Q1.start, "", "absent_excused"), ("S1-7B-01", q2[0], "", "late")]
    rows += [("S1-7B-02", q2[1], "Fizika", "absent_unexcused")]
    return [{"pupil_id": p, "date": d, "subject": s, "status": st} for p, d, s, st in rows]


def _logins() -> list[dict[str, Any]]:
    """Every 7-B pupil logs in daily through Q1 and twice in Q2: a class drifting away from the LMS."""
    rows = []
    for i in range(12):
        days = [Q1.start + timedelta(days=k) for k in range((Q1.end - Q1.start).days + 1)]
        days += [Q2.start + timedelta(days=3), Q2.start + timedelta(days=10)]
        rows += [
            {
                "pupil_id": f"S1-7B-{i:02d}",
                "timestamp": datetime.combine(d, datetime.min.time()).replace(hour=19),
                "event": "login",
            }
            for d in days
        ]
    return rows


def _hidden_means(marks: list[dict[str, Any]]) -> dict[str, float]:
    means = {}
    for name, quarter in (("before", Q1), ("now", Q2)):
        per_pupil: dict[str, list[int]] = {}
        for m in marks:
            if m["pupil_id"].startswith("S1-5V") and m["subject"] == "Matematika" and m["date"] in quarter:
                per_pupil.setdefault(m["pupil_id"], []).append(m["mark"])
        means[name] = sum(sum(v) / len(v) for v in per_pupil.values()) / len(per_pupil)
    return means


def _row(rows: list[dict[str, Any]], label: str, subject: str | None = None) -> dict[str, Any]:
    (found,) = [r for r in rows if r["class"] == label and (subject is None or r["subject"] == subject)]
    return found


def test_the_report_finds_the_slipping_class_and_hides_the_small_one(engine: Engine) -> None:
    hidden = load_school(engine)
    with engine.connect() as connection:
        report = build_monitoring_report(connection, "S1")
    assert (report.quarter, report.previous_quarter, report.through) == ("2025-Q2", "2025-Q1", LAST_MARK_DAY)
    falling = _row(report.marks, "7-B", "Matematika")
    assert falling["slipping"]
    assert (falling["test"], falling["p_value"] < 0.05) == ("wilcoxon", True)
    assert falling["change"] == pytest.approx(-1.0, abs=0.3)
    assert not _row(report.marks, "7-B", "Fizika")["slipping"]
    steady = _row(report.marks, "7-A", "Matematika")
    assert not steady["slipping"]
    assert steady["pupils_now"] == 7  # the pupil who revoked consent is left out
    small = _row(report.marks, "5-V", "Matematika")
    assert small["suppressed"]
    assert all(small[c] is None for c in NUMBERS)
    assert "9-A" not in {r["class"] for r in report.marks + report.attendance + report.lms}
    (advice,) = report.recommendations
    assert advice["text"].startswith("7-B Matematika: o'qituvchiga metodik yordam")
    assert (report.flagged, report.scores_as_of) == (None, None)

    document = json.loads(json.dumps(report.to_json()))
    assert document["through"] == "2025-12-10"
    floats = [v for row in document["marks"] for v in row.values() if isinstance(v, float)]
    assert not any(v == pytest.approx(hidden[k]) for v in floats for k in hidden)


def test_attendance_and_lms_are_compared_per_class(engine: Engine) -> None:
    load_school(engine)
    with engine.connect() as connection:
        report = build_monitoring_report(connection, "S1", lang="en")
    q1_days = sum(1 for d in school_days(2025) if d in Q1)
    q2_days = sum(1 for d in school_days(2025) if Q2.start <= d <= LAST_MARK_DAY)
    attendance = _row(report.attendance, "7-B")
    assert attendance["rate_now"] == pytest.approx(1 - 4 / (12 * q2_days))
    assert attendance["rate_before"] == pytest.approx(1 - 1 / (12 * q1_days))
    lms = _row(report.lms, "7-B")
    assert lms["logins_before"] == pytest.approx(7.0)  # a login every day is seven a week
    assert lms["logins_now"] == pytest.approx(2 / (((LAST_MARK_DAY - Q2.start).days + 1) / 7))
    assert _row(report.lms, "7-A")["logins_now"] == 0
    assert (_row(report.attendance, "5-V")["suppressed"], _row(report.attendance, "5-V")["rate_now"]) == (
        True,
        None,
    )
    assert report.recommendations[0]["text"].startswith("7-B Matematika: methodological support")


def test_flagged_pupils_come_from_each_pupils_latest_score(engine: Engine) -> None:
    load_school(engine)
    scores = [("S1-7B-00", date(2025, 11, 20), "low"), ("S1-7B-00", date(2025, 12, 1), "high")]
    scores += [(f"S1-7B-{i:02d}", date(2025, 12, 1), "medium" if i < 3 else "low") for i in range(1, 12)]
    scores += [("S1-7B-05", date(2026, 2, 1), "high")]  # scored in the next quarter: not this report's
    scores += [(f"S1-5V-{i:02d}", date(2025, 12, 1), "high") for i in range(3)]
    with engine.begin() as connection:
        connection.execute(
            insert(RiskScore),
            [
                {"pupil_id": p, "as_of": d, "model_version": "1", "probability": 0.5, "tier": t}
                for p, d, t in scores
            ],
        )
    with engine.connect() as connection:
        report = build_monitoring_report(connection, "S1")
    assert report.scores_as_of == date(2025, 12, 1)
    assert report.flagged is not None
    b7 = _row(report.flagged, "7-B")
    assert (b7["pupils"], b7["scored"], b7["flagged"], b7["high"], b7["medium"]) == (12, 12, 3, 1, 2)
    assert (_row(report.flagged, "5-V")["suppressed"], _row(report.flagged, "5-V")["flagged"]) == (True, None)
    unscored = _row(report.flagged, "7-A")
    assert (unscored["scored"], unscored["flagged"], unscored["suppressed"]) == (0, 0, False)


def test_an_earlier_quarter_is_compared_with_the_one_before_it(engine: Engine) -> None:
    load_school(engine)
    with engine.connect() as connection:
        report = build_monitoring_report(connection, "S1", parse_quarter("2025-q1"))
    assert (report.previous_quarter, report.through) == ("2024-Q4", Q1.end)
    matematika = _row(report.marks, "7-B", "Matematika")
    assert (matematika["pupils_before"], matematika["test"], matematika["slipping"]) == (0, None, False)
    assert matematika["pupils_now"] == 12


def test_unknown_schools_schools_without_marks_and_bad_quarters_are_refused(engine: Engine) -> None:
    load_school(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(School).values(
                school_id="S3",
                name="1-maktab",
                region="Navoiy",
                district="Karmana",
                locality="rural",
                language="uz",
            )
        )
    with engine.connect() as connection:
        with pytest.raises(MonitoringError, match="no school has the id 'S9'"):
            build_monitoring_report(connection, "S9")
        with pytest.raises(MonitoringError, match="school S3 has no marks yet"):
            build_monitoring_report(connection, "S3")
    with pytest.raises(MonitoringError, match="2025-Q2"):
        parse_quarter("2025 Q5")


def test_quarters_step_back_across_the_summer_and_holidays() -> None:
    assert previous_quarter(quarters(2025)[0]) == quarters(2024)[3]
    assert quarter_at_or_before(date(2025, 11, 5)) == Q1  # the autumn break
    assert quarter_at_or_before(date(2025, 7, 1)) == quarters(2024)[3]  # the summer


@pytest.mark.slow
def test_a_generated_district_gives_a_report_with_nothing_small_shown(engine: Engine, tmp_path: Path) -> None:
    generate_bundle(tmp_path / "district", seed=5, pupils=260, schools=1)
    assert ingest_bundle(tmp_path / "district", engine).ok
    with engine.connect() as connection:
        (school_id,) = connection.execute(
            School.__table__.select().with_only_columns(School.school_id)
        ).scalars()
        report = build_monitoring_report(connection, school_id, lang="ru")
    assert all((report.marks, report.attendance, report.lms))
    for row in report.marks + report.attendance + report.lms:
        if row["suppressed"]:
            assert {v for k, v in row.items() if k not in ("class", "class_id", "subject")} <= {
                None,
                True,
                False,
            }
    json.dumps(report.to_json())
