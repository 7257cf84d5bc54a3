"""Monitoring for the principal: which class, subject or habit is slipping from one quarter to the next.

Every function compares one quarter with the previous one per class and returns aggregates only. A group
of 1 to `min_group` - 1 pupils is suppressed in every aggregate: its numbers become null and its
`suppressed` flag is set, because a mean over two or three pupils is as good as their names. Classes are
the pupils' current classes, so both quarters describe the same children.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

import polars as pl

from model.school_calendar import Quarter, school_days
from model.significance import paired_p_value, unpaired_p_value

MIN_GROUP: Final = 5
SLIP_CHANGE: Final = -0.3  # a third of a mark on the 5-point scale: what a teacher notices in a diary
ALPHA: Final = 0.05
LESSON_KINDS: Final = ("daily", "test")
ABSENT: Final = ("absent_excused", "absent_unexcused")
FLAGGED_TIERS: Final = ("high", "medium")
PAIRED_TEST: Final = "wilcoxon"
UNPAIRED_TEST: Final = "mann_whitney"

_CHANGE_COLUMNS: Final = ("pupils_now", "pupils_before", "pupils_paired", "mean_now", "mean_before")


def class_subject_changes(
    marks: pl.DataFrame,
    pupils: pl.DataFrame,
    quarter: Quarter,
    previous_quarter: Quarter,
    *,
    min_group: int = MIN_GROUP,
    slip_change: float = SLIP_CHANGE,
    alpha: float = ALPHA,
) -> pl.DataFrame:
    """Per class × subject: the mean of pupils' mean daily and test marks in each quarter, the change, and
    whether the class is slipping (change ≤ `slip_change` and p < `alpha`).

    The test runs on pupils' per-quarter means, so a pupil with many marks weighs no more than one with few.
    When at least `min_group` pupils have marks in both quarters, the Wilcoxon signed-rank test runs on
    their paired differences: pairing removes the spread between strong and weak pupils, which is most of
    the variance, and a rank test assumes nothing about the shape of means bounded by 1 and 5 in classes of
    25 (a paired t-test would also fail outright when every pupil falls by the same amount). Zero
    differences stay in the ranking (Pratt), so pupils who did not change pull towards "no change".
    Otherwise, with enough pupils on each side, the Mann–Whitney U test compares the two quarters as
    independent groups. Both are two-sided; the reported change is over every pupil with marks. A school
    tests hundreds of class × subject pairs, so a few p < 0.05 come by chance: requiring a fall of at least
    `slip_change` as well is what keeps them off the principal's list.
    """
    lessons = marks.filter(pl.col("kind").cast(pl.String).is_in(LESSON_KINDS))
    now = _pupil_means(lessons, quarter.start, quarter.end, "now")
    before = _pupil_means(lessons, previous_quarter.start, previous_quarter.end, "before")
    per_pupil = now.join(before, on=["pupil_id", "subject"], how="full", coalesce=True).join(
        _roster(pupils), on="pupil_id", how="inner"
    )
    groups = (
        per_pupil.group_by("class_id", "subject")
        .agg(pl.col("now"), pl.col("before"))
        .sort("class_id", "subject")
    )
    rows = [
        {"class_id": g["class_id"], "subject": g["subject"]} | _compare(g["now"], g["before"], min_group)
        for g in groups.iter_rows(named=True)
    ]
    frame = pl.DataFrame(rows, schema=_CHANGE_SCHEMA)
    change = pl.col("mean_now") - pl.col("mean_before")
    slipping = (pl.col("change") <= slip_change) & (pl.col("p_value") < alpha)
    return (
        frame.with_columns(change.round(10).alias("change"))
        .with_columns(slipping.fill_null(False).alias("slipping"))
        .select(*_CHANGE_SCHEMA, "change", "slipping")
    )


_CHANGE_SCHEMA: Final = {
    "class_id": pl.String,
    "subject": pl.String,
    **dict.fromkeys(_CHANGE_COLUMNS[:3], pl.Int64),
    "mean_before": pl.Float64,
    "mean_now": pl.Float64,
    "test": pl.String,
    "p_value": pl.Float64,
    "suppressed": pl.Boolean,
}


def _pupil_means(lessons: pl.DataFrame, start: date, end: date, alias: str) -> pl.DataFrame:
    return (
        lessons.filter(pl.col("date").is_between(start, end))
        .with_columns(pl.col("pupil_id", "subject").cast(pl.String))
        .group_by("pupil_id", "subject")
        .agg(pl.col("mark").cast(pl.Float64).mean().alias(alias))
    )


def _roster(pupils: pl.DataFrame) -> pl.DataFrame:
    return pupils.select(pl.col("pupil_id", "class_id").cast(pl.String))


def _compare(now: list[float | None], before: list[float | None], min_group: int) -> dict[str, Any]:
    """Means, counts and the test for one class × subject; nothing but nulls for a small group."""
    xs = [x for x in now if x is not None]
    ys = [y for y in before if y is not None]
    differences = [
        round(x - y, 9) for x, y in zip(now, before, strict=True) if x is not None and y is not None
    ]
    if 0 < len(xs) < min_group or 0 < len(ys) < min_group:
        return dict.fromkeys((*_CHANGE_COLUMNS, "test", "p_value"), None) | {"suppressed": True}
    result: dict[str, Any] = {
        "pupils_now": len(xs),
        "pupils_before": len(ys),
        "pupils_paired": None,
        "mean_now": sum(xs) / len(xs) if xs else None,
        "mean_before": sum(ys) / len(ys) if ys else None,
        "test": None,
        "p_value": None,
        "suppressed": False,
    }
    if len(differences) >= min_group:
        result |= {
            "pupils_paired": len(differences),
            "test": PAIRED_TEST,
            "p_value": paired_p_value(differences),
        }
    elif xs and ys:
        result |= {"test": UNPAIRED_TEST, "p_value": unpaired_p_value(xs, ys)}
    return result


def attendance_by_class(
    attendance: pl.DataFrame,
    pupils: pl.DataFrame,
    quarter: Quarter,
    previous_quarter: Quarter,
    *,
    through: date | None = None,
    min_group: int = MIN_GROUP,
) -> pl.DataFrame:
    """Per class: the share of pupil-days present in each quarter, over the quarter's teaching days up to
    `through` for a quarter still running. Only whole-day absences count; a late pupil was there."""
    periods = _periods(quarter, previous_quarter, through)
    teaching = {name: _teaching_days(quarter, *bounds) for name, (quarter, *bounds) in periods.items()}
    absences = attendance.filter(
        (pl.col("subject").cast(pl.String).fill_null("") == "")
        & pl.col("status").cast(pl.String).is_in(ABSENT)
        & pl.col("date").is_in(pl.concat(list(teaching.values())).implode())  # a diary's Sunday is a mistake
    ).select("pupil_id", pl.col("date").alias("day"))
    counts = _class_counts(absences.unique(), pupils, periods)
    return _finish(
        counts.with_columns(
            (1.0 - pl.col(name) / (pl.col("pupils") * len(days)) if len(days) else pl.lit(None))
            .cast(pl.Float64)
            .alias(f"rate_{name}")
            for name, days in teaching.items()
        ),
        "rate",
        min_group,
    )


def lms_by_class(
    lms: pl.DataFrame,
    pupils: pl.DataFrame,
    quarter: Quarter,
    previous_quarter: Quarter,
    *,
    through: date | None = None,
    min_group: int = MIN_GROUP,
) -> pl.DataFrame:
    """Per class: LMS logins per pupil-week in each quarter (calendar weeks up to `through` for a quarter
    still running); a pupil who never logs in counts as zero, so a class drifting away shows."""
    periods = _periods(quarter, previous_quarter, through)
    logins = lms.filter(pl.col("event").cast(pl.String) == "login").select(
        "pupil_id", pl.col("timestamp").dt.date().alias("day")
    )
    weeks = {name: max((last - first).days + 1, 0) / 7 for name, (_, first, last) in periods.items()}
    counts = _class_counts(logins, pupils, periods)
    return _finish(
        counts.with_columns(
            (pl.col(name) / (pl.col("pupils") * weeks[name]) if weeks[name] else pl.lit(None))
            .cast(pl.Float64)
            .alias(f"logins_{name}")
            for name in periods
        ),
        "logins",
        min_group,
    )


def _periods(
    quarter: Quarter, previous: Quarter, through: date | None
) -> dict[str, tuple[Quarter, date, date]]:
    last = min(quarter.end, through) if through else quarter.end
    return {"now": (quarter, quarter.start, last), "before": (previous, previous.start, previous.end)}


def _teaching_days(quarter: Quarter, first: date, last: date) -> pl.Series:
    days = [day for day in school_days(quarter.academic_year) if first <= day <= last]
    return pl.Series(days, dtype=pl.Date)


def _class_counts(
    pupil_days: pl.DataFrame, pupils: pl.DataFrame, periods: Mapping[str, tuple[Quarter, date, date]]
) -> pl.DataFrame:
    """Per class: its pupils, and how many of the (pupil_id, day) rows fall in each period."""
    day = pl.col("day")
    counts = (
        pupil_days.with_columns(pl.col("pupil_id").cast(pl.String))
        .group_by("pupil_id")
        .agg(day.is_between(first, last).sum().alias(name) for name, (_, first, last) in periods.items())
    )
    return (
        _roster(pupils)
        .join(counts, on="pupil_id", how="left")
        .group_by("class_id")
        .agg(pl.len().alias("pupils"), *(pl.col(name).sum() for name in periods))
    )


def _finish(per_class: pl.DataFrame, measure: str, min_group: int) -> pl.DataFrame:
    """Class, pupils, the measure before and now, the change; a class under `min_group` pupils suppressed."""
    now, before = pl.col(f"{measure}_now"), pl.col(f"{measure}_before")
    frame = per_class.select("class_id", "pupils", before, now, (now - before).alias("change"))
    return _suppress(frame, "pupils", min_group).sort("class_id")


def _suppress(frame: pl.DataFrame, count: str, min_group: int) -> pl.DataFrame:
    """Every number of a row whose `count` is 1 to `min_group` - 1 replaced by null, and the row flagged
    (nobody at all is nothing to hide)."""
    numbers = [c for c, dtype in frame.schema.items() if dtype.is_numeric()]
    flagged = frame.with_columns(pl.col(count).is_between(1, min_group - 1).alias("suppressed"))
    return flagged.with_columns(pl.when(~pl.col("suppressed")).then(pl.col(c)).alias(c) for c in numbers)


def flagged_by_class(
    scores: pl.DataFrame,
    pupils: pl.DataFrame,
    *,
    flagged_tiers: Sequence[str] = FLAGGED_TIERS,
    min_group: int = MIN_GROUP,
) -> pl.DataFrame:
    """Per class: pupils, pupils with a risk score (`scores`: one row per pupil with its latest `tier`),
    how many of them sit in each of `flagged_tiers` and in any of them; a class with 1 to `min_group` - 1
    scored pupils is suppressed."""
    tiers = scores.select(pl.col("pupil_id").cast(pl.String), pl.col("tier").cast(pl.String))
    tier = pl.col("tier")
    per_class = (
        _roster(pupils)
        .join(tiers, on="pupil_id", how="left")
        .group_by("class_id")
        .agg(
            pl.len().alias("pupils"),
            tier.is_not_null().sum().alias("scored"),
            tier.is_in(list(flagged_tiers)).sum().alias("flagged"),
            *((tier == name).sum().alias(name) for name in flagged_tiers),
        )
        .with_columns(pl.col("scored", "flagged", *flagged_tiers).cast(pl.Int64))
    )
    return _suppress(per_class, "scored", min_group).sort("class_id")
