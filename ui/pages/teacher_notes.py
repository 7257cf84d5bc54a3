"""A note about a pupil, checked by Erta's guardrail before it is saved.

"Check" shows what the guardrail flags without saving anything: wording that labels a child (with a
better way to say it) and personal data. Saving checks again: personal data is never saved, and wording
warnings are saved only once the teacher has read them and ticked the box.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui import i18n
from ui.session import attempt, client, language, post, t
from ui.widgets import confirm_after_rerun

VERSION = "note_version"


def note_box(pupil_id: str) -> None:
    st.subheader(t("teacher.note.title"))
    st.caption(t("teacher.note.intro"))
    # A saved note empties the box: new keys give fresh widgets.
    version = st.session_state.get(VERSION, 0)
    with st.form(f"note_form_{version}"):
        text = st.text_area(t("teacher.note.text"), max_chars=4000, key=f"note_text_{version}")
        written_in = st.selectbox(
            t("teacher.note.language"),
            i18n.LANGUAGES,
            index=i18n.LANGUAGES.index(language()),
            format_func=lambda code: i18n.LANGUAGE_NAMES[code],
            key=f"note_language_{version}",
        )
        confirm = st.checkbox(t("teacher.note.confirm"), key=f"note_confirm_{version}")
        buttons = st.container(horizontal=True)
        check = buttons.form_submit_button(t("teacher.note.check"), icon=":material/spellcheck:")
        save = buttons.form_submit_button(t("teacher.note.save"), type="primary", icon=":material/save:")
    if not (check or save):
        return
    if not text.strip():
        st.warning(t("teacher.note.empty"))
        return
    body = {"text": text, "language": written_in, "pupil_id": pupil_id}
    # A check changes nothing, so it goes past `post`, which would empty every cached read.
    checked = attempt(lambda: client().post("/interventions/notes/check", body))
    if checked is None:
        return
    _warnings(checked["warnings"])
    if check:
        if checked["ok"]:
            st.success(t("teacher.note.clean"), icon=":material/check_circle:")
        elif checked["savable"]:
            st.info(t("teacher.note.savable_with_confirm"))
        return
    _save(pupil_id, text, written_in, confirm, checked, version)


def _save(
    pupil_id: str, text: str, written_in: str, confirm: bool, checked: dict[str, Any], version: int
) -> None:
    if not checked["savable"]:
        st.error(t("teacher.note.blocked"), icon=":material/block:")
        return
    if checked["warnings"] and not confirm:
        st.warning(t("teacher.note.confirm_needed"))
        return
    body = {"pupil_id": pupil_id, "text": text, "confirm": confirm, "language": written_in}
    saved = attempt(lambda: post("/interventions/notes", body))
    if saved is None:
        return
    if not saved["saved"]:
        st.warning(t("teacher.note.confirm_needed"))
        return
    st.session_state[VERSION] = version + 1
    confirm_after_rerun(t("teacher.note.saved"))


def _warnings(warnings: list[dict[str, Any]]) -> None:
    """Each finding with its advice; the personal data itself is never repeated back."""
    wording = [w for w in warnings if w["kind"] == "wording"]
    personal = [w for w in warnings if w["kind"] == "personal_data"]
    if personal:
        lines = "\n".join(f"- {w['message']} {w['suggestion']}" for w in personal)
        st.error(
            f"**{t('teacher.note.personal_found', count=len(personal))}**\n\n{lines}",
            icon=":material/shield:",
        )
    if wording:
        lines = "\n".join(f"- **{w['text']}**: {w['message']} {w['suggestion']}" for w in wording)
        st.warning(
            f"**{t('teacher.note.wording_found', count=len(wording))}**\n\n{lines}",
            icon=":material/edit_note:",
        )
