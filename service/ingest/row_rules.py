"""How each bundle file's row becomes a database row: one parser per file.

A parser returns the row as column → value or raises `FieldError`; references to other records are
checked against `KnownIds`, so an unknown pupil or teacher is reported on the line that names it.
A parser records its row's own id in `KnownIds` only after every field has passed, so a rejected row
can never satisfy a later reference.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from model.curriculum import LANGUAGES
from privacy.pinfl import has_valid_structure
from service.bundle import (
    ATTENDANCE_STATUSES,
    CONSENT_VALUES,
    LMS_EVENTS,
    LOCALITIES,
    MARK_KINDS,
    REGIONS,
    SEXES,
    STAFF_ROLES,
)
from service.ingest.fields import (
    FieldError,
    normalise_apostrophes,
    optional,
    parse_choice,
    parse_date,
    parse_int,
    parse_list,
    parse_timestamp,
    parse_uz_phone,
    required,
)
from service.ingest.known_ids import KnownIds

Row = dict[str, Any]
RowParser = Callable[[list[str], KnownIds], Row]


def _known(value: str, field: str, known: set[str] | dict[str, str], what: str) -> str:
    value = required(value, field)
    if value not in known:
        raise FieldError(f"{field} {value!r}: unknown {what}")
    return value


def _optional_staff(value: str, field: str, known: KnownIds) -> str | None:
    return _known(value, field, known.staff_school, "staff member") if value.strip() else None


def parse_school(values: list[str], known: KnownIds) -> Row:
    school_id, name, region, district, locality, language = values
    row: Row = {
        "school_id": required(school_id, "school_id"),
        "name": normalise_apostrophes(required(name, "name")),
        "region": parse_choice(normalise_apostrophes(region), "region", REGIONS),
        "district": normalise_apostrophes(required(district, "district")),
        "locality": parse_choice(locality, "locality", LOCALITIES),
        "language": parse_choice(language, "language", LANGUAGES),
    }
    known.schools.add(row["school_id"])
    return row


def parse_staff(values: list[str], known: KnownIds) -> Row:
    staff_id, full_name, school_id, roles, subjects, mentor_capacity = values
    row: Row = {
        "staff_id": required(staff_id, "staff_id"),
        "full_name": required(full_name, "full_name"),
        "school_id": _known(school_id, "school_id", known.schools, "school"),
        "roles": parse_list(roles, "roles", STAFF_ROLES),
        "subjects": parse_list(subjects, "subjects"),
        "mentor_capacity": parse_int(mentor_capacity or "0", "mentor_capacity", 0, 100),
    }
    if not row["roles"]:
        raise FieldError("roles is empty")
    known.staff_school[row["staff_id"]] = row["school_id"]
    return row


def parse_class(values: list[str], known: KnownIds) -> Row:
    class_id, school_id, grade_level, label, class_teacher_id = values
    row: Row = {
        "class_id": required(class_id, "class_id"),
        "school_id": _known(school_id, "school_id", known.schools, "school"),
        "grade_level": parse_int(grade_level, "grade_level", 1, 11),
        "label": required(label, "label"),
        "class_teacher_id": _optional_staff(class_teacher_id, "class_teacher_id", known),
    }
    teacher = row["class_teacher_id"]
    if teacher is not None and known.staff_school[teacher] != row["school_id"]:
        raise FieldError(f"class_teacher_id {teacher!r} works at another school")
    known.class_school[row["class_id"]] = row["school_id"]
    return row


def parse_pupil(values: list[str], known: KnownIds) -> Row:
    (
        pupil_id,
        pinfl,
        full_name,
        birth_date,
        sex,
        class_id,
        language,
        guardian_name,
        guardian_phone,
        address,
        consent,
    ) = values
    pupil_id = required(pupil_id, "pupil_id")
    given_pinfl = optional(pinfl)
    if given_pinfl is not None:
        if not has_valid_structure(given_pinfl):
            raise FieldError("pinfl is not a PINFL (14 digits: century/sex, birth date, area, serial)")
        if known.pinfl_owner.get(given_pinfl, pupil_id) != pupil_id:
            raise FieldError("pinfl already belongs to another pupil")
    row: Row = {
        "pupil_id": pupil_id,
        "pinfl": given_pinfl,
        "full_name": required(full_name, "full_name"),
        "birth_date": parse_date(birth_date, "birth_date", personal=True),
        "sex": parse_choice(sex, "sex", SEXES),
        "class_id": _known(class_id, "class_id", known.class_school, "class"),
        "language": parse_choice(language, "language", LANGUAGES),
        "guardian_name": optional(guardian_name),
        "guardian_phone": parse_uz_phone(guardian_phone, "guardian_phone"),
        "address": optional(address),
        "consent": parse_choice(consent, "consent", CONSENT_VALUES),
    }
    known.pupils.add(pupil_id)
    if given_pinfl is not None:
        known.pinfl_owner[given_pinfl] = pupil_id
    return row


def parse_mark(values: list[str], known: KnownIds) -> Row:
    pupil_id, subject, date, kind, mark, teacher_id = values
    return {
        "pupil_id": _known(pupil_id, "pupil_id", known.pupils, "pupil"),
        "subject": normalise_apostrophes(required(subject, "subject")),
        "date": parse_date(date, "date"),
        "kind": parse_choice(kind, "kind", MARK_KINDS),
        "mark": parse_int(mark, "mark", 1, 5),
        "teacher_id": _optional_staff(teacher_id, "teacher_id", known),
    }


def parse_attendance(values: list[str], known: KnownIds) -> Row:
    pupil_id, date, subject, status = values
    return {
        "pupil_id": _known(pupil_id, "pupil_id", known.pupils, "pupil"),
        "date": parse_date(date, "date"),
        "subject": normalise_apostrophes(subject.strip()),
        "status": parse_choice(status, "status", ATTENDANCE_STATUSES),
    }


def parse_lms_event(values: list[str], known: KnownIds) -> Row:
    pupil_id, timestamp, subject, event, score = values
    event = parse_choice(event, "event", LMS_EVENTS)
    given_score = optional(score)
    if given_score is not None and event != "test":
        raise FieldError(f"score is given for a {event!r} event; only test events have a score")
    return {
        "pupil_id": _known(pupil_id, "pupil_id", known.pupils, "pupil"),
        "timestamp": parse_timestamp(timestamp, "timestamp"),
        "subject": normalise_apostrophes(subject.strip()),
        "event": event,
        "score": None if given_score is None else parse_int(given_score, "score", 0, 100),
    }


def parse_note(values: list[str], known: KnownIds) -> Row:
    note_id, pupil_id, author_id, date, text = values
    return {
        "note_id": required(note_id, "note_id"),
        "pupil_id": _known(pupil_id, "pupil_id", known.pupils, "pupil"),
        "author_id": _known(author_id, "author_id", known.staff_school, "staff member"),
        "date": parse_date(date, "date"),
        "text": required(text, "text"),
    }
