"""The principal's school report: which class or subject is slipping this quarter, and what to arrange.

Everything comes from GET /reports/monitoring for the principal's own school: aggregates only, and every
group of fewer pupils than the API's minimum arrives suppressed (its numbers null), which the page shows as
hidden rather than as zero. The same report downloads as PDF or CSV in the user's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any, Final

import streamlit as st

from ui.pages import principal_charts as charts
from ui.pages import principal_support
from ui.pages.mentor_actions import shown
from ui.session import attempt, client, get, language, me, t

REPORT: Final = "/reports/monitoring"
QUARTERS_OFFERED: Final = 4  # the latest quarter with marks and the three before it: one school year
QUARTER_KEPT: Final = "principal_quarter_code"


def school_report() -> None:
    st.title(t("principal.nav"))
    school = me().get("school_id")
    if not school:
        st.warning(t("principal.no_school"))
        return
    with st.spinner(t("common.loading")):
        latest = attempt(lambda: _report(school, None))
    if latest is None:
        return
    quarter = _quarter_picker(latest["quarter"])
    report = latest
    if quarter != latest["quarter"]:
        with st.spinner(t("common.loading")):
            chosen = attempt(lambda: _report(school, quarter))
        if chosen is None:
            return
        report = chosen
    _heading(report)
    _downloads(school, report["quarter"])
    _summary(report)
    _marks(report)
    _recommendations(report["recommendations"])
    _habits(report)
    _flagged(report)
    principal_support.did_support_help()


def _report(school: str, quarter: str | None) -> dict[str, Any]:
    params = {"school_id": school, "quarter": quarter, "lang": language(), "format": "json"}
    report: dict[str, Any] = get(REPORT, params)
    return report


def quarter_codes(latest: str, count: int = QUARTERS_OFFERED) -> list[str]:
    """`latest` and the quarters before it, newest first: 2025-Q2, 2025-Q1, 2024-Q4, …"""
    year, number = int(latest[:4]), int(latest[-1])
    codes = []
    for _ in range(count):
        codes.append(f"{year}-Q{number}")
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    return codes


def quarter_name(code: str) -> str:
    year, number = int(code[:4]), int(code[-1])
    return t("principal.quarter", start=year, end=year + 1, number=number)


def _quarter_picker(latest: str) -> str:
    """The quarter to show, kept across language switches: the widget's key names the language, because a
    selectbox keeps showing its options' old words when only their labels change."""
    codes = quarter_codes(latest)
    kept = st.session_state.get(QUARTER_KEPT, latest)
    chosen: str = st.selectbox(
        t("principal.quarter_picker"),
        codes,
        index=codes.index(kept) if kept in codes else 0,
        format_func=quarter_name,
        key=f"principal_quarter_{language()}",
    )
    st.session_state[QUARTER_KEPT] = chosen
    return chosen


def _heading(report: dict[str, Any]) -> None:
    st.subheader(report["school_name"])
    st.caption(
        t(
            "principal.intro",
            quarter=quarter_name(report["quarter"]),
            previous=quarter_name(report["previous_quarter"]),
            through=shown(report["through"]),
            min=report["min_group"],
        )
    )


def _downloads(school: str, quarter: str) -> None:
    """PDF and CSV of the report on the screen, made only when the principal asks for them."""
    api = client()
    params = {"school_id": school, "quarter": quarter, "lang": language()}
    with st.container(horizontal=True, gap="small"):
        for kind, mime, icon in (
            ("pdf", "application/pdf", ":material/picture_as_pdf:"),
            ("csv", "text/csv", ":material/table_view:"),
        ):
            st.download_button(
                t(f"principal.download.{kind}"),
                # Fetched on click, outside the page's run: the client is captured, not looked up then.
                data=partial(api.download, REPORT, params | {"format": kind}),
                file_name=f"monitoring-{school}-{quarter}.{kind}",
                mime=mime,
                icon=icon,
                on_click="ignore",
                key=f"principal_download_{kind}",
            )


def _visible(rows: Sequence[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [row for row in rows or [] if not row.get("suppressed")]


def _hidden_classes(rows: Sequence[dict[str, Any]] | None) -> list[str]:
    return [str(row["class"]) for row in rows or [] if row.get("suppressed")]


def _summary(report: dict[str, Any]) -> None:
    """Three numbers first: slipping pairs, pupils flagged, attendance against last quarter."""
    slipping = sum(1 for row in report["marks"] if row.get("slipping"))
    flagged = report["flagged"]
    attended = [r for r in _visible(report["attendance"]) if r["rate_now"] is not None]
    left, middle, right = st.columns(3)
    left.metric(t("principal.metric.slipping"), slipping, border=True)
    middle.metric(
        t("principal.metric.flagged"),
        sum(row["flagged"] for row in _visible(flagged)) if flagged is not None else "–",
        border=True,
    )
    if not attended:
        right.metric(t("principal.metric.attendance"), "–", border=True)
        return
    pupils = sum(row["pupils"] for row in attended)
    now = sum(row["rate_now"] * row["pupils"] for row in attended) / pupils
    before_rows = [row for row in attended if row["rate_before"] is not None]
    before_pupils = sum(row["pupils"] for row in before_rows)
    before = (
        sum(r["rate_before"] * r["pupils"] for r in before_rows) / before_pupils if before_pupils else None
    )
    delta = (
        t("principal.metric.points", points=f"{(now - before) * 100:+.1f}") if before is not None else None
    )
    right.metric(t("principal.metric.attendance"), f"{now:.1%}", delta, border=True)


def _words() -> dict[str, str]:
    """Every label the charts show, in the user's language."""
    keys: tuple[str, ...] = ("class", "subject", "before", "now", "change", "pupils", "state", "period")
    keys += ("tier", "hidden", "no_marks", "slipping", "steady", "high", "medium", "flagged", "scored")
    words = {key: t(f"principal.field.{key}") for key in keys}
    return words | {"hidden_cell": t("principal.marks.hidden_cell")}


def _marks(report: dict[str, Any]) -> None:
    st.subheader(t("principal.marks.title"))
    rows = report["marks"]
    if not rows:
        st.info(t("principal.marks.empty"), icon=":material/inbox:")
        return
    st.caption(t("principal.marks.caption", slip=f"{abs(report['slip_change']):.1f}"))
    with st.container(key="principal_heatmap"):
        st.altair_chart(charts.marks_heatmap(rows, _words()))
    hidden = sum(1 for row in rows if row.get("suppressed"))
    if hidden:
        st.caption(t("principal.suppressed.marks", count=hidden, min=report["min_group"]))


def _recommendations(recommendations: Sequence[dict[str, Any]]) -> None:
    st.subheader(t("principal.recommendations.title"))
    if not recommendations:
        st.success(t("principal.recommendations.empty"), icon=":material/thumb_up:")
        return
    st.caption(t("principal.recommendations.caption"))
    st.markdown("\n".join(f"- {item['text']}" for item in recommendations))


def _habits(report: dict[str, Any]) -> None:
    """Attendance and LMS logins per class, this quarter against the last."""
    words = _words() | {
        # Short names, so the legend fits half the page; the heading above names the school years.
        "before_period": t("principal.quarter_short", number=int(report["previous_quarter"][-1])),
        "now_period": t("principal.quarter_short", number=int(report["quarter"][-1])),
    }
    left, right = st.columns(2)
    sections = (
        (left, "attendance", "rate", ".1%"),
        (right, "lms", "logins", ".2f"),
    )
    for column, section, measure, value_format in sections:
        with column:
            st.subheader(t(f"principal.{section}.title"))
            st.caption(t(f"principal.{section}.caption"))
            rows = report[section]
            if not _visible(rows):
                st.info(t("principal.no_rows"), icon=":material/inbox:")
            else:
                chart_words = words | {"value": t(f"principal.{section}.value")}
                chart = charts.trend_chart(rows, measure, chart_words, value_format=value_format)
                with st.container(key=f"principal_{section}"):
                    st.altair_chart(chart)
            _hidden_note(rows, report["min_group"])


def _hidden_note(rows: Sequence[dict[str, Any]] | None, minimum: int) -> None:
    hidden = _hidden_classes(rows)
    if hidden:
        st.caption(t("principal.suppressed.classes", classes=", ".join(hidden), min=minimum))


def _flagged(report: dict[str, Any]) -> None:
    st.subheader(t("principal.flagged.title"))
    rows = report["flagged"]
    if rows is None:
        st.info(t("principal.flagged.none"), icon=":material/hourglass_empty:")
        return
    st.caption(t("principal.flagged.caption", date=shown(report["scores_as_of"])))
    if not _visible(rows):
        st.info(t("principal.no_rows"), icon=":material/inbox:")
    else:
        with st.container(key="principal_flagged"):
            st.altair_chart(charts.flagged_chart(rows, _words()), height=charts.FLAGGED_HEIGHT + 120)
    _hidden_note(rows, report["min_group"])
