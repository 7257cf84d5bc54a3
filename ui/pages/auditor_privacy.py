"""The auditor's privacy and fairness page: what the privacy layer finds in the stored notes and refuses
(counts only, never a text), and the champion's error rates per group against the fairness band.

Entity types, guardrail actions, fairness attributes and the common group codes are fixed sets, so each has
words in the catalog; a region's name is data and is shown as the API sends it.
"""

from __future__ import annotations

from typing import Any, Final

import altair as alt
import pandas as pd
import streamlit as st

from ui import i18n
from ui.session import attempt, get, t

ENTITIES: Final = ("PERSON", "UZ_PINFL", "UZ_PASSPORT", "UZ_PHONE", "UZ_STIR", "EMAIL_ADDRESS", "ADDRESS")
GUARDRAIL: Final = ("note.check", "note.save", "intervention.note")
RESULTS: Final = ("ok", "refused")
ATTRIBUTES: Final = ("sex", "language", "region", "locality")
RATES: Final = ("fnr", "fpr")


def privacy_and_fairness() -> None:
    st.title(t("auditor.privacy.nav"))
    privacy, fairness = st.tabs([t("auditor.privacy.tab"), t("auditor.fairness.tab")])
    with privacy:
        _privacy()
    with fairness:
        _fairness()


def entity_label(code: str) -> str:
    return t(f"auditor.entity.{code}") if code in ENTITIES else code


def _privacy() -> None:
    st.caption(t("auditor.privacy.intro"))
    with st.spinner(t("auditor.privacy.scanning")):
        stats = attempt(lambda: get("/audit/privacy"))
    if stats is None:
        return
    sampled = stats["notes_sampled"]
    found = stats["notes_with_personal_data"]
    share = f"{found / sampled:.0%}" if sampled else "–"
    stored, scanned, personal, exports = st.columns(4)
    stored.metric(t("auditor.privacy.notes_stored"), f"{stats['notes_scanned']:,}")
    scanned.metric(t("auditor.privacy.notes_sampled"), f"{sampled:,}")
    personal.metric(
        t("auditor.privacy.with_personal"), f"{found:,}", delta=share, delta_color="off", delta_arrow="off"
    )
    exports.metric(
        t("auditor.privacy.exports", days=stats["window_days"]), f"{stats['exports_pseudonymised']:,}"
    )
    st.caption(t("auditor.privacy.scanned_at", at=stats["scanned_at"][:16].replace("T", " ")))
    st.subheader(t("auditor.privacy.entities"))
    _entities_chart(stats["entities"])
    st.subheader(t("auditor.privacy.guardrail", days=stats["window_days"]))
    _guardrail_table(stats["guardrail"])


def _entities_chart(entities: dict[str, int]) -> None:
    counted = {code: count for code, count in entities.items() if count}
    if not counted:
        st.success(t("auditor.privacy.no_entities"), icon=":material/verified_user:")
        return
    frame = pd.DataFrame(
        [{"entity": entity_label(code), "count": count} for code, count in counted.items()]
    ).sort_values("count", ascending=False)
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#5c6bc0")
        .encode(
            y=alt.Y("entity:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            x=alt.X("count:Q", title=t("auditor.privacy.findings")),
            tooltip=[
                alt.Tooltip("entity:N", title=t("auditor.privacy.entity")),
                alt.Tooltip("count:Q", title=t("auditor.privacy.findings")),
            ],
        )
    )
    st.altair_chart(chart, width="stretch")


def _guardrail_table(counts: list[dict[str, Any]]) -> None:
    """Answers of the note guardrail: one row per kind of note, allowed and refused side by side."""
    table: dict[str, dict[str, Any]] = {}
    for entry in counts:
        action = entry["action"]
        label = t(f"auditor.guardrail.{action}") if action in GUARDRAIL else action
        row = table.setdefault(action, {"action": label, "ok": 0, "refused": 0})
        row[entry["result"] if entry["result"] in RESULTS else "refused"] += entry["count"]
    if not table:
        st.info(t("auditor.privacy.no_guardrail"))
        return
    columns = {
        "action": st.column_config.TextColumn(t("auditor.privacy.note_kind")),
        "ok": st.column_config.NumberColumn(t("auditor.result.ok"), format="%d"),
        "refused": st.column_config.NumberColumn(t("auditor.result.refused"), format="%d"),
    }
    st.dataframe(pd.DataFrame(list(table.values())), hide_index=True, column_config=columns)
    st.caption(t("auditor.privacy.guardrail_help"))


def _attribute(name: str) -> str:
    return t(f"auditor.attribute.{name}") if name in ATTRIBUTES else name


def _group(attribute: str, group: str) -> str:
    key = f"auditor.group.{attribute}.{group}"
    return t(f"auditor.group.{attribute}.{group}") if i18n.has(key) else group


def _ratio(value: Any) -> float | None:
    """A ratio as a number; 'inf' (the group's rate against a zero) and a missing one as None."""
    return float(value) if isinstance(value, int | float) else None


def _fairness() -> None:
    with st.spinner(t("common.loading")):
        report = attempt(lambda: get("/reports/fairness"))
    if report is None:
        return
    low, high = report["band"]
    st.caption(t("auditor.fairness.intro", version=report["model_version"], low=low, high=high))
    for problem in report["problems"]:
        st.error(problem, icon=":material/balance:")
    for warning in report["warnings"]:
        st.warning(warning)
    if not report["problems"]:
        st.success(t("auditor.fairness.no_problems", low=low, high=high), icon=":material/balance:")
    groups = report["groups"]
    if not groups:
        st.info(t("auditor.fairness.no_groups"))
        return
    _rates_chart(groups)
    _ratios_chart(groups, low, high)
    _groups_table(groups)


def _rates_chart(groups: list[dict[str, Any]]) -> None:
    """FNR and FPR of every group with its confidence interval, one row per group."""
    rows = []
    for row in groups:
        for rate in RATES:
            if row[rate] is None:
                continue
            ci = row.get(f"{rate}_ci") or [row[rate], row[rate]]
            rows.append(
                {
                    "group": f"{_attribute(row['attribute'])}: {_group(row['attribute'], row['group'])}",
                    "rate": t(f"auditor.fairness.{rate}"),
                    "value": row[rate],
                    "low": ci[0],
                    "high": ci[1],
                }
            )
    if not rows:
        return
    st.subheader(t("auditor.fairness.rates_title"))
    frame = pd.DataFrame(rows)
    order = list(dict.fromkeys(frame["group"]))
    base = alt.Chart(frame).encode(
        y=alt.Y("group:N", title=None, sort=order, axis=alt.Axis(labelLimit=320)),
        yOffset=alt.YOffset("rate:N"),
        color=alt.Color("rate:N", title=None),
    )
    bars = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("low:Q", title=t("auditor.fairness.rate_axis")), x2="high:Q"
    )
    points = base.mark_point(filled=True, size=60).encode(
        x="value:Q",
        tooltip=[
            alt.Tooltip("group:N", title=t("auditor.fairness.group")),
            alt.Tooltip("rate:N", title=t("auditor.fairness.rate")),
            alt.Tooltip("value:Q", title=t("ds.col.value"), format=".3f"),
            alt.Tooltip("low:Q", title=t("auditor.fairness.ci_low"), format=".3f"),
            alt.Tooltip("high:Q", title=t("auditor.fairness.ci_high"), format=".3f"),
        ],
    )
    st.altair_chart(bars + points, width="stretch")


def _ratios_chart(groups: list[dict[str, Any]], low: float, high: float) -> None:
    """The assessed groups' ratios to the largest group, with the band they must stay inside shaded."""
    rows = [
        {
            "group": f"{_attribute(row['attribute'])}: {_group(row['attribute'], row['group'])}",
            "rate": t(f"auditor.fairness.{rate}_ratio"),
            "ratio": _ratio(row[f"{rate}_ratio"]),
            "low": _ratio((row[f"{rate}_ratio_ci"] or [None, None])[0]),
            "high": _ratio((row[f"{rate}_ratio_ci"] or [None, None])[1]),
        }
        for row in groups
        if row["assessed"]
        for rate in RATES
    ]
    rows = [row for row in rows if row["ratio"] is not None]
    st.subheader(t("auditor.fairness.ratios_title"))
    if not rows:
        st.info(t("auditor.fairness.none_assessed"))
        return
    frame = pd.DataFrame(rows)
    band = alt.Chart(pd.DataFrame([{"low": low, "high": high}])).mark_rect(opacity=0.15, color="#2e7d32")
    band = band.encode(x="low:Q", x2="high:Q")
    y = alt.Y("group:N", title=None, axis=alt.Axis(labelLimit=320))
    colour = alt.Color("rate:N", title=None)
    ranges = (
        alt.Chart(frame.dropna(subset=["low", "high"]))
        .mark_rule(strokeWidth=2)
        .encode(y=y, yOffset="rate:N", x="low:Q", x2="high:Q", color=colour)
    )
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=80)
        .encode(
            y=y,
            yOffset="rate:N",
            x=alt.X("ratio:Q", title=t("auditor.fairness.ratio_axis")),
            color=colour,
            tooltip=[
                alt.Tooltip("group:N", title=t("auditor.fairness.group")),
                alt.Tooltip("rate:N", title=t("auditor.fairness.rate")),
                alt.Tooltip("ratio:Q", title=t("auditor.fairness.ratio_axis"), format=".2f"),
                alt.Tooltip("low:Q", title=t("auditor.fairness.ci_low"), format=".2f"),
                alt.Tooltip("high:Q", title=t("auditor.fairness.ci_high"), format=".2f"),
            ],
        )
    )
    st.altair_chart(band + ranges + points, width="stretch")


def _groups_table(groups: list[dict[str, Any]]) -> None:
    def interval(ci: list[Any] | None) -> str:
        return f"{float(ci[0]):.2f}–{float(ci[1]):.2f}" if ci else "–"

    rows = [
        {
            "attribute": _attribute(row["attribute"]),
            "group": _group(row["attribute"], row["group"]),
            "rows": row["rows"],
            "positives": row["positives"],
            "fnr": row["fnr"],
            "fnr_ci": interval(row["fnr_ci"]),
            "fnr_ratio": _ratio(row["fnr_ratio"]),
            "fpr": row["fpr"],
            "fpr_ci": interval(row["fpr_ci"]),
            "fpr_ratio": _ratio(row["fpr_ratio"]),
            "assessed": bool(row["assessed"]),
        }
        for row in groups
    ]
    columns = {
        "attribute": st.column_config.TextColumn(t("auditor.fairness.attribute")),
        "group": st.column_config.TextColumn(t("auditor.fairness.group")),
        "rows": st.column_config.NumberColumn(t("auditor.fairness.rows"), format="%d"),
        "positives": st.column_config.NumberColumn(t("auditor.fairness.positives"), format="%d"),
        "fnr": st.column_config.NumberColumn(t("auditor.fairness.fnr"), format="%.3f"),
        "fnr_ci": st.column_config.TextColumn(t("auditor.fairness.fnr_ci")),
        "fnr_ratio": st.column_config.NumberColumn(t("auditor.fairness.fnr_ratio"), format="%.2f"),
        "fpr": st.column_config.NumberColumn(t("auditor.fairness.fpr"), format="%.3f"),
        "fpr_ci": st.column_config.TextColumn(t("auditor.fairness.fpr_ci")),
        "fpr_ratio": st.column_config.NumberColumn(t("auditor.fairness.fpr_ratio"), format="%.2f"),
        "assessed": st.column_config.CheckboxColumn(t("auditor.fairness.assessed")),
    }
    st.subheader(t("auditor.fairness.table_title"))
    st.dataframe(pd.DataFrame(rows), hide_index=True, column_config=columns, key="fairness_table")
    st.caption(t("auditor.fairness.table_help"))
