"""The data scientist's changes to the model: retrain in the background and follow it, promote a version
through its gates, roll the champion back.

A retraining job lives in the API's memory; its id is kept in this browser session and read afresh (never
from the cache) while it runs. Promotion and rollback each ask for a reason and a confirmation first,
because the API serves the new champion to every teacher at once.
"""

from __future__ import annotations

from typing import Any, Final

import streamlit as st

from ui.api import ApiError
from ui.pages.data_scientist_models import (
    failed_gate_names,
    gate_label,
    load_detail,
    load_versions,
    show_champion,
    show_gates,
    version_label,
)
from ui.session import attempt, client, get, post, show_error, t

JOB: Final = "ds_retrain_job"
FLASH: Final = "ds_flash"
ACTIVE: Final = ("queued", "running")
JOB_STATUSES: Final = ("queued", "running", "done", "failed")
POLL_SECONDS: Final = 1.0
MIN_REASON: Final = 3


def retrain() -> None:
    st.title(t("ds.retrain.nav"))
    _flash()
    versions = load_versions()
    if versions is None:
        return
    champion = show_champion(versions)
    job = _current_job()
    running = job is not None and job["status"] in ACTIVE
    st.subheader(t("ds.retrain.title"))
    st.caption(t("ds.retrain.intro"))
    if job is not None and running:
        _follow(job["job_id"])
    else:
        if job is not None:
            _job_outcome(job)
        _retrain_form()
    st.divider()
    st.subheader(t("ds.promote.title"))
    _promote_section(versions, running)
    st.divider()
    st.subheader(t("ds.rollback.title"))
    _rollback_section(champion, running)


def _flash() -> None:
    """The confirmation of a change made just before the page was redrawn."""
    said = st.session_state.pop(FLASH, None)
    if said is None:
        return
    change, version = said
    words = (
        t("ds.promote.done", version=version)
        if change == "promote"
        else t("ds.rollback.done", version=version)
    )
    st.success(words, icon=":material/check_circle:")
    st.toast(words)


def _current_job() -> dict[str, Any] | None:
    """This session's latest job, or one another session started that is still running."""
    job_id = st.session_state.get(JOB)
    if job_id is not None:
        try:
            job: dict[str, Any] = client().get(f"/models/jobs/{job_id}")
            return job
        except ApiError as error:
            if error.status != 404:  # a 404: the API restarted and forgot the job
                show_error(error)
                return None
            st.session_state.pop(JOB, None)
    jobs = attempt(lambda: client().get("/models/jobs")) or []
    return next((job for job in jobs if job["status"] in ACTIVE), None)


def _status_label(status: str) -> str:
    return t(f"ds.job.status.{status}") if status in JOB_STATUSES else status


def _follow(job_id: str) -> None:
    """A progress bar redrawn every second until the job ends; then the whole page is drawn again."""
    st.session_state[JOB] = job_id

    @st.fragment(run_every=POLL_SECONDS)
    def progress() -> None:
        job = attempt(lambda: client().get(f"/models/jobs/{job_id}"))
        if job is None:
            return
        label = t("ds.job.progress", status=_status_label(job["status"]), step=job["step"])
        with st.container(key="retrain_progress"):
            st.progress(float(job["progress"]), text=label)
            st.caption(t("ds.job.requested", by=job["requested_by"], at=job["created_at"][:19]))
        if job["status"] not in ACTIVE:
            st.cache_data.clear()  # the new version is in the registry now: every list must show it
            st.rerun()

    progress()


def _job_outcome(job: dict[str, Any]) -> None:
    """How the last job ended: its version, whether it became champion, the gates it failed."""
    with st.container(key="retrain_outcome"):
        if job["status"] == "failed":
            st.error(t("ds.job.failed"), icon=":material/error:")
            if job.get("error"):
                st.caption(t("error.details", detail=job["error"]))
            return
        st.success(t("ds.job.done", version=job["version"]), icon=":material/task_alt:")
        if job.get("promoted"):
            st.info(t("ds.job.promoted", version=job["version"]), icon=":material/verified:")
        else:
            gates = ", ".join(gate_label(name) for name in job.get("failed_gates", []))
            st.warning(t("ds.job.not_promoted", gates=gates or "–"), icon=":material/gpp_maybe:")


def _retrain_form() -> None:
    with st.form("retrain_form"):
        reason = st.text_input(t("common.reason"), placeholder=t("ds.retrain.reason_hint"), max_chars=200)
        trees = st.number_input(
            t("ds.retrain.trees"), min_value=10, max_value=600, value=None, step=10,
            placeholder=t("ds.retrain.trees_default"), help=t("ds.retrain.trees_help"),
        )  # fmt: skip
        started = st.form_submit_button(t("ds.retrain.start"), type="primary", icon=":material/play_arrow:")
    if not started:
        return
    if len(reason.strip()) < MIN_REASON:
        st.warning(t("ds.reason_short"))
        return
    body: dict[str, Any] = {"reason": reason.strip()}
    if trees is not None:
        body["trees"] = int(trees)
    job = attempt(lambda: post("/models/retrain", body))
    if job is not None:
        st.session_state[JOB] = job["job_id"]
        st.rerun()


def _promote_section(versions: list[dict[str, Any]], running: bool) -> None:
    candidates = [v for v in versions if not v.get("champion")]
    if not candidates:
        st.info(t("ds.promote.none"), icon=":material/info:")
        return
    labels = {v["version"]: version_label(v) for v in candidates}
    chosen = st.selectbox(
        t("ds.promote.version"), list(labels), format_func=labels.__getitem__, key="promote_version"
    )
    detail = load_detail(chosen)
    if detail is None:
        return
    show_gates(detail)
    if running:
        st.caption(t("ds.wait_for_job"))
    if st.button(
        t("ds.promote.button", version=chosen), type="primary", disabled=running, key="promote_button"
    ):
        st.dialog(t("ds.promote.confirm_title"))(_promotion_dialog)(detail)


def _promotion_dialog(detail: dict[str, Any]) -> None:
    version = detail["version"]["version"]
    passed = detail.get("gates_passed") is True
    st.write(t("ds.promote.confirm_text", version=version))
    if not passed:
        failed = ", ".join(failed_gate_names(detail)) or t("ds.gate_result.unchecked")
        st.warning(t("ds.promote.gates_failed", gates=failed), icon=":material/gpp_bad:")
    reason = st.text_input(t("common.reason"), max_chars=200, key="promote_reason")
    override = False if passed else st.checkbox(t("ds.promote.override"), key="promote_override")
    confirm, cancel = st.columns(2)
    if cancel.button(t("ds.cancel"), key="promote_cancel"):
        st.rerun()
    if not confirm.button(t("ds.promote.confirm"), type="primary", key="promote_confirm"):
        return
    if len(reason.strip()) < MIN_REASON:
        st.warning(t("ds.reason_short"))
        return
    body = {"reason": reason.strip(), "override_failed_gates": bool(override)}
    try:
        answer = post(f"/models/{version}/promote", body)
    except ApiError as error:
        if error.status == 409 and not passed and not override:
            st.error(t("ds.promote.refused_gates", version=version))
            st.caption(t("error.details", detail=error.detail))
        else:
            show_error(error)
        return
    st.session_state[FLASH] = ("promote", answer["champion"])
    st.rerun()


def rollback_target(history: list[dict[str, Any]]) -> str | None:
    """The version a rollback gives @champion back to, replaying the moves as the registry does: a
    promotion pushes its version, a rollback pops one."""
    stack: list[str] = []
    for move in reversed(history):  # the API answers newest first
        if move.get("action") == "rollback":
            if stack:
                stack.pop()
        elif not stack or stack[-1] != str(move["version"]):
            stack.append(str(move["version"]))
    return stack[-2] if len(stack) >= 2 else None


def _rollback_section(champion: dict[str, Any] | None, running: bool) -> None:
    history = attempt(lambda: get("/models/history"))
    if history is None:
        return
    target = rollback_target(history)
    if champion is None or target is None:
        st.info(t("ds.rollback.none"), icon=":material/info:")
        return
    st.write(t("ds.rollback.explain", current=champion["version"], previous=target))
    if running:
        st.caption(t("ds.wait_for_job"))
    if st.button(
        t("ds.rollback.button", version=target), disabled=running, key="rollback_button",
        icon=":material/undo:",
    ):  # fmt: skip
        st.dialog(t("ds.rollback.confirm_title"))(_rollback_dialog)(champion["version"], target)


def _rollback_dialog(current: str, previous: str) -> None:
    st.write(t("ds.rollback.confirm_text", current=current, previous=previous))
    reason = st.text_input(t("common.reason"), max_chars=200, key="rollback_reason")
    confirm, cancel = st.columns(2)
    if cancel.button(t("ds.cancel"), key="rollback_cancel"):
        st.rerun()
    if not confirm.button(t("ds.rollback.confirm"), type="primary", key="rollback_confirm"):
        return
    if len(reason.strip()) < MIN_REASON:
        st.warning(t("ds.reason_short"))
        return
    answer = attempt(lambda: post("/models/rollback", {"reason": reason.strip()}))
    if answer is not None:
        st.session_state[FLASH] = ("rollback", answer["champion"])
        st.rerun()
