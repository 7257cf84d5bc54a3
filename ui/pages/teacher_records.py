"""A pupil's records as charts: marks over time per subject, the attendance calendar, LMS activity.

Everything comes from one answer of `GET /pupils/{id}`; these functions only draw it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from ui.pages import teacher_charts
from ui.session import t

WATCHED_SUBJECTS = 3
ROW_HEIGHT = 35


def records_section(profile: dict[str, Any]) -> None:
    st.subheader(t("teacher.records.title"))
    st.caption(t("teacher.records.window", since=profile["since"], until=profile["until"]))
    marks, attendance, lms = st.tabs(
        [t("teacher.records.marks"), t("teacher.records.attendance"), t("teacher.records.lms")]
    )
    with marks:
        _marks(profile)
    with attendance:
        _attendance(profile)
    with lms:
        _lms(profile["lms_weeks"])


def _marks(profile: dict[str, Any]) -> None:
    marks = profile["marks"]
    if not marks:
        st.caption(t("teacher.records.no_marks"))
        return
    subjects = sorted({m["subject"] for m in marks if m["kind"] in teacher_charts.LESSON_KINDS})
    chosen = st.multiselect(
        t("teacher.records.subjects"),
        subjects,
        default=_subjects_to_watch(profile, subjects),
        key=f"marks_subjects_{profile['pupil']['pupil_id']}",
    )
    weekly = teacher_charts.weekly_marks(marks, chosen)
    if weekly.empty:
        st.caption(t("teacher.records.choose_subject"))
    else:
        words = {
            "axis": t("teacher.records.mean_mark"),
            "subject": t("teacher.records.subject"),
            "week": t("teacher.records.week"),
            "mean": t("teacher.records.mean_mark"),
            "count": t("teacher.records.count"),
        }
        st.container(key="marks_chart").altair_chart(teacher_charts.marks_chart(weekly, words))
        st.caption(t("teacher.records.marks_help"))
    quarters = teacher_charts.quarter_marks(marks)
    if not quarters.empty:
        st.markdown(f"**{t('teacher.records.quarters')}**")
        names = {"subject": t("teacher.records.subject"), teacher_charts.ANNUAL: t("teacher.records.annual")}
        quarters = quarters.rename(columns=names)
        height = ROW_HEIGHT * (len(quarters) + 1) + 3
        st.dataframe(quarters, hide_index=True, height=height, key="quarter_marks")


def _subjects_to_watch(profile: dict[str, Any], subjects: list[str]) -> list[str]:
    """The subjects the nightly run named as drivers, else those with the lowest recent marks."""
    risk = profile.get("risk") or {}
    named = [d["group"] for d in risk.get("drivers", []) if d["group"] in subjects]
    if named:
        return named[:WATCHED_SUBJECTS]
    recent = teacher_charts.weekly_marks(profile["marks"], subjects)
    if recent.empty:
        return subjects[:WATCHED_SUBJECTS]
    lowest = recent.sort_values("week").groupby("subject").tail(6).groupby("subject")["mean"].mean()
    return list(lowest.sort_values().index[:WATCHED_SUBJECTS])


def _attendance(profile: dict[str, Any]) -> None:
    records = profile["attendance"]
    mark_days = {str(m["date"]) for m in profile["marks"]}
    days = teacher_charts.school_days(records, mark_days, date.fromisoformat(str(profile["until"])))
    if days.empty:
        st.caption(t("teacher.records.no_attendance"))
        return
    counts = days["status"].value_counts()
    columns = st.columns(4)
    for column, status in zip(columns, ("absent_unexcused", "absent_excused", "lesson", "late"), strict=True):
        column.metric(t(f"teacher.attendance.{status}"), int(counts.get(status, 0)))
    statuses = {status: t(f"teacher.attendance.{status}") for status in teacher_charts.DAY_STATUSES}
    weekdays = [t(f"teacher.weekday.{day}") for day in range(6)]
    words = {
        "day": t("teacher.records.day"),
        "status": t("teacher.records.status"),
        "lessons": t("teacher.records.lessons_missed"),
    }
    st.container(key="attendance_chart").altair_chart(
        teacher_charts.attendance_chart(days, statuses, weekdays, words)
    )
    st.caption(t("teacher.records.attendance_help"))


def _lms(weeks: list[dict[str, Any]]) -> None:
    if not weeks:
        st.caption(t("teacher.records.no_lms"))
        return
    events = {event: t(f"teacher.lms.{event}") for event in teacher_charts.LMS_EVENTS}
    words = {
        "axis": t("teacher.records.events"),
        "week": t("teacher.records.week"),
        "event": t("teacher.records.event"),
        "count": t("teacher.records.count"),
    }
    st.container(key="lms_chart").altair_chart(teacher_charts.lms_chart(weeks, events, words))
    scores = [w["mean_test_score"] for w in weeks if w.get("mean_test_score") is not None]
    if scores:
        st.caption(t("teacher.records.lms_tests", mean=f"{sum(scores) / len(scores):.0f}", weeks=len(scores)))
