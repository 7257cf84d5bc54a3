"""Who is enrolled where, from enrollments.csv: each student's homeroom, each class's teachers (primary
ones first) and each teacher's classes. Other enrolment roles (administrator, proctor, …) are not used.

An enrolment must name a class of this export's classes.csv: without the class, Erta cannot tell a
homeroom (the pupil's class) from a scheduled lesson.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from service.ingest.fields import FieldError
from service.ingest.oneroster.export import Export, SourceRow

HOMEROOM = "homeroom"
SCHEDULED = "scheduled"


@dataclass
class Enrolments:
    homeroom_of: dict[str, str] = field(default_factory=dict)  # student → homeroom class
    teachers_of: dict[str, list[str]] = field(default_factory=dict)  # class → teachers, primary first
    classes_of: dict[str, list[str]] = field(default_factory=dict)  # teacher → classes, in file order
    roles_of: dict[str, set[str]] = field(default_factory=dict)  # user → {"student", "teacher"}


def index_enrolments(export: Export) -> Enrolments:
    """A student in several homerooms belongs to the one with the latest beginDate (a class change)."""
    enrolments = Enrolments()
    homeroom_start: dict[str, str] = {}
    teaching: dict[str, list[tuple[bool, int, str]]] = {}
    for row in export.rows_of("enrollments.csv"):
        try:
            class_row, user, role = _check(export, row)
        except FieldError as error:
            export.reject_row(row, str(error))
            continue
        if role not in ("student", "teacher"):
            continue
        enrolments.roles_of.setdefault(user, set()).add(role)
        if role == "teacher":
            primary = row.get("primary").casefold() == "true"
            teaching.setdefault(class_row.id, []).append((not primary, row.line, user))
            enrolments.classes_of.setdefault(user, []).append(class_row.id)
        elif class_row.get("classType") == HOMEROOM:
            begins = row.get("beginDate")
            if user not in homeroom_start or begins > homeroom_start[user]:
                homeroom_start[user] = begins
                enrolments.homeroom_of[user] = class_row.id
    for class_id, teachers in teaching.items():
        enrolments.teachers_of[class_id] = [user for *_, user in sorted(teachers)]
    return enrolments


def _check(export: Export, row: SourceRow) -> tuple[SourceRow, str, str]:
    class_row = export.find("classes.csv", row.get("classSourcedId"), "classSourcedId", "class")
    user = export.find("users.csv", row.get("userSourcedId"), "userSourcedId", "user").id
    role = row.get("role")
    if not role:
        raise FieldError("role is empty")
    return class_row, user, role
