"""The auditor pages of the console."""

from __future__ import annotations

import streamlit as st

from ui.session import t


def access_log() -> None:
    st.title(t("auditor.log.nav"))


def privacy_and_fairness() -> None:
    st.title(t("auditor.privacy.nav"))


def promotion_history() -> None:
    st.title(t("auditor.history.nav"))
