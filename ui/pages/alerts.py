"""The alerts inbox every member of staff shares: what Erta noticed about their pupils, and what they did.

An alert stays open until its recipient acknowledges it (which stops escalation to the principal) or
snoozes it to a later day (at most 30 days ahead). Only the recipient sees and acts on their alerts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

import streamlit as st

from ui.session import attempt, get, post, roles, settings, t
from ui.widgets import confirm_after_rerun, empty_state, page_offset, show_confirmation, tier_label

FILTERS: Final = ("open", "snoozed", "acknowledged", "all")
MAX_SNOOZE_DAYS: Final = 30
DEFAULT_SNOOZE_DAYS: Final = 7
REASON_ICONS: Final = {
    "risk": ":material/warning:",
    "marks_falling": ":material/trending_down:",
    "absence_streak": ":material/event_busy:",
    "lms_disengaged": ":material/cloud_off:",
    "sudden_drop": ":material/south:",
}


def alerts_inbox() -> None:
    st.title(t("alerts.title"))
    st.caption(t("alerts.intro"))
    show_confirmation()
    status = st.segmented_control(
        t("alerts.filter"),
        FILTERS,
        default="open",
        required=True,
        format_func=lambda s: t(f"alerts.status.{s}"),
        key="alerts_filter",
    )
    size = settings().page_size
    offset = st.session_state.get(f"alerts_{status}_offset", 0)
    params = {"status": None if status == "all" else status, "limit": size, "offset": offset}
    with st.spinner(t("common.loading")):
        found = attempt(lambda: get("/alerts", params))
    if found is None:
        return
    if not found["items"]:
        empty_state("alerts.empty" if status in ("open", "all") else "alerts.empty_filtered")
        return
    st.caption(t("alerts.count", total=found["total"]))
    for alert in found["items"]:
        _alert(alert)
    if page_offset(f"alerts_{status}", found["total"], size) != offset:
        st.rerun()


def _alert(alert: dict[str, Any]) -> None:
    with st.container(border=True, key=f"alert_{alert['id']}"):
        about, state, actions = st.columns([3, 1.5, 3])
        with about:
            reason = t(f"alerts.reason.{alert['reason']}")
            subject = f" — {alert['subject']}" if alert["subject"] else ""
            st.markdown(f"**{alert['pupil_name']}** · {alert['class_label']}")
            st.markdown(f"{REASON_ICONS.get(alert['reason'], '')} {reason}{subject}")
            details = details_text(alert["reason"], alert.get("details") or {})
            if details:
                st.caption(details)
        with state:
            if alert["tier"]:
                st.markdown(f"{t('alerts.tier')}: {tier_label(alert['tier'])}")
            st.caption(t("alerts.opened", day=_day(alert["opened_on"])))
            st.caption(_status_text(alert))
        with actions:
            _actions(alert)


def _day(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d.%m.%Y") if value else "–"


def _status_text(alert: dict[str, Any]) -> str:
    if alert["status"] == "snoozed" and alert["snoozed_until"]:
        return t("alerts.snoozed_until", day=_day(alert["snoozed_until"]))
    return t(f"alerts.status.{alert['status']}")


def details_text(reason: str, details: dict[str, Any]) -> str | None:
    """What the signal found, in the user's words; None for a reason whose facts are not known here."""
    facts = details.get("facts") or {}
    try:
        if reason == "marks_falling":
            return t(
                "alerts.details.marks_falling",
                before=f"{facts['first_half_mean']:.1f}",
                after=f"{facts['last_half_mean']:.1f}",
                count=int(facts["marks_count"]),
            )
        if reason == "absence_streak":
            days, unexcused = int(facts["streak_days"]), int(facts["unexcused_days"])
            return t("alerts.details.absence_streak", days=days, unexcused=unexcused)
        if reason == "lms_disengaged":
            days, missed = int(facts["days_since_login"]), int(facts["missed_submissions"])
            return t("alerts.details.lms_disengaged", days=days, missed=missed)
        if reason == "sudden_drop":
            subjects, drop = int(facts["subjects_dropped"]), f"{facts['mean_drop']:.1f}"
            return t("alerts.details.sudden_drop", subjects=subjects, drop=drop)
    except (KeyError, TypeError, ValueError):
        return None
    return None


def _actions(alert: dict[str, Any]) -> None:
    key = alert["id"]
    row = st.container(horizontal=True, horizontal_alignment="right")
    if alert["status"] != "acknowledged":
        if row.button(t("alerts.acknowledge"), key=f"ack_{key}", icon=":material/done:", type="primary"):
            _acknowledge(alert)
        if row.button(t("alerts.snooze"), icon=":material/snooze:", key=f"snooze_{key}"):
            st.dialog(t("alerts.snooze_title", pupil=alert["pupil_name"]))(_snooze_form)(alert)
    if _opens_pupils() and row.button(t("alerts.open_pupil"), key=f"pupil_{key}", icon=":material/person:"):
        from ui.pages.teacher import open_pupil

        open_pupil(alert["pupil_id"])


def _acknowledge(alert: dict[str, Any]) -> None:
    if attempt(lambda: post(f"/alerts/{alert['id']}/acknowledge")) is not None:
        confirm_after_rerun(t("alerts.acknowledged", pupil=alert["pupil_name"]))


def _snooze_form(alert: dict[str, Any]) -> None:
    """The dialog's content: the day to be reminded on (the rerun after snoozing closes the dialog)."""
    today = date.today()
    with st.form(f"snooze_form_{alert['id']}", border=False):
        until = st.date_input(
            t("alerts.snooze_until"),
            value=today + timedelta(days=DEFAULT_SNOOZE_DAYS),
            min_value=today + timedelta(days=1),
            max_value=today + timedelta(days=MAX_SNOOZE_DAYS),
            format="DD.MM.YYYY",
            key=f"snooze_until_{alert['id']}",
        )
        st.caption(t("alerts.snooze_help", days=MAX_SNOOZE_DAYS))
        submitted = st.form_submit_button(t("alerts.snooze_confirm"))
    if submitted and attempt(lambda: post(f"/alerts/{alert['id']}/snooze", {"until": until.isoformat()})):
        confirm_after_rerun(t("alerts.snoozed", pupil=alert["pupil_name"], day=until.strftime("%d.%m.%Y")))


def _opens_pupils() -> bool:
    """Whether the user's menu has the pupil page (a principal's has not: a pupil needs a purpose)."""
    # Imported here: the menu imports this page, so a top-level import would go round in a circle.
    from ui.navigation import pages_for

    return "pupil" in pages_for(roles())
