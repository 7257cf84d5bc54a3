"""Why Erta flagged a pupil: the probability and tier, the drivers as a waterfall and in sentences, and
what would change the estimate.

The explanation is asked for the day of the nightly run the teacher was flagged by, so the page explains
the very score on the flagged list rather than a fresh one on another day.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import streamlit as st

from ui.pages import teacher_charts
from ui.session import t
from ui.widgets import tier_label

# A driver's group is a subject's name, or one of these, which the page names in the user's words.
GROUPS: Final = ("marks", "attendance", "lms", "notes", "grade")


def driver_label(driver: Mapping[str, Any]) -> str:
    """A short name for a driver: its subject as the school writes it, or its group in the user's words."""
    group = str(driver.get("group", "marks"))
    return t(f"teacher.driver.{group}") if group in GROUPS else group


def tier_words(tier: str) -> str:
    """The tier, coloured; "insufficient data" is a state of the explanation, not a tier of risk."""
    if tier == "insufficient_data":
        return f":gray[{t('teacher.explain.insufficient_tier')}]"
    return tier_label(tier)


def explanation_section(explanation: dict[str, Any]) -> None:
    st.subheader(t("teacher.explain.title"))
    probability, tier, as_of = st.columns(3)
    probability.metric(t("teacher.explain.probability"), f"{explanation['probability']:.0%}", border=True)
    with tier.container(border=True, height="stretch"):
        st.caption(t("teacher.explain.tier"))
        st.subheader(tier_words(explanation["tier"]), anchor=False)
    as_of.metric(t("teacher.explain.as_of"), explanation["as_of"], border=True)
    if explanation["insufficient_data"]:
        st.info(t("teacher.explain.insufficient"), icon=":material/info:")
    drivers = explanation["drivers"]
    if not drivers:
        st.caption(t("teacher.explain.no_drivers"))
        return
    chart, sentences = st.columns([3, 2])
    with chart:
        _waterfall(drivers)
    with sentences:
        _sentences(drivers)
        _hint(explanation.get("hint"))


def _waterfall(drivers: list[dict[str, Any]]) -> None:
    labels = [f"{rank}. {driver_label(d)}" for rank, d in enumerate(drivers, 1)]
    words = {
        "raises": t("teacher.explain.raises"),
        "lowers": t("teacher.explain.lowers"),
        "total": t("teacher.explain.total"),
        "sum": t("teacher.explain.sum"),
        "axis": t("teacher.explain.axis"),
        "driver": t("teacher.explain.driver"),
    }
    st.container(key="drivers_chart").altair_chart(teacher_charts.waterfall(drivers, labels, words))
    st.caption(t("teacher.explain.chart_help"))


def _sentences(drivers: list[dict[str, Any]]) -> None:
    st.markdown(f"**{t('teacher.explain.drivers')}**")
    for rank, driver in enumerate(drivers, 1):
        arrow = ":red[▲]" if driver["contribution"] > 0 else ":green[▼]"
        st.markdown(f"{rank}. {arrow} {driver['text']}")


def _hint(hint: dict[str, Any] | None) -> None:
    if not hint:
        return
    after = f"{hint['probability_after']:.0%}"
    st.info(f"**{t('teacher.explain.hint', after=after)}**  \n{hint['text']}", icon=":material/lightbulb:")
