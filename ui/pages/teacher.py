"""The class teacher's pages: the pupils the nightly run flagged, and one pupil's page.

The flagged table is where a teacher's day starts: who is most at risk, why in a sentence, and how their
last marks went, with a way into each pupil's page. The pupil page itself lives in `teacher_pupil.py`.
"""

from __future__ import annotations

from typing import Any, Final

import pandas as pd
import streamlit as st

from ui.pages import teacher_pupil
from ui.session import attempt, get, language, settings, t
from ui.widgets import empty_state, page_offset

PUPIL_URL: Final = "pupil"
# Table cells show no colour markup; the tier's cell is shaded instead.
TIER_SHADES: Final = {"high": "#fde0dc", "medium": "#ffefd5", "low": "#e8f5e9"}
ROW_HEIGHT: Final = 35


def flagged_pupils() -> None:
    """The teacher's flagged pupils, most urgent first (the API orders them: tier, then probability)."""
    st.title(t("teacher.flagged.title"))
    st.caption(t("teacher.flagged.intro"))
    size = settings().page_size
    offset = st.session_state.get("flagged_offset", 0)
    with st.spinner(t("common.loading")):
        found = attempt(lambda: get("/pupils/flagged", {"lang": language(), "limit": size, "offset": offset}))
    if found is None:
        return
    if not found["items"]:
        empty_state("teacher.flagged.empty")
        return
    st.caption(t("teacher.flagged.summary", total=found["total"], as_of=found["as_of"]))
    _flagged_table(found["items"], found["offset"])
    if page_offset("flagged", found["total"], size) != offset:
        st.rerun()
    _open_one(found["items"])


def _flagged_table(items: list[dict[str, Any]], offset: int) -> None:
    rows = pd.DataFrame(
        {
            "rank": range(offset + 1, offset + len(items) + 1),
            "pupil": [item["full_name"] for item in items],
            "class": [item["class_label"] for item in items],
            "tier": [t(f"tier.{item['tier']}") for item in items],
            "probability": [round(item["probability"] * 100) for item in items],
            "band": [item["probability_band"] for item in items],
            "marks": [item["recent_marks"] for item in items],
            "alerts": [item.get("open_alerts", 0) for item in items],
            "reasons": [" • ".join(item["top_reasons"]) for item in items],
        }
    )
    shades = [f"background-color: {TIER_SHADES.get(item['tier'], 'white')}" for item in items]
    styled = rows.style.apply(lambda _: shades, subset=["tier"])
    st.dataframe(
        styled,
        height=ROW_HEIGHT * (len(items) + 1) + 3,
        hide_index=True,
        key="flagged_table",
        column_config={
            "rank": st.column_config.NumberColumn("#", width="small"),
            "pupil": st.column_config.TextColumn(t("teacher.flagged.col.pupil"), width="medium"),
            "class": st.column_config.TextColumn(t("teacher.flagged.col.class"), width="small"),
            "tier": st.column_config.TextColumn(t("teacher.flagged.col.tier"), width="small"),
            "probability": st.column_config.ProgressColumn(
                t("teacher.flagged.col.probability"), min_value=0, max_value=100, format="%d%%"
            ),
            "band": st.column_config.TextColumn(t("teacher.flagged.col.band"), width="small"),
            "reasons": st.column_config.TextColumn(t("teacher.flagged.col.reasons"), width="large"),
            "marks": st.column_config.LineChartColumn(
                t("teacher.flagged.col.marks"), y_min=1, y_max=5, width="small"
            ),
            "alerts": st.column_config.NumberColumn(t("teacher.flagged.col.alerts"), width="small"),
        },
    )


def _open_one(items: list[dict[str, Any]]) -> None:
    """A table row cannot be clicked reliably, so a pupil is chosen by name and opened with a button."""
    names = {item["pupil_id"]: f"{item['full_name']} ({item['class_label']})" for item in items}
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(
        t("teacher.flagged.choose"), list(names), format_func=names.__getitem__, key="flagged_choice"
    )
    if right.button(t("teacher.flagged.open"), type="primary", icon=":material/person:", key="flagged_open"):
        open_pupil(chosen)


def open_pupil(pupil_id: str) -> None:
    """Switch to the pupil page with `pupil_id` chosen; the address keeps it, so a reload shows it too."""
    teacher_pupil.choose(pupil_id)
    # Streamlit finds a page made from a function by its url path; the menu registered it under "pupil".
    target = st.Page(pupil_page, title=t("teacher.pupil.nav"), url_path=PUPIL_URL)
    st.switch_page(target, query_params={"pupil": pupil_id, "lang": language()})


def pupil_page() -> None:
    teacher_pupil.pupil_page()
