"""Behavioural tests of a model trained on a generated district, the way Erta trains it.

Invariance: sensitive attributes never move a score. Direction: more 2s or more absence never lower the
risk. Minimum functionality: an obviously failing pupil is flagged, and the model beats both baselines.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from model.features import feature_names
from model.features.names import SENSITIVE_ATTRIBUTES
from model.risk_model import BoosterParams
from privacy.pseudonyms import Pseudonymizer
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.ingest import ingest_bundle
from service.synthetic import generate_bundle
from training.dataset import load_training_records
from training.pipeline import TrainingConfig, TrainingResult, train_risk_model
from training.snapshots import as_of_dates, build_snapshot_frame

pytestmark = pytest.mark.slow
NAMES = list(feature_names())


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> TrainingResult:
    folder = tmp_path_factory.mktemp("behaviour")
    generate_bundle(
        folder / "bundle",
        seed=21,
        pupils=400,
        schools=None,
        academic_years=(2024, 2025),
        on_school_done=lambda _: None,
    )
    engine = make_engine(f"sqlite:///{folder / 'erta.db'}")
    upgrade(engine)
    ingest_bundle(folder / "bundle", engine)
    with engine.connect() as connection:
        data = load_training_records(connection, Pseudonymizer(b"b" * 32))
    config = TrainingConfig(booster=BoosterParams(n_estimators=300), bootstrap_samples=50)
    marks = data.records.marks["date"]
    snapshots = build_snapshot_frame(data, as_of_dates(marks.min(), marks.max(), config.plan), config.plan)
    return train_risk_model(snapshots, config)


def _risk(result: TrainingResult, frame: pl.DataFrame) -> np.ndarray:
    return result.model.risk(frame.select(NAMES).to_numpy().astype(np.float32))


def test_sensitive_attributes_are_not_features_and_do_not_move_scores(trained: TrainingResult) -> None:
    assert not {name for name in NAMES if name in SENSITIVE_ATTRIBUTES}
    shuffled = trained.test.with_columns(
        pl.col(attribute).shuffle(seed=1) for attribute in SENSITIVE_ATTRIBUTES
    )
    np.testing.assert_array_equal(_risk(trained, shuffled), trained.test["risk"].to_numpy())


@pytest.mark.parametrize(
    "worse",
    [
        {"twos_year": 3, "twos_recent": 2, "Matematika|twos": 2},
        {"attendance_rate": -0.15, "recent_absence_rate": 0.2, "longest_absence_streak": 5},
        {"marks_recent_mean": -0.8, "min_subject_recent_mean": -1.0},
    ],
    ids=["more 2s", "more absence", "lower marks"],
)
def test_worse_records_never_lower_the_risk(trained: TrainingResult, worse: dict[str, float]) -> None:
    pupils = trained.test.head(300)
    changed = pupils.with_columns((pl.col(name) + delta).alias(name) for name, delta in worse.items())
    assert np.all(_risk(trained, changed) >= _risk(trained, pupils) - 1e-12)


def test_an_obviously_failing_pupil_is_flagged(trained: TrainingResult) -> None:
    failing = trained.test.head(1).with_columns(
        pl.lit(1.0).alias("attendance_rate") - 0.35,
        pl.lit(0.5).alias("recent_absence_rate"),
        pl.lit(12.0).alias("longest_absence_streak"),
        pl.lit(2.2).alias("marks_recent_mean"),
        pl.lit(1.5).alias("min_subject_recent_mean"),
        pl.lit(3.0).alias("failing_last_quarter_subjects"),
        pl.lit(2.0).alias("min_last_quarter"),
        pl.lit(15.0).alias("twos_year"),
        pl.lit(6.0).alias("twos_recent"),
        pl.lit(1.8).alias("min_subject_quarter_mean"),
        pl.lit(4.0).alias("subjects_quarter_below_3"),
        pl.lit(0.35).alias("quarter_absence_rate"),
    )
    cut = float(np.quantile(trained.test["risk"].to_numpy(), 0.9))
    assert _risk(trained, failing)[0] >= max(cut, 0.5)


def test_the_model_beats_both_baselines_on_the_later_test_period(trained: TrainingResult) -> None:
    metrics = trained.report["metrics"]
    for baseline in ("logistic_regression", "abc_rule"):
        assert metrics["xgboost"]["roc_auc"] > metrics[baseline]["roc_auc"]
        assert metrics["xgboost"]["pr_auc"] > metrics[baseline]["pr_auc"]
    assert metrics["xgboost"]["ece"] < 0.1


def test_every_flagged_pupil_is_explained_in_each_language_with_facts(trained: TrainingResult) -> None:
    from model.explanations import explain_pupil

    flagged = trained.test.filter(pl.col("flagged"))
    assert flagged.height > 0
    X = flagged.select(NAMES).to_numpy().astype(np.float32)
    contributions = trained.model.contributions(X)
    np.testing.assert_allclose(contributions.sum(axis=1), trained.model.margin(X), atol=1e-4)
    for row, values, probability in zip(contributions, X.tolist(), flagged["risk"].to_list(), strict=True):
        explanation = explain_pupil(NAMES, row, values, probability)
        worries = [driver for driver in explanation.drivers if driver.raises_risk]
        assert worries, "a flagged pupil has at least one reason that raises the risk"
        assert worries[0].facts
        for language in ("uz", "ru", "en"):
            assert worries[0].text.in_language(language).strip()
