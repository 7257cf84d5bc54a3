"""Attendance features: how much school a pupil has missed this year, lately, and in one stretch.

Attendance holds exceptions only; a whole-day absence has no subject. The denominator is the school
calendar's teaching days, so a quiet diary reads as full attendance, not as missing data.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from model.features.windows import FeatureWindows, quarter_start, year_start
from model.school_calendar import academic_year_of, school_days, school_days_between

ABSENT = ("absent_excused", "absent_unexcused")


def attendance_features(attendance: pl.DataFrame, as_of: date, w: FeatureWindows) -> pl.DataFrame:
    """One row per pupil with any attendance record this year; pupils without one attend fully."""
    first_day = year_start(as_of)
    recent_start = max(w.start(as_of, w.attendance_recent_weeks), first_day)
    days_so_far = school_days_between(first_day, as_of)
    recent_days = school_days_between(recent_start, as_of)
    quarter_first = quarter_start(as_of)
    quarter_days = school_days_between(quarter_first, as_of)
    # Records on Sundays, holidays or breaks are diary mistakes: they neither add absences nor lateness.
    teaching_days = school_days(academic_year_of(as_of))
    this_year = attendance.filter((pl.col("date") >= first_day) & pl.col("date").is_in(teaching_days))
    whole_day = this_year.filter(
        (pl.col("subject").fill_null("") == "") & pl.col("status").is_in(ABSENT)
    ).unique(["pupil_id", "date"])
    absences = whole_day.group_by("pupil_id").agg(
        pl.len().alias("absent_days"),
        (pl.col("status") == "absent_unexcused").sum().alias("unexcused_days"),
        (pl.col("date") >= recent_start).sum().alias("recent_absent_days"),
        (pl.col("date") >= quarter_first).sum().alias("quarter_absent_days"),
    )
    # Late for three lessons on one day is one late day: the rate is a share of school days.
    lates = (
        this_year.filter(pl.col("status") == "late")
        .group_by("pupil_id")
        .agg(pl.col("date").n_unique().alias("lates"))
    )
    streaks = longest_absence_streaks(whole_day, as_of)
    return (
        absences.join(lates, on="pupil_id", how="full", coalesce=True)
        .join(streaks, on="pupil_id", how="left")
        .with_columns(
            pl.col(
                "absent_days", "unexcused_days", "recent_absent_days", "quarter_absent_days", "lates"
            ).fill_null(0)
        )
        .select(
            "pupil_id",
            _rate(pl.col("absent_days"), days_so_far, complement=True).alias("attendance_rate"),
            _rate(pl.col("unexcused_days"), days_so_far).alias("unexcused_rate"),
            _rate(pl.col("recent_absent_days"), recent_days).alias("recent_absence_rate"),
            _rate(pl.col("quarter_absent_days"), quarter_days).alias("quarter_absence_rate"),
            pl.col("longest_absence_streak").fill_null(0),
            _rate(pl.col("lates"), days_so_far).alias("late_rate"),
        )
    )


def attendance_defaults(as_of: date) -> dict[str, float | None]:
    """What a pupil with no absence or lateness on record gets: full attendance, or unknown before day one."""
    days = school_days_between(year_start(as_of), as_of)
    full = 1.0 if days else None
    zero = 0.0 if days else None
    quarter_zero = 0.0 if school_days_between(quarter_start(as_of), as_of) else None
    return {
        "school_days_so_far": float(days),
        "attendance_rate": full,
        "unexcused_rate": zero,
        "recent_absence_rate": zero,
        "quarter_absence_rate": quarter_zero,
        "longest_absence_streak": 0.0,
        "late_rate": zero,
    }


def longest_absence_streaks(whole_day: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """Longest run of consecutive teaching days absent; Sundays and holidays do not break a run."""
    days = school_days(academic_year_of(as_of))
    ordinal = pl.DataFrame(
        {"date": days, "day_number": range(len(days))}, schema={"date": pl.Date, "day_number": pl.Int64}
    )
    numbered = whole_day.join(ordinal, on="date", how="inner").sort("pupil_id", "day_number")
    # Sorted by pupil and day, a run starts wherever the pupil changes or a school day was attended; its
    # number counts the starts so far, across all pupils at once (no window per pupil).
    starts = (pl.col("pupil_id") != pl.col("pupil_id").shift(1)).fill_null(True) | (
        pl.col("day_number").diff().fill_null(0) != 1
    )
    runs = numbered.select("pupil_id", starts.cum_sum().alias("run"))
    return (
        runs.group_by("run")
        .agg(pl.col("pupil_id").first(), pl.len().alias("length"))
        .group_by("pupil_id")
        .agg(pl.col("length").max().cast(pl.Float64).alias("longest_absence_streak"))
    )


def _rate(count: pl.Expr, days: int, *, complement: bool = False) -> pl.Expr:
    if days == 0:
        return pl.lit(None, dtype=pl.Float64)
    share = count.cast(pl.Float64) / days
    return (1.0 - share) if complement else share
