"""One training run: split the snapshots in time, fit the model and both baselines, evaluate all three.

The report is plain JSON: every figure the gates, the model card, MLflow and `erta train --json` use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import polars as pl
from numpy.typing import NDArray

from model.baselines import abc_rule_score, logistic_baseline
from model.evaluation import classification_metrics, lead_time_weeks
from model.fairness import GroupRates, fairness_findings, fairness_table, group_error_rates
from model.features import feature_names
from model.features.names import SENSITIVE_ATTRIBUTES, monotone_constraints
from model.risk_model import BoosterFitter, BoosterParams, CalibratedRiskModel, fit_here
from training.snapshots import SnapshotPlan, TemporalSplit, temporal_split

MODEL = "xgboost"
BASELINES = ("logistic_regression", "abc_rule")


@dataclass(frozen=True)
class TrainingConfig:
    plan: SnapshotPlan = field(default_factory=SnapshotPlan)
    booster: BoosterParams = field(default_factory=BoosterParams)
    top_share: float = 0.10  # a mentor's capacity: the share of pupils staff can follow up
    min_group_positives: int = 50
    min_group_schools: int = 3  # a group seen in fewer schools is reported, not judged
    bootstrap_samples: int = 200
    seed: int = 0

    def as_params(self) -> dict[str, Any]:
        """Flat parameters for MLflow."""
        return {
            **{f"booster.{k}": v for k, v in self.booster.as_dict().items()},
            **{f"label.{k}": v for k, v in asdict(self.plan.labels).items()},
            **{f"window.{k}": v for k, v in asdict(self.plan.windows).items()},
            "snapshot.every_weeks": self.plan.every_weeks,
            "top_share": self.top_share,
            "fairness.min_group_positives": self.min_group_positives,
            "fairness.min_group_schools": self.min_group_schools,
            "seed": self.seed,
        }


@dataclass
class TrainingResult:
    model: CalibratedRiskModel
    report: dict[str, Any]
    fairness: list[GroupRates]
    test: pl.DataFrame  # test snapshots with `risk`, `logistic_regression`, `abc_rule`, `flagged`
    split: TemporalSplit


def train_risk_model(
    snapshots: pl.DataFrame,
    config: TrainingConfig,
    on_step: Callable[[str], None] = lambda _: None,
    fit_booster: BoosterFitter = fit_here,
) -> TrainingResult:
    """Fit on the training period, evaluate on the later test period, beside both baselines.

    `fit_booster` grows the trees in this process or elsewhere (`training.dask_training`); everything
    else, evaluation included, runs here the same way either way."""
    names = list(feature_names())
    split = temporal_split(snapshots, config.plan, config.seed)
    on_step("fit XGBoost with early stopping and calibration")
    model = CalibratedRiskModel(config.booster, monotone_constraints=monotone_constraints()).fit(
        _matrix(split.train, names),
        _labels(split.train),
        _matrix(split.validation, names),
        _labels(split.validation),
        feature_names=names,
        fit_booster=fit_booster,
    )
    on_step("fit logistic regression baseline")
    logistic = logistic_baseline(config.seed).fit(_matrix(split.train, names), _labels(split.train))
    on_step("evaluate on the test period")
    X_test = _matrix(split.test, names)
    test = split.test.with_columns(
        pl.Series("risk", model.risk(X_test)),
        pl.Series("logistic_regression", logistic.predict_proba(X_test)[:, 1]),
        pl.Series("abc_rule", abc_rule_score(split.test)),
    )
    test = test.with_columns(flag_top_share(pl.col("risk"), config.top_share).over("as_of").alias("flagged"))
    fairness = audit_fairness(test, config)
    findings = fairness_findings(fairness)
    report = {
        "split": split.describe(),
        "feature_count": len(names),
        "best_iteration": model.best_iteration,
        "calibration": model.calibrator.method if model.calibrator else None,
        "metrics": evaluate(test, config),
        "lead_time": {
            MODEL: _lead_time(test, pl.col("flagged")),
            "abc_rule": _lead_time(test, pl.col("abc_rule") >= 1),
        },
        "fairness": fairness_table(fairness),
        "fairness_problems": findings.violations,
        "fairness_warnings": findings.warnings,
    }
    return TrainingResult(model, report, fairness, test, split)


def evaluate(test: pl.DataFrame, config: TrainingConfig) -> dict[str, dict[str, float]]:
    y = test["label"].to_numpy()
    return {
        MODEL: classification_metrics(y, test["risk"].to_numpy(), top_share=config.top_share),
        "logistic_regression": classification_metrics(
            y, test["logistic_regression"].to_numpy(), top_share=config.top_share
        ),
        "abc_rule": classification_metrics(
            y, test["abc_rule"].to_numpy(), is_probability=False, top_share=config.top_share
        ),
    }


def audit_fairness(test: pl.DataFrame, config: TrainingConfig) -> list[GroupRates]:
    """FNR and FPR of the model's flags per sex, region, locality and language."""
    y, flagged = test["label"].to_numpy(), test["flagged"].to_numpy()
    rates: list[GroupRates] = []
    for attribute in SENSITIVE_ATTRIBUTES:
        rates += group_error_rates(
            y,
            flagged,
            test[attribute].cast(pl.String).fill_null("unknown").to_numpy(),
            attribute=attribute,
            min_positives=config.min_group_positives,
            n_boot=config.bootstrap_samples,
            seed=config.seed,
            clusters=test["school"].to_numpy() if "school" in test.columns else None,
            min_clusters=config.min_group_schools,
        )
    return rates


def flag_top_share(score: pl.Expr, share: float) -> pl.Expr:
    """True for the highest `share` of scores (at least one pupil), ties broken by position."""
    rank = score.rank(method="ordinal", descending=True)
    return rank <= (pl.len() * share).ceil().clip(lower_bound=1)


def _lead_time(test: pl.DataFrame, flagged: pl.Expr) -> dict[str, Any]:
    frame = test.select("pupil_id", "as_of", "event_date", flagged.alias("f"))
    return dict(
        lead_time_weeks(
            frame["pupil_id"].to_numpy(),
            frame["as_of"].to_numpy(),
            frame["f"].to_numpy(),
            frame["event_date"].to_numpy(),
        )
    )


def _matrix(frame: pl.DataFrame, names: list[str]) -> NDArray[np.float32]:
    return frame.select(names).to_numpy().astype(np.float32)


def _labels(frame: pl.DataFrame) -> NDArray[np.int64]:
    return frame["label"].to_numpy().astype(np.int64)
