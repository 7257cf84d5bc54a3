"""MLflow tracking: where runs go, and what one training run logs.

Embedded default: a SQLite tracking store and an artifact folder under Erta's home, so a laptop needs no
server; `MLFLOW_TRACKING_URI` points at a real tracking server instead. Every text artifact passes the
personal-data guard before it is written; the model's input example holds features only, no ids.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import mlflow
import pandas as pd
import polars as pl
from mlflow.data.code_dataset_source import CodeDatasetSource
from mlflow.data.meta_dataset import MetaDataset
from mlflow.models import infer_signature
from mlflow.pyfunc.model import PythonModel

from model.risk_model import CalibratedRiskModel
from training.artifact_guard import check_artifact

if TYPE_CHECKING:
    from matplotlib.figure import Figure

EXPERIMENT = "erta-risk"
REGISTERED_MODEL = "erta-risk"
MODEL_REQUIREMENTS = ("xgboost-cpu", "scikit-learn", "pandas", "numpy")


def configure_tracking(home: Path) -> str:
    """Point MLflow at `MLFLOW_TRACKING_URI`, or at a SQLite store under `home`; return the URI.

    MLflow's own info and warning logs (table creation, pickling advice) are silenced: the commands say
    what happened in their own words, and errors still surface.
    """
    logging.getLogger("mlflow").setLevel(logging.ERROR)
    logging.getLogger("alembic").setLevel(logging.ERROR)
    chosen = {name: os.environ.get(name) for name in ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI")}
    uri = chosen["MLFLOW_TRACKING_URI"] or f"sqlite:///{(home / 'mlflow.db').resolve()}"
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    # MLflow exports what it was given as environment variables; put back the operator's own choice so a
    # later call (another home in the same process) is not mistaken for it.
    for name, value in chosen.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    return uri


def experiment_id(home: Path) -> str:
    """The `erta-risk` experiment, created on first use with its artifacts under `home` for a local store."""
    found = mlflow.get_experiment_by_name(EXPERIMENT)
    if found is not None:
        return str(found.experiment_id)
    local = mlflow.get_tracking_uri().startswith("sqlite:")
    location = (home / "mlartifacts").resolve().as_uri() if local else None
    return str(mlflow.create_experiment(EXPERIMENT, artifact_location=location))


class RiskPyfunc(PythonModel):
    """The calibrated model as an MLflow pyfunc: a frame of features in, the risk probability out."""

    def __init__(self, risk_model: CalibratedRiskModel) -> None:
        self.risk_model = risk_model

    def predict(self, context: Any, model_input: pd.DataFrame, params: dict[str, Any] | None = None) -> Any:
        return pd.DataFrame({"risk": self.risk_model.risk(model_input)})


@dataclass(frozen=True)
class LoggedRun:
    run_id: str
    version: str


def dataset_digest(snapshots: pl.DataFrame) -> str:
    """SHA-256 over the pseudonymised snapshot frame (Arrow IPC bytes): same data, same digest."""
    buffer = io.BytesIO()
    snapshots.sort("as_of", "pupil_id").write_ipc(buffer, compression="uncompressed")
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def log_training_run(
    *,
    home: Path,
    params: dict[str, Any],
    report: dict[str, Any],
    risk_model: CalibratedRiskModel,
    example: pd.DataFrame,
    figures: dict[str, Figure],
    texts: dict[str, str],
    digest: str,
    known_identifiers: Iterable[str] = (),
) -> LoggedRun:
    """Log one run (params, metrics, dataset, plots, card, report, model) and register a new version."""
    identifiers = frozenset(known_identifiers)
    for name, text in {**texts, "parameters": as_json(params)}.items():
        check_artifact(name, text, identifiers)
    check_artifact("input example", example.to_csv(index=False), identifiers)
    with mlflow.start_run(experiment_id=experiment_id(home), run_name="erta train") as run:
        mlflow.log_params(params)
        mlflow.log_metrics(flatten_metrics(report))
        mlflow.set_tags(
            {
                "dataset.digest": digest,
                "dataset.rows": str(sum(report["split"][p]["rows"] for p in ("train", "validation", "test"))),
            }
        )
        dataset = MetaDataset(CodeDatasetSource({"erta": "snapshots"}), "erta-snapshots", digest[:16])  # type: ignore[abstract]
        mlflow.log_input(dataset, context="training")
        with tempfile.TemporaryDirectory() as folder:
            for name, figure in figures.items():
                path = Path(folder) / f"{name}.png"
                figure.savefig(path, dpi=110)
                mlflow.log_artifact(str(path), "plots")
            for name, text in texts.items():
                path = Path(folder) / name
                path.write_text(text, encoding="utf-8")
                mlflow.log_artifact(str(path))
        output = RiskPyfunc(risk_model).predict(None, example)
        # MLflow prints registration chatter straight to stderr; the command reports the version itself.
        with contextlib.redirect_stderr(io.StringIO()):
            info = mlflow.pyfunc.log_model(
                name="model",
                python_model=RiskPyfunc(risk_model),
                signature=infer_signature(example, output),
                input_example=example,
                pip_requirements=list(MODEL_REQUIREMENTS),
                registered_model_name=REGISTERED_MODEL,
            )
        version = info.registered_model_version
    return LoggedRun(run.info.run_id, str(version))


def flatten_metrics(report: dict[str, Any]) -> dict[str, float]:
    """`xgboost.roc_auc`, `abc_rule.pr_auc`, `xgboost.lead_time.median_weeks`, … as MLflow metrics."""
    flat: dict[str, float] = {}
    for model, values in report["metrics"].items():
        flat |= {f"{model}.{k}": float(v) for k, v in values.items()}
    for model, values in report["lead_time"].items():
        flat |= {f"{model}.lead_time.{k}": float(v) for k, v in values.items() if v is not None}
    # How far the worst assessed ratio strays from parity, either way: 1.25 and 0.8 both count as 1.25.
    ratios = [r[k] for r in report["fairness"] if r["assessed"] for k in ("fnr_ratio", "fpr_ratio")]
    positive = [float(r) for r in ratios if isinstance(r, int | float) and 0 < r < float("inf")]
    if positive:
        flat["fairness.worst_ratio"] = max(max(r, 1.0 / r) for r in positive)
    return flat


def as_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)
