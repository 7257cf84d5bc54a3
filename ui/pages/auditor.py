"""The auditor's pages: the access log with its filters, the chain's verification and an export for an
inspection; the history of the risk model's champion; and privacy and fairness (`privacy_and_fairness`,
kept in `auditor_privacy.py`).

Every read of the log is itself written to the log by the API, so the page fetches a page of entries only
when the filters or the page change, and prepares an export only when asked.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any, Final

import altair as alt
import pandas as pd
import streamlit as st

from ui.pages.auditor_privacy import privacy_and_fairness
from ui.pages.data_scientist_models import action_label, load_versions, versions_table
from ui.session import attempt, download, get, post, settings, t
from ui.widgets import page_offset

__all__ = ["access_log", "privacy_and_fairness", "promotion_history"]

# The roles an entry can name: the users' roles, and "none" for a sign-in nobody could be matched to.
ROLES: Final = (
    "class_teacher", "subject_teacher", "mentor", "psychologist", "principal", "data_scientist", "auditor",
    "admin",
)  # fmt: skip
PAGER: Final = "audit_log"
VERIFIED: Final = "audit_verification"
EXPORT: Final = "audit_export"


def role_label(role: str) -> str:
    if role in ROLES:
        return t(f"role.{role}")
    return t("auditor.log.role_none") if role == "none" else role


def access_log() -> None:
    st.title(t("auditor.log.nav"))
    st.caption(t("auditor.log.intro"))
    params = _filters()
    if params is None:
        return
    _entries(params)
    st.divider()
    verify, export = st.columns(2)
    with verify:
        _verification()
    with export:
        _export(params)


def _filters() -> dict[str, str] | None:
    """The filters as the API's query parameters; None while the dates contradict each other."""
    with st.form("audit_filters"):
        first = st.columns(3)
        actor = first[0].text_input(t("auditor.log.actor"), key="audit_actor")
        role = first[1].selectbox(
            t("auditor.log.role"), ("", *ROLES, "none"), key="audit_role",
            format_func=lambda r: role_label(r) if r else t("auditor.log.any"),
        )  # fmt: skip
        action = first[2].text_input(t("auditor.log.action"), placeholder="pupil.explain", key="audit_action")
        second = st.columns(3)
        purpose = second[0].text_input(t("auditor.log.purpose"), key="audit_purpose")
        pseudonym = second[1].text_input(t("auditor.log.pseudonym"), key="audit_pseudonym")
        result = second[2].text_input(t("auditor.log.result"), placeholder="ok, refused", key="audit_result")
        third = st.columns(3)
        since = third[0].date_input(
            t("auditor.log.since"), value=None, format="YYYY-MM-DD", key="audit_since"
        )
        until = third[1].date_input(
            t("auditor.log.until"), value=None, format="YYYY-MM-DD", key="audit_until"
        )
        st.form_submit_button(t("auditor.log.apply"), type="primary", icon=":material/filter_alt:")
    if isinstance(since, date) and isinstance(until, date) and since > until:
        st.warning(t("auditor.log.dates_reversed"))
        return None
    params = {
        "actor": actor.strip(),
        "role": role,
        "action": action.strip(),
        "purpose": purpose.strip(),
        "pupil_pseudonym": pseudonym.strip(),
        "result": result.strip(),
        # The API's `until` is exclusive; the chosen day is meant to be included.
        "since": since.isoformat() if isinstance(since, date) else "",
        "until": (until + timedelta(days=1)).isoformat() if isinstance(until, date) else "",
    }
    return {name: value for name, value in params.items() if value}


def _entries(params: dict[str, str]) -> None:
    """A page of entries, newest first, with the pager above it; a new filter starts at the first page."""
    if st.session_state.get(f"{PAGER}_filters") != params:
        st.session_state[f"{PAGER}_filters"] = params
        st.session_state[f"{PAGER}_offset"] = 0
    size = settings().page_size
    offset = st.session_state.get(f"{PAGER}_offset", 0)
    with st.spinner(t("common.loading")):
        page = attempt(lambda: get("/audit", {**params, "limit": size, "offset": offset}))
    if page is None:
        return
    st.markdown(t("auditor.log.total", total=page["total"]))
    wanted = page_offset(PAGER, page["total"], size)
    if wanted != offset:
        page = attempt(lambda: get("/audit", {**params, "limit": size, "offset": wanted}))
        if page is None:
            return
    if not page["items"]:
        st.info(t("auditor.log.empty"), icon=":material/inbox:")
        return
    _entry_table(page["items"])


def _entry_table(items: list[dict[str, Any]]) -> None:
    frame = pd.DataFrame(items)
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601").dt.tz_localize(None)
    frame["role"] = frame["role"].map(role_label)
    columns = {
        "seq": st.column_config.NumberColumn(t("auditor.col.seq"), format="%d"),
        "at": st.column_config.DatetimeColumn(t("auditor.col.at"), format="YYYY-MM-DD HH:mm:ss"),
        "actor": st.column_config.TextColumn(t("auditor.col.actor")),
        "role": st.column_config.TextColumn(t("auditor.col.role")),
        "action": st.column_config.TextColumn(t("auditor.col.action")),
        "resource": st.column_config.TextColumn(t("auditor.col.resource")),
        "pupil_pseudonym": st.column_config.TextColumn(t("auditor.col.pseudonym")),
        "purpose": st.column_config.TextColumn(t("auditor.col.purpose")),
        "result": st.column_config.TextColumn(t("auditor.col.result")),
    }
    with st.container(key="audit_entries"):
        st.dataframe(frame, hide_index=True, column_config=columns, column_order=list(columns))


def _verification() -> None:
    """Recompute the whole chain on request; the answer stays on the page until the next check."""
    st.subheader(t("auditor.verify.title"))
    st.caption(t("auditor.verify.intro"))
    if st.button(t("auditor.verify.button"), key="verify_chain", icon=":material/link:"):
        with st.spinner(t("auditor.verify.running")):
            answer = attempt(lambda: post("/audit/verify"))
        if answer is not None:
            st.session_state[VERIFIED] = answer
    answer = st.session_state.get(VERIFIED)
    if answer is None:
        return
    with st.container(key="verification_result"):
        if answer["ok"]:
            st.success(t("auditor.verify.ok", entries=answer["entries"]), icon=":material/verified:")
            return
        st.error(
            t("auditor.verify.broken", problems=answer["problem_count"], entries=answer["entries"]),
            icon=":material/link_off:",
        )
        problems = pd.DataFrame(answer["problems"], columns=["seq", "reason"])
        st.dataframe(
            problems,
            hide_index=True,
            column_config={
                "seq": st.column_config.NumberColumn(t("auditor.col.seq"), format="%d"),
                "reason": st.column_config.TextColumn(t("auditor.verify.reason")),
            },
        )
        if answer["problem_count"] > len(answer["problems"]):
            st.caption(t("auditor.verify.more", shown=len(answer["problems"]), total=answer["problem_count"]))


def _export(params: dict[str, str]) -> None:
    """The selected entries, oldest first and with their hashes, as CSV: fetched when asked for, then
    offered for download (a new filter asks again)."""
    st.subheader(t("auditor.export.title"))
    st.caption(t("auditor.export.intro"))
    if st.button(t("auditor.export.prepare"), key="export_prepare", icon=":material/description:"):
        with st.spinner(t("auditor.export.running")):
            data = attempt(lambda: download("/audit/export", {**params, "format": "csv"}))
        if data is not None:
            st.session_state[EXPORT] = (params, data)
    prepared = st.session_state.get(EXPORT)
    if prepared is None or prepared[0] != params:
        return
    data = prepared[1]
    rows = max(sum(1 for _ in csv.reader(io.StringIO(data.decode("utf-8")))) - 1, 0)
    st.download_button(
        t("auditor.export.download", rows=rows),
        data=data,
        file_name=f"erta-audit-{date.today().isoformat()}.csv",
        mime="text/csv",
        key="export_download",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
    )


def promotion_history() -> None:
    """Every move of @champion, oldest to newest on a chart and newest first in a table; then the versions."""
    st.title(t("auditor.history.nav"))
    st.caption(t("auditor.history.intro"))
    with st.spinner(t("common.loading")):
        moves = attempt(lambda: get("/models/history"))
    if moves is None:
        return
    if not moves:
        st.info(t("auditor.history.empty"), icon=":material/inbox:")
    else:
        _moves_chart(moves)
        _moves_table(moves)
    st.subheader(t("auditor.history.versions"))
    versions = load_versions()
    if versions:
        versions_table(versions)
    elif versions is not None:
        st.info(t("ds.runs.empty"), icon=":material/inbox:")


def _moves_frame(moves: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(moves)
    frame["at"] = pd.to_datetime(frame["at"], utc=True, format="ISO8601").dt.tz_localize(None)
    frame["action"] = frame["action"].map(action_label)
    return frame


def _moves_chart(moves: list[dict[str, Any]]) -> None:
    """Which version held @champion when: a step line through the moves up to now, each move a dot."""
    frame = _moves_frame(moves).sort_values("at")
    now = pd.Timestamp.now(tz="UTC").tz_localize(None)
    held = pd.concat([frame, frame.tail(1).assign(at=now)], ignore_index=True)
    versions = sorted(set(frame["version"]), key=lambda v: int(v) if v.isdigit() else 0, reverse=True)
    y = alt.Y("version:O", title=t("ds.col.version"), sort=versions)
    x = alt.X("at:T", title=t("auditor.col.at"), axis=alt.Axis(format="%Y-%m-%d %H:%M", labelAngle=0))
    line = alt.Chart(held).mark_line(interpolate="step-after", color="#90a4ae").encode(x=x, y=y)
    dots = (
        alt.Chart(frame)
        .mark_point(size=140, filled=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color("action:N", title=t("auditor.history.action")),
            tooltip=[
                alt.Tooltip("at:T", title=t("auditor.col.at"), format="%Y-%m-%d %H:%M"),
                alt.Tooltip("action:N", title=t("auditor.history.action")),
                alt.Tooltip("version:N", title=t("ds.col.version")),
                alt.Tooltip("by:N", title=t("auditor.history.by")),
                alt.Tooltip("reason:N", title=t("common.reason")),
            ],
        )
    )
    st.altair_chart((line + dots).properties(height=220), width="stretch")


def _moves_table(moves: list[dict[str, Any]]) -> None:
    frame = _moves_frame(moves)
    columns = {
        "at": st.column_config.DatetimeColumn(t("auditor.col.at"), format="YYYY-MM-DD HH:mm"),
        "action": st.column_config.TextColumn(t("auditor.history.action")),
        "version": st.column_config.TextColumn(t("ds.col.version")),
        "by": st.column_config.TextColumn(t("auditor.history.by")),
        "reason": st.column_config.TextColumn(t("common.reason")),
    }
    with st.container(key="champion_moves"):
        st.dataframe(frame, hide_index=True, column_config=columns, column_order=list(columns))
