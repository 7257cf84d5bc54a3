"""The calibrated risk model: probabilities that mean what they say, exact contributions, clear refusals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.isotonic import IsotonicRegression

from model.evaluation import expected_calibration_error
from model.risk_model import (
    BoosterParams,
    CalibratedRiskModel,
    ProbabilityCalibrator,
    _isotonic_steps,
    choose_calibration,
)

FAST = BoosterParams(n_estimators=150, max_depth=3)


def known_risk(rows: int, seed: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Features whose true risk is a known logistic curve, so calibration can be checked against truth."""
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"absence": rng.uniform(0, 0.4, rows), "mean_mark": rng.uniform(2, 5, rows)})
    truth = 1 / (1 + np.exp(-(8 * X["absence"] - 2.0 * (X["mean_mark"] - 3.5) - 1.5)))
    y = (rng.uniform(size=rows) < truth).astype(int)
    return X, y, truth.to_numpy()


@pytest.mark.parametrize(("rows", "method"), [(999, "sigmoid"), (1000, "isotonic"), (50_000, "isotonic")])
def test_sigmoid_below_a_thousand_calibration_rows_isotonic_above(rows: int, method: str) -> None:
    assert choose_calibration(rows) == method


@pytest.mark.parametrize("validation_rows", [800, 8000])
def test_calibrated_probabilities_match_a_known_risk(validation_rows: int) -> None:
    X, y, _ = known_risk(20_000, seed=1)
    X_valid, y_valid, _ = known_risk(validation_rows, seed=2)
    X_test, y_test, truth = known_risk(20_000, seed=3)
    model = CalibratedRiskModel(FAST).fit(X, y, X_valid, y_valid)
    risk = model.risk(X_test)
    expected = "sigmoid" if validation_rows // 2 < 1000 else "isotonic"
    assert model.calibrator is not None
    assert model.calibrator.method == expected
    assert np.abs(risk - truth).mean() < 0.03
    assert expected_calibration_error(y_test, risk) < 0.03
    assert abs(risk.mean() - y_test.mean()) < 0.02


def test_contributions_add_up_to_the_margin_and_follow_monotone_constraints() -> None:
    X, y, _ = known_risk(6000, seed=4)
    model = CalibratedRiskModel(FAST, monotone_constraints={"absence": 1, "mean_mark": -1, "unused": 1})
    model.fit(X[:4000], y[:4000], X[4000:], y[4000:])
    contributions = model.contributions(X[:500])
    assert contributions.shape == (500, 3)
    np.testing.assert_allclose(contributions.sum(axis=1), model.margin(X[:500]), atol=1e-4)
    grid = pd.DataFrame({"absence": np.linspace(0, 0.4, 60), "mean_mark": 3.5})
    assert np.all(np.diff(model.risk(grid)) >= 0)
    grid = pd.DataFrame({"absence": 0.1, "mean_mark": np.linspace(2, 5, 60)})
    assert np.all(np.diff(model.risk(grid)) <= 0)


def test_missing_values_are_routed_not_zeroed() -> None:
    X, y, _ = known_risk(6000, seed=5)
    X.loc[X.sample(frac=0.3, random_state=0).index, "mean_mark"] = np.nan
    model = CalibratedRiskModel(FAST).fit(X[:4000], y[:4000], X[4000:], y[4000:])
    unknown = model.risk(pd.DataFrame({"absence": [0.1], "mean_mark": [np.nan]}))[0]
    zero = model.risk(pd.DataFrame({"absence": [0.1], "mean_mark": [0.0]}))[0]
    assert 0 < unknown < 1
    assert unknown != zero


@pytest.mark.parametrize(
    ("labels", "message"), [([], "training rows are empty"), ([0, 0, 0], "both classes")]
)
def test_unusable_labels_are_refused(labels: list[int], message: str) -> None:
    X = np.zeros((len(labels), 2))
    with pytest.raises(ValueError, match=message):
        CalibratedRiskModel(FAST).fit(X, labels, np.zeros((4, 2)), [0, 1, 0, 1])


def test_a_model_used_before_fitting_says_so_and_feature_names_must_match() -> None:
    with pytest.raises(RuntimeError, match="not been fitted"):
        CalibratedRiskModel().risk(np.zeros((1, 2)))
    X, y, _ = known_risk(3000, seed=6)
    model = CalibratedRiskModel(FAST).fit(X[:2000], y[:2000], X[2000:], y[2000:])
    with pytest.raises(ValueError, match="missing feature column"):
        model.risk(X[["absence"]])


def test_platt_calibration_stays_finite_on_separable_rows_and_one_class() -> None:

    separable = ProbabilityCalibrator("sigmoid").fit(
        np.array([-3.0, -2.0, -1.0, 1.0, 2.0, 3.0]), np.array([0, 0, 0, 1, 1, 1])
    )
    extremes = separable.transform(np.array([-10.0, 10.0]))
    assert 0.0 < extremes[0] < 0.3
    assert 0.7 < extremes[1] < 1.0
    one_class = ProbabilityCalibrator("sigmoid").fit(np.array([0.1, 0.5, 0.9]), np.array([0, 0, 0]))
    assert np.all(one_class.transform(np.array([0.0, 1.0])) < 0.5)


def test_isotonic_calibration_keeps_the_trees_ranking() -> None:
    rng = np.random.default_rng(7)
    margin = rng.normal(size=5000)
    y = (rng.uniform(size=5000) < 1 / (1 + np.exp(-margin))).astype(int)
    calibrator = ProbabilityCalibrator("isotonic").fit(margin, y)
    grid = np.linspace(-3, 3, 1000)
    probabilities = calibrator.transform(grid)
    assert np.all(np.diff(probabilities) > 0)
    assert np.abs(probabilities - 1 / (1 + np.exp(-grid))).max() < 0.1


@settings(max_examples=60, deadline=None)
@given(
    margins=st.lists(st.floats(-6, 6), min_size=1, max_size=60),
    seed=st.integers(0, 10_000),
    asked=st.lists(st.floats(-20, 20), min_size=1, max_size=30),
)
def test_isotonic_staircase_equals_scikit_learn(margins: list[float], seed: int, asked: list[float]) -> None:
    """The calibrator's own interpolation must give exactly what IsotonicRegression.predict would."""
    x = np.array(margins)
    y = (np.random.default_rng(seed).random(len(x)) < 0.5).astype(int)
    fitted = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(x, y)
    t = np.array(asked)
    np.testing.assert_array_equal(_isotonic_steps(fitted, t), fitted.predict(t))


def test_an_array_scores_as_its_frame_does_and_a_wrong_width_is_refused() -> None:
    X, y, _ = known_risk(3000, seed=6)
    model = CalibratedRiskModel(FAST).fit(X[:2000], y[:2000], X[2000:], y[2000:])
    rows = X[:50].to_numpy()
    np.testing.assert_array_equal(model.risk(rows), model.risk(X[:50]))
    np.testing.assert_array_equal(model.contributions(rows), model.contributions(X[:50]))
    with pytest.raises(ValueError, match="2 feature columns expected"):
        model.risk(np.zeros((1, 4)))
