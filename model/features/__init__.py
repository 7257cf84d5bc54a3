"""As-of features: what Erta knew about each pupil on the morning of a given date.

Every feature is computed from records dated strictly before the as-of date, so a model trained on
past snapshots sees exactly what it would have seen on the day. Counts of nothing are real zeros; a
mean of nothing is null (missing), with explicit "insufficient data" indicators beside it, never a
silent zero. Sensitive attributes (sex, language, region, locality) are not inputs here at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import polars as pl

from model.features.attendance import attendance_defaults, attendance_features
from model.features.lms import lms_features
from model.features.marks import mark_features
from model.features.names import feature_group, feature_names
from model.features.notes import note_features
from model.features.windows import FeatureWindows
from model.records import PupilRecords

__all__ = ["FeatureWindows", "build_features", "build_snapshots", "feature_group", "feature_names"]

_ZERO_WHEN_ABSENT = (
    "marks_recent_count",
    "subjects_falling",
    "twos_recent",
    "twos_year",
    "failing_last_quarter_subjects",
    "lms_events_recent",
    "lms_logins_per_week",
    "subjects_quarter_below_3",
    "notes_recent",
    "notes_year",
)


def build_features(records: PupilRecords, as_of: date, windows: FeatureWindows | None = None) -> pl.DataFrame:
    """One row per pupil: `pupil_id`, `as_of`, then `feature_names()` as Float64 in that order."""
    w = windows or FeatureWindows()
    known = records.before(as_of)
    frame = (
        known.pupils.select("pupil_id", pl.col("grade_level").cast(pl.Float64))
        .join(mark_features(known.marks, known.pupils, as_of, w), on="pupil_id", how="left")
        .join(attendance_features(known.attendance, as_of, w), on="pupil_id", how="left")
        .join(lms_features(known.lms, as_of, w), on="pupil_id", how="left")
        .join(note_features(known.notes, as_of, w), on="pupil_id", how="left")
    )
    defaults = attendance_defaults(as_of)
    frame = frame.with_columns(
        *(pl.col(name).fill_null(0) for name in _ZERO_WHEN_ABSENT),
        *(
            pl.col(name).fill_null(value)
            for name, value in defaults.items()
            if name in frame.columns and value is not None
        ),
        pl.lit(defaults["school_days_so_far"]).alias("school_days_so_far"),
    ).with_columns(
        (pl.col("marks_recent_count") < w.min_recent_marks).alias("insufficient_marks"),
        (pl.col("lms_events_recent") == 0).alias("insufficient_lms"),
    )
    return frame.select(
        pl.col("pupil_id").cast(pl.String),
        pl.lit(as_of).alias("as_of"),
        *(pl.col(name).cast(pl.Float64) for name in feature_names()),
    )


def build_snapshots(
    records: PupilRecords, as_of_dates: Iterable[date], windows: FeatureWindows | None = None
) -> pl.DataFrame:
    """Features at several as-of dates stacked: one row per pupil × date, for training."""
    frames = [build_features(records, as_of, windows) for as_of in sorted(set(as_of_dates))]
    if not frames:
        raise ValueError("no as-of dates given")
    return pl.concat(frames, how="vertical")
