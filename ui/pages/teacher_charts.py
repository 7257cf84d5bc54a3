"""The pupil page's charts, built from the API's answers: drivers as a waterfall, marks over time, the
attendance calendar and LMS activity per week.

Plain functions from data (and the words to label it with) to an altair chart, with no Streamlit in them,
so each can be built and checked without a browser. Dates on axes are numeric (`25.05`): Vega's month
names would be English whatever the user's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

import altair as alt
import pandas as pd

LESSON_KINDS: Final = ("daily", "test")
# Attendance statuses from worst to best: a day with several records shows the worst of them.
DAY_STATUSES: Final = ("absent_unexcused", "absent_excused", "lesson", "late", "present", "none")
DAY_COLOURS: Final = ("#c62828", "#64b5f6", "#ff8a65", "#ffca28", "#66bb6a", "#eeeeee")
LMS_EVENTS: Final = ("login", "view", "submit", "submit_late", "missed", "test")
LMS_COLOURS: Final = ("#90caf9", "#b0bec5", "#66bb6a", "#ffca28", "#e53935", "#7e57c2")
RAISES, LOWERS, TOTAL = "raises", "lowers", "total"
DAY_FORMAT: Final = "%d.%m"
ANNUAL: Final = "annual"


def waterfall(
    drivers: Sequence[Mapping[str, Any]], labels: Sequence[str], words: Mapping[str, str]
) -> alt.LayerChart:
    """Each driver's SHAP contribution as a bar starting where the previous one ended, then their sum.

    `words` names the directions (raises, lowers, total), the sum's label and the axis; bars that raise
    the risk are red, those lowering it green.
    """
    rows, start = [], 0.0
    for driver, label in zip(drivers, labels, strict=True):
        contribution = float(driver["contribution"])
        direction = RAISES if contribution > 0 else LOWERS
        rows.append(_bar(label, start, start + contribution, words[direction], driver["text"]))
        start += contribution
    rows.append(_bar(words["sum"], 0.0, start, words[TOTAL], words["sum"]))
    frame = pd.DataFrame(rows)
    scale = alt.Scale(
        domain=[words[RAISES], words[LOWERS], words[TOTAL]], range=["#d32f2f", "#388e3c", "#757575"]
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(height=22)
        .encode(
            y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=280)),
            x=alt.X("start:Q", title=words["axis"]),
            x2="end:Q",
            color=alt.Color("direction:N", scale=scale, legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[alt.Tooltip("text:N", title=words["driver"]), alt.Tooltip("change:Q", format="+.2f")],
        )
    )
    zero = alt.Chart(pd.DataFrame({"x": [0.0]})).mark_rule(color="#9e9e9e").encode(x="x:Q")
    # Streamlit fits the whole chart, axis and legend included, into the height given.
    chart: alt.LayerChart = (bars + zero).properties(height=34 * len(rows) + 110)
    return chart


def _bar(label: str, start: float, end: float, direction: str, text: str) -> dict[str, Any]:
    return {
        "label": label,
        "start": start,
        "end": end,
        "change": end - start,
        "direction": direction,
        "text": text,
    }


def weekly_marks(marks: Sequence[Mapping[str, Any]], subjects: Sequence[str]) -> pd.DataFrame:
    """The mean daily and test mark per subject and week (weeks start on Monday), for `subjects`."""
    frame = pd.DataFrame(list(marks), columns=["date", "subject", "kind", "mark"])
    frame = frame[frame["kind"].isin(LESSON_KINDS) & frame["subject"].isin(subjects)].copy()
    if frame.empty:
        return pd.DataFrame(columns=["subject", "week", "mean", "count"])
    days = pd.to_datetime(frame["date"])
    frame["week"] = days - pd.to_timedelta(days.dt.weekday, unit="D")
    weekly = frame.groupby(["subject", "week"])["mark"].agg(["mean", "count"]).reset_index()
    return weekly


def marks_chart(weekly: pd.DataFrame, words: Mapping[str, str]) -> alt.LayerChart:
    """Weekly mean marks per subject on the 1–5 scale, with the line at 3 (the lowest pass mark)."""
    base = alt.Chart(weekly).encode(
        x=alt.X("week:T", title=None, axis=alt.Axis(format=DAY_FORMAT)),
        y=alt.Y("mean:Q", title=words["axis"], scale=alt.Scale(domain=[1, 5])),
        color=alt.Color(
            "subject:N",
            title=words["subject"],
            scale=alt.Scale(scheme="tableau10"),
            legend=alt.Legend(orient="bottom"),
        ),
        tooltip=[
            alt.Tooltip("subject:N", title=words["subject"]),
            alt.Tooltip("week:T", title=words["week"], format="%d.%m.%Y"),
            alt.Tooltip("mean:Q", title=words["mean"], format=".1f"),
            alt.Tooltip("count:Q", title=words["count"]),
        ],
    )
    lines = base.mark_line(point=True)
    pass_line = (
        alt.Chart(pd.DataFrame({"y": [3]})).mark_rule(strokeDash=[4, 4], color="#9e9e9e").encode(y="y:Q")
    )
    chart: alt.LayerChart = (lines + pass_line).properties(height=400)
    return chart


def quarter_marks(marks: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Quarter marks as a table, one row per subject and one column per day they were given (`dd.mm.yyyy`),
    then the annual mark in the column `ANNUAL` (often given on the same day as the last quarter's)."""
    frame = pd.DataFrame(list(marks), columns=["date", "subject", "kind", "mark"])
    frame = frame[frame["kind"].isin(("quarter", "annual"))].sort_values("date")
    if frame.empty:
        return pd.DataFrame()
    days = frame["date"].map(lambda day: date.fromisoformat(str(day)).strftime("%d.%m.%Y"))
    frame = frame.assign(column=days.where(frame["kind"] == "quarter", ANNUAL))
    table = frame.pivot_table(index="subject", columns="column", values="mark", aggfunc="last", sort=False)
    order = [c for c in dict.fromkeys(frame["column"]) if c != ANNUAL] + ([ANNUAL] if ANNUAL in table else [])
    table = table[order]
    table.columns.name = None
    return table.reset_index()


def school_days(attendance: Sequence[Mapping[str, Any]], mark_days: set[str], until: date) -> pd.DataFrame:
    """One row per Monday-to-Saturday day from the first record to `until`, with the day's status.

    Only missed and late days and lessons are recorded; a day with a mark counts as present, and a day
    with neither is "none" (a holiday, or simply nothing recorded).
    """
    whole: dict[str, list[str]] = {}
    lessons: dict[str, list[str]] = {}
    for record in attendance:
        target = whole if not record.get("subject") else lessons
        target.setdefault(str(record["date"]), []).append(record["status"])
    known = sorted(mark_days | set(whole) | set(lessons))
    if not known:
        return pd.DataFrame(columns=["day", "week", "weekday", "status", "lessons"])
    rows = []
    day = date.fromisoformat(known[0])
    while day <= until:
        if day.weekday() < 6:
            key = day.isoformat()
            status = _day_status(whole.get(key, []), lessons.get(key, []), key in mark_days)
            week = day - timedelta(days=day.weekday())
            missed = sum(1 for s in lessons.get(key, []) if s.startswith("absent"))
            rows.append(
                {
                    "day": key,
                    "week": week.isoformat(),
                    "weekday": day.weekday(),
                    "status": status,
                    "lessons": missed,
                }
            )
        day += timedelta(days=1)
    return pd.DataFrame(rows)


def _day_status(whole: list[str], lessons: list[str], marked: bool) -> str:
    if whole:
        return min(whole, key=DAY_STATUSES.index)
    if any(status.startswith("absent") for status in lessons):
        return "lesson"
    if lessons:
        return "late"
    return "present" if marked else "none"


def attendance_chart(
    days: pd.DataFrame, statuses: Mapping[str, str], weekdays: Sequence[str], words: Mapping[str, str]
) -> alt.Chart:
    """The school year as a calendar: weeks across, weekdays down, each day coloured by its status."""
    frame = days.assign(
        label=days["status"].map(statuses), weekday_name=days["weekday"].map(lambda d: weekdays[d])
    )
    scale = alt.Scale(domain=[statuses[s] for s in DAY_STATUSES], range=list(DAY_COLOURS))
    chart: alt.Chart = (
        alt.Chart(frame)
        .mark_rect(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("week:O", title=None, axis=alt.Axis(labelExpr=_day_month_expr(), labelAngle=-60)),
            y=alt.Y("weekday_name:O", title=None, sort=list(weekdays)),
            color=alt.Color("label:N", scale=scale, title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("day:N", title=words["day"]),
                alt.Tooltip("label:N", title=words["status"]),
                alt.Tooltip("lessons:Q", title=words["lessons"]),
            ],
        )
        .properties(height=290)
    )
    return chart


def _day_month_expr() -> str:
    # Week keys are ISO days ("2026-05-18"); the axis shows them as "18.05".
    return "substring(datum.value, 8, 10) + '.' + substring(datum.value, 5, 7)"


def lms_chart(
    weeks: Sequence[Mapping[str, Any]], events: Mapping[str, str], words: Mapping[str, str]
) -> alt.Chart:
    """LMS events per week, stacked by kind: logins, views, work handed in (late) or missed, tests."""
    frame = pd.DataFrame(list(weeks), columns=["week", *LMS_EVENTS])
    frame["week"] = pd.to_datetime(frame["week"])
    # Weeks without any activity are not listed; they are shown, empty, since silence is what matters.
    every_week = pd.date_range(frame["week"].min(), frame["week"].max(), freq="7D")
    frame = frame.set_index("week").reindex(every_week, fill_value=0).rename_axis("week").reset_index()
    long = frame.melt(id_vars=["week"], value_vars=list(LMS_EVENTS), var_name="event", value_name="count")
    long["rank"] = long["event"].map(LMS_EVENTS.index)
    long["event"] = long["event"].map(events)
    scale = alt.Scale(domain=[events[e] for e in LMS_EVENTS], range=list(LMS_COLOURS))
    chart: alt.Chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("yearmonthdate(week):O", title=None, axis=alt.Axis(format=DAY_FORMAT, labelAngle=-60)),
            y=alt.Y("sum(count):Q", title=words["axis"]),
            color=alt.Color("event:N", scale=scale, title=None, legend=alt.Legend(orient="bottom")),
            order=alt.Order("rank:Q"),
            tooltip=[
                alt.Tooltip("week:T", title=words["week"], format="%d.%m.%Y"),
                alt.Tooltip("event:N", title=words["event"]),
                alt.Tooltip("count:Q", title=words["count"]),
            ],
        )
        .properties(height=380)
    )
    return chart
