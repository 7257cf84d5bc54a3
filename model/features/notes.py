"""Note features: how often teachers have written about a pupil. The text itself never becomes a feature."""

from __future__ import annotations

from datetime import date

import polars as pl

from model.features.windows import FeatureWindows, year_start


def note_features(notes: pl.DataFrame, as_of: date, w: FeatureWindows) -> pl.DataFrame:
    recent_start = w.start(as_of, w.notes_weeks)
    return (
        notes.filter(pl.col("date") >= year_start(as_of))
        .group_by("pupil_id")
        .agg(
            (pl.col("date") >= recent_start).sum().cast(pl.Float64).alias("notes_recent"),
            pl.len().cast(pl.Float64).alias("notes_year"),
        )
    )
