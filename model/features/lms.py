"""LMS features: logins, homework handed in on time, late or not at all, online tests, silence.

Disengagement shows in the LMS weeks before marks fall, which is why these matter for early warning.
"""

from __future__ import annotations

from datetime import date

import polars as pl

from model.features.windows import FeatureWindows, year_start

HOMEWORK = ("submit", "submit_late", "missed")


def lms_features(lms: pl.DataFrame, as_of: date, w: FeatureWindows) -> pl.DataFrame:
    """One row per pupil with LMS events this year; rates are null when there was nothing to hand in."""
    first_day = year_start(as_of)
    window_start = max(w.start(as_of, w.lms_weeks), first_day)
    weeks = max((as_of - window_start).days, 1) / 7.0
    before_start = max(w.start(window_start, w.lms_weeks), first_day)
    weeks_before = (window_start - before_start).days / 7.0
    events = lms.with_columns(pl.col("timestamp").dt.date().alias("day")).filter(pl.col("day") >= first_day)
    recent = pl.col("day") >= window_start
    event = pl.col("event")
    login = event == "login"
    # Masked columns, then plain sums, a mean and a maximum per pupil, and the ratios after the group-by:
    # polars' fast path (a `.filter()` or a ratio inside `.agg()` runs pupil by pupil).
    flagged = events.select(
        "pupil_id",
        recent.alias("recent"),
        (login & recent).alias("logins"),
        (login & (pl.col("day") >= before_start) & (pl.col("day") < window_start)).alias("logins_before"),
        (event.is_in(HOMEWORK) & recent).alias("homework"),
        *(((event == kind) & recent).alias(kind) for kind in HOMEWORK),
        pl.when((event == "test") & recent).then(pl.col("score")).alias("test_score"),
        pl.when(login).then(pl.col("day")).alias("login_day"),
    )
    counts = flagged.group_by("pupil_id").agg(
        pl.col("recent", "logins", "logins_before", "homework", *HOMEWORK).sum(),
        pl.col("test_score").mean().alias("lms_test_mean"),
        pl.col("login_day").max(),
    )
    homework = pl.col("homework")
    return counts.select(
        "pupil_id",
        pl.col("recent").cast(pl.Float64).alias("lms_events_recent"),
        pl.col("logins").truediv(weeks).alias("lms_logins_per_week"),
        _logins_change(weeks, weeks_before),
        pl.when(homework > 0).then(pl.col("submit") / homework).alias("lms_submit_rate"),
        pl.when(homework > 0).then(pl.col("submit_late") / homework).alias("lms_late_rate"),
        pl.when(homework > 0).then(pl.col("missed") / homework).alias("lms_missed_rate"),
        "lms_test_mean",
        (pl.lit(as_of) - pl.col("login_day")).dt.total_days().cast(pl.Float64).alias("lms_days_since_login"),
    )


def _logins_change(weeks: float, weeks_before: float) -> pl.Expr:
    """Logins per week now minus in the weeks before: a pupil drifting away shows here first."""
    if weeks_before <= 0:
        return pl.lit(None, dtype=pl.Float64).alias("lms_logins_change")
    return (pl.col("logins") / weeks - pl.col("logins_before") / weeks_before).alias("lms_logins_change")
