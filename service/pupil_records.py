"""One pupil's records for scoring on demand: the pupil's class, read with a few indexed queries.

Features compare a pupil with the class (a subject's recent mean minus the class's), so the class is the
smallest set of records that gives the pupil the same features a district-wide run would. Classmates whose
consent is revoked are left out, as they are from training and scoring. Every table's key leads with
`pupil_id`, so reading a class of thirty costs milliseconds whatever the size of the district.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
from sqlalchemy import ColumnElement, Connection, Executable, RowMapping, select

from model.records import PupilRecords
from service.db.models import Attendance, LmsEvent, Mark, Note, Pupil, SchoolClass

REVOKED = "revoked"
PUPIL_COLUMNS = (
    Pupil.pupil_id,
    Pupil.class_id,
    Pupil.consent,
    SchoolClass.grade_level,
    Pupil.full_name,
    Pupil.pinfl,
    Pupil.guardian_name,
    Pupil.guardian_phone,
    Pupil.address,
)
RECORD_COLUMNS: dict[str, tuple[Any, ...]] = {
    "marks": (Mark.pupil_id, Mark.subject, Mark.date, Mark.kind, Mark.mark),
    "attendance": (Attendance.pupil_id, Attendance.date, Attendance.subject, Attendance.status),
    "lms": (LmsEvent.pupil_id, LmsEvent.timestamp, LmsEvent.subject, LmsEvent.event, LmsEvent.score),
    "notes": (Note.pupil_id, Note.date),
}
SCHEMAS: dict[str, dict[str, pl.DataType | type[pl.DataType]]] = {
    "pupils": {"pupil_id": pl.String, "class_id": pl.String, "grade_level": pl.Int64},
    "marks": {
        "pupil_id": pl.String,
        "subject": pl.String,
        "date": pl.Date,
        "kind": pl.String,
        "mark": pl.Int64,
    },
    "attendance": {"pupil_id": pl.String, "date": pl.Date, "subject": pl.String, "status": pl.String},
    "lms": {
        "pupil_id": pl.String,
        "timestamp": pl.Datetime("us"),
        "subject": pl.String,
        "event": pl.String,
        "score": pl.Float64,
    },
    "notes": {"pupil_id": pl.String, "date": pl.Date},
}


def find_pupil(connection: Connection, pupil_id: str) -> RowMapping | None:
    """The pupil's id, class, grade, consent and personal columns, or None for an id nobody has."""
    query = select(*PUPIL_COLUMNS).join(SchoolClass).where(Pupil.pupil_id == pupil_id)
    row = connection.execute(query).first()
    return None if row is None else row._mapping


def load_class_records(connection: Connection, pupil: RowMapping) -> PupilRecords:
    """Records of every consenting pupil in `pupil`'s class, shaped as `model.records` expects."""
    return _records_of(connection, Pupil.class_id == pupil["class_id"])


def load_school_records(connection: Connection, school_id: str) -> PupilRecords:
    """Records of every consenting pupil of a school: classes side by side, so each pupil's features are
    the ones `load_class_records` gives (class comparisons stay within the class)."""
    in_school = select(SchoolClass.class_id).where(SchoolClass.school_id == school_id)
    return _records_of(connection, Pupil.class_id.in_(in_school))


def _records_of(connection: Connection, which: ColumnElement[bool]) -> PupilRecords:
    chosen = select(Pupil.pupil_id).where(which, Pupil.consent != REVOKED).scalar_subquery()
    roster = select(Pupil.pupil_id, Pupil.class_id, SchoolClass.grade_level).join(SchoolClass)
    frames = {"pupils": _frame(connection, roster.where(Pupil.pupil_id.in_(chosen)), "pupils")}
    for name, columns in RECORD_COLUMNS.items():
        query = select(*columns).where(columns[0].in_(chosen))
        frames[name] = _frame(connection, query, name)
    return PupilRecords.from_frames(**frames)


def _frame(connection: Connection, query: Executable, name: str) -> pl.DataFrame:
    rows: Sequence[Any] = connection.execute(query).all()
    return pl.DataFrame([tuple(row) for row in rows], schema=SCHEMAS[name], orient="row")
