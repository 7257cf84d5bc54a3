"""The model registry's lifecycle: a new version becomes `@challenger`; `@champion` moves only through
the gates, a recorded manual promotion, or a rollback. Serving loads `models:/erta-risk@champion`.

Every move is written down twice: as tags on the version (what the gates said) and in a champion history
kept on the registered model, which `rollback` walks back and `erta models list` shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from training.gates import GateDecision
from training.tracking import REGISTERED_MODEL

CHAMPION = "champion"
CHALLENGER = "challenger"
HISTORY_TAG = "champion_history"
GATED_METRICS = ("roc_auc", "brier", "ece")
TAG_LIMIT = 5000


class RegistryError(RuntimeError):
    """A registry request that cannot be honoured, said in words for the command line."""


@dataclass(frozen=True)
class VersionRow:
    version: str
    aliases: tuple[str, ...]
    created: str
    run_id: str
    metrics: dict[str, float]
    gate: str


def champion_metrics(client: MlflowClient) -> tuple[str, dict[str, float]] | None:
    """The current champion's version and its test metrics, or None before the first promotion."""
    version = _alias_version(client, CHAMPION)
    if version is None:
        return None
    return version, _version_metrics(client, version)


def record_gates_and_promote(client: MlflowClient, version: str, decision: GateDecision, actor: str) -> bool:
    """Tag the new version with its gate results, make it challenger, and champion if the gates pass."""
    for key, value in decision.as_tags().items():
        client.set_model_version_tag(REGISTERED_MODEL, version, key, value[:5000])
    client.set_registered_model_alias(REGISTERED_MODEL, CHALLENGER, version)
    if decision.passed:
        _move_champion(client, version, actor, "gates passed")
    return decision.passed


def promote(client: MlflowClient, version: str, actor: str, override_reason: str | None = None) -> None:
    """Make `version` champion by hand (nothing to do if it already is); failed gates need a stated reason."""
    details = _version(client, version)
    gate = details.tags.get("gate.result")
    if gate != "pass" and not override_reason:
        raise RegistryError(
            f"version {version} did not pass its gates ({gate or 'never checked'}); "
            "pass --reason to promote it anyway, and the reason is recorded"
        )
    if _alias_version(client, CHAMPION) == version:
        return
    if override_reason:
        client.set_model_version_tag(REGISTERED_MODEL, version, "promotion.override_reason", override_reason)
    _move_champion(client, version, actor, override_reason or "promoted by hand")


def rollback(client: MlflowClient, actor: str) -> str:
    """Give `@champion` back to the version that held it before; repeated rollbacks walk further back."""
    stack = champion_stack(_history(client))
    current = _alias_version(client, CHAMPION)
    if current is None or len(stack) < 2:
        raise RegistryError("there is no earlier champion to roll back to")
    previous = stack[-2]
    _move_champion(client, previous, actor, f"rollback from version {current}", action="rollback")
    return previous


def champion_stack(entries: list[dict[str, Any]]) -> list[str]:
    """Champions in force, oldest first, replaying the history: a promotion pushes, a rollback pops."""
    stack: list[str] = []
    for entry in entries:
        if entry.get("action") == "rollback":
            if stack:
                stack.pop()
        elif not stack or stack[-1] != str(entry["version"]):
            stack.append(str(entry["version"]))
    return stack


def list_versions(client: MlflowClient) -> list[VersionRow]:
    try:
        versions = client.search_model_versions(f"name = '{REGISTERED_MODEL}'")
    except MlflowException:
        return []
    # Search results leave aliases out on some stores; the registered model always knows them.
    aliases: dict[str, list[str]] = {}
    try:
        registered = client.get_registered_model(REGISTERED_MODEL)
    except MlflowException:
        return []
    for alias, version in registered.aliases.items():
        aliases.setdefault(str(version), []).append(alias)
    rows = []
    for v in sorted(versions, key=lambda item: int(item.version), reverse=True):
        rows.append(
            VersionRow(
                version=str(v.version),
                aliases=tuple(sorted(aliases.get(str(v.version), []))),
                created=datetime.fromtimestamp(v.creation_timestamp / 1000, UTC).strftime("%Y-%m-%d %H:%M"),
                run_id=v.run_id or "",
                metrics=_version_metrics(client, str(v.version)),
                gate=v.tags.get("gate.result", "–"),
            )
        )
    return rows


def history(client: MlflowClient) -> list[dict[str, Any]]:
    """Every champion move: version, when, who and why."""
    return _history(client)


def _move_champion(
    client: MlflowClient, version: str, actor: str, reason: str, action: str = "promote"
) -> None:
    _version(client, version)
    client.set_registered_model_alias(REGISTERED_MODEL, CHAMPION, version)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    entries = _history(client)
    entries.append({"version": version, "at": at, "by": actor, "reason": reason, "action": action})
    client.set_registered_model_tag(REGISTERED_MODEL, HISTORY_TAG, _fit_tag(entries))
    client.set_model_version_tag(REGISTERED_MODEL, version, "champion.since", at)
    move = f"{at} {actor}: {reason}"[:TAG_LIMIT]
    client.set_model_version_tag(REGISTERED_MODEL, version, f"champion.move.{len(entries)}", move)


def _fit_tag(entries: list[dict[str, Any]]) -> str:
    """The newest history that fits MLflow's 5,000-character tag limit (SQL-backed servers enforce it).

    Older moves stay on the versions themselves as `champion.*` tags.
    """
    kept = list(entries)
    while len(text := json.dumps(kept)) > TAG_LIMIT and len(kept) > 1:
        kept.pop(0)
    return text


def _history(client: MlflowClient) -> list[dict[str, Any]]:
    try:
        model = client.get_registered_model(REGISTERED_MODEL)
    except MlflowException:
        return []
    entries: list[dict[str, Any]] = json.loads(model.tags.get(HISTORY_TAG, "[]"))
    return entries


def _alias_version(client: MlflowClient, alias: str) -> str | None:
    try:
        return str(client.get_model_version_by_alias(REGISTERED_MODEL, alias).version)
    except MlflowException:
        return None


def _version(client: MlflowClient, version: str) -> Any:
    try:
        return client.get_model_version(REGISTERED_MODEL, version)
    except MlflowException as error:
        raise RegistryError(f"model {REGISTERED_MODEL} has no version {version}") from error


def _version_metrics(client: MlflowClient, version: str) -> dict[str, float]:
    run_id = _version(client, version).run_id
    metrics = client.get_run(run_id).data.metrics if run_id else {}
    return {name: metrics[f"xgboost.{name}"] for name in GATED_METRICS if f"xgboost.{name}" in metrics}
