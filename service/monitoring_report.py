"""The principal's monitoring report: which class or subject of one school is slipping this quarter.

It compares a quarter with the one before it, class by class: marks per subject (with a significance test),
attendance, LMS logins and the pupils the risk model flags. Only aggregates leave this module, each over at
least `min_group` pupils; smaller groups are suppressed by `model.monitoring`, never shown.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import polars as pl
from sqlalchemy import Connection

from model.monitoring import (
    ALPHA,
    MIN_GROUP,
    SLIP_CHANGE,
    attendance_by_class,
    class_subject_changes,
    flagged_by_class,
    lms_by_class,
)
from model.school_calendar import Quarter, academic_year_of, quarters
from model.support_advice import recommend_support
from service import monitoring_queries as queries

_QUARTER_CODE = re.compile(r"(\d{4})-Q([1-4])", re.IGNORECASE)


class MonitoringError(ValueError):
    """The report cannot be made: an unknown school, a malformed quarter, or no marks to compare."""


@dataclass(frozen=True)
class MonitoringReport:
    """One school, one quarter against the previous one; every section a list of rows, one per class
    (marks: per class × subject). `flagged` is None while no pupil of the school has a risk score."""

    school_id: str
    school_name: str
    quarter: str
    quarter_label: str
    previous_quarter: str
    previous_quarter_label: str
    through: date
    language: str
    min_group: int
    slip_change: float
    alpha: float
    marks: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    lms: list[dict[str, Any]]
    flagged: list[dict[str, Any]] | None
    scores_as_of: date | None
    recommendations: list[dict[str, Any]]

    def to_json(self) -> dict[str, Any]:
        """The report as plain JSON types (dates as ISO strings)."""
        document = asdict(self)
        document["through"] = self.through.isoformat()
        document["scores_as_of"] = self.scores_as_of.isoformat() if self.scores_as_of else None
        return document


def parse_quarter(code: str) -> Quarter:
    """`2025-Q2` → the second quarter of the academic year that starts in September 2025."""
    found = _QUARTER_CODE.fullmatch(code.strip())
    if not found:
        raise MonitoringError(
            f"a quarter looks like 2025-Q2 (the year its academic year starts, then 1-4), not {code!r}"
        )
    return quarters(int(found[1]))[int(found[2]) - 1]


def quarter_code(quarter: Quarter) -> str:
    return f"{quarter.academic_year}-Q{quarter.number}"


def previous_quarter(quarter: Quarter) -> Quarter:
    """The quarter before: Q4 of the previous academic year comes before Q1."""
    if quarter.number > 1:
        return quarters(quarter.academic_year)[quarter.number - 2]
    return quarters(quarter.academic_year - 1)[-1]


def next_quarter(quarter: Quarter) -> Quarter:
    if quarter.number < 4:
        return quarters(quarter.academic_year)[quarter.number]
    return quarters(quarter.academic_year + 1)[0]


def quarter_at_or_before(day: date) -> Quarter:
    """The quarter containing `day`, or during a holiday the one that has just ended."""
    year = academic_year_of(day)
    return max(q for q in (*quarters(year - 1), *quarters(year)) if q.start <= day)


def build_monitoring_report(
    connection: Connection,
    school_id: str,
    quarter: Quarter | None = None,
    *,
    lang: str = "uz",
    min_group: int = MIN_GROUP,
    slip_change: float = SLIP_CHANGE,
    alpha: float = ALPHA,
) -> MonitoringReport:
    """The report for `school_id` and `quarter` (default: the latest quarter with daily or test marks)
    against the quarter before it, recommendations worded in `lang`; the thresholds are those of
    `model.monitoring.class_subject_changes`."""
    name = queries.school_name(connection, school_id)
    if name is None:
        raise MonitoringError(f"no school has the id {school_id!r}")
    quarter, through = _quarter_and_last_day(connection, school_id, quarter)
    previous = previous_quarter(quarter)
    classes = queries.read_classes(connection, school_id)
    pupils = queries.read_pupils(connection, school_id)
    first, last = previous.start, quarter.end
    marks = queries.read_marks(connection, school_id, first, last)
    changes = class_subject_changes(
        marks, pupils, quarter, previous, min_group=min_group, slip_change=slip_change, alpha=alpha
    )
    absences = queries.read_absences(connection, school_id, first, last)
    logins = queries.read_logins(connection, school_id, first, last)
    tiers, scores_as_of = queries.read_latest_tiers(connection, school_id, next_quarter(quarter).start)
    labels = dict(zip(classes["class_id"], classes["label"], strict=True))
    advice = recommend_support(changes, labels, lang=lang)
    return MonitoringReport(
        school_id=school_id,
        school_name=name,
        quarter=quarter_code(quarter),
        quarter_label=quarter.label,
        previous_quarter=quarter_code(previous),
        previous_quarter_label=previous.label,
        through=through,
        language=lang,
        min_group=min_group,
        slip_change=slip_change,
        alpha=alpha,
        marks=_rows(changes, classes, "subject"),
        attendance=_rows(
            attendance_by_class(absences, pupils, quarter, previous, through=through, min_group=min_group),
            classes,
        ),
        lms=_rows(
            lms_by_class(logins, pupils, quarter, previous, through=through, min_group=min_group), classes
        ),
        flagged=_rows(flagged_by_class(tiers, pupils, min_group=min_group), classes)
        if scores_as_of
        else None,
        scores_as_of=scores_as_of,
        recommendations=[{"class": labels.get(a.class_id, a.class_id)} | asdict(a) for a in advice],
    )


def _quarter_and_last_day(
    connection: Connection, school_id: str, quarter: Quarter | None
) -> tuple[Quarter, date]:
    """The quarter asked for, or the latest with marks; and the day it is counted to. A quarter still
    running is counted up to its last marked day, so absences and logins are per day so far."""
    last_day = queries.last_lesson_mark_day(connection, school_id)
    if quarter is None:
        if last_day is None:
            raise MonitoringError(f"school {school_id} has no marks yet; load its diary with `erta ingest`")
        quarter = quarter_at_or_before(last_day)
    through = min(quarter.end, last_day) if last_day and last_day >= quarter.start else quarter.end
    return quarter, through


def _rows(frame: pl.DataFrame, classes: pl.DataFrame, *order: str) -> list[dict[str, Any]]:
    """Rows with the class's label in front, in the order staff read classes: by grade, then label."""
    labelled = classes.rename({"label": "class"}).join(frame, on="class_id", how="inner")
    return labelled.sort("grade_level", "class", *order).drop("grade_level").to_dicts()
