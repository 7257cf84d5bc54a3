"""Mark features: how a pupil stands in each subject and overall, from lesson, test and quarter marks."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from model.curriculum import FAILING_MARK, all_subjects
from model.features.names import SUBJECT_STATS, subject_feature
from model.features.windows import FeatureWindows, quarter_start, year_start

LESSON_KINDS = ("daily", "test")
QUARTER_MEAN_AT_RISK = 3.0  # below a 3 average the quarter mark can round down to a 2


def mark_features(marks: pl.DataFrame, pupils: pl.DataFrame, as_of: date, w: FeatureWindows) -> pl.DataFrame:
    """One row per pupil with marks: per-subject statistics in wide form plus cross-subject summaries."""
    per_subject = subject_statistics(marks, pupils, as_of, w)
    wide = per_subject.group_by("pupil_id").agg(
        pl.col(stat).filter(pl.col("subject") == subject).first().alias(subject_feature(subject, stat))
        for subject in all_subjects()
        for stat in SUBJECT_STATS
    )
    summary = per_subject.group_by("pupil_id").agg(
        pl.col("recent_n").sum().alias("marks_recent_count"),
        pl.when(pl.col("recent_n").sum() >= w.min_marks_for_mean)
        .then(pl.col("recent_sum").sum() / pl.col("recent_n").sum())
        .alias("marks_recent_mean"),
        pl.col("recent_mean").min().alias("min_subject_recent_mean"),
        pl.col("quarter_mean").min().alias("min_subject_quarter_mean"),
        (pl.col("quarter_mean") < QUARTER_MEAN_AT_RISK).sum().alias("subjects_quarter_below_3"),
        pl.col("slope").min().alias("worst_subject_slope"),
        (pl.col("slope") < w.falling_slope_per_week).sum().alias("subjects_falling"),
        pl.col("twos_recent").sum().alias("twos_recent"),
        pl.col("twos").sum().alias("twos_year"),
        (pl.col("last_quarter") <= FAILING_MARK).sum().alias("failing_last_quarter_subjects"),
        pl.col("last_quarter").min().alias("min_last_quarter"),
    )
    return summary.join(wide, on="pupil_id", how="left")


def subject_statistics(
    marks: pl.DataFrame, pupils: pl.DataFrame, as_of: date, w: FeatureWindows
) -> pl.DataFrame:
    """Long form, one row per pupil × subject: recent mean, slope, 2s, quarter marks, gap to the class."""
    first_day = year_start(as_of)
    recent_start = max(w.start(as_of, w.recent_marks_weeks), first_day)
    slope_start = max(w.start(as_of, w.slope_weeks), first_day)
    lessons = marks.filter(pl.col("kind").is_in(LESSON_KINDS) & (pl.col("date") >= first_day))
    weeks = (pl.col("date") - pl.lit(as_of)).dt.total_days() / 7.0
    recent = pl.col("date") >= recent_start
    in_slope = pl.col("date") >= slope_start
    this_quarter = pl.col("date") >= quarter_start(as_of)
    lesson_stats = (
        lessons.with_columns(weeks.alias("x"), pl.col("mark").cast(pl.Float64).alias("y"))
        .group_by("pupil_id", "subject")
        .agg(
            pl.col("y").filter(recent).len().alias("recent_n"),
            pl.col("y").filter(recent).sum().alias("recent_sum"),
            pl.col("y").filter(recent).mean().alias("recent_mean"),
            _slope(pl.col("x").filter(in_slope), pl.col("y").filter(in_slope)).alias("slope"),
            pl.col("y").filter(in_slope).len().alias("slope_n"),
            (pl.col("y") <= FAILING_MARK).sum().alias("twos"),
            ((pl.col("y") <= FAILING_MARK) & recent).sum().alias("twos_recent"),
            # The quarter mark is, near enough, the mean of the quarter's marks: the most direct early sign.
            pl.col("y").filter(this_quarter).mean().alias("quarter_mean"),
            pl.col("y").filter(this_quarter).len().alias("quarter_n"),
        )
        .with_columns(
            pl.when(pl.col("recent_n") >= w.min_marks_for_mean).then(pl.col("recent_mean")),
            pl.when(pl.col("quarter_n") >= w.min_marks_for_mean).then(pl.col("quarter_mean")),
            pl.when(pl.col("slope_n") >= w.min_marks_for_slope).then(pl.col("slope")),
        )
    )
    joined = lesson_stats.join(
        quarter_statistics(marks, as_of), on=["pupil_id", "subject"], how="full", coalesce=True
    )
    return with_class_gap(joined, pupils)


def quarter_statistics(marks: pl.DataFrame, as_of: date) -> pl.DataFrame:
    """The latest quarter mark of the past year per subject, and its change from the one before."""
    quarter = marks.filter((pl.col("kind") == "quarter") & (pl.col("date") >= as_of - timedelta(days=365)))
    ordered = pl.col("mark").sort_by("date", descending=True)
    return quarter.group_by("pupil_id", "subject").agg(
        ordered.first().cast(pl.Float64).alias("last_quarter"),
        pl.when(pl.len() >= 2)
        .then(ordered.first() - ordered.slice(1, 1).first())
        .cast(pl.Float64)
        .alias("quarter_change"),
    )


def with_class_gap(stats: pl.DataFrame, pupils: pl.DataFrame) -> pl.DataFrame:
    """Recent mean minus the class's mean in the same subject: a 3.4 means little without the class."""
    classes = pupils.select("pupil_id", "class_id")
    return (
        stats.join(classes, on="pupil_id", how="left")
        .with_columns(
            (pl.col("recent_mean") - pl.col("recent_mean").mean().over("class_id", "subject")).alias(
                "class_gap"
            )
        )
        .drop("class_id")
        .with_columns(pl.col(c).fill_null(0) for c in ("recent_n", "recent_sum", "twos", "twos_recent"))
    )


def _slope(x: pl.Expr, y: pl.Expr) -> pl.Expr:
    """Least-squares slope of marks per week; null when all marks fall on one day."""
    n = x.len()
    sxx = (x * x).sum() - x.sum() ** 2 / n
    sxy = (x * y).sum() - x.sum() * y.sum() / n
    return pl.when(sxx > 1e-9).then(sxy / sxx)
