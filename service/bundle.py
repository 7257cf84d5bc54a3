"""The canonical data bundle: a folder of UTF-8 CSV files with headers, read by `erta ingest`
and written by `erta generate`. Ids are strings and dates are ISO `YYYY-MM-DD`.

The order of `BUNDLE_FILES` is the load order: every file refers only to files before it.
"""

from __future__ import annotations

from typing import Final

BUNDLE_FILES: Final[dict[str, tuple[str, ...]]] = {
    "schools.csv": ("school_id", "name", "region", "district", "locality", "language"),
    "staff.csv": ("staff_id", "full_name", "school_id", "roles", "subjects", "mentor_capacity"),
    "classes.csv": ("class_id", "school_id", "grade_level", "label", "class_teacher_id"),
    "pupils.csv": (
        "pupil_id",
        "pinfl",
        "full_name",
        "birth_date",
        "sex",
        "class_id",
        "language",
        "guardian_name",
        "guardian_phone",
        "address",
        "consent",
    ),
    "grades.csv": ("pupil_id", "subject", "date", "kind", "mark", "teacher_id"),
    "attendance.csv": ("pupil_id", "date", "subject", "status"),
    "lms_events.csv": ("pupil_id", "timestamp", "subject", "event", "score"),
    "notes.csv": ("note_id", "pupil_id", "author_id", "date", "text"),
}

REGIONS: Final = (
    "Qoraqalpog'iston Respublikasi",
    "Andijon",
    "Buxoro",
    "Jizzax",
    "Qashqadaryo",
    "Navoiy",
    "Namangan",
    "Samarqand",
    "Surxondaryo",
    "Sirdaryo",
    "Toshkent viloyati",
    "Farg'ona",
    "Xorazm",
    "Toshkent shahri",
)
LOCALITIES: Final = ("urban", "rural")
STAFF_ROLES: Final = ("class_teacher", "subject_teacher", "mentor", "principal", "psychologist")
SEXES: Final = ("M", "F")
CONSENT_VALUES: Final = ("granted", "revoked")
MARK_KINDS: Final = ("daily", "test", "quarter", "annual")
ATTENDANCE_STATUSES: Final = ("present", "absent_excused", "absent_unexcused", "late")
LMS_EVENTS: Final = ("login", "view", "submit", "submit_late", "missed", "test")
LIST_SEPARATOR: Final = ";"
