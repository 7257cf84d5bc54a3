"""The alerts pages of the console."""

from __future__ import annotations

import streamlit as st

from ui.session import t


def alerts_inbox() -> None:
    st.title(t("alerts.nav"))
