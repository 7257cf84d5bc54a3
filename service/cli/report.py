"""`erta report monitoring --school ID`: the principal's view of which class or subject is slipping.

Polars and scipy load when a report is made, not at start-up, so that `erta --help` and every other command
stay quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from service.cli.database import DatabaseUrl

if TYPE_CHECKING:
    from rich.console import Console

    from service.monitoring_report import MonitoringReport

app = typer.Typer(help="Reports for the principal: aggregates of one school, small groups suppressed.")

MISSING = "–"


@app.command("monitoring")
def monitoring_command(
    school: Annotated[str, typer.Option("--school", help="The school's id.")],
    quarter: Annotated[
        str | None,
        typer.Option(
            "--quarter",
            help="YYYY-Qn, YYYY being the year its academic year starts (default: the latest with marks).",
        ),
    ] = None,
    lang: Annotated[
        Literal["uz", "ru", "en"], typer.Option("--lang", help="Language of the recommendations.")
    ] = "uz",
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON to stdout.")] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Marks per class and subject against the previous quarter (with a significance test), attendance,
    LMS logins and flagged pupils per class, and support to consider where a class is slipping."""
    import json

    from rich.markup import escape

    from service.cli.database import open_database
    from service.cli.output import console
    from service.monitoring_report import MonitoringError, build_monitoring_report, parse_quarter

    try:
        chosen = parse_quarter(quarter) if quarter else None
        engine = open_database(database_url)
        with engine.connect() as connection:
            report = build_monitoring_report(connection, school, chosen, lang=lang)
    except MonitoringError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print_report(report, console)


def print_report(report: MonitoringReport, console: Console) -> None:
    """One table per section on stderr, then the recommendations."""
    from rich.markup import escape

    console.print(
        f"[bold]{escape(report.school_name)}[/] ({escape(report.school_id)}): {report.quarter_label} "
        f"up to {report.through} against {report.previous_quarter_label}. "
        f"Groups under {report.min_group} pupils are suppressed (shown as < {report.min_group})."
    )
    console.print(_marks_table(report))
    console.print(_class_table(report, "attendance", "Attendance, pupil-days present", _percent, _points))
    console.print(_class_table(report, "lms", "LMS logins per pupil-week", _decimal, _signed))
    if report.flagged is None:
        console.print("Flagged pupils: no risk scores yet.")
    else:
        console.print(_flagged_table(report))
    if not report.recommendations:
        console.print("No class is slipping in any subject.")
    for advice in report.recommendations:
        console.print(f"• {escape(advice['text'])}")


def _marks_table(report: MonitoringReport) -> Any:
    """Mean marks per class × subject; the test behind each p is named in the caption (narrow for CI logs)."""
    from rich.table import Table

    table = Table(
        title=f"Marks by class and subject: {report.previous_quarter} → {report.quarter}",
        caption=f"▼ slipping: change ≤ {report.slip_change:+.2f} and p < {report.alpha}. p: Wilcoxon "
        "signed-rank test on pupils marked in both quarters; † Mann–Whitney U where too few are.",
    )
    table.add_column("class", no_wrap=True)
    table.add_column("subject", no_wrap=True)
    for column in ("pupils", "before", "now", "change", "p"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for row in report.marks:
        if row["suppressed"]:
            cells = [f"< {report.min_group}", *[MISSING] * 4, ""]
        else:
            cells = [
                _count(row["pupils_now"]),
                _decimal(row["mean_before"]),
                _decimal(row["mean_now"]),
                _signed(row["change"]),
                _p_value(row["p_value"]) + ("†" if row["test"] == "mann_whitney" else ""),
                "[red]▼[/]" if row["slipping"] else "",
            ]
        table.add_row(row["class"], row["subject"], *cells)
    return table


def _class_table(report: MonitoringReport, section: str, title: str, show: Any, change: Any) -> Any:
    from rich.table import Table

    table = Table(title=f"{title}: {report.previous_quarter} → {report.quarter}")
    table.add_column("class", no_wrap=True)
    for column in ("pupils", "before", "now", "change"):
        table.add_column(column, justify="right", no_wrap=True)
    measure = "rate" if section == "attendance" else "logins"
    for row in getattr(report, section):
        if row["suppressed"]:
            table.add_row(row["class"], f"< {report.min_group}", MISSING, MISSING, MISSING)
        else:
            numbers = (row[f"{measure}_before"], row[f"{measure}_now"])
            table.add_row(row["class"], _count(row["pupils"]), *map(show, numbers), change(row["change"]))
    return table


def _flagged_table(report: MonitoringReport) -> Any:
    from rich.table import Table

    rows = report.flagged or []
    tiers = [key for key in (rows[0] if rows else {}) if key not in _FLAGGED_FIXED]
    table = Table(title=f"Flagged pupils (latest risk scores, as of {report.scores_as_of})")
    table.add_column("class", no_wrap=True)
    for column in ("pupils", "scored", "flagged", *tiers):
        table.add_column(column, justify="right", no_wrap=True)
    for row in rows:
        if row["suppressed"]:
            table.add_row(row["class"], MISSING, f"< {report.min_group}", *[MISSING] * (1 + len(tiers)))
        else:
            numbers = [row[key] for key in ("pupils", "scored", "flagged", *tiers)]
            table.add_row(row["class"], *map(_count, numbers))
    return table


_FLAGGED_FIXED = ("class", "class_id", "pupils", "scored", "flagged", "suppressed")


def _count(value: int | None) -> str:
    return MISSING if value is None else f"{value:,}"


def _decimal(value: float | None) -> str:
    return MISSING if value is None else f"{value:.2f}"


def _signed(value: float | None) -> str:
    return MISSING if value is None else f"{value:+.2f}"


def _percent(value: float | None) -> str:
    return MISSING if value is None else f"{100 * value:.1f}%"


def _points(value: float | None) -> str:
    return MISSING if value is None else f"{100 * value:+.1f} pp"


def _p_value(value: float | None) -> str:
    if value is None:
        return MISSING
    return "< 0.001" if value < 0.001 else f"{value:.3f}"
