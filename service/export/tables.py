"""What each file of the pseudonymised export holds: its columns, the query that reads it, and how a
database row becomes an exported one.

Every id becomes a keyed pseudonym; names, PINFL, guardians, phones, addresses and school names are not
read at all; a birth date leaves as its year; note text passes through the injected anonymiser. Rows of
pupils whose consent is revoked are filtered out in the query itself.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Row, Select, select

from privacy.pseudonyms import Pseudonymizer
from service.bundle import LIST_SEPARATOR
from service.db.models import Attendance, LmsEvent, Mark, Note, Pupil, School, SchoolClass, Staff

# p_ and c_ and s_ are the prefixes training already gives pupils, classes and schools, so an export and a
# training run name the same pupil alike; s_ being taken, staff are t_ (teacher) and notes n_.
PREFIXES = {"pupil": "p", "class": "c", "school": "s", "staff": "t", "note": "n"}
CACHED_IDS = 65_536  # a pupil's id recurs in every mark; the cache keeps memory bounded all the same

CONSENTING = Pupil.consent != "revoked"


class ExportPseudonyms:
    """Keyed pseudonyms for each kind of id; `None` (no class teacher, unknown author) stays empty."""

    def __init__(self, pseudonymizer: Pseudonymizer) -> None:
        self.pupil = _cached(pseudonymizer, PREFIXES["pupil"])
        self.klass = _cached(pseudonymizer, PREFIXES["class"])
        self.school = _cached(pseudonymizer, PREFIXES["school"])
        self.staff = _cached(pseudonymizer, PREFIXES["staff"])
        self.note = _cached(pseudonymizer, PREFIXES["note"])


def _cached(pseudonymizer: Pseudonymizer, prefix: str) -> Callable[[str | None], str]:
    @lru_cache(maxsize=CACHED_IDS)
    def pseudonym(identifier: str | None) -> str:
        return "" if identifier is None else pseudonymizer.pseudonym(identifier, prefix)

    return pseudonym


@dataclass(frozen=True)
class ExportTable:
    """One exported file; `cell` gives a pupil's quasi-identifiers for the k-anonymity report."""

    name: str
    columns: tuple[str, ...]
    query: Select[*tuple[Any, ...]]
    convert: Callable[[Row[Any]], tuple[str, ...]]
    cell: Callable[[Row[Any]], tuple[Hashable, ...]] | None = None


def export_tables(names: ExportPseudonyms, anonymize_text: Callable[[str], str]) -> list[ExportTable]:
    """The export's files in the bundle's order."""
    return [*_school(names), _pupils(names), *_records(names), _notes(names, anonymize_text)]


def _school(names: ExportPseudonyms) -> list[ExportTable]:
    """Schools (without their names), staff (only roles and subjects) and classes."""
    return [
        ExportTable(
            "schools.csv",
            ("school_id", "region", "district", "locality", "language"),
            select(School.school_id, School.region, School.district, School.locality, School.language),
            lambda r: (names.school(r.school_id), r.region, r.district, r.locality, r.language),
        ),
        ExportTable(
            "staff.csv",
            ("staff_id", "roles", "subjects"),
            select(Staff.staff_id, Staff.roles, Staff.subjects),
            lambda r: (names.staff(r.staff_id), _listed(r.roles), _listed(r.subjects)),
        ),
        ExportTable(
            "classes.csv",
            ("class_id", "school_id", "grade_level", "label", "class_teacher_id"),
            select(
                SchoolClass.class_id,
                SchoolClass.school_id,
                SchoolClass.grade_level,
                SchoolClass.label,
                SchoolClass.class_teacher_id,
            ),
            lambda r: (
                names.klass(r.class_id),
                names.school(r.school_id),
                str(r.grade_level),
                r.label,
                names.staff(r.class_teacher_id),
            ),
        ),
    ]


def _pupils(names: ExportPseudonyms) -> ExportTable:
    query = (
        select(Pupil.pupil_id, Pupil.birth_date, Pupil.sex, Pupil.class_id, Pupil.language)
        .add_columns(SchoolClass.school_id, SchoolClass.grade_level)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(CONSENTING)
    )
    return ExportTable(
        "pupils.csv",
        ("pupil_id", "birth_year", "sex", "class_id", "language"),
        query,
        lambda r: (
            names.pupil(r.pupil_id),
            str(r.birth_date.year),
            r.sex,
            names.klass(r.class_id),
            r.language,
        ),
        cell=lambda r: (names.school(r.school_id), r.grade_level, r.sex, r.birth_date.year),
    )


def _records(names: ExportPseudonyms) -> list[ExportTable]:
    """Marks, attendance and LMS events: the large tables, keyed by pupil."""
    return [
        ExportTable(
            "grades.csv",
            ("pupil_id", "subject", "date", "kind", "mark", "teacher_id"),
            _consenting(
                select(Mark.pupil_id, Mark.subject, Mark.date, Mark.kind, Mark.mark, Mark.teacher_id), Mark
            ),
            lambda r: (
                names.pupil(r.pupil_id),
                r.subject,
                _text(r.date),
                r.kind,
                str(r.mark),
                names.staff(r.teacher_id),
            ),
        ),
        ExportTable(
            "attendance.csv",
            ("pupil_id", "date", "subject", "status"),
            _consenting(
                select(Attendance.pupil_id, Attendance.date, Attendance.subject, Attendance.status),
                Attendance,
            ),
            lambda r: (names.pupil(r.pupil_id), _text(r.date), r.subject, r.status),
        ),
        ExportTable(
            "lms_events.csv",
            ("pupil_id", "timestamp", "subject", "event", "score"),
            _consenting(
                select(
                    LmsEvent.pupil_id, LmsEvent.timestamp, LmsEvent.subject, LmsEvent.event, LmsEvent.score
                ),
                LmsEvent,
            ),
            lambda r: (names.pupil(r.pupil_id), _text(r.timestamp), r.subject, r.event, _text(r.score)),
        ),
    ]


def _notes(names: ExportPseudonyms, anonymize_text: Callable[[str], str]) -> ExportTable:
    return ExportTable(
        "notes.csv",
        ("note_id", "pupil_id", "author_id", "date", "text"),
        _consenting(select(Note.note_id, Note.pupil_id, Note.author_id, Note.date, Note.text), Note),
        lambda r: (
            names.note(r.note_id),
            names.pupil(r.pupil_id),
            names.staff(r.author_id),
            _text(r.date),
            anonymize_text(r.text),
        ),
    )


def _consenting(
    query: Select[*tuple[Any, ...]], record: type[Mark | Attendance | LmsEvent | Note]
) -> Select[*tuple[Any, ...]]:
    """Only rows of pupils whose consent stands."""
    return query.join(Pupil, Pupil.pupil_id == record.pupil_id).where(CONSENTING)


def _text(value: date | datetime | int | None) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _listed(values: list[str] | None) -> str:
    return LIST_SEPARATOR.join(values or [])
