"""The data scientist's pages: the registered versions of the risk model with their metrics, gates, charts
and model card; two versions side by side; and retraining, promotion and rollback (`retrain`, kept in
`data_scientist_retrain.py`).

Everything shown comes from the MLflow run behind a version through the API; the console keeps nothing but
the charts it has already fetched in this browser session, since a run's charts never change.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd
import streamlit as st

from ui.pages.data_scientist_models import (
    CHARTED,
    LOWER_IS_BETTER,
    METRICS,
    NEUTRAL,
    champion_of,
    load_detail,
    load_versions,
    metric_label,
    metrics_by_model,
    show_champion,
    show_gates,
    version_label,
    versions_table,
)
from ui.pages.data_scientist_retrain import retrain
from ui.session import attempt, download, me, t

__all__ = ["compare_runs", "retrain", "training_runs"]

PLOTS: Final = ("roc", "calibration", "fairness", "shap_summary", "global_drivers")
_PLOT_CACHE = "ds_plot_images"
SAME: Final = 1e-9


def training_runs() -> None:
    """Every version newest first, then one version opened: gates, metrics beside the baselines, charts,
    model card."""
    st.title(t("ds.runs.nav"))
    st.caption(t("ds.runs.intro"))
    versions = load_versions()
    if versions is None:
        return
    if not versions:
        st.info(t("ds.runs.empty"), icon=":material/inbox:")
        return
    show_champion(versions)
    versions_table(versions)
    labels = {v["version"]: version_label(v) for v in versions}
    chosen = st.selectbox(t("ds.runs.open"), list(labels), format_func=labels.__getitem__, key="runs_version")
    detail = load_detail(chosen)
    if detail is not None:
        _version_detail(detail)


def _version_detail(detail: dict[str, Any]) -> None:
    gates, metrics, charts, card = st.tabs(
        [t("ds.tab.gates"), t("ds.tab.metrics"), t("ds.tab.charts"), t("ds.tab.card")]
    )
    with gates:
        show_gates(detail)
    with metrics:
        metrics_by_model(detail.get("metrics", {}))
    with charts:
        _plots(detail["version"]["version"], detail.get("plots", []))
    with card:
        if detail.get("model_card"):
            st.markdown(detail["model_card"])
        else:
            st.info(t("ds.card.none"))


def _plots(version: str, names: list[str]) -> None:
    """The run's charts, two to a row, each fetched once per browser session."""
    if not names:
        st.info(t("ds.plots.none"))
        return
    ordered = [n for n in PLOTS if n in names] + [n for n in names if n not in PLOTS]
    for start in range(0, len(ordered), 2):
        for column, name in zip(st.columns(2), ordered[start : start + 2], strict=False):
            with column:
                image = _plot(version, name)
                if image is not None:
                    caption = t(f"ds.plot.{name}") if name in PLOTS else name
                    st.image(image, caption=caption, width="stretch")


def _plot(version: str, name: str) -> bytes | None:
    # Kept per signed-in user, so a later sign-in on the same browser never reuses another's answers.
    images: dict[tuple[str, str, str], bytes] = st.session_state.setdefault(_PLOT_CACHE, {})
    key = (me()["username"], version, name)
    if key not in images:
        with st.spinner(t("common.loading")):
            image = attempt(lambda: download(f"/models/{version}/plots/{name}"))
        if image is None:
            return None
        images[key] = image
    return images[key]


def compare_runs() -> None:
    """Two versions side by side: each metric, the difference and which is better, then both gate lists."""
    st.title(t("ds.compare.nav"))
    st.caption(t("ds.compare.intro"))
    versions = load_versions()
    if versions is None:
        return
    if len(versions) < 2:
        st.info(t("ds.compare.need_two"), icon=":material/info:")
        return
    labels = {v["version"]: version_label(v) for v in versions}
    ids = list(labels)
    champion = champion_of(versions)
    first = champion["version"] if champion else ids[1]
    second = next(v for v in ids if v != first)
    left, right = st.columns(2)
    a = left.selectbox(
        t("ds.compare.first"), ids, index=ids.index(first), format_func=labels.__getitem__, key="compare_a"
    )
    b = right.selectbox(
        t("ds.compare.second"), ids, index=ids.index(second), format_func=labels.__getitem__, key="compare_b"
    )
    if a == b:
        st.info(t("ds.compare.same_version"))
        return
    by_id = {v["version"]: v for v in versions}
    frame = _differences(by_id[a].get("metrics", {}), by_id[b].get("metrics", {}))
    _comparison_table(frame, a, b)
    _difference_chart(frame, a, b)
    st.subheader(t("ds.compare.gates"))
    for column, version in zip(st.columns(2), (a, b), strict=True):
        with column:
            st.markdown(f"**{labels[version]}**")
            detail = load_detail(version)
            if detail is not None:
                show_gates(detail)


def _differences(first: dict[str, float], second: dict[str, float]) -> pd.DataFrame:
    """Per metric both values, second minus first, and whether the second version is better for it."""
    names = [m for m in METRICS if m in first or m in second]
    rows = []
    for name in names:
        a, b = first.get(name), second.get(name)
        difference = None if a is None or b is None else b - a
        rows.append(
            {
                "code": name,
                "metric": metric_label(name),
                "first": a,
                "second": b,
                "difference": difference,
                "verdict": _verdict(name, difference),
            }
        )
    return pd.DataFrame(rows)


def _verdict(name: str, difference: float | None) -> str:
    if difference is None or name in NEUTRAL:
        return t("ds.compare.neutral")
    if abs(difference) <= SAME:
        return t("ds.compare.equal")
    better = difference < 0 if name in LOWER_IS_BETTER else difference > 0
    return t("ds.compare.better") if better else t("ds.compare.worse")


def _comparison_table(frame: pd.DataFrame, a: str, b: str) -> None:
    columns = {
        "metric": st.column_config.TextColumn(t("ds.col.metric")),
        "first": st.column_config.NumberColumn(t("ds.compare.version_column", version=a), format="%.4f"),
        "second": st.column_config.NumberColumn(t("ds.compare.version_column", version=b), format="%.4f"),
        "difference": st.column_config.NumberColumn(t("ds.compare.difference"), format="%+.4f"),
        "verdict": st.column_config.TextColumn(t("ds.compare.verdict", version=b)),
    }
    with st.container(key="compare"):
        st.dataframe(frame.drop(columns="code"), hide_index=True, column_config=columns)


def _difference_chart(frame: pd.DataFrame, a: str, b: str) -> None:
    """Bars of second minus first for the metrics on a 0–1 scale, green where the second is better."""
    shown = frame[frame["code"].isin(CHARTED) & frame["difference"].notna()]
    if shown.empty:
        return
    colours = alt.Scale(
        domain=[t("ds.compare.better"), t("ds.compare.worse"), t("ds.compare.equal")],
        range=["#2e7d32", "#c62828", "#9e9e9e"],
    )
    chart = (
        alt.Chart(shown)
        .mark_bar()
        .encode(
            y=alt.Y("metric:N", title=None, sort=list(shown["metric"]), axis=alt.Axis(labelLimit=320)),
            x=alt.X("difference:Q", title=t("ds.compare.chart_axis", second=b, first=a)),
            color=alt.Color("verdict:N", title=t("ds.compare.verdict", version=b), scale=colours),
            tooltip=[
                alt.Tooltip("metric:N", title=t("ds.col.metric")),
                alt.Tooltip("difference:Q", title=t("ds.compare.difference"), format="+.4f"),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")
    st.caption(t("ds.metrics.direction"))
