"""The risk model: gradient-boosted trees whose scores are calibrated into probabilities.

Mentors plan their week from "how likely is this pupil to fail", so the raw XGBoost score is mapped to a
probability on held-out rows: Platt's sigmoid while there are few calibration rows (isotonic regression
overfits them), isotonic regression once there are enough. Early stopping and calibration use disjoint
halves of the validation rows, so neither is judged on the rows that tuned it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal, Protocol, TypeAlias

import numpy as np
import pandas as pd
import xgboost as xgb
from numpy.typing import NDArray
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from model.tree_shap import FastTreeShap, UnsupportedModelError

ISOTONIC_MIN_ROWS = 1000
TIE_BREAK = 1e-6
# From this many rows, building FastTreeShap's tables (about a second) pays for itself.
TABULATE_FROM_ROWS = 2_000
CalibrationMethod = Literal["sigmoid", "isotonic"]
Matrix: TypeAlias = pd.DataFrame | NDArray[np.floating[Any]]


@dataclass(frozen=True)
class BoosterParams:
    """XGBoost settings; defaults suit tens of features and up to millions of pupil-snapshots."""

    n_estimators: int = 600
    max_depth: int = 5
    learning_rate: float = 0.05
    subsample: float = 0.8
    colsample_bytree: float = 0.8
    min_child_weight: float = 5.0
    reg_lambda: float = 1.0
    early_stopping_rounds: int = 40
    n_jobs: int = 2
    seed: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class BoosterFitter(Protocol):
    """Fits the classifier `CalibratedRiskModel.fit` configured, early-stopping on the stop rows, and returns
    it fitted: in this process (`fit_here`) or elsewhere, such as a Dask cluster (`training.dask_training`).
    Whatever fits it, what comes back is a plain `XGBClassifier`, so calibration, SHAP and serving never
    know where the trees grew."""

    def __call__(
        self,
        classifier: xgb.XGBClassifier,
        X: pd.DataFrame,
        y: NDArray[np.int64],
        X_stop: pd.DataFrame,
        y_stop: NDArray[np.int64],
    ) -> xgb.XGBClassifier: ...


def fit_here(
    classifier: xgb.XGBClassifier,
    X: pd.DataFrame,
    y: NDArray[np.int64],
    X_stop: pd.DataFrame,
    y_stop: NDArray[np.int64],
) -> xgb.XGBClassifier:
    """The booster fitted in this process, with the classifier's own threads."""
    return classifier.fit(X, y, eval_set=[(X_stop, y_stop)], verbose=False)


def choose_calibration(rows: int) -> CalibrationMethod:
    """Sigmoid below ~1000 calibration rows, isotonic above."""
    return "isotonic" if rows >= ISOTONIC_MIN_ROWS else "sigmoid"


class ProbabilityCalibrator:
    """Maps a raw margin to a probability, fitted on rows the booster never trained or stopped on."""

    def __init__(self, method: CalibrationMethod) -> None:
        self.method = method
        self._isotonic: IsotonicRegression | None = None
        self._sigmoid: LogisticRegression | None = None

    def fit(self, margin: NDArray[np.floating[Any]], y: NDArray[np.integer[Any]]) -> ProbabilityCalibrator:
        if self.method == "isotonic":
            self._isotonic = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
            self._isotonic.fit(margin, y)
        else:
            self._sigmoid = platt_sigmoid(margin, y)
        return self

    def transform(self, margin: NDArray[np.floating[Any]]) -> NDArray[np.float64]:
        if self._isotonic is not None:
            # Isotonic regression is a staircase: whole blocks of pupils would share one probability and
            # the order the trees found among them (what a capacity-limited flag list needs) would be lost.
            # A millionth-sized strictly increasing term keeps that order without moving any probability.
            steps = _isotonic_steps(self._isotonic, np.asarray(margin, dtype=np.float64))
            order = 1.0 + np.tanh(np.asarray(margin, dtype=np.float64))  # strictly increasing, in (0, 2)
            return steps * (1.0 - 2.0 * TIE_BREAK) + TIE_BREAK * order
        if self._sigmoid is not None:
            return np.asarray(self._sigmoid.predict_proba(margin.reshape(-1, 1))[:, 1], dtype=np.float64)
        raise RuntimeError("the calibrator has not been fitted")


def _isotonic_steps(fitted: IsotonicRegression, margin: NDArray[np.float64]) -> NDArray[np.float64]:
    """`fitted.predict(margin)` for the clipped, linear staircase it is, without scikit-learn's input
    checks: they cost more than the interpolation for the one pupil an API request scores."""
    thresholds = np.asarray(fitted.X_thresholds_, dtype=np.float64)
    if len(thresholds) == 1:
        return np.full(margin.shape, float(fitted.y_thresholds_[0]))
    clipped = np.clip(margin, fitted.X_min_, fitted.X_max_)
    return np.interp(clipped, thresholds, np.asarray(fitted.y_thresholds_, dtype=np.float64))


def platt_sigmoid(margin: NDArray[np.floating[Any]], y: NDArray[np.integer[Any]]) -> LogisticRegression:
    """Platt's sigmoid with his smoothed targets, (N+ + 1) / (N+ + 2) and 1 / (N- + 2).

    Hard 0/1 targets let a few dozen nearly separable rows push the sigmoid to a cliff; the smoothed targets
    keep it finite, and they still fit when the calibration rows hold one class only. Soft targets are fitted
    as each row twice, once per class, weighted by its target.
    """
    positives = int(np.sum(y == 1))
    negatives = len(y) - positives
    target = np.where(y == 1, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    inputs = np.concatenate([margin, margin]).reshape(-1, 1)
    labels = np.concatenate([np.ones(len(y)), np.zeros(len(y))])
    weights = np.concatenate([target, 1 - target])
    return LogisticRegression(C=1e6).fit(inputs, labels, sample_weight=weights)


class CalibratedRiskModel:
    """XGBoost with early stopping plus a probability calibrator; `predict_proba` is what users see.

    Accepts a pandas DataFrame (categorical columns allowed) or a float matrix with `feature_names`.
    Missing values stay NaN: trees route them, so "no data" never silently reads as zero.
    """

    def __init__(
        self,
        params: BoosterParams | None = None,
        calibration: CalibrationMethod | None = None,
        monotone_constraints: Mapping[str, int] | None = None,
    ):
        self.params = params or BoosterParams()
        self.calibration = calibration
        self.monotone_constraints = dict(monotone_constraints or {})
        self.feature_names: list[str] = []
        self.classifier: xgb.XGBClassifier | None = None
        self.calibrator: ProbabilityCalibrator | None = None
        self.best_iteration: int | None = None
        self._fast_shap: FastTreeShap | None = None
        self._fast_shap_refused = False

    def fit(
        self,
        X: Matrix,
        y: Sequence[int] | NDArray[np.integer[Any]],
        X_valid: Matrix,
        y_valid: Sequence[int] | NDArray[np.integer[Any]],
        feature_names: Sequence[str] | None = None,
        fit_booster: BoosterFitter = fit_here,
    ) -> CalibratedRiskModel:
        """Train on (X, y); stop early on one half of the validation rows, calibrate on the other.

        `fit_booster` decides only where the configured trees are grown; the split, the parameters and the
        calibration are the same wherever that is."""
        y_train = _as_labels(y, "training")
        y_check = _as_labels(y_valid, "validation")
        self.feature_names = _names_of(X, feature_names)
        stop_idx, cal_idx = _split_validation(y_check, self.params.seed)
        X_stop, X_cal = _rows(X_valid, stop_idx), _rows(X_valid, cal_idx)
        p = self.params
        classifier = xgb.XGBClassifier(
            n_estimators=p.n_estimators,
            max_depth=p.max_depth,
            learning_rate=p.learning_rate,
            subsample=p.subsample,
            colsample_bytree=p.colsample_bytree,
            min_child_weight=p.min_child_weight,
            reg_lambda=p.reg_lambda,
            early_stopping_rounds=p.early_stopping_rounds,
            n_jobs=p.n_jobs,
            random_state=p.seed,
            tree_method="hist",
            enable_categorical=True,
            eval_metric="logloss",
            monotone_constraints={
                name: direction
                for name, direction in self.monotone_constraints.items()
                if name in self.feature_names
            }
            or None,
        )
        self.classifier = fit_booster(
            classifier,
            _frame(X, self.feature_names),
            y_train,
            _frame(X_stop, self.feature_names),
            y_check[stop_idx],
        )
        self.best_iteration = int(self.classifier.best_iteration)
        self._fast_shap, self._fast_shap_refused = None, False
        method = self.calibration or choose_calibration(len(cal_idx))
        self.calibrator = ProbabilityCalibrator(method).fit(self.margin(X_cal), y_check[cal_idx])
        return self

    @property
    def booster(self) -> xgb.Booster:
        """The trained trees, for exact SHAP contributions (`pred_contribs`)."""
        return self._classifier().get_booster()

    def margin(self, X: Matrix) -> NDArray[np.float64]:
        """Raw log-odds of the trees up to the early-stopping iteration."""
        rows = _float_rows(X, self.feature_names)
        if rows is None:
            raw = self._classifier().predict(_frame(X, self.feature_names), output_margin=True)
        else:
            # Straight from a float32 matrix: XGBoost's pandas conversion costs ~30 ms for a single pupil.
            raw = self.booster.inplace_predict(rows, iteration_range=self._rounds(), predict_type="margin")
        return np.asarray(raw, dtype=np.float64)

    def contributions(self, X: Matrix) -> NDArray[np.float64]:
        """Exact TreeSHAP values in log-odds; the last column is the base value.

        Each row sums to `margin(X)`: the explanation accounts for the whole raw score. Batches go through
        `FastTreeShap`'s tables, built once per model; a few rows, or a model the tables cannot express,
        through XGBoost's own TreeSHAP (`pred_contribs`). Both give the same values within 1e-5.
        """
        rows = _float_rows(X, self.feature_names)
        if rows is not None and (len(rows) >= TABULATE_FROM_ROWS or self._fast_shap is not None):
            tables = self.fast_shap()
            if tables is not None:
                return tables.contributions(rows)
        if rows is None:
            matrix = xgb.DMatrix(_frame(X, self.feature_names), enable_categorical=True)
        else:
            matrix = xgb.DMatrix(rows, feature_names=self.feature_names)
        raw = self.booster.predict(matrix, pred_contribs=True, iteration_range=self._rounds())
        return np.asarray(raw, dtype=np.float64)

    def fast_shap(self) -> FastTreeShap | None:
        """The tabulated explainer for the trees in use (built on first call, a second or two), or None
        when the model holds something it cannot express, such as categorical splits."""
        if self._fast_shap is None and not self._fast_shap_refused:
            rounds = self._rounds()
            used = self.booster[rounds[0] : rounds[1]] if rounds[1] else self.booster
            try:
                self._fast_shap = FastTreeShap(used)
            except UnsupportedModelError:
                self._fast_shap_refused = True
        return self._fast_shap

    def _rounds(self) -> tuple[int, int]:
        return (0, self.best_iteration + 1) if self.best_iteration is not None else (0, 0)

    def __getstate__(self) -> dict[str, Any]:
        # The tables are derived from the trees and rebuilt on demand; they need not travel with the model.
        return self.__dict__ | {"_fast_shap": None, "_fast_shap_refused": False}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update({"_fast_shap": None, "_fast_shap_refused": False} | state)

    def predict_proba(self, X: Matrix) -> NDArray[np.float64]:
        """Two columns like scikit-learn: P(no risk), P(risk), calibrated."""
        if self.calibrator is None:
            raise RuntimeError("the model has not been fitted")
        risk = self.calibrator.transform(self.margin(X))
        return np.column_stack([1.0 - risk, risk])

    def risk(self, X: Matrix) -> NDArray[np.float64]:
        """Calibrated probability of the risk event, one per row."""
        return self.predict_proba(X)[:, 1]

    def _classifier(self) -> xgb.XGBClassifier:
        if self.classifier is None:
            raise RuntimeError("the model has not been fitted")
        return self.classifier


def _as_labels(y: Sequence[int] | NDArray[np.integer[Any]], which: str) -> NDArray[np.int64]:
    labels = np.asarray(y, dtype=np.int64)
    if labels.size == 0:
        raise ValueError(f"the {which} rows are empty")
    if set(np.unique(labels).tolist()) != {0, 1}:
        raise ValueError(f"the {which} labels must hold both classes 0 and 1")
    return labels


def _names_of(X: Matrix, feature_names: Sequence[str] | None) -> list[str]:
    if isinstance(X, pd.DataFrame):
        return [str(c) for c in X.columns]
    if feature_names is None:
        return [f"f{i}" for i in range(X.shape[1])]
    if len(feature_names) != X.shape[1]:
        raise ValueError(f"{len(feature_names)} feature names for {X.shape[1]} columns")
    return list(feature_names)


def _float_rows(X: Matrix, names: list[str]) -> NDArray[np.float32] | None:
    """The rows as XGBoost's float32 matrix, or None when a column is categorical.

    An array goes straight through: wrapping one pupil's row in a DataFrame first cost more than scoring
    it, and the counterfactual hint scores a pupil a dozen times."""
    if not isinstance(X, pd.DataFrame):
        rows = np.asarray(X, dtype=np.float32)
        if rows.ndim != 2 or rows.shape[1] != len(names):
            raise ValueError(f"{len(names)} feature columns expected, got an array of shape {rows.shape}")
        return np.ascontiguousarray(rows)
    frame = _frame(X, names)
    if all(pd.api.types.is_numeric_dtype(d) for d in frame.dtypes):
        return np.ascontiguousarray(frame.to_numpy(dtype=np.float32))
    return None


def _frame(X: Matrix, names: list[str]) -> pd.DataFrame:
    if isinstance(X, pd.DataFrame):
        missing = [n for n in names if n not in X.columns]
        if missing:
            raise ValueError(f"missing feature column(s): {', '.join(missing[:5])}")
        return X[names]
    return pd.DataFrame(np.asarray(X, dtype=np.float32), columns=names)


def _rows(X: Matrix, index: NDArray[np.int64]) -> Matrix:
    if isinstance(X, pd.DataFrame):
        return X.iloc[index]
    return np.asarray(X)[index]


def _split_validation(y: NDArray[np.int64], seed: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Stratified halves of the validation rows: one for early stopping, one for calibration."""
    index = np.arange(len(y))
    stratify = y if np.bincount(y, minlength=2).min() >= 2 else None
    stop, cal = train_test_split(index, test_size=0.5, random_state=seed, stratify=stratify)
    return np.sort(stop), np.sort(cal)
