"""The mentor pages of the console."""

from __future__ import annotations

import streamlit as st

from ui.session import t


def caseload_board() -> None:
    st.title(t("mentor.nav"))
