"""The moves a caseload card offers, each in a dialog: accept, start, decline, a progress note, the outcome,
and the card's history.

Every text written here goes through the API's notes guardrail: identifiers are refused (the dialog stays
open with the reason, so nothing typed is lost), and wording that labels a child comes back as warnings,
shown with the confirmation on the board once the dialog closes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

import streamlit as st

from ui.session import attempt, get, language, post, t

FLASH: Final = "mentor_flash"
MAX_FOLLOW_UP_DAYS: Final = 365
DEFAULT_FOLLOW_UP_DAYS: Final = 14
DATE_FORMAT: Final = "DD.MM.YYYY"
REASON_CHARS: Final = 500
TEXT_CHARS: Final = 4000


def show_flash() -> None:
    """The confirmation of the last change (and the guardrail's warnings on what was written), once."""
    flash = st.session_state.pop(FLASH, None)
    if not flash:
        return
    st.success(flash["message"], icon=":material/check_circle:")
    warnings = flash.get("warnings") or []
    if warnings:
        lines = "\n".join(f"- {w['message']} {w['suggestion']}" for w in warnings)
        st.warning(f"{t('mentor.warnings')}\n\n{lines}", icon=":material/rate_review:")


def shown(day: str | date | None) -> str:
    """A date as people write it here: 31.12.2025."""
    if not day:
        return "–"
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%d.%m.%Y")


def accept(item: dict[str, Any]) -> None:
    st.dialog(t("mentor.accept.title"), width="medium")(_move)(item, "accepted")


def start(item: dict[str, Any]) -> None:
    st.dialog(t("mentor.start.title"), width="medium")(_move)(item, "in_progress")


def decline(item: dict[str, Any]) -> None:
    st.dialog(t("mentor.decline.title"), width="medium")(_decline)(item)


def note(item: dict[str, Any]) -> None:
    st.dialog(t("mentor.note.title"), width="medium")(_note)(item)


def outcome(item: dict[str, Any]) -> None:
    st.dialog(t("mentor.outcome.title"), width="medium")(_outcome)(item)


def history(item: dict[str, Any]) -> None:
    st.dialog(t("mentor.history.title"), width="large")(_history)(item)


def _header(item: dict[str, Any]) -> None:
    st.markdown(f"**{item['pupil_name']}** · {item['class_label']}")


def _done(message: str, answer: dict[str, Any]) -> None:
    """Close the dialog and say on the board what changed."""
    st.session_state[FLASH] = {"message": message, "warnings": answer.get("warnings", [])}
    st.rerun()


def _proposed_on(item: dict[str, Any]) -> date:
    return date.fromisoformat(str(item["created_at"])[:10])


def _move(item: dict[str, Any], status: str) -> None:
    """Accept or start support, setting (or keeping) its follow-up date, with an optional note."""
    _header(item)
    number = item["id"]
    today = date.today()
    current = date.fromisoformat(item["follow_up_on"]) if item["follow_up_on"] else None
    latest = today + timedelta(days=MAX_FOLLOW_UP_DAYS)
    earliest = min(_proposed_on(item), today)
    default = min(max(current or today + timedelta(days=DEFAULT_FOLLOW_UP_DAYS), earliest), latest)
    with st.form(f"move_{status}_{number}", border=False):
        follow_up = st.date_input(
            t("mentor.form.follow_up"),
            value=default,
            min_value=earliest,
            max_value=latest,
            format=DATE_FORMAT,
            help=t("mentor.form.follow_up_help"),
        )
        remark = st.text_area(t("mentor.form.note"), max_chars=TEXT_CHARS, help=t("mentor.form.text_help"))
        action = "accept" if status == "accepted" else "start"
        submitted = st.form_submit_button(t(f"mentor.action.{action}"), type="primary")
    if not submitted:
        return
    body: dict[str, Any] = {"status": status, "note": remark.strip() or None}
    if follow_up != current:
        body["follow_up_on"] = follow_up.isoformat()
    answer = attempt(lambda: post(f"/interventions/{number}/status", body, {"lang": language()}))
    if answer is not None:
        _done(t(f"mentor.done.{status}", pupil=item["pupil_name"]), answer)


def _decline(item: dict[str, Any]) -> None:
    """Decline support; the reason is required, because the person who proposed it reads it."""
    _header(item)
    number = item["id"]
    with st.form(f"decline_{number}", border=False):
        reason = st.text_area(
            t("common.reason"), max_chars=REASON_CHARS, help=t("mentor.decline.reason_help")
        )
        submitted = st.form_submit_button(t("mentor.action.decline"), type="primary")
    if not submitted:
        return
    if not reason.strip():
        st.warning(t("mentor.decline.reason_required"))
        return
    body = {"status": "declined", "reason": reason.strip()}
    answer = attempt(lambda: post(f"/interventions/{number}/status", body, {"lang": language()}))
    if answer is not None:
        _done(t("mentor.done.declined", pupil=item["pupil_name"]), answer)


def _note(item: dict[str, Any]) -> None:
    """A progress note: kept in the history, the stage unchanged."""
    _header(item)
    number = item["id"]
    with st.form(f"note_{number}", border=False):
        text = st.text_area(t("mentor.note.text"), max_chars=TEXT_CHARS, help=t("mentor.form.text_help"))
        submitted = st.form_submit_button(t("common.save"), type="primary")
    if not submitted:
        return
    if not text.strip():
        st.warning(t("mentor.note.required"))
        return
    answer = attempt(
        lambda: post(f"/interventions/{number}/notes", {"text": text.strip()}, {"lang": language()})
    )
    if answer is not None:
        _done(t("mentor.done.note", pupil=item["pupil_name"]), answer)


def _outcome(item: dict[str, Any]) -> None:
    """Complete support with what came of it, on the day it ended."""
    _header(item)
    number = item["id"]
    today = date.today()
    with st.form(f"outcome_{number}", border=False):
        text = st.text_area(t("mentor.outcome.text"), max_chars=TEXT_CHARS, help=t("mentor.outcome.help"))
        ended = st.date_input(
            t("mentor.outcome.on"),
            value=today,
            min_value=min(_proposed_on(item), today),
            max_value=today,
            format=DATE_FORMAT,
        )
        submitted = st.form_submit_button(t("mentor.action.outcome"), type="primary")
    if not submitted:
        return
    if not text.strip():
        st.warning(t("mentor.outcome.required"))
        return
    body = {"outcome": text.strip(), "completed_on": ended.isoformat()}
    answer = attempt(lambda: post(f"/interventions/{number}/outcome", body, {"lang": language()}))
    if answer is not None:
        _done(t("mentor.done.completed", pupil=item["pupil_name"]), answer)


def _history(item: dict[str, Any]) -> None:
    """Every move of the card, oldest first, with the notes written on the way."""
    _header(item)
    detail = attempt(lambda: get(f"/interventions/{item['id']}"))
    if detail is None:
        return
    if detail["rationale"]:
        st.markdown(f"**{t('mentor.history.rationale')}**")
        st.text(detail["rationale"])
    for entry in detail["history"]:
        with st.container(border=True):
            st.markdown(_history_line(entry))
            if entry["note"]:
                st.text(entry["note"])
    if detail["outcome"]:
        st.markdown(t("mentor.card.outcome", text=detail["outcome"]))


def _history_line(entry: dict[str, Any]) -> str:
    on = shown(entry["on"])
    before, after = entry["from_status"], entry["to_status"]
    if before is None:
        return t("mentor.history.proposed", on=on)
    if before == after:
        return t("mentor.history.note", on=on, status=t(f"status.{after}"))
    return t("mentor.history.moved", on=on, before=t(f"status.{before}"), after=t(f"status.{after}"))
