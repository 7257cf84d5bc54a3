"""One pupil's page, for class teachers, subject teachers, mentors and psychologists: who the pupil is, why
Erta flagged them, the support recommended and on file, their records as charts, and a checked note.

The pupil comes from the flagged list (or an alert), kept in the address as `?pupil=…`, or is picked
here from the pupils the user may read. The API decides who that is; this page never widens it.
"""

from __future__ import annotations

from typing import Any, Final

import streamlit as st

from ui.pages.teacher_explain import explanation_section
from ui.pages.teacher_notes import note_box
from ui.pages.teacher_records import records_section
from ui.pages.teacher_support import support_section
from ui.session import attempt, get, language, t
from ui.widgets import empty_state, show_confirmation

CHOSEN: Final = "teacher_pupil"
PICK_LIMIT: Final = 200


def choose(pupil_id: str) -> None:
    st.session_state[CHOSEN] = pupil_id


def chosen() -> str | None:
    """The pupil asked for in the address, else the one chosen last in this session."""
    asked = st.query_params.get("pupil")
    if asked:
        choose(asked)
    pupil: str | None = st.session_state.get(CHOSEN)
    return pupil


def pupil_page() -> None:
    st.title(t("teacher.pupil.title"))
    show_confirmation()
    pupil_id = _picker(chosen())
    if pupil_id is None:
        empty_state("teacher.pupil.none")
        return
    with st.spinner(t("common.loading")):
        profile = attempt(lambda: get(f"/pupils/{pupil_id}", {"lang": language()}))
    if profile is None:
        return
    _header(profile)
    if profile["pupil"]["consent"] == "revoked":
        st.warning(t("teacher.pupil.consent_revoked"), icon=":material/block:")
    else:
        explanation = _explanation(pupil_id, profile.get("risk"))
        if explanation is not None:
            explanation_section(explanation)
            support_section(pupil_id, explanation)
    records_section(profile)
    note_box(pupil_id)


def _picker(current: str | None) -> str | None:
    """Search and choose among the pupils the user may read; the choice goes into the address."""
    search_column, choice_column = st.columns([1, 2])
    search = search_column.text_input(t("teacher.pupil.search"), key="pupil_search")
    found = attempt(lambda: get("/pupils", {"search": search.strip(), "limit": PICK_LIMIT}))
    if found is None:
        return current
    names = {p["pupil_id"]: f"{p['full_name']} ({p['class_label']})" for p in found["items"]}
    if current is not None and current not in names:
        names = {current: _name_of(current)} | names
    options = list(names)
    picked = choice_column.selectbox(
        t("teacher.pupil.choose"),
        options,
        index=options.index(current) if current in names else None,
        format_func=names.__getitem__,
        placeholder=t("teacher.pupil.placeholder"),
    )
    if found["total"] > PICK_LIMIT:
        choice_column.caption(t("teacher.pupil.narrow", shown=PICK_LIMIT, total=found["total"]))
    if picked is not None and picked != current:
        choose(picked)
        st.query_params["pupil"] = picked
    return picked


def _name_of(pupil_id: str) -> str:
    """The label of a pupil opened from elsewhere who is not among the pupils listed by the search."""
    found = attempt(lambda: get("/pupils", {"search": pupil_id, "limit": 1}))
    items = found["items"] if found else []
    return f"{items[0]['full_name']} ({items[0]['class_label']})" if items else pupil_id


def _header(profile: dict[str, Any]) -> None:
    pupil, risk = profile["pupil"], profile.get("risk")
    st.header(pupil["full_name"], anchor=False)
    st.caption(
        t(
            "teacher.pupil.card",
            class_label=pupil["class_label"],
            grade=pupil["grade_level"],
            pupil_id=pupil["pupil_id"],
        )
    )
    if risk is None:
        st.info(t("teacher.pupil.not_scored"), icon=":material/info:")


def _explanation(pupil_id: str, risk: dict[str, Any] | None) -> dict[str, Any] | None:
    """The explanation of the nightly run's score (its day), or of today when the pupil was never scored."""
    params = {"lang": language(), "as_of": risk["as_of"] if risk else None}
    with st.spinner(t("teacher.pupil.explaining")):
        explanation: dict[str, Any] | None = attempt(lambda: get(f"/pupils/{pupil_id}/explanation", params))
    return explanation
