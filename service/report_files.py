"""The principal's reports as files: CSV for a spreadsheet, PDF for a meeting, plain JSON for the API.

Only what the reports already hold is written, so a file is as anonymous as its report: aggregates over at
least `min_group` pupils, suppressed groups blank. matplotlib loads when a PDF is made, never at import, and
figures are built without pyplot so that requests rendering at once share no global state.
"""

from __future__ import annotations

import csv
import io
import math
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from service.report_texts import text

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from service.intervention_report import InterventionReport
    from service.monitoring_report import MonitoringReport

A4_LANDSCAPE = (11.69, 8.27)
SHOWN_RECOMMENDATIONS = 18
MONITORING_COLUMNS = (
    "school_id", "quarter", "previous_quarter", "class", "subject", "pupils_now", "pupils_before",
    "pupils_paired", "mean_before", "mean_now", "change", "test", "p_value", "slipping", "suppressed",
    "attendance_before", "attendance_now", "lms_logins_before", "lms_logins_now", "flagged",
)  # fmt: skip
EFFECT_COLUMNS = (
    "school_id", "kind", "outcome", "pairs", "helped_change", "control_change", "difference", "ci_low",
    "ci_high", "insufficient_data",
)  # fmt: skip


def json_ready(value: Any) -> Any:
    """The value with every NaN or infinity made None: strict JSON has neither."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(item) for item in value]
    return value


def monitoring_csv(report: MonitoringReport) -> str:
    """One row per class × subject, the class's attendance, LMS logins and flagged pupils beside it."""
    attendance = {row["class_id"]: row for row in report.attendance}
    lms = {row["class_id"]: row for row in report.lms}
    flagged = {row["class_id"]: row for row in report.flagged or []}
    rows = []
    for mark in report.marks:
        present, logins = attendance.get(mark["class_id"], {}), lms.get(mark["class_id"], {})
        rows.append(
            {column: mark.get(column) for column in MONITORING_COLUMNS}
            | {
                "school_id": report.school_id,
                "quarter": report.quarter,
                "previous_quarter": report.previous_quarter,
                "attendance_before": present.get("rate_before"),
                "attendance_now": present.get("rate_now"),
                "lms_logins_before": logins.get("logins_before"),
                "lms_logins_now": logins.get("logins_now"),
                "flagged": flagged.get(mark["class_id"], {}).get("flagged"),
            }
        )
    return _csv(MONITORING_COLUMNS, rows)


def interventions_csv(report: InterventionReport) -> str:
    """One row per kind of support × outcome; a kind with too few pairs says so, without numbers."""
    rows: list[dict[str, Any]] = []
    for group in report.groups:
        if not group.effects:
            rows.append({"school_id": report.school_id, "kind": group.kind, "insufficient_data": True})
        for effect in group.effects:
            rows.append(
                {"school_id": report.school_id, "kind": group.kind, "insufficient_data": False}
                | {name: getattr(effect, name) for name in EFFECT_COLUMNS[2:-1]}
            )
    return _csv(EFFECT_COLUMNS, rows)


def _csv(columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return value


def monitoring_pdf(report: MonitoringReport) -> bytes:
    """Two A4 pages in the report's language: the class × subject heatmap of mark change, then flagged
    pupils per class and the support to consider."""
    from matplotlib.backends.backend_pdf import PdfPages

    buffer = io.BytesIO()
    with PdfPages(buffer, metadata={"Title": text("title", report.language), "Creator": "Erta"}) as pdf:
        pdf.savefig(_heatmap_page(report))
        pdf.savefig(_flagged_page(report))
    return buffer.getvalue()


def _page(report: MonitoringReport) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=A4_LANDSCAPE)
    lang = report.language
    figure.suptitle(
        f"{text('title', lang)}: {report.school_name} — {report.quarter_label} "
        f"({text('against', lang)} {report.previous_quarter_label})",
        fontsize=13,
        fontweight="bold",
    )
    figure.text(
        0.5,
        0.02,
        text("suppressed", lang).format(n=report.min_group) + f" {text('through', lang)} {report.through}.",
        ha="center",
        fontsize=8,
        color="#555555",
    )
    return figure


def _heatmap_page(report: MonitoringReport) -> Figure:
    import numpy as np
    from matplotlib.colors import TwoSlopeNorm

    lang = report.language
    figure = _page(report)
    axes = figure.add_axes((0.12, 0.12, 0.78, 0.74))
    classes = list(dict.fromkeys(row["class"] for row in report.marks))
    subjects = sorted({row["subject"] for row in report.marks})
    if not classes:
        _empty(axes, text("no_marks", lang))
        return figure
    grid = np.full((len(classes), len(subjects)), np.nan)
    cells = {(row["class"], row["subject"]): row for row in report.marks}
    for (label, subject), row in cells.items():
        if not row["suppressed"] and row["change"] is not None:
            grid[classes.index(label), subjects.index(subject)] = row["change"]
    finite = np.abs(grid[np.isfinite(grid)])
    limit = max(0.5, float(finite.max()) if finite.size else 0.5)
    image = axes.imshow(
        np.ma.masked_invalid(grid),
        cmap="RdYlGn",
        norm=TwoSlopeNorm(vcenter=0.0, vmin=-limit, vmax=limit),
        aspect="auto",
    )
    axes.set_facecolor("#dddddd")
    size = max(5.0, min(9.0, 180 / max(len(classes), len(subjects) * 1.5)))
    for (label, subject), row in cells.items():
        axes.text(
            subjects.index(subject),
            classes.index(label),
            _cell_text(row, report.min_group),
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold" if row["slipping"] else "normal",
        )
    axes.set_xticks(range(len(subjects)), subjects, rotation=40, ha="right", fontsize=8)
    axes.set_yticks(range(len(classes)), classes, fontsize=8)
    axes.set_xlabel(text("subject", lang))
    axes.set_ylabel(text("class", lang))
    axes.set_title(
        text("heatmap", lang)
        + "; "
        + text("slipping", lang).format(change=report.slip_change, alpha=report.alpha),
        fontsize=10,
    )
    figure.colorbar(image, ax=axes, fraction=0.03, pad=0.02)
    return figure


def _cell_text(row: dict[str, Any], min_group: int) -> str:
    if row["suppressed"]:
        return f"<{min_group}"
    if row["change"] is None:
        return "–"
    return f"{row['change']:+.2f}" + (" ▼" if row["slipping"] else "")


def _flagged_page(report: MonitoringReport) -> Figure:
    lang = report.language
    figure = _page(report)
    bars = figure.add_axes((0.07, 0.12, 0.36, 0.74))
    if report.flagged is None:
        _empty(bars, text("no_scores", lang))
    else:
        rows = [row for row in report.flagged if not row["suppressed"]][::-1]
        labels = [row["class"] for row in rows]
        flagged = [row["flagged"] for row in rows]
        bars.barh(labels, flagged, color="#d6604d", label=text("flagged", lang))
        rest = [row["scored"] - row["flagged"] for row in rows]
        bars.barh(labels, rest, left=flagged, color="#9ecae1", label=text("not_flagged", lang))
        bars.tick_params(axis="y", labelsize=8)
        bars.set_title(text("flagged_title", lang).format(day=report.scores_as_of), fontsize=10)
        bars.legend(fontsize=8, loc="lower right")
    notes = figure.add_axes((0.48, 0.12, 0.5, 0.74))
    notes.axis("off")
    notes.set_title(text("recommendations", lang), fontsize=10, loc="left")
    advice = [row["text"] for row in report.recommendations]
    lines = [
        line
        for item in advice[:SHOWN_RECOMMENDATIONS]
        for line in textwrap.wrap(f"• {item}", 75, subsequent_indent="   ")
    ]
    if len(advice) > SHOWN_RECOMMENDATIONS:
        lines.append(text("more", lang).format(n=len(advice) - SHOWN_RECOMMENDATIONS))
    notes.text(0, 1, "\n".join(lines) or text("none_slipping", lang), va="top", fontsize=8, wrap=True)
    return figure


def _empty(axes: Axes, message: str) -> None:
    axes.axis("off")
    axes.text(0.5, 0.5, message, ha="center", va="center", fontsize=11)
