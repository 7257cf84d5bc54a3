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
RowParser = Callable[[dict[str, str], KnownIds], Row]


def _known(value: str, field: str, known: set[str] | dict[str, str], what: str) -> str:
    value = required(value, field)
    if value not in known:
        raise FieldError(f"{field} {value!r}: unknown {what}")
    return value


def _optional_staff(value: str, field: str, known: KnownIds) -> str | None:
    return _known(value, field, known.staff_school, "staff member") if value.strip() else None


def parse_school(v: dict[str, str], known: KnownIds) -> Row:
    row: Row = {
        "school_id": required(v["school_id"], "school_id"),
        "name": normalise_apostrophes(required(v["name"], "name")),
        "region": parse_choice(normalise_apostrophes(v["region"]), "region", REGIONS),
        "district": normalise_apostrophes(required(v["district"], "district")),
        "locality": parse_choice(v["locality"], "locality", LOCALITIES),
        "language": parse_choice(v["language"], "language", LANGUAGES),
    }
    known.schools.add(row["school_id"])
    return row


def parse_staff(v: dict[str, str], known: KnownIds) -> Row:
    row: Row = {
        "staff_id": required(v["staff_id"], "staff_id"),
        "full_name": required(v["full_name"], "full_name"),
        "school_id": _known(v["school_id"], "school_id", known.schools, "school"),
        "roles": parse_list(v["roles"], "roles", STAFF_ROLES),
        "subjects": parse_list(v["subjects"], "subjects"),
        "mentor_capacity": parse_int(v["mentor_capacity"] or "0", "mentor_capacity", 0, 100),
    }
    if not row["roles"]:
        raise FieldError("roles is empty")
    known.staff_school[row["staff_id"]] = row["school_id"]
    return row


def parse_class(v: dict[str, str], known: KnownIds) -> Row:
    row: Row = {
        "class_id": required(v["class_id"], "class_id"),
        "school_id": _known(v["school_id"], "school_id", known.schools, "school"),
        "grade_level": parse_int(v["grade_level"], "grade_level", 1, 11),
        "label": required(v["label"], "label"),
        "class_teacher_id": _optional_staff(v["class_teacher_id"], "class_teacher_id", known),
    }
    teacher = row["class_teacher_id"]
    if teacher is not None and known.staff_school[teacher] != row["school_id"]:
        raise FieldError(f"class_teacher_id {teacher!r} works at another school")
    known.class_school[row["class_id"]] = row["school_id"]
    return row


def parse_pupil(v: dict[str, str], known: KnownIds) -> Row:
    pupil_id = required(v["pupil_id"], "pupil_id")
    pinfl = optional(v["pinfl"])
    if pinfl is not None:
        if not has_valid_structure(pinfl):
            raise FieldError("pinfl is not a PINFL (14 digits: century/sex, birth date, area, serial)")
        if known.pinfl_owner.get(pinfl, pupil_id) != pupil_id:
            raise FieldError("pinfl already belongs to another pupil")
    row: Row = {
        "pupil_id": pupil_id,
        "pinfl": pinfl,
        "full_name": required(v["full_name"], "full_name"),
        "birth_date": parse_date(v["birth_date"], "birth_date", personal=True),
        "sex": parse_choice(v["sex"], "sex", SEXES),
        "class_id": _known(v["class_id"], "class_id", known.class_school, "class"),
        "language": parse_choice(v["language"], "language", LANGUAGES),
        "guardian_name": optional(v["guardian_name"]),
        "guardian_phone": parse_uz_phone(v["guardian_phone"], "guardian_phone"),
        "address": optional(v["address"]),
        "consent": parse_choice(v["consent"], "consent", CONSENT_VALUES),
    }
    known.pupils.add(pupil_id)
    if pinfl is not None:
        known.pinfl_owner[pinfl] = pupil_id
    return row


def parse_mark(v: dict[str, str], known: KnownIds) -> Row:
    return {
        "pupil_id": _known(v["pupil_id"], "pupil_id", known.pupils, "pupil"),
        "subject": normalise_apostrophes(required(v["subject"], "subject")),
        "date": parse_date(v["date"], "date"),
        "kind": parse_choice(v["kind"], "kind", MARK_KINDS),
        "mark": parse_int(v["mark"], "mark", 1, 5),
        "teacher_id": _optional_staff(v["teacher_id"], "teacher_id", known),
    }


def parse_attendance(v: dict[str, str], known: KnownIds) -> Row:
    return {
        "pupil_id": _known(v["pupil_id"], "pupil_id", known.pupils, "pupil"),
        "date": parse_date(v["date"], "date"),
        "subject": normalise_apostrophes(v["subject"].strip()),
        "status": parse_choice(v["status"], "status", ATTENDANCE_STATUSES),
    }


def parse_lms_event(v: dict[str, str], known: KnownIds) -> Row:
    event = parse_choice(v["event"], "event", LMS_EVENTS)
    score = optional(v["score"])
    if score is not None and event != "test":
        raise FieldError(f"score is given for a {event!r} event; only test events have a score")
    return {
        "pupil_id": _known(v["pupil_id"], "pupil_id", known.pupils, "pupil"),
        "timestamp": parse_timestamp(v["timestamp"], "timestamp"),
        "subject": normalise_apostrophes(v["subject"].strip()),
        "event": event,
        "score": None if score is None else parse_int(score, "score", 0, 100),
    }


def parse_note(v: dict[str, str], known: KnownIds) -> Row:
    return {
        "note_id": required(v["note_id"], "note_id"),
        "pupil_id": _known(v["pupil_id"], "pupil_id", known.pupils, "pupil"),
        "author_id": _known(v["author_id"], "author_id", known.staff_school, "staff member"),
        "date": parse_date(v["date"], "date"),
        "text": required(v["text"], "text"),
    }
