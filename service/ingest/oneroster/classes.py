"""classes.csv: homerooms become Erta's classes; every class with a subject (its own `subjects`, else its
course's) can carry marks, and a scheduled class says which subject its teachers teach."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.ingest.fields import FieldError
from service.ingest.oneroster.enrolments import HOMEROOM, SCHEDULED, Enrolments
from service.ingest.oneroster.export import BundleRow, Export, SourceRow
from service.ingest.oneroster.files import split_list


@dataclass
class ClassIndex:
    rows: list[BundleRow] = field(default_factory=list)  # classes.csv of the bundle: the homerooms
    subject_of: dict[str, str] = field(default_factory=dict)  # class → subject, where it has one


def map_classes(export: Export, enrolments: Enrolments) -> ClassIndex:
    index = ClassIndex()
    for row in export.rows_of("classes.csv"):
        try:
            subject = _subject(export, row)
            kind = row.get("classType")
            if kind == HOMEROOM:
                index.rows.append((row.line, _homeroom(row, enrolments)))
            elif kind != SCHEDULED:
                raise FieldError(f"classType {kind!r} is neither homeroom nor scheduled")
            elif subject is None:
                raise FieldError("a scheduled class needs a subject (its subjects, or its course's)")
        except FieldError as error:
            export.reject_row(row, str(error))
            continue
        if subject is not None:
            index.subject_of[row.id] = subject
    return index


def _homeroom(row: SourceRow, enrolments: Enrolments) -> dict[str, str]:
    grades = split_list(row.get("grades"))
    if len(grades) != 1:
        raise FieldError(f"grades: a homeroom has exactly one grade, found {len(grades)}")
    teachers = enrolments.teachers_of.get(row.id, [])
    return {
        "class_id": row.id,
        "school_id": row.get("schoolSourcedId"),
        "grade_level": grades[0],  # "07" is grade 7; the bundle's rule checks 1-11
        "label": row.get("classCode") or row.get("title"),
        "class_teacher_id": teachers[0] if teachers else "",
    }


def _subject(export: Export, row: SourceRow) -> str | None:
    """The class's first subject, else its course's first; None when neither names one."""
    subjects = split_list(row.get("subjects"))
    if not subjects and row.get("courseSourcedId"):
        course = export.find("courses.csv", row.get("courseSourcedId"), "courseSourcedId", "course")
        subjects = split_list(course.get("subjects"))
    return subjects[0] if subjects else None
