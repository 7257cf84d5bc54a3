""" "Did support help?" on the school report: helped pupils against similar pupils who were not helped.

GET /reports/interventions compares, per kind of support, pupils who got it with matched pupils of similar
risk before it. Until enough pairs exist it says so, and the page says so too instead of showing a number
that would mean nothing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.pages.mentor import kind_title
from ui.session import attempt, get, t


def did_support_help() -> None:
    st.subheader(t("principal.effect.title"))
    st.caption(t("principal.effect.caption"))
    report = attempt(lambda: get("/reports/interventions"))
    if report is None:
        return
    if report["insufficient_data"]:
        helped = max((g["helped"] for g in report["groups"]), default=0)
        st.info(
            t("principal.effect.insufficient", helped=helped, min=report["min_pairs"]),
            icon=":material/hourglass_empty:",
        )
        return
    rows = [_row(group, effect, report) for group in report["groups"] for effect in group["effects"]]
    waiting = [g for g in report["groups"] if g["insufficient_data"]]
    st.dataframe(rows, hide_index=True, key="principal_effects")
    st.caption(t("principal.effect.reading"))
    for group in waiting:
        st.caption(
            t(
                "principal.effect.too_few",
                kind=_kind(group["kind"]),
                helped=group["helped"],
                min=report["min_pairs"],
            )
        )


def _kind(kind: str) -> str:
    return t("principal.effect.all") if kind == "all" else kind_title(kind)


def _row(group: dict[str, Any], effect: dict[str, Any], report: dict[str, Any]) -> dict[str, Any]:
    """One kind of support and one outcome: the difference its pupils made over their matched controls."""
    low, high = effect["ci_low"], effect["ci_high"]
    interval = f"{low:+.2f} … {high:+.2f}" if low is not None and high is not None else "–"
    return {
        t("principal.effect.kind"): _kind(group["kind"]),
        t("principal.effect.helped"): group["helped"],
        t("principal.effect.pairs"): effect["pairs"],
        t("principal.effect.outcome"): t(f"principal.effect.outcome_{effect['outcome']}"),
        t("principal.effect.difference"): round(effect["difference"], 3),
        t("principal.effect.interval", confidence=f"{report['confidence']:.0%}"): interval,
    }
