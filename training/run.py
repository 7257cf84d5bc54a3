"""`erta train` end to end: records → snapshots → model and baselines → MLflow run → gates → aliases.

The command line shows progress through the callbacks; everything else happens here so that the API's
retraining job (and tests) run exactly the same steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from mlflow import MlflowClient
from sqlalchemy import Connection

from model.drivers import global_drivers
from model.features import feature_names
from model.risk_model import BoosterFitter, fit_here
from privacy.pseudonyms import Pseudonymizer
from training import plots
from training.dataset import load_training_records
from training.gates import GateDecision, decide
from training.model_card import render_model_card
from training.pipeline import MODEL, TrainingConfig, TrainingResult, train_risk_model
from training.registry import champion_metrics, record_gates_and_promote
from training.snapshots import as_of_dates, build_snapshot_frame
from training.tracking import as_json, configure_tracking, dataset_digest, log_training_run

if TYPE_CHECKING:
    from distributed import Client

SHAP_SAMPLE_ROWS = 2000
CURVES = {
    "risk": "XGBoost (calibrated)",
    "logistic_regression": "Logistic regression",
    "abc_rule": "ABC rule",
}


@dataclass(frozen=True)
class TrainingOutcome:
    report: dict[str, Any]
    run_id: str
    version: str
    decision: GateDecision
    promoted: bool
    champion_before: str | None
    tracking_uri: str


@dataclass(frozen=True)
class Progress:
    stage: Callable[[str], None] = lambda _: None
    snapshots: Callable[[int, int], None] = lambda done, total: None


def run_training(
    connection: Connection,
    pseudonymizer: Pseudonymizer,
    home: Path,
    config: TrainingConfig | None = None,
    actor: str = "cli",
    progress: Progress | None = None,
    cluster: Client | None = None,
) -> TrainingOutcome:
    """Train, log, register and gate; with `cluster`, the booster's trees are grown on that Dask cluster."""
    cfg = config or TrainingConfig()
    show = progress or Progress()
    show.stage("read pupil records (pseudonymised)")
    data = load_training_records(connection, pseudonymizer)
    marks = data.records.marks["date"]
    if marks.is_empty():
        raise ValueError("the database holds no marks; load a bundle with `erta ingest` first")
    dates = as_of_dates(_day(marks.min()), _day(marks.max()), cfg.plan)
    show.snapshots(0, len(dates))
    snapshots = build_snapshot_frame(
        data, dates, cfg.plan, on_date_done=lambda done: show.snapshots(done, len(dates))
    )
    result = train_risk_model(snapshots, cfg, show.stage, _booster_fitter(cluster, home))
    show.stage("check the promotion gates")
    tracking_uri = configure_tracking(home)
    client = MlflowClient()
    champion = champion_metrics(client)
    decision = decide(
        result.report["metrics"][MODEL], champion[1] if champion else None, result.report["fairness_problems"]
    )
    report = result.report | {"gates": decision.as_dict(), "pupils": data.pupils}
    show.stage("log the run to MLflow")
    params = cfg.as_params()
    if cluster is not None:
        # Two workers grow other trees than one (each samples its own rows): the count is part of the recipe.
        params["booster.dask_workers"] = len(cluster.nthreads())
    logged = log_training_run(
        home=home,
        params=params,
        report=report,
        risk_model=result.model,
        example=_example(snapshots),
        figures=_figures(result),
        texts={
            "report.json": as_json(report),
            "features.json": as_json(list(feature_names())),
            "model_card.md": render_model_card(report, params, decision.as_dict()),
        },
        digest=dataset_digest(snapshots),
    )
    promoted = record_gates_and_promote(client, logged.version, decision, actor)
    return TrainingOutcome(
        report=report | {"run_id": logged.run_id, "version": logged.version, "promoted": promoted},
        run_id=logged.run_id,
        version=logged.version,
        decision=decision,
        promoted=promoted,
        champion_before=champion[0] if champion else None,
        tracking_uri=tracking_uri,
    )


def _booster_fitter(cluster: Client | None, home: Path) -> BoosterFitter:
    if cluster is None:
        return fit_here
    from training.dask_training import DaskBoosterFitter  # dask is loaded only when a cluster is used

    return DaskBoosterFitter(cluster, home)


def _figures(result: TrainingResult) -> dict[str, Any]:
    test = result.test
    y = test["label"].to_numpy()
    names = list(feature_names())
    sample = test.sample(min(SHAP_SAMPLE_ROWS, test.height), seed=0)
    X_sample = sample.select(names).to_numpy().astype(np.float32)
    contributions = result.model.contributions(X_sample)[:, :-1]
    return {
        "roc": plots.roc_figure({label: (y, test[column].to_numpy()) for column, label in CURVES.items()}),
        "calibration": plots.calibration_figure(y, test["risk"].to_numpy()),
        "fairness": plots.fairness_figure(result.fairness),
        "shap_summary": plots.shap_summary_figure(contributions, X_sample, names),
        "global_drivers": plots.global_drivers_figure(global_drivers(names, contributions.tolist())),
    }


def _example(snapshots: pl.DataFrame) -> Any:
    """Five rows of features only: no pupil id, no date, nothing that points at a person."""
    return snapshots.select(feature_names()).head(5).to_pandas()


def _day(value: object) -> date:
    if not isinstance(value, date):
        raise ValueError("mark dates could not be read as dates")
    return value
