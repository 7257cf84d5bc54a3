"""One pupil's page as a class teacher opens it: who they are, their marks over time, the days and lessons
they missed, their LMS activity week by week, and the risk the nightly run found.

Only what a teacher works with leaves here: no PINFL, address or guardian phone. Records are read for a
window (a school year by default, back from the pupil's latest record, so an old export still shows its
year). The caller decides whether the pupil may be read; this module only reads.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Final

from sqlalchemy import Connection, func, select

from service.db.records import Attendance, LmsEvent, Mark
from service.db.school import Pupil, SchoolClass
from service.db.support import RiskScore
from service.latest_scores import NEWEST_FIRST

WINDOW_DAYS: Final = 365
LMS_EVENTS: Final = ("login", "view", "submit", "submit_late", "missed", "test")


@dataclass(frozen=True)
class PupilProfile:
    pupil: dict[str, Any]
    since: date
    until: date
    marks: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    lms_weeks: list[dict[str, Any]]
    risk: dict[str, Any] | None


def pupil_profile(
    connection: Connection, pupil_id: str, language: str, since: date | None = None
) -> PupilProfile | None:
    """The pupil's page, or None when no such pupil exists."""
    row = connection.execute(
        select(
            Pupil.pupil_id,
            Pupil.full_name,
            Pupil.class_id,
            SchoolClass.label,
            SchoolClass.grade_level,
            SchoolClass.school_id,
            Pupil.language,
            Pupil.consent,
        )
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(Pupil.pupil_id == pupil_id)
    ).first()
    if row is None:
        return None
    until = _latest_record(connection, pupil_id) or date.today()
    start = since or until - timedelta(days=WINDOW_DAYS)
    return PupilProfile(
        pupil={
            "pupil_id": row.pupil_id,
            "full_name": row.full_name,
            "class_id": row.class_id,
            "class_label": row.label,
            "grade_level": row.grade_level,
            "school_id": row.school_id,
            "language": row.language,
            "consent": row.consent,
        },
        since=start,
        until=until,
        marks=_marks(connection, pupil_id, start),
        attendance=_attendance(connection, pupil_id, start),
        lms_weeks=_lms_weeks(connection, pupil_id, start),
        risk=_latest_risk(connection, pupil_id, language),
    )


def _latest_record(connection: Connection, pupil_id: str) -> date | None:
    days = [
        connection.scalar(select(func.max(Mark.date)).where(Mark.pupil_id == pupil_id)),
        connection.scalar(select(func.max(Attendance.date)).where(Attendance.pupil_id == pupil_id)),
    ]
    known = [day for day in days if day is not None]
    return max(known) if known else None


def _marks(connection: Connection, pupil_id: str, since: date) -> list[dict[str, Any]]:
    rows = connection.execute(
        select(Mark.date, Mark.subject, Mark.kind, Mark.mark)
        .where(Mark.pupil_id == pupil_id, Mark.date >= since)
        .order_by(Mark.date, Mark.subject, Mark.kind)
    )
    return [{"date": d, "subject": s, "kind": k, "mark": int(m)} for d, s, k, m in rows]


def _attendance(connection: Connection, pupil_id: str, since: date) -> list[dict[str, Any]]:
    rows = connection.execute(
        select(Attendance.date, Attendance.subject, Attendance.status)
        .where(Attendance.pupil_id == pupil_id, Attendance.date >= since)
        .order_by(Attendance.date, Attendance.subject)
    )
    return [{"date": d, "subject": s or None, "status": status} for d, s, status in rows]


def _lms_weeks(connection: Connection, pupil_id: str, since: date) -> list[dict[str, Any]]:
    """Events counted per week (Monday first) and kind, with the week's mean online-test score."""
    rows = connection.execute(
        select(LmsEvent.timestamp, LmsEvent.event, LmsEvent.score).where(
            LmsEvent.pupil_id == pupil_id, LmsEvent.timestamp >= datetime.combine(since, time())
        )
    )
    counts: dict[date, dict[str, int]] = defaultdict(lambda: dict.fromkeys(LMS_EVENTS, 0))
    scores: dict[date, list[int]] = defaultdict(list)
    for stamp, event, score in rows:
        day = stamp.date()
        week = day - timedelta(days=day.weekday())
        counts[week][event] = counts[week].get(event, 0) + 1
        if event == "test" and score is not None:
            scores[week].append(int(score))
    return [
        {
            "week": week,
            **counts[week],
            "mean_test_score": round(sum(scores[week]) / len(scores[week]), 1) if scores[week] else None,
        }
        for week in sorted(counts)
    ]


def _latest_risk(connection: Connection, pupil_id: str, language: str) -> dict[str, Any] | None:
    row = connection.execute(
        select(
            RiskScore.as_of,
            RiskScore.model_version,
            RiskScore.probability,
            RiskScore.tier,
            RiskScore.insufficient_data,
            RiskScore.drivers,
        )
        .where(RiskScore.pupil_id == pupil_id)
        .order_by(*NEWEST_FIRST)
        .limit(1)
    ).first()
    if row is None:
        return None
    return {
        "as_of": row.as_of,
        "model_version": row.model_version,
        "probability": row.probability,
        "tier": row.tier,
        "insufficient_data": row.insufficient_data,
        "drivers": [
            {
                "group": driver.get("group", ""),
                "contribution": driver.get("contribution", 0.0),
                "text": (driver.get("text") or {}).get(language, ""),
                "facts": driver.get("facts", {}),
            }
            for driver in row.drivers
        ],
    }
