"""Support for a pupil: Erta's recommendations, each proposed or dismissed by the teacher, and what is
already on file.

Erta recommends; people decide. Proposing records the teacher's proposal (`POST /interventions`).
The API has no "dismiss": dismissing records the proposal and declines it at once with the teacher's
reason (`POST /interventions/{id}/status`), so the decision is kept with its reviewer like any other.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Final, Literal

import pandas as pd
import streamlit as st

from ui import i18n
from ui.session import attempt, get, language, post, roles, t
from ui.widgets import confirm_after_rerun

OPEN: Final = ("proposed", "accepted", "in_progress")
DECLINED: Final = "declined"
# The colours st.badge accepts.
BadgeColour = Literal["red", "orange", "yellow", "blue", "green", "violet", "gray", "grey", "primary"]
STATUS_COLOURS: Final[dict[str, BadgeColour]] = {
    "proposed": "blue",
    "accepted": "violet",
    "in_progress": "orange",
    "completed": "green",
    "declined": "gray",
}


def support_section(pupil_id: str, explanation: dict[str, Any]) -> None:
    st.subheader(t("teacher.support.title"))
    st.caption(t("teacher.support.intro"))
    found = attempt(lambda: get("/interventions", {"pupil_id": pupil_id, "limit": 200}))
    on_file = found["items"] if found else []
    recommendations = explanation["recommendations"]
    if not recommendations:
        st.caption(t("teacher.support.no_recommendations"))
    for index, recommendation in enumerate(recommendations):
        _recommendation(
            index, pupil_id, recommendation, explanation["as_of"], _match(recommendation, on_file)
        )
    _on_file(on_file)


def kind_title(kind: str, subject: str | None) -> str:
    title = t(f"kind.{kind}") if i18n.has(f"kind.{kind}") else kind
    return f"{title} — {subject}" if subject else title


def _match(recommendation: dict[str, Any], on_file: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The newest support on file of the recommendation's kind and subject (the list is newest first)."""
    subject = recommendation["subject"] or ""
    return next((i for i in on_file if i["kind"] == recommendation["kind"] and i["subject"] == subject), None)


def _recommendation(
    index: int, pupil_id: str, recommendation: dict[str, Any], as_of: str, match: dict[str, Any] | None
) -> None:
    title = kind_title(recommendation["kind"], recommendation["subject"])
    follow_up = _follow_up(recommendation, as_of)
    with st.container(border=True, key=f"rec_{index}"):
        st.markdown(f"**{title}**")
        st.write(recommendation["rationale"])
        owner = _role(recommendation["owner_role"])
        st.caption(t("teacher.support.owner", owner=owner, day=follow_up.strftime("%d.%m.%Y")))
        if match is not None:
            _on_file_badge(match)
        is_open = match is not None and match["status"] in OPEN
        buttons = st.container(horizontal=True)
        if buttons.button(
            t("teacher.support.propose"), key=f"propose_{index}", type="primary", disabled=is_open
        ):
            _propose(pupil_id, recommendation, follow_up, title)
        # Declining is the owner's or the class teacher's; anyone else would leave a proposal behind.
        if "class_teacher" in roles():
            can_decline = match is None or not is_open or DECLINED in match["allowed_next"]
            if buttons.button(t("teacher.support.dismiss"), key=f"dismiss_{index}", disabled=not can_decline):
                dialog = st.dialog(t("teacher.support.dismiss_title", title=title))(_dismiss_form)
                dialog(index, pupil_id, recommendation, follow_up, title, match if is_open else None)


def _follow_up(recommendation: dict[str, Any], as_of: str) -> date:
    """The recommended follow-up day; when it has passed already (an old run), as long again from today."""
    recommended = date.fromisoformat(recommendation["follow_up_on"])
    today = date.today()
    return recommended if recommended >= today else today + (recommended - date.fromisoformat(as_of))


def _role(role: str) -> str:
    return t(f"role.{role}") if i18n.has(f"role.{role}") else role


def _on_file_badge(match: dict[str, Any]) -> None:
    status = match["status"]
    st.badge(
        t("teacher.support.on_file", status=t(f"status.{status}")), color=STATUS_COLOURS.get(status, "gray")
    )
    if status == DECLINED:
        reason = _declined_reason(match["id"])
        if reason:
            st.caption(t("teacher.support.declined_because", reason=reason))


def _declined_reason(intervention_id: int) -> str | None:
    detail = attempt(lambda: get(f"/interventions/{intervention_id}"))
    if detail is None:
        return None
    declines = [entry for entry in detail["history"] if entry["to_status"] == DECLINED]
    return declines[-1]["note"] if declines else None


def _body(pupil_id: str, recommendation: dict[str, Any], follow_up: date) -> dict[str, Any]:
    return {
        "pupil_id": pupil_id,
        "kind": recommendation["kind"],
        "subject": recommendation["subject"] or "",
        "rationale": recommendation["rationale"],
        "follow_up_on": follow_up.isoformat(),
    }


def _propose(pupil_id: str, recommendation: dict[str, Any], follow_up: date, title: str) -> None:
    body = _body(pupil_id, recommendation, follow_up)
    created = attempt(lambda: post("/interventions", body, {"lang": language()}))
    if created is not None:
        confirm_after_rerun(t("teacher.support.proposed", title=title))


def _dismiss_form(
    index: int,
    pupil_id: str,
    recommendation: dict[str, Any],
    follow_up: date,
    title: str,
    open_match: dict[str, Any] | None,
) -> None:
    """The dialog's content: the reason, then the decision recorded (the rerun closes the dialog)."""
    with st.form(f"dismiss_form_{index}", border=False):
        reason = st.text_input(
            t("teacher.support.dismiss_reason"), max_chars=500, key=f"dismiss_reason_{index}"
        )
        submitted = st.form_submit_button(t("teacher.support.dismiss_confirm"))
    if not submitted:
        return
    if len(reason.strip()) < 3:
        st.warning(t("teacher.support.dismiss_needs_reason"))
        return
    if open_match is not None:
        intervention_id = open_match["id"]
    else:
        body = _body(pupil_id, recommendation, follow_up)
        created = attempt(lambda: post("/interventions", body, {"lang": language()}))
        if created is None:
            return
        intervention_id = created["id"]
    change = {"status": DECLINED, "reason": reason.strip()}
    declined = attempt(lambda: post(f"/interventions/{intervention_id}/status", change, {"lang": language()}))
    if declined is None:
        st.warning(t("teacher.support.dismiss_left_open"))
        return
    confirm_after_rerun(t("teacher.support.dismissed", title=title))


def _on_file(on_file: list[dict[str, Any]]) -> None:
    st.markdown(f"**{t('teacher.support.on_file_title')}**")
    if not on_file:
        st.caption(t("teacher.support.none_on_file"))
        return
    rows = pd.DataFrame(
        {
            "kind": [kind_title(i["kind"], i["subject"]) for i in on_file],
            "status": [t(f"status.{i['status']}") for i in on_file],
            "follow_up": [i["follow_up_on"] for i in on_file],
            "updated": [str(i["updated_at"])[:10] for i in on_file],
        }
    )
    st.dataframe(
        rows,
        hide_index=True,
        key="support_on_file",
        column_config={
            "kind": st.column_config.TextColumn(t("teacher.support.col.kind"), width="large"),
            "status": st.column_config.TextColumn(t("teacher.support.col.status")),
            "follow_up": st.column_config.TextColumn(t("teacher.support.col.follow_up")),
            "updated": st.column_config.TextColumn(t("teacher.support.col.updated")),
        },
    )
