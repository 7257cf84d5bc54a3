"""Stratified k-fold cross-validation of the calibrated risk model, shared by the offline evaluations.

The risk model needs rows of its own for early stopping and calibration, so every training fold gives up a
stratified validation part; the test fold is never seen by the booster, the stopping rule or the calibrator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from sklearn.model_selection import StratifiedKFold

from model.risk_model import BoosterParams, CalibratedRiskModel

VALIDATION_FRACTION = 0.2
# Settings for tables of a few hundred to a few thousand rows, far fewer than the model's defaults suit:
# shallow trees, leaves that need some weight, stronger L2 and slow learning with patient early stopping.
SMALL_TABLE_BOOSTER = BoosterParams(
    n_estimators=1000,
    max_depth=2,
    learning_rate=0.03,
    subsample=0.8,
    colsample_bytree=0.8,
    min_child_weight=3.0,
    reg_lambda=5.0,
    early_stopping_rounds=100,
    n_jobs=1,  # a few hundred rows: threads cost more than they save
)
# With so few rows Platt's sigmoid needs a larger share of them to place its 0.5 crossing reliably.
SMALL_TABLE_VALIDATION_FRACTION = 0.3
# The model halves its validation rows (early stopping / calibration) and each half needs both classes.
MIN_VALIDATION_ROWS_PER_CLASS = 2


@dataclass(frozen=True)
class FoldPrediction:
    """Calibrated risk for the rows of one test fold, in the order of `test_index`."""

    test_index: NDArray[np.int64]
    risk: NDArray[np.float64]


def carve_validation(
    train_index: NDArray[np.int64], y: NDArray[np.int64], fraction: float, seed: int
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Split a training fold into (fit, validation) rows, stratified, holding out two of each class at least.

    A plain stratified split can leave a rare class out of a small validation part, and the model then has
    nothing to calibrate on; the floor of two keeps one per class in each of the model's halves.
    """
    rng = np.random.default_rng(seed)
    fit_parts, valid_parts = [], []
    for label in (0, 1):
        rows = rng.permutation(train_index[y[train_index] == label])
        held = min(max(MIN_VALIDATION_ROWS_PER_CLASS, round(fraction * len(rows))), len(rows) - 1)
        valid_parts.append(rows[:held])
        fit_parts.append(rows[held:])
    return np.sort(np.concatenate(fit_parts)), np.sort(np.concatenate(valid_parts))


def predict_folds(
    X: pd.DataFrame,
    y: NDArray[np.int64],
    *,
    params: BoosterParams,
    folds: int,
    seed: int,
    validation_fraction: float = VALIDATION_FRACTION,
    on_fit: Callable[[], Any] | None = None,
) -> list[FoldPrediction]:
    """Fit one model per fold (shuffled with `seed`) and return its calibrated risk on the held-out fold."""
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    fold_params = replace(params, seed=seed)
    predictions = []
    for train_index, test_index in splitter.split(np.zeros(len(y)), y):
        fit_index, valid_index = carve_validation(train_index, y, validation_fraction, seed)
        model = CalibratedRiskModel(params=fold_params).fit(
            X.iloc[fit_index], y[fit_index], X.iloc[valid_index], y[valid_index]
        )
        predictions.append(FoldPrediction(test_index=test_index, risk=model.risk(X.iloc[test_index])))
        if on_fit is not None:
            on_fit()
    return predictions


def spread(values: list[float]) -> tuple[float, float]:
    """Mean and sample standard deviation; one value has no spread, reported as 0 rather than NaN."""
    array = np.asarray(values, dtype=np.float64)
    sd = float(array.std(ddof=1)) if len(array) > 1 else 0.0
    return float(array.mean()), sd
