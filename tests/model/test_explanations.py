"""Explanations: exact SHAP values that add up, drivers in three languages, an honest insufficient-data state,
and a counterfactual hint the model itself confirms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import shap

from model.counterfactual import counterfactual_hint
from model.explanations import explain_pupil
from model.risk_model import TABULATE_FROM_ROWS, BoosterParams, CalibratedRiskModel

NAMES = [
    "grade_level", "marks_recent_mean", "insufficient_marks", "Matematika|recent_mean",
    "Matematika|quarter_mean", "Matematika|last_quarter", "Fizika|recent_mean", "attendance_rate",
    "recent_absence_rate", "quarter_absence_rate", "unexcused_rate", "lms_logins_per_week", "lms_missed_rate",
    "notes_recent",
]  # fmt: skip
MONOTONE = {
    "Matematika|recent_mean": -1,
    "Fizika|recent_mean": -1,
    "recent_absence_rate": 1,
    "attendance_rate": -1,
}
LANGUAGES = ("uz", "ru", "en")


def pupils(rows: int, seed: int) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    maths = rng.uniform(2, 5, rows)
    absence = rng.uniform(0, 0.3, rows)
    frame = pd.DataFrame(
        {
            "grade_level": rng.integers(5, 11, rows).astype(float),
            "marks_recent_mean": rng.uniform(2.5, 5, rows),
            "insufficient_marks": (rng.uniform(size=rows) < 0.05).astype(float),
            "Matematika|recent_mean": maths,
            "Matematika|quarter_mean": maths + rng.normal(0, 0.2, rows),
            "Matematika|last_quarter": np.round(maths + rng.normal(0.3, 0.3, rows)),
            "Fizika|recent_mean": rng.uniform(2, 5, rows),
            "attendance_rate": 1 - absence * 0.8,
            "recent_absence_rate": absence,
            "quarter_absence_rate": absence * 0.9,
            "unexcused_rate": absence * 0.3,
            "lms_logins_per_week": rng.uniform(0, 6, rows),
            "lms_missed_rate": rng.uniform(0, 0.5, rows),
            "notes_recent": rng.poisson(0.5, rows).astype(float),
        }
    )
    logit = -2.2 * (maths - 3.2) + 9 * absence - 1.5
    y = (rng.uniform(size=rows) < 1 / (1 + np.exp(-logit))).astype(int)
    return frame[NAMES], y


@pytest.fixture(scope="module")
def model() -> CalibratedRiskModel:
    X, y = pupils(8000, seed=1)
    X_valid, y_valid = pupils(3000, seed=2)
    params = BoosterParams(n_estimators=200, max_depth=4, early_stopping_rounds=20)
    return CalibratedRiskModel(params, monotone_constraints=MONOTONE).fit(X, y, X_valid, y_valid)


@pytest.fixture(scope="module")
def sample() -> pd.DataFrame:
    return pupils(400, seed=3)[0]


def test_contributions_equal_shaps_tree_explainer(model: CalibratedRiskModel, sample: pd.DataFrame) -> None:
    ours = model.contributions(sample)
    used = model.booster[: (model.best_iteration or 0) + 1]
    theirs = shap.TreeExplainer(used).shap_values(sample)
    np.testing.assert_allclose(ours[:, :-1], theirs, atol=1e-5)


def test_a_batch_explained_through_the_tables_equals_shaps_tree_explainer(model: CalibratedRiskModel) -> None:
    batch = pupils(TABULATE_FROM_ROWS, seed=4)[0]
    ours = model.contributions(batch)
    used = model.booster[: (model.best_iteration or 0) + 1]
    np.testing.assert_allclose(ours[:, :-1], shap.TreeExplainer(used).shap_values(batch), atol=1e-5)
    np.testing.assert_allclose(ours.sum(axis=1), model.margin(batch), atol=1e-5)


def test_base_value_plus_contributions_is_the_margin(
    model: CalibratedRiskModel, sample: pd.DataFrame
) -> None:
    contributions = model.contributions(sample)
    for row, margin in zip(contributions, model.margin(sample), strict=True):
        explanation = explain_pupil(NAMES, row, [0.0] * len(NAMES), 0.5)
        assert explanation.margin == pytest.approx(margin, abs=1e-4)


def _explain(model: CalibratedRiskModel, frame: pd.DataFrame) -> list:
    contributions = model.contributions(frame)
    risk = model.risk(frame)
    return [
        explain_pupil(NAMES, contributions[i], frame.iloc[i].tolist(), float(risk[i]))
        for i in range(len(frame))
    ]


def test_a_flagged_pupil_reads_its_worries_first_then_what_goes_well(model: CalibratedRiskModel) -> None:
    frame = pupils(1, seed=4)[0].assign(
        **{"Matematika|recent_mean": 2.3, "Matematika|quarter_mean": 2.4, "Matematika|last_quarter": 4.0},
        recent_absence_rate=0.0, quarter_absence_rate=0.0, unexcused_rate=0.0, attendance_rate=1.0,
        insufficient_marks=0.0,
    )  # fmt: skip
    (explanation,) = _explain(model, frame)
    assert explanation.probability > 0.5
    first = explanation.drivers[0]
    assert first.group == "Matematika"
    assert first.raises_risk
    assert first.facts["Matematika|recent_mean"] == pytest.approx(2.3)
    assert first.text.en == "Matematika marks fell from 4.0 last quarter to 2.3 over the last 6 weeks."
    assert "2,3" in first.text.uz
    assert "2,3" in first.text.ru
    lowering = [d for d in explanation.drivers if not d.raises_risk]
    assert [d.group for d in lowering][:1] == ["attendance"]
    assert lowering[0].text.en == "Attendance is strong: 100% of school days."
    contributions = [d.contribution for d in explanation.drivers]
    assert all(c > 0 for c in contributions[: len(contributions) - len(lowering)])


def test_every_sentence_exists_in_every_language_without_model_words(
    model: CalibratedRiskModel, sample: pd.DataFrame
) -> None:
    explanations = _explain(model, sample)
    assert sum(bool(e.drivers) for e in explanations) > len(explanations) / 2
    for explanation in explanations:
        for language in LANGUAGES:
            for sentence in explanation.sentences(language):
                assert sentence.strip()
                assert "|" not in sentence
                assert "_" not in sentence


def test_too_few_marks_is_said_plainly_not_hidden_in_a_low_score(model: CalibratedRiskModel) -> None:
    frame = pupils(1, seed=5)[0].assign(insufficient_marks=1.0)
    (explanation,) = _explain(model, frame)
    assert explanation.insufficient_data
    assert explanation.sentences("en")[0].startswith("Too few marks so far to judge")
    assert explanation.sentences("uz")[0].startswith("Hozircha baholash uchun baholar kam")
    (enough,) = _explain(model, frame.assign(insufficient_marks=0.0))
    assert not enough.insufficient_data
    assert enough.note is None


def test_contributions_and_names_must_line_up() -> None:
    with pytest.raises(ValueError, match="base value last"):
        explain_pupil(NAMES, [0.0] * len(NAMES), [0.0] * len(NAMES), 0.5)


def _risk_of(model: CalibratedRiskModel):  # type: ignore[no-untyped-def]
    return lambda matrix: model.risk(pd.DataFrame(matrix, columns=NAMES))


def test_the_hint_is_the_smallest_change_the_model_confirms(model: CalibratedRiskModel) -> None:
    frame = pupils(1, seed=6)[0].assign(
        **{"Matematika|recent_mean": 2.2, "Matematika|quarter_mean": 2.2},
        recent_absence_rate=0.02, quarter_absence_rate=0.02, unexcused_rate=0.0,
    )  # fmt: skip
    values = frame.iloc[0].tolist()
    threshold = 0.4
    assert model.risk(frame)[0] >= threshold
    hint = counterfactual_hint(_risk_of(model), NAMES, values, "Matematika", threshold)
    assert hint is not None
    assert hint.probability_before >= threshold > hint.probability_after
    level = hint.changes["Matematika|recent_mean"]
    assert 2.2 < level <= 5.0
    assert (level - 2.2) % 0.25 == pytest.approx(0, abs=1e-9) or (level - 2.2) % 0.25 == pytest.approx(0.25)
    confirmed = model.risk(frame.assign(**hint.changes))[0]
    assert confirmed == pytest.approx(hint.probability_after)
    smaller = frame.assign(**{name: value - 0.25 for name, value in hint.changes.items()})
    assert level - 0.25 <= 2.2 or model.risk(smaller)[0] >= threshold
    for language in LANGUAGES:
        assert "Matematika" in hint.text.in_language(language)


def test_no_hint_below_the_threshold_or_without_a_realistic_change(model: CalibratedRiskModel) -> None:
    good = pupils(1, seed=7)[0].assign(**{"Matematika|recent_mean": 4.9, "Matematika|quarter_mean": 4.9})
    good = good.assign(recent_absence_rate=0.0, quarter_absence_rate=0.0)
    assert counterfactual_hint(_risk_of(model), NAMES, good.iloc[0].tolist(), "Matematika", 0.9) is None
    assert counterfactual_hint(_risk_of(model), NAMES, good.iloc[0].tolist(), "Kimyo", 0.0) is None
    none_absent = good.assign(recent_absence_rate=0.0)
    assert (
        counterfactual_hint(_risk_of(model), NAMES, none_absent.iloc[0].tolist(), "attendance", 0.0) is None
    )


def test_a_driver_without_any_known_fact_is_not_shown(model: CalibratedRiskModel) -> None:
    frame = pupils(1, seed=8)[0].assign(**{"Fizika|recent_mean": np.nan})
    (explanation,) = _explain(model, frame)
    assert "Fizika" not in [driver.group for driver in explanation.drivers]
    assert all(driver.facts for driver in explanation.drivers)


def test_drivers_that_barely_move_the_score_are_not_reasons(
    model: CalibratedRiskModel, sample: pd.DataFrame
) -> None:
    contributions = model.contributions(sample)
    for row, values in zip(contributions, sample.itertuples(index=False), strict=True):
        explanation = explain_pupil(NAMES, row, list(values), 0.5, min_contribution=0.05)
        assert all(abs(driver.contribution) >= 0.05 for driver in explanation.drivers)
        everything = explain_pupil(NAMES, row, list(values), 0.5, min_contribution=0.0)
        assert len(everything.drivers) >= len(explanation.drivers)
