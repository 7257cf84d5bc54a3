"""The caseload board of a mentor or a psychologist: the support they own, one column per stage.

Each card is one pupil's support with the moves its stage allows (accept, decline, start, a progress note,
the outcome) and its history. The board lists only what the signed-in person owns (`mine=true`); the API
decides what that is and refuses a move the lifecycle does not allow.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import streamlit as st

from ui import i18n
from ui.pages import mentor_actions as actions
from ui.session import attempt, get, t
from ui.widgets import empty_state, page_offset

# The board's columns in the order support moves through them; declined support is folded away below.
COLUMNS: Final = ("proposed", "accepted", "in_progress", "completed")
DECLINED: Final = "declined"
OPEN: Final = frozenset({"proposed", "accepted", "in_progress"})
CARDS_PER_PAGE: Final = 10
RATIONALE_CHARS: Final = 220


def caseload_board() -> None:
    st.title(t("mentor.nav"))
    st.caption(t("mentor.intro"))
    actions.show_flash()
    with st.spinner(t("common.loading")):
        first = attempt(lambda: _page(None, 0, 1))
    if first is None:
        return
    counts: dict[str, int] = first["by_status"]
    if not sum(counts.values()):
        empty_state("mentor.empty")
        return
    for column, status in zip(st.columns(len(COLUMNS)), COLUMNS, strict=True):
        with column:
            _column(status, counts.get(status, 0))
    declined = counts.get(DECLINED, 0)
    if declined:
        with st.expander(
            t("mentor.declined", count=declined), icon=":material/block:", key="mentor_declined"
        ):
            _cards(DECLINED, declined, key="column_declined")


def _page(status: str | None, offset: int, limit: int) -> dict[str, Any] | None:
    params = {"status": status, "mine": "true", "limit": limit, "offset": offset}
    page: dict[str, Any] | None = get("/interventions", params)
    return page


def _column(status: str, count: int) -> None:
    st.subheader(t(f"mentor.column.{status}", count=count), anchor=False)
    if not count:
        st.caption(t("mentor.column_empty"))
        return
    _cards(status, count, key=f"column_{status}")


def _cards(status: str, count: int, *, key: str) -> None:
    """One page of the column's cards, newest first, with previous/next when there are more."""
    offset = page_offset(f"mentor_{status}", count, CARDS_PER_PAGE)
    page = attempt(lambda: _page(status, offset, CARDS_PER_PAGE))
    if page is None:
        return
    with st.container(key=key):
        for item in page["items"]:
            _card(item)


def _card(item: dict[str, Any]) -> None:
    number = item["id"]
    with st.container(border=True, key=f"card_{number}"):
        st.markdown(f"**{item['pupil_name']}** · {item['class_label']}")
        st.markdown(kind_title(item["kind"]) + (f" · {item['subject']}" if item["subject"] else ""))
        if item["status"] in OPEN:
            st.markdown(_follow_up(item))
        if item["rationale"]:
            st.caption(_shortened(item["rationale"]))
        if item["outcome"]:
            st.markdown(t("mentor.card.outcome", text=item["outcome"]))
        _buttons(item)


def kind_title(kind: str) -> str:
    """The kind of support in the user's words; a kind added to the catalog later shows by its code."""
    return t(f"kind.{kind}") if i18n.has(f"kind.{kind}") else kind


def _follow_up(item: dict[str, Any]) -> str:
    """The follow-up date of open support, in red with 'overdue' once it has passed."""
    day = item["follow_up_on"]
    if not day:
        return t("mentor.card.no_follow_up")
    line = t("mentor.card.follow_up", date=actions.shown(day))
    if date.fromisoformat(day) < date.today():
        return f":red[:material/schedule: {line} — {t('mentor.card.overdue')}]"
    return f":material/event: {line}"


def _shortened(text: str) -> str:
    return text if len(text) <= RATIONALE_CHARS else text[: RATIONALE_CHARS - 1].rstrip() + "…"


def _buttons(item: dict[str, Any]) -> None:
    """The moves the card's stage allows, a note while it is open, and its history."""
    number = item["id"]
    allowed = item["allowed_next"]
    with st.container(horizontal=True, gap="small"):
        if "accepted" in allowed and st.button(
            t("mentor.action.accept"), key=f"accept_{number}", icon=":material/check:", type="primary"
        ):
            actions.accept(item)
        if "in_progress" in allowed and st.button(
            t("mentor.action.start"), key=f"start_{number}", icon=":material/play_arrow:", type="primary"
        ):
            actions.start(item)
        if "completed" in allowed and st.button(
            t("mentor.action.outcome"), key=f"outcome_{number}", icon=":material/flag:", type="primary"
        ):
            actions.outcome(item)
        if item["status"] in OPEN and st.button(
            t("mentor.action.note"), key=f"note_{number}", icon=":material/edit_note:"
        ):
            actions.note(item)
        if "declined" in allowed and st.button(
            t("mentor.action.decline"), key=f"decline_{number}", icon=":material/close:"
        ):
            actions.decline(item)
        if st.button(t("mentor.action.history"), key=f"history_{number}", icon=":material/history:"):
            actions.history(item)
