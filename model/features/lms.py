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
    homework = (event.is_in(HOMEWORK) & recent).sum()
    return events.group_by("pupil_id").agg(
        recent.sum().cast(pl.Float64).alias("lms_events_recent"),
        ((event == "login") & recent).sum().truediv(weeks).alias("lms_logins_per_week"),
        _logins_change(event, pl.col("day"), window_start, before_start, weeks, weeks_before),
        _share((event == "submit") & recent, homework).alias("lms_submit_rate"),
        _share((event == "submit_late") & recent, homework).alias("lms_late_rate"),
        _share((event == "missed") & recent, homework).alias("lms_missed_rate"),
        pl.col("score").filter((event == "test") & recent).mean().alias("lms_test_mean"),
        (pl.lit(as_of) - pl.col("day").filter(event == "login").max())
        .dt.total_days()
        .cast(pl.Float64)
        .alias("lms_days_since_login"),
    )


def _share(hit: pl.Expr, total: pl.Expr) -> pl.Expr:
    return pl.when(total > 0).then(hit.sum() / total)


def _logins_change(
    event: pl.Expr, day: pl.Expr, window_start: date, before_start: date, weeks: float, weeks_before: float
) -> pl.Expr:
    """Logins per week now minus in the weeks before: a pupil drifting away shows here first."""
    if weeks_before <= 0:
        return pl.lit(None, dtype=pl.Float64).alias("lms_logins_change")
    now = ((event == "login") & (day >= window_start)).sum() / weeks
    before = ((event == "login") & (day >= before_start) & (day < window_start)).sum() / weeks_before
    return (now - before).alias("lms_logins_change")
