"""What the nightly alerts job reads: a school's records since 1 September, who teaches whom, stored alerts.

Only ids, dates, subjects, marks and statuses are read, never a name, PINFL or note. Pupils whose consent is
revoked are left out of all of it, so no alert is opened, renotified, escalated or listed about them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import polars as pl
from sqlalchemy import Connection, Select, func, select

from model.alert_policy import AlertState
from model.alert_routing import StaffDirectory
from model.features.windows import year_start
from model.records import PupilRecords
from service import monitoring_queries as queries
from service.db.models import Alert, LmsEvent, Mark, Pupil, School, SchoolClass, Staff

LMS_EVENTS = ("login", "missed")  # all that the LMS rule of model.signals looks at
_LMS_SCHEMA: dict[str, Any] = {
    "pupil_id": pl.String,
    "timestamp": pl.Datetime("us"),
    "subject": pl.String,
    "event": pl.String,
}


@dataclass(frozen=True)
class StoredAlert:
    """An alert row as the policy sees it, with the row's id and recipient so a decision can be written."""

    id: int
    recipient: str | None
    state: AlertState
    details: dict[str, Any]


def school_ids(connection: Connection, school_id: str | None) -> list[str] | None:
    """The schools a run covers: every school, or the one asked for (None when no school has that id)."""
    statement = select(School.school_id).order_by(School.school_id)
    if school_id is not None:
        statement = statement.where(School.school_id == school_id)
    found = list(connection.scalars(statement))
    return None if school_id is not None and not found else found


def read_records(connection: Connection, school_id: str, as_of: date) -> PupilRecords:
    """The school's consenting pupils and what every signal rule looks at: this academic year, before as_of.

    No rule reaches back past 1 September, so nothing older is read.
    """
    first, last = year_start(as_of), as_of - timedelta(days=1)
    grades = queries.read_classes(connection, school_id).select("class_id", "grade_level")
    return PupilRecords.from_frames(
        pupils=queries.read_pupils(connection, school_id).join(grades, on="class_id", how="left"),
        marks=queries.read_marks(connection, school_id, first, last),
        attendance=queries.read_absences(connection, school_id, first, last),
        lms=_read_lms(connection, school_id, first, last),
        notes=pl.DataFrame(schema={"pupil_id": pl.String, "date": pl.Date}),
    )


def read_directory(connection: Connection, school_id: str, as_of: date) -> StaffDirectory:
    """Class teacher, subject teachers and principal of each consenting pupil of the school.

    A subject's teacher is the member of this school's staff who gave the pupil the most marks in it this
    year (the latest marker, then the smaller id, on a tie): the diary knows the timetable better than any
    list. The principal is the school's staff member with that role (the smaller id if there are two).
    """
    pupils = _consenting(school_id)
    class_teachers = connection.execute(
        select(Pupil.pupil_id, SchoolClass.class_teacher_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(Pupil.pupil_id.in_(pupils), SchoolClass.class_teacher_id.is_not(None))
    )
    marked = connection.execute(
        select(Mark.pupil_id, Mark.subject, Mark.teacher_id, func.count(), func.max(Mark.date))
        .join(Staff, Staff.staff_id == Mark.teacher_id)
        .where(
            Mark.pupil_id.in_(pupils),
            Staff.school_id == school_id,
            Mark.date.between(year_start(as_of), as_of - timedelta(days=1)),
        )
        .group_by(Mark.pupil_id, Mark.subject, Mark.teacher_id)
    )
    candidates: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for pupil_id, subject, teacher_id, marks, last in marked:
        # min() then picks the most marks, then the latest mark, then the smaller id
        rank = (-int(marks), -_as_date(last).toordinal(), str(teacher_id))
        candidates.setdefault((pupil_id, subject), []).append(rank)
    staff = connection.execute(select(Staff.staff_id, Staff.roles).where(Staff.school_id == school_id))
    principals = sorted(staff_id for staff_id, roles in staff if "principal" in (roles or ()))
    return StaffDirectory(
        class_teacher_of={pupil_id: str(teacher_id) for pupil_id, teacher_id in class_teachers},
        subject_teachers_of={key: min(found)[2] for key, found in candidates.items()},
        principal_of=dict.fromkeys(connection.scalars(pupils), principals[0]) if principals else {},
    )


def read_alerts(connection: Connection, school_id: str) -> list[StoredAlert]:
    """Every alert stored about the school's consenting pupils, any status, oldest first."""
    statement = select(Alert).where(Alert.pupil_id.in_(_consenting(school_id))).order_by(Alert.id)
    return [_stored(row) for row in connection.execute(statement).mappings()]


def read_open_alerts(connection: Connection, staff_id: str | None = None) -> list[StoredAlert]:
    """Open alerts of consenting pupils, for one recipient or all, by recipient, pupil, reason, subject."""
    statement = (
        select(Alert)
        .join(Pupil, Pupil.pupil_id == Alert.pupil_id)
        .where(Alert.status == "open", Pupil.consent != "revoked")
        .order_by(Alert.recipient_staff_id, Alert.pupil_id, Alert.reason, Alert.subject, Alert.id)
    )
    if staff_id is not None:
        statement = statement.where(Alert.recipient_staff_id == staff_id)
    return [_stored(row) for row in connection.execute(statement).mappings()]


def _stored(row: Any) -> StoredAlert:
    """A row as policy state; a row no job opened counts from its timestamps' days."""
    state = AlertState(
        pupil_id=row["pupil_id"],
        reason=row["reason"],
        subject=row["subject"] or None,
        tier=row["tier"],
        status=row["status"],
        created_on=row["opened_on"] or _day(row["created_at"]),
        last_notified_on=row["last_notified_on"],
        snoozed_until=row["snoozed_until"],
        acknowledged_on=row["acknowledged_on"],
        notified_tier=row["notified_tier"],
        escalated_on=row["escalated_on"] or (row["escalated_at"] and _day(row["escalated_at"])),
        closed_on=row["closed_on"],
    )
    return StoredAlert(row["id"], row["recipient_staff_id"], state, dict(row["details"] or {}))


def _read_lms(connection: Connection, school_id: str, first: date, last: date) -> pl.DataFrame:
    """Logins and missed submissions on days `first` … `last`."""
    statement = select(LmsEvent.pupil_id, LmsEvent.timestamp, LmsEvent.subject, LmsEvent.event).where(
        LmsEvent.pupil_id.in_(_consenting(school_id)),
        LmsEvent.event.in_(LMS_EVENTS),
        LmsEvent.timestamp >= datetime.combine(first, time()),
        LmsEvent.timestamp < datetime.combine(last + timedelta(days=1), time()),
    )
    rows: Sequence[Any] = connection.execute(statement).all()
    return pl.DataFrame([tuple(r) for r in rows], schema=_LMS_SCHEMA, orient="row")


def _consenting(school_id: str) -> Select[str]:
    return (
        select(Pupil.pupil_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(SchoolClass.school_id == school_id, Pupil.consent != "revoked")
    )


def _day(moment: datetime) -> date:
    return moment.date()


def _as_date(day: date | str) -> date:
    """SQLite's max() of a date comes back as ISO text: the aggregate carries no column type."""
    return date.fromisoformat(day) if isinstance(day, str) else day
