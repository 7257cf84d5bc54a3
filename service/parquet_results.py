"""What a Parquet scoring run writes: each partition's `risk_scores` rows, worded as `score_all` words them.

A row holds what the `risk_scores` table holds for the pupil (probability, tier, insufficient-data state and
the drivers as the table's JSON, each sentence in every language) plus the school, so a region's or a
school's rows can be read without the database. The drivers come from `model.batch_explanations`, the same
drivers `explain_pupil` gives one pupil at a time, found with arrays for the whole partition.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import polars as pl

from model.alert_policy import TierThresholds
from model.batch_explanations import explain_batch
from service.explain import INSUFFICIENT_TIER
from service.parquet_layout import RESULTS
from service.scoring_job import stored_driver

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel

RESULT_SCHEMA: Final = {
    "pupil_id": pl.String,
    "school_id": pl.String,
    "as_of": pl.Date,
    "model_version": pl.String,
    "probability": pl.Float64,
    "tier": pl.String,
    "insufficient_data": pl.Boolean,
    "drivers": pl.String,
}


def result_rows(
    model: CalibratedRiskModel,
    features: pl.DataFrame,
    matrix: np.ndarray[Any, Any],
    probabilities: np.ndarray[Any, Any],
    contributions: np.ndarray[Any, Any],
    version: str,
    day: date,
    thresholds: TierThresholds,
) -> pl.DataFrame:
    """The `risk_scores` rows of `school_rows`, for a whole partition at once: same probability, tier,
    insufficient-data state and drivers (the JSON the table stores, written without escapes)."""
    explanations = explain_batch(model.feature_names, contributions, matrix, probabilities)
    tiers, insufficient, drivers = [], [], []
    for explanation in explanations:
        sparse = explanation.insufficient_data
        tiers.append(INSUFFICIENT_TIER if sparse else thresholds.tier_of(explanation.probability))
        insufficient.append(sparse)
        stored = [stored_driver(d) for d in explanation.drivers]
        drivers.append(json.dumps(stored, ensure_ascii=False))
    return pl.DataFrame(
        {
            "pupil_id": features["pupil_id"],
            "as_of": [day] * features.height,
            "model_version": [version] * features.height,
            "probability": np.clip(probabilities, 0.0, 1.0),
            "tier": tiers,
            "insufficient_data": insufficient,
            "drivers": drivers,
        },
        schema={name: RESULT_SCHEMA[name] for name in RESULT_SCHEMA if name != "school_id"},
    )


def write_results(folder: Path, results: pl.DataFrame) -> None:
    """Replace the partition's results: written beside and renamed, so a reader never sees half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{RESULTS}.{os.getpid()}.partial"
    results.sort("school_id", "pupil_id").write_parquet(partial)
    partial.replace(folder / RESULTS)


def with_schools(results: pl.DataFrame, schools: pl.DataFrame) -> pl.DataFrame:
    """Each row with its pupil's school, columns in the order of `RESULT_SCHEMA`."""
    return results.join(schools, on="pupil_id", how="left").select(list(RESULT_SCHEMA))
