"""Feature names, and the teacher-facing group each feature belongs to.

Per-subject features are named `<subject>|<statistic>` so that explanations can fold every Matematika
feature into one "Matematika marks" driver without a lookup table that drifts.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from model.curriculum import all_subjects

SEPARATOR: Final = "|"
SUBJECT_STATS: Final = (
    "recent_mean",
    "quarter_mean",
    "slope",
    "twos",
    "last_quarter",
    "quarter_change",
    "class_gap",
)
MARK_SUMMARY: Final = (
    "marks_recent_count",
    "marks_recent_mean",
    "min_subject_recent_mean",
    "min_subject_quarter_mean",
    "subjects_quarter_below_3",
    "worst_subject_slope",
    "subjects_falling",
    "twos_recent",
    "twos_year",
    "failing_last_quarter_subjects",
    "min_last_quarter",
    "insufficient_marks",
)
ATTENDANCE: Final = (
    "school_days_so_far",
    "attendance_rate",
    "unexcused_rate",
    "recent_absence_rate",
    "quarter_absence_rate",
    "longest_absence_streak",
    "late_rate",
)
LMS: Final = (
    "lms_events_recent",
    "lms_logins_per_week",
    "lms_logins_change",
    "lms_submit_rate",
    "lms_late_rate",
    "lms_missed_rate",
    "lms_test_mean",
    "lms_days_since_login",
    "insufficient_lms",
)
NOTES: Final = ("notes_recent", "notes_year")
PUPIL: Final = ("grade_level",)

# Never features: used only to audit fairness (DESIGN "The risk we predict").
SENSITIVE_ATTRIBUTES: Final = ("sex", "language", "region", "locality")


def subject_feature(subject: str, stat: str) -> str:
    return f"{subject}{SEPARATOR}{stat}"


def feature_names() -> tuple[str, ...]:
    """Every model feature, in the fixed order the model is trained and served with."""
    per_subject = tuple(subject_feature(s, stat) for s in all_subjects() for stat in SUBJECT_STATS)
    return PUPIL + MARK_SUMMARY + per_subject + ATTENDANCE + LMS + NOTES


@lru_cache(maxsize=4096)
def feature_group(name: str) -> str:
    """The driver a teacher recognises: a subject's marks, marks overall, attendance, LMS or notes.

    Remembered per name: every pupil explained asks it of every feature."""
    if SEPARATOR in name:
        return name.split(SEPARATOR, 1)[0]
    if name in ATTENDANCE:
        return "attendance"
    if name in LMS:
        return "lms"
    if name in NOTES:
        return "notes"
    if name in PUPIL:
        return "grade"
    return "marks"


# Directions the model must respect, so that an explanation never says "more 2s lowered the risk".
_RISK_RISES_WITH = (
    "twos_recent",
    "twos_year",
    "failing_last_quarter_subjects",
    "subjects_falling",
    "unexcused_rate",
    "recent_absence_rate",
    "longest_absence_streak",
    "lms_missed_rate",
)
_RISK_FALLS_WITH = ("marks_recent_mean", "min_subject_recent_mean", "min_last_quarter", "attendance_rate")
_SUBJECT_DIRECTIONS = {"twos": 1, "recent_mean": -1, "last_quarter": -1}


def monotone_constraints() -> dict[str, int]:
    """Feature → +1 (risk never falls as it grows) or -1 (risk never rises as it grows)."""
    directions = dict.fromkeys(_RISK_RISES_WITH, 1) | dict.fromkeys(_RISK_FALLS_WITH, -1)
    for subject in all_subjects():
        for stat, direction in _SUBJECT_DIRECTIONS.items():
            directions[subject_feature(subject, stat)] = direction
    return directions
