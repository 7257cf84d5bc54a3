"""A district in a few numbers: what is loaded, and how many pupils meet either half of the risk target
(a failing quarter mark, or missing at least a tenth of school days)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, distinct, func, select

from model.curriculum import FAILING_MARK
from model.school_calendar import quarters, school_days
from service.db.models import Attendance, LmsEvent, Mark, Note, Pupil, School, SchoolClass, Staff

CHRONIC_ABSENCE_SHARE = 0.10
_COUNTED = (
    ("schools", School),
    ("staff", Staff),
    ("classes", SchoolClass),
    ("pupils", Pupil),
    ("marks", Mark),
    ("absences and late arrivals", Attendance),
    ("LMS events", LmsEvent),
    ("teachers' notes", Note),
)


@dataclass(frozen=True)
class DistrictSummary:
    academic_year: int
    counts: dict[str, int]
    pupils_failing_a_quarter: int
    pupils_chronically_absent: int


def summarise_district(connection: Connection, academic_year: int) -> DistrictSummary:
    counts = {
        label: int(connection.scalar(select(func.count()).select_from(table)) or 0)
        for label, table in _COUNTED
    }
    year = quarters(academic_year)
    failing = connection.scalar(
        select(func.count(distinct(Mark.pupil_id))).where(
            Mark.kind == "quarter",
            Mark.mark <= FAILING_MARK,
            Mark.date.between(year[0].start, year[-1].end),
        )
    )
    days = len(school_days(academic_year))
    absent_days = (
        select(Attendance.pupil_id)
        .where(
            Attendance.subject == "",
            Attendance.status.in_(("absent_excused", "absent_unexcused")),
            Attendance.date.between(year[0].start, year[-1].end),
        )
        .group_by(Attendance.pupil_id)
        .having(func.count() >= CHRONIC_ABSENCE_SHARE * days)
        .subquery()
    )
    chronic = connection.scalar(select(func.count()).select_from(absent_days))
    return DistrictSummary(academic_year, counts, int(failing or 0), int(chronic or 0))
