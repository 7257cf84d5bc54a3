"""Baselines the risk model must beat to be worth its complexity.

The ABC rule is the early-warning indicator schools already use without a model: Attendance below 90%,
any failing mark (Course performance), and Behaviour — here any teacher's note in the recent weeks, as
notes are written about concerns. Logistic regression on the same features shows what the trees add
over a linear score.
"""

from __future__ import annotations

import numpy as np
import polars as pl
from numpy.typing import NDArray
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler

ABC_ATTENDANCE_BELOW = 0.90


def abc_rule_score(features: pl.DataFrame) -> NDArray[np.float64]:
    """How many of the three ABC warnings fire (0-3); a pupil is flagged when at least one does."""
    attendance = (pl.col("attendance_rate").fill_null(1.0) < ABC_ATTENDANCE_BELOW).cast(pl.Float64)
    failing = ((pl.col("twos_year") > 0) | (pl.col("failing_last_quarter_subjects") > 0)).cast(pl.Float64)
    behaviour = (pl.col("notes_recent") > 0).cast(pl.Float64)
    score = features.select((attendance + failing + behaviour).alias("abc"))["abc"]
    return score.to_numpy().astype(np.float64)


def logistic_baseline(seed: int = 0) -> Pipeline:
    """Median-imputed (with missing-value indicators), standardised, L2-regularised logistic regression."""
    return make_pipeline(
        SimpleImputer(strategy="median", add_indicator=True, keep_empty_features=True),
        StandardScaler(),
        LogisticRegression(max_iter=2000, random_state=seed),
    )
