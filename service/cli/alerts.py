"""`erta alerts run [--as-of DATE] [--school ID] [--dry-run]` and `erta alerts list [--staff ID]`.

Polars and the alerts job load when a command runs, not at start-up, so that `erta --help` and every other
command stay quick. Output names pupils by id only.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.database import DatabaseUrl

if TYPE_CHECKING:
    from rich.console import Console
    from sqlalchemy import Engine

    from service.alerts_job import AlertsRun
    from service.alerts_queries import StoredAlert

app = typer.Typer(help="Nightly alerts: trend signals to the staff who should look, few and never twice.")

COUNTS = ("opened", "updated", "notified", "escalated", "ignored")


@app.command("run")
def run_command(
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of", formats=["%Y-%m-%d"], help="Run as on the morning of this day (default: today)."
        ),
    ] = None,
    school: Annotated[str | None, typer.Option("--school", help="Only this school (default: all).")] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Decide and report, but change nothing.")
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Detect trend signals of consenting pupils, open or update one alert per pupil, reason, subject and
    recipient, escalate the unacknowledged ones to the principal, and say who is told what today."""
    from rich.markup import escape

    from service.alerts_job import AlertsError, run_alerts
    from service.cli.database import open_database
    from service.cli.output import console

    engine = open_database(database_url)
    day = as_of.date() if as_of else _default_day(engine)
    try:
        run = run_alerts(engine, as_of=day, school_id=school, dry_run=dry_run)
    except AlertsError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    if as_of is None and day != date.today():
        console.print(f"The records end before today: alerts run as of {day}, the next day.")
    print_run(run, console)


@app.command("list")
def list_command(
    staff: Annotated[str | None, typer.Option("--staff", help="Only this staff member's alerts.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Open alerts (not acknowledged, snoozed or closed), by recipient, pupil id and reason."""
    from service.alerts_job import list_open_alerts
    from service.cli.database import open_database
    from service.cli.output import console

    alerts = list_open_alerts(open_database(database_url), staff)
    if not alerts:
        console.print("No open alerts" + (f" for {staff}." if staff else "."))
        return
    # One line per alert rather than a table: a table cut to a narrow terminal or a pipe truncates ids.
    console.print(f"Open alerts: {len(alerts):,}")
    for alert in alerts:
        console.print(describe_alert(alert), markup=False)


def print_run(run: AlertsRun, console: Console) -> None:
    """The counts per reason, then each recipient's number of digest items."""
    from rich.table import Table

    title = f"Alerts as of {run.as_of}" + (" (dry run: nothing changed)" if run.dry_run else "")
    table = Table(
        title=title,
        caption=f"Schools: {run.schools:,}, consenting pupils: {run.pupils:,}, signals: {run.signals:,}. "
        "Counts are alert rows, one per recipient; notified: an open alert told again.",
    )
    table.add_column("reason", no_wrap=True)
    for column in COUNTS:
        table.add_column(column, justify="right", no_wrap=True)
    for reason, counts in run.by_reason.items():
        table.add_row(reason, *(f"{getattr(counts, column):,}" for column in COUNTS))
    table.add_row("total", *(f"{run.total(column):,}" for column in COUNTS), style="bold")
    console.print(table)
    if not run.digests:
        console.print("Nobody is told anything today.")
    for recipient, digest in run.digests.items():
        items = len(digest.alerts) + len(digest.escalations)
        console.print(
            f"{recipient}: {items} in the digest ({len(digest.alerts)} alerts, "
            f"{len(digest.escalations)} escalations)"
        )


def describe_alert(alert: StoredAlert) -> str:
    """`#12 to T1: P0001 marks_falling Matematika, opened 2025-12-03, last told 2025-12-03`."""
    state = alert.state
    about = " ".join(part for part in (state.pupil_id, state.reason, state.subject) if part)
    days = {"opened": state.created_on, "last told": state.last_notified_on, "escalated": state.escalated_on}
    when = ", ".join(f"{what} {day}" for what, day in days.items() if day is not None)
    return f"#{alert.id} to {alert.recipient or 'nobody'}: {about}, {when}"


def _default_day(engine: Engine) -> date:
    """Today, or the day after the last mark or absence when the records end earlier (an old export, the
    summer), by the rule `erta explain` uses: a run as of a day without data would only find silence."""
    from sqlalchemy import func, select

    from service.db.models import Attendance, Mark
    from service.explain import default_as_of

    with engine.connect() as connection:
        latest = [
            connection.execute(select(func.max(column))).scalar() for column in (Mark.date, Attendance.date)
        ]
    known = [day for day in latest if isinstance(day, date)]
    return default_as_of(max(known) if known else None, date.today())
