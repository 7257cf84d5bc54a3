"""The data scientist pages of the console."""

from __future__ import annotations

import streamlit as st

from ui.session import t


def training_runs() -> None:
    st.title(t("ds.runs.nav"))


def compare_runs() -> None:
    st.title(t("ds.compare.nav"))


def retrain() -> None:
    st.title(t("ds.retrain.nav"))
