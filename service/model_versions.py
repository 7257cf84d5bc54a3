"""The risk model's registry as the API shows it: versions with their metrics, gates and model card, the
champion's fairness, and moving `@champion` the way `erta models promote` and `rollback` do.

Everything shown comes from the MLflow run behind a version (its metrics and its `report.json` and
`model_card.md` artifacts), which hold aggregates and group rates only, never a pupil. Moves of the champion
are made one at a time in this process, so two requests never interleave the registry's history.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from service.jobs import (
    RegistryError,
    VersionRow,
    configure_tracking,
    history,
    list_versions,
    promote,
    rollback,
)

if TYPE_CHECKING:
    from mlflow import MlflowClient
    from mlflow.entities import Run

CHAMPION_ALIAS = "champion"
MODEL = "xgboost"
_moves = threading.Lock()


class ModelRequestError(ValueError):
    """A request about a model version refused; `status` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class VersionSummary:
    version: str
    aliases: tuple[str, ...]
    created: str
    run_id: str
    gate: str
    metrics: dict[str, float]

    @property
    def champion(self) -> bool:
        return CHAMPION_ALIAS in self.aliases


@dataclass(frozen=True)
class VersionDetails:
    summary: VersionSummary
    metrics: dict[str, dict[str, float]]  # per model: the candidate and both baselines
    gates_passed: bool | None
    gates: list[dict[str, Any]]
    model_card: str | None


def registry(home: Path) -> MlflowClient:
    """A client of the registry under `home` (or the tracking server the environment names)."""
    from mlflow import MlflowClient

    configure_tracking(home)
    return MlflowClient()


def model_versions(home: Path) -> list[VersionSummary]:
    """Every registered version, newest first, with its test metrics (ROC-AUC, PR-AUC, Brier, ECE, …)."""
    client = registry(home)
    return [_summary(row, _run(client, row)) for row in list_versions(client)]


def version_details(home: Path, version: str) -> VersionDetails:
    """One version's metrics beside the baselines', its gate checks and its model card."""
    client = registry(home)
    row = _row(client, version)
    run = _run(client, row)
    report = _report(run)
    gates = report.get("gates") or {}
    return VersionDetails(
        summary=_summary(row, run),
        metrics={name: dict(values) for name, values in report.get("metrics", {}).items()},
        gates_passed=gates.get("passed"),
        gates=list(gates.get("checks", [])),
        model_card=_artifact(run, "model_card.md"),
    )


def champion_fairness(home: Path) -> tuple[str, dict[str, Any]]:
    """The champion's version and the fairness part of its training report: rates and ratios per group."""
    client = registry(home)
    champion = next((row for row in list_versions(client) if CHAMPION_ALIAS in row.aliases), None)
    if champion is None:
        raise ModelRequestError("no champion model yet; run `erta train`", 503)
    report = _report(_run(client, champion))
    if "fairness" not in report:
        raise ModelRequestError(f"version {champion.version} has no fairness report in its run", 404)
    keys = ("fairness", "fairness_problems", "fairness_warnings")
    return champion.version, {key: report.get(key, []) for key in keys}


def promote_version(home: Path, version: str, actor: str, reason: str, override: bool) -> None:
    """Make `version` champion if it passed its gates, or with `override` and the reason recorded; a refusal
    names every failed gate."""
    client = registry(home)
    row = _row(client, version)
    if row.gate != "pass" and not override:
        named = "; ".join(_failed_gates(client, row)) or "its gates were never checked"
        raise ModelRequestError(
            f"version {version} did not pass its gates ({named}); send override_failed_gates: true to "
            "promote it anyway, and your reason is recorded",
            409,
        )
    with _moves:
        try:
            promote(client, version, actor, reason)
        except RegistryError as error:
            raise ModelRequestError(str(error), 409) from None


def rollback_champion(home: Path, actor: str) -> str:
    """Give `@champion` back to the version that held it before; the version now champion."""
    with _moves:
        try:
            return rollback(registry(home), actor)
        except RegistryError as error:
            raise ModelRequestError(str(error), 409) from None


def champion_history(home: Path) -> list[dict[str, Any]]:
    """Every move of `@champion`, newest first: version, when, by whom, why, promote or rollback."""
    return list(reversed(history(registry(home))))


def _row(client: MlflowClient, version: str) -> VersionRow:
    found = next((row for row in list_versions(client) if row.version == version), None)
    if found is None:
        raise ModelRequestError(f"the risk model has no version {version}", 404)
    return found


def _failed_gates(client: MlflowClient, row: VersionRow) -> list[str]:
    """`auc: AUC 0.71 vs champion 0.73 (floor 0.72)` for each gate the version failed, from the tags the
    registry itself checks before a promotion."""
    found = client.search_model_versions(f"run_id = '{row.run_id}'") if row.run_id else []
    tags = found[0].tags if found else {}
    return [
        f"{name.removeprefix('gate.')}: {value.removeprefix('fail: ')}"
        for name, value in sorted(tags.items())
        if name.startswith("gate.") and name != "gate.result" and value.startswith("fail")
    ]


def _run(client: MlflowClient, row: VersionRow) -> Run | None:
    return client.get_run(row.run_id) if row.run_id else None


def _summary(row: VersionRow, run: Run | None) -> VersionSummary:
    metrics = run.data.metrics if run else {}
    prefix = f"{MODEL}."
    own = {
        name.removeprefix(prefix): float(value)
        for name, value in metrics.items()
        if name.startswith(prefix) and "." not in name.removeprefix(prefix)
    }
    if "fairness.worst_ratio" in metrics:
        own["fairness_worst_ratio"] = float(metrics["fairness.worst_ratio"])
    return VersionSummary(row.version, row.aliases, row.created, row.run_id, row.gate, own)


def _report(run: Run | None) -> dict[str, Any]:
    text = _artifact(run, "report.json")
    if text is None:
        return {}
    report: dict[str, Any] = json.loads(text)
    return report


def _artifact(run: Run | None, name: str) -> str | None:
    """A text artifact of the run, or None; a local store is read in place (no copy, no progress bar)."""
    import mlflow
    from mlflow.exceptions import MlflowException

    root = (run.info.artifact_uri if run else None) or ""
    if not root:
        return None
    if root.startswith("file:"):
        path = Path(unquote(urlparse(root).path)) / name
        return path.read_text(encoding="utf-8") if path.is_file() else None
    try:
        return str(mlflow.artifacts.load_text(f"{root.rstrip('/')}/{name}"))
    except (MlflowException, OSError):
        return None
