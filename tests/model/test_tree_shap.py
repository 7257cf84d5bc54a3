"""FastTreeShap: the same exact SHAP values as shap.TreeExplainer and XGBoost's pred_contribs, for every tree
shape it accepts, and a clear refusal of the shapes it does not."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
import shap
import xgboost as xgb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from model.risk_model import TABULATE_FROM_ROWS, BoosterParams, CalibratedRiskModel
from model.tree_shap import PARALLEL_FROM_ROWS, FastTreeShap, UnsupportedModelError


def data(rows: int, features: int, seed: int, missing: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, features)).astype(np.float32)
    # Marks on the 5-point scale repeat exactly, so thresholds fall between, and sometimes on, common values.
    X[:, 0] = rng.integers(2, 6, rows)
    signal = X[:, 0] - 3.5 + np.nan_to_num(X[:, 1 % features]) * np.nan_to_num(X[:, 2 % features])
    X[rng.uniform(size=X.shape) < missing] = np.nan
    y = (signal + rng.normal(size=rows) > 0).astype(int)
    return X, y


def booster(depth: int, trees: int, features: int = 6, seed: int = 0, **extra: object) -> xgb.Booster:
    X, y = data(3000, features, seed)
    params = {"max_depth": depth, "eta": 0.3, "objective": "binary:logistic", "seed": seed, "nthread": 1}
    return xgb.train(params | extra, xgb.DMatrix(X, label=y), num_boost_round=trees)


def assert_exact(model: xgb.Booster, X: np.ndarray) -> None:
    ours = FastTreeShap(model).contributions(X)
    np.testing.assert_allclose(ours[:, :-1], shap.TreeExplainer(model).shap_values(X), atol=1e-5)
    xgboost = model.predict(xgb.DMatrix(X), pred_contribs=True)
    np.testing.assert_allclose(ours[:, :-1], xgboost[:, :-1], atol=1e-5)
    # XGBoost sums its base value in float32: a margin of 6 carries its seventh digit, not more.
    np.testing.assert_allclose(ours[:, -1], xgboost[:, -1], rtol=1e-5, atol=1e-5)
    margin = model.predict(xgb.DMatrix(X), output_margin=True)
    np.testing.assert_allclose(ours.sum(axis=1), margin, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5])
def test_values_equal_shap_and_xgboost_at_every_depth(depth: int) -> None:
    assert_exact(booster(depth, trees=30), data(500, 6, seed=9)[0])


def test_features_split_again_on_the_same_path_are_one_player() -> None:
    # Two features and depth 5: every path splits on the same feature several times.
    assert_exact(booster(5, trees=20, features=2), data(400, 2, seed=4)[0])


def test_missing_values_follow_each_splits_default_direction() -> None:
    model = booster(4, trees=25)
    X = data(300, 6, seed=5, missing=0.6)[0]
    X[0] = np.nan
    assert_exact(model, X)


def test_column_sampling_and_regularised_trees_with_single_leaves() -> None:
    # A huge min_child_weight leaves some trees a single leaf: they only move the base value.
    model = booster(3, trees=15, colsample_bytree=0.5, subsample=0.7, min_child_weight=400)
    assert_exact(model, data(300, 6, seed=6)[0])


def test_a_regression_objective_has_its_own_base_margin() -> None:
    X, y = data(2000, 5, seed=7)
    target = np.nan_to_num(X[:, 1]) * 2 + y
    model = xgb.train({"max_depth": 4, "objective": "reg:squarederror"}, xgb.DMatrix(X, label=target), 20)
    assert_exact(model, data(200, 5, seed=8)[0])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    depth=st.integers(1, 5),
    trees=st.integers(1, 12),
    features=st.integers(1, 8),  # one feature: every split of every path is the same player
    seed=st.integers(0, 10_000),
)
def test_any_small_booster_is_explained_exactly(depth: int, trees: int, features: int, seed: int) -> None:
    model = booster(depth, trees, features, seed)
    assert_exact(model, data(100, features, seed + 1, missing=0.2)[0])


def test_base_value_is_the_column_xgboost_reports() -> None:
    model = booster(4, trees=10)
    bias = model.predict(xgb.DMatrix(data(5, 6, seed=1)[0]), pred_contribs=True)[:, -1]
    assert FastTreeShap(model).base_value == pytest.approx(float(bias[0]), abs=1e-5)


def test_rows_of_the_wrong_width_are_refused_with_both_widths() -> None:
    with pytest.raises(ValueError, match=r"6 features, got shape \(3, 4\)"):
        FastTreeShap(booster(2, trees=3)).contributions(np.zeros((3, 4)))


def test_trees_deeper_than_five_are_refused() -> None:
    with pytest.raises(UnsupportedModelError, match="deeper than 5"):
        FastTreeShap(booster(7, trees=3, features=8))


def test_categorical_splits_are_refused() -> None:
    rng = np.random.default_rng(0)
    school = pd.Categorical(rng.choice(list("abcdef"), 2000))
    frame = pd.DataFrame({"school": school, "x": rng.normal(size=2000)})
    y = ((frame["school"].isin(["a", "b"])) ^ (frame["x"] > 0)).astype(int)
    matrix = xgb.DMatrix(frame, label=y, enable_categorical=True)
    model = xgb.train({"max_depth": 3, "tree_method": "hist"}, matrix, 5)
    with pytest.raises(UnsupportedModelError, match="categorical"):
        FastTreeShap(model)


def test_a_table_budget_too_small_is_refused_not_exceeded() -> None:
    with pytest.raises(UnsupportedModelError, match="too big"):
        FastTreeShap(booster(5, trees=10), max_table_entries=100)


@pytest.fixture(scope="module")
def risk_model() -> CalibratedRiskModel:
    X, y = data(6000, 6, seed=11)
    X_valid, y_valid = data(2000, 6, seed=12)
    params = BoosterParams(n_estimators=80, max_depth=5, early_stopping_rounds=10)
    return CalibratedRiskModel(params).fit(X, y, X_valid, y_valid)


def test_the_risk_model_explains_a_batch_through_the_tables_with_the_same_values(
    risk_model: CalibratedRiskModel,
) -> None:
    batch = data(TABULATE_FROM_ROWS, 6, seed=13)[0]
    one_by_xgboost = risk_model.contributions(batch[:10])  # below the threshold: pred_contribs
    assert risk_model._fast_shap is None
    batch_values = risk_model.contributions(batch)
    assert risk_model._fast_shap is not None
    np.testing.assert_allclose(batch_values[:10], one_by_xgboost, atol=1e-5)
    np.testing.assert_allclose(batch_values.sum(axis=1), risk_model.margin(batch), atol=1e-5)


def test_the_tables_do_not_travel_with_a_pickled_model(risk_model: CalibratedRiskModel) -> None:
    assert risk_model.fast_shap() is not None
    restored = pickle.loads(pickle.dumps(risk_model))
    assert restored._fast_shap is None
    X = data(50, 6, seed=14)[0]
    np.testing.assert_allclose(restored.contributions(X), risk_model.contributions(X), atol=1e-6)


def test_one_pupil_and_a_large_batch_get_the_same_values() -> None:
    model = booster(5, trees=20)
    X = data(PARALLEL_FROM_ROWS * 2, 6, seed=15)[0]
    explainer = FastTreeShap(model)
    together = explainer.contributions(X)  # the threaded kernel
    one_by_one = np.vstack([explainer.contributions(row[None, :]) for row in X[:20]])  # the serial one
    np.testing.assert_allclose(one_by_one, together[:20], atol=1e-12)
