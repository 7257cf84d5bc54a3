"""One school's records for the monitoring report, read from Erta's database into polars frames.

The report shows aggregates only, so only what they need is read: ids, dates, subjects, marks, statuses and
risk tiers, never a name, PINFL or note. Pupils whose consent is revoked are left out, as they are of
training, scoring and exports.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import polars as pl
from sqlalchemy import Connection, Select, func, select

from model.monitoring import ABSENT, LESSON_KINDS
from service.db.models import Attendance, LmsEvent, Mark, Pupil, RiskScore, School, SchoolClass

_SCHEMAS: dict[str, dict[str, Any]] = {
    "classes": {"class_id": pl.String, "label": pl.String, "grade_level": pl.Int64},
    "pupils": {"pupil_id": pl.String, "class_id": pl.String},
    "marks": {
        "pupil_id": pl.String,
        "subject": pl.String,
        "date": pl.Date,
        "kind": pl.String,
        "mark": pl.Int8,
    },
    "attendance": {"pupil_id": pl.String, "date": pl.Date, "subject": pl.String, "status": pl.String},
    "lms": {"pupil_id": pl.String, "timestamp": pl.Datetime("us"), "event": pl.String},
    "scores": {"pupil_id": pl.String, "tier": pl.String},
}


def school_name(connection: Connection, school_id: str) -> str | None:
    """The school's name, or None when no school has this id."""
    return connection.scalar(select(School.name).where(School.school_id == school_id))


def read_classes(connection: Connection, school_id: str) -> pl.DataFrame:
    statement = select(SchoolClass.class_id, SchoolClass.label, SchoolClass.grade_level).where(
        SchoolClass.school_id == school_id
    )
    return _frame(connection, statement, "classes")


def read_pupils(connection: Connection, school_id: str) -> pl.DataFrame:
    """The school's pupils with consent, each in their current class."""
    statement = (
        select(Pupil.pupil_id, Pupil.class_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(SchoolClass.school_id == school_id, Pupil.consent != "revoked")
    )
    return _frame(connection, statement, "pupils")


def last_lesson_mark_day(connection: Connection, school_id: str) -> date | None:
    """The day of the school's latest daily or test mark: how far its diary reaches."""
    day = connection.scalar(
        select(func.max(Mark.date)).where(Mark.kind.in_(LESSON_KINDS), Mark.pupil_id.in_(_pupils(school_id)))
    )
    # SQLite's max() of a date column comes back as text: the aggregate carries no column type.
    return date.fromisoformat(day) if isinstance(day, str) else day


def read_marks(connection: Connection, school_id: str, first: date, last: date) -> pl.DataFrame:
    """Daily and test marks dated `first` … `last`."""
    statement = select(Mark.pupil_id, Mark.subject, Mark.date, Mark.kind, Mark.mark).where(
        Mark.pupil_id.in_(_pupils(school_id)), Mark.kind.in_(LESSON_KINDS), Mark.date.between(first, last)
    )
    return _frame(connection, statement, "marks")


def read_absences(connection: Connection, school_id: str, first: date, last: date) -> pl.DataFrame:
    """Absences dated `first` … `last` (lateness is presence, so it is not read)."""
    statement = select(Attendance.pupil_id, Attendance.date, Attendance.subject, Attendance.status).where(
        Attendance.pupil_id.in_(_pupils(school_id)),
        Attendance.status.in_(ABSENT),
        Attendance.date.between(first, last),
    )
    return _frame(connection, statement, "attendance")


def read_logins(connection: Connection, school_id: str, first: date, last: date) -> pl.DataFrame:
    """LMS logins on days `first` … `last`."""
    statement = select(LmsEvent.pupil_id, LmsEvent.timestamp, LmsEvent.event).where(
        LmsEvent.pupil_id.in_(_pupils(school_id)),
        LmsEvent.event == "login",
        LmsEvent.timestamp >= datetime.combine(first, time()),
        LmsEvent.timestamp < datetime.combine(last + timedelta(days=1), time()),
    )
    return _frame(connection, statement, "lms")


def read_latest_tiers(
    connection: Connection, school_id: str, before: date
) -> tuple[pl.DataFrame, date | None]:
    """Each pupil's latest risk tier scored as of a day before `before`, and the latest such day (None when
    nobody has a score yet). Of two scores on one day, the one scored last wins."""
    statement = (
        select(RiskScore.pupil_id, RiskScore.tier, RiskScore.as_of)
        .where(RiskScore.pupil_id.in_(_pupils(school_id)), RiskScore.as_of < before)
        .order_by(RiskScore.as_of, RiskScore.scored_at, RiskScore.id)
    )
    latest: dict[str, str] = {}
    as_of: date | None = None
    for pupil_id, tier, day in connection.execute(statement):
        latest[pupil_id] = tier
        as_of = day
    frame = pl.DataFrame({"pupil_id": list(latest), "tier": list(latest.values())}, schema=_SCHEMAS["scores"])
    return frame, as_of


def _pupils(school_id: str) -> Select[str]:
    return (
        select(Pupil.pupil_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(SchoolClass.school_id == school_id, Pupil.consent != "revoked")
    )


def _frame(connection: Connection, statement: Select[*tuple[Any, ...]], name: str) -> pl.DataFrame:
    """The rows as a frame of the named schema; the column types make SQLite's text dates into dates."""
    rows = connection.execute(statement).all()
    return pl.DataFrame([tuple(r) for r in rows], schema=_SCHEMAS[name], orient="row")
