"""Pieces several pages share: pagination of long lists, empty states, tier labels and date inputs.

Each takes its words from the catalog, so a shared piece is translated once for every page.
"""

from __future__ import annotations

import streamlit as st

from ui.session import settings, t

TIER_COLOURS = {"high": "red", "medium": "orange", "low": "green"}


def page_offset(key: str, total: int, size: int | None = None) -> int:
    """Previous / next buttons for a list of `total` rows; the offset of the page to show now."""
    size = size or settings().page_size
    state = f"{key}_offset"
    kept: int = st.session_state.get(state, 0)
    offset = min(kept, max(total - 1, 0) // size * size)
    if total > size:
        left, middle, right = st.columns([1, 2, 1])
        if left.button(t("page.previous"), key=f"{key}_previous", disabled=offset == 0):
            offset = max(offset - size, 0)
        if right.button(t("page.next"), key=f"{key}_next", disabled=offset + size >= total):
            offset += size
        middle.caption(t("page.position", first=offset + 1, last=min(offset + size, total), total=total))
    st.session_state[state] = offset
    return offset


def empty_state(key: str = "common.none") -> None:
    """A calm sentence where a list would be, so an empty screen reads as 'nothing to do', not broken."""
    st.info(t(key), icon=":material/inbox:")


def tier_label(tier: str | None) -> str:
    """The tier in the user's words, coloured: ':red[high]'."""
    if not tier:
        return "–"
    return f":{TIER_COLOURS.get(tier, 'gray')}[{t(f'tier.{tier}')}]"


def confirm_after_rerun(message: str) -> None:
    """Remember `message` and rerun: the page redraws with the change made, then says what was done."""
    st.session_state["erta_confirmation"] = message
    st.rerun()


def show_confirmation() -> None:
    """The sentence a change on the previous run left behind, shown once."""
    message = st.session_state.pop("erta_confirmation", None)
    if message:
        # The box stays at the top of the page; the toast is seen wherever the user had scrolled to.
        st.success(message, icon=":material/check_circle:")
        st.toast(message, icon=":material/check_circle:")
