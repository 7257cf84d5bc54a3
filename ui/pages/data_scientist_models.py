"""Pieces of the model pages that the data scientist and the auditor share: the words for metrics, gates and
models, a version's label, its gate checks and its metric tables.

Metric, gate and model names are a fixed set (training/gates.py, training/pipeline.py), so each has words
in the catalog; a name this console does not know yet is shown as the API sends it, never as a gap.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd
import streamlit as st

from ui.session import attempt, get, t

METRICS: Final = (
    "roc_auc", "pr_auc", "brier", "ece", "precision_at_top", "recall_at_top", "positive_rate", "rows",
    "fairness_worst_ratio",
)  # fmt: skip
# The ones a chart compares: all between 0 and 1, so they share an axis.
CHARTED: Final = ("roc_auc", "pr_auc", "brier", "ece", "precision_at_top", "recall_at_top")
# For these a smaller number is the better model; for the rest a larger one, except the neutral counts.
LOWER_IS_BETTER: Final = frozenset({"brier", "ece", "fairness_worst_ratio"})
NEUTRAL: Final = frozenset({"positive_rate", "rows"})
GATES: Final = ("auc", "brier", "ece", "fairness")
MODELS: Final = ("xgboost", "logistic_regression", "abc_rule")
ACTIONS: Final = ("promote", "rollback")


def metric_label(name: str) -> str:
    return t(f"ds.metric.{name}") if name in METRICS else name


def gate_label(name: str) -> str:
    return t(f"ds.gate.{name}") if name in GATES else name


def gate_help(name: str) -> str:
    return t(f"ds.gate_help.{name}") if name in GATES else ""


def model_label(name: str) -> str:
    return t(f"ds.model.{name}") if name in MODELS else name


def action_label(name: str) -> str:
    return t(f"ds.action.{name}") if name in ACTIONS else name


def gate_result_label(gate: str) -> str:
    """The registry's overall gate tag (pass, fail, or – when never checked) in words."""
    if gate == "pass":
        return t("ds.gate_result.pass")
    if gate == "fail":
        return t("ds.gate_result.fail")
    return t("ds.gate_result.unchecked")


def version_label(version: dict[str, Any]) -> str:
    """'Version 3 · 2025-05-01 10:12 · champion', as a selectbox shows a version."""
    label = t("ds.version_label", version=version["version"], created=version["created"])
    return f"{label} · ★ {t('ds.champion')}" if version.get("champion") else label


def load_versions() -> list[dict[str, Any]] | None:
    """Every registered version, newest first; None when the API refused (the error is on the page)."""
    with st.spinner(t("common.loading")):
        found: list[dict[str, Any]] | None = attempt(lambda: get("/models"))
    return found


def load_detail(version: str) -> dict[str, Any] | None:
    with st.spinner(t("common.loading")):
        found: dict[str, Any] | None = attempt(lambda: get(f"/models/{version}"))
    return found


def champion_of(versions: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((v for v in versions if v.get("champion")), None)


def show_champion(versions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Say which version teachers are scored with now (or that none is), and return it."""
    champion = champion_of(versions)
    if champion is None:
        st.warning(t("ds.runs.no_champion"))
    else:
        st.markdown(t("ds.runs.champion_now", version=champion["version"], created=champion["created"]))
    return champion


def versions_table(versions: list[dict[str, Any]]) -> None:
    """Versions newest first with their headline metrics, the champion starred."""
    rows = [
        {
            "version": v["version"],
            "champion": "★" if v.get("champion") else "",
            "created": v["created"],
            "aliases": ", ".join(f"@{alias}" for alias in v.get("aliases", [])),
            "gate": gate_result_label(v.get("gate", "–")),
            **{name: v.get("metrics", {}).get(name) for name in CHARTED},
        }
        for v in versions
    ]
    columns: dict[str, Any] = {
        "version": st.column_config.TextColumn(t("ds.col.version")),
        "champion": st.column_config.TextColumn(t("ds.col.champion"), width="small"),
        "created": st.column_config.TextColumn(t("ds.col.created")),
        "aliases": st.column_config.TextColumn(t("ds.col.aliases")),
        "gate": st.column_config.TextColumn(t("ds.col.gate")),
    }
    for name in CHARTED:
        columns[name] = st.column_config.NumberColumn(metric_label(name), format="%.3f")
    with st.container(key="versions"):
        st.dataframe(pd.DataFrame(rows), hide_index=True, column_config=columns)


def show_gates(detail: dict[str, Any]) -> None:
    """The overall verdict, then each gate: passed or failed, what it asks, and the numbers it saw."""
    passed = detail.get("gates_passed")
    if passed is True:
        st.success(t("ds.gates.passed"), icon=":material/verified:")
    elif passed is False:
        st.error(t("ds.gates.failed"), icon=":material/gpp_bad:")
    else:
        st.info(t("ds.gates.unchecked"), icon=":material/help:")
    for gate in detail.get("gates", []):
        mark = ":green[:material/check_circle:]" if gate["passed"] else ":red[:material/cancel:]"
        verdict = t("ds.gate_result.pass") if gate["passed"] else t("ds.gate_result.fail")
        st.markdown(f"{mark} **{gate_label(gate['name'])}** — {verdict}")
        st.caption(
            f"{gate_help(gate['name'])} · {gate['detail']}" if gate_help(gate["name"]) else gate["detail"]
        )


def failed_gate_names(detail: dict[str, Any]) -> list[str]:
    return [gate_label(gate["name"]) for gate in detail.get("gates", []) if not gate["passed"]]


def metrics_frame(per_model: dict[str, dict[str, float]]) -> pd.DataFrame:
    """One row per metric, one column per model (candidate first, then the baselines)."""
    models = sorted(per_model, key=lambda m: MODELS.index(m) if m in MODELS else len(MODELS))
    names = [m for m in METRICS if any(m in per_model[model] for model in models)]
    names += sorted({m for model in models for m in per_model[model]} - set(names))
    rows = [
        {"metric": metric_label(m), **{model_label(x): per_model[x].get(m) for x in models}} for m in names
    ]
    return pd.DataFrame(rows)


def metrics_by_model(per_model: dict[str, dict[str, float]]) -> None:
    """The candidate beside both baselines: a table of every metric and grouped bars of the 0–1 ones."""
    if not per_model:
        st.info(t("ds.metrics.none"))
        return
    frame = metrics_frame(per_model)
    columns = {"metric": st.column_config.TextColumn(t("ds.col.metric"))}
    for name in frame.columns[1:]:
        columns[name] = st.column_config.NumberColumn(name, format="%.3f")
    st.dataframe(frame, hide_index=True, column_config=columns, key="metrics_by_model")
    long = [
        {"metric": metric_label(m), "model": model_label(model), "value": values[m]}
        for model, values in per_model.items()
        for m in CHARTED
        if values.get(m) is not None
    ]
    chart = (
        alt.Chart(pd.DataFrame(long))
        .mark_bar()
        .encode(
            x=alt.X("metric:N", title=None, sort=[metric_label(m) for m in CHARTED]),
            xOffset=alt.XOffset("model:N", sort=[model_label(m) for m in MODELS]),
            y=alt.Y("value:Q", title=t("ds.col.value"), scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("model:N", title=t("ds.col.model"), sort=[model_label(m) for m in MODELS]),
            tooltip=[
                alt.Tooltip("model:N", title=t("ds.col.model")),
                alt.Tooltip("metric:N", title=t("ds.col.metric")),
                alt.Tooltip("value:Q", title=t("ds.col.value"), format=".3f"),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("ds.metrics.direction"))
