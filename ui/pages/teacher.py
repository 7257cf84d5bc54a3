"""The teacher pages of the console."""

from __future__ import annotations

import streamlit as st

from ui.session import t


def flagged_pupils() -> None:
    st.title(t("teacher.flagged.nav"))


def pupil_page() -> None:
    st.title(t("teacher.pupil.nav"))
