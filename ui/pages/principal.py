"""The principal pages of the console."""

from __future__ import annotations

import streamlit as st

from ui.session import t


def school_report() -> None:
    st.title(t("principal.nav"))
