"""`erta retention run [--dry-run] [--as-of DATE]`: apply the retention limits of Erta's settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import Engine

from service.cli.audit import trail_of
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console, progress_bar
from service.cli.privileged import ActorOption, actor_name
from service.retention import RetentionOutcome, RetentionPolicy, run_retention
from service.settings import get_settings

app = typer.Typer(help="Retention limits: delete old marks, attendance and LMS events; anonymise old notes.")


@app.command("run")
def run_command(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only count what would be deleted or anonymised.")
    ] = False,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of", formats=["%Y-%m-%d"], help="Apply the limits as of this day (default: today)."
        ),
    ] = None,
    actor: ActorOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Delete records older than ERTA_RETENTION_RECORDS_YEARS, anonymise notes older than
    ERTA_RETENTION_NOTES_YEARS; one audit entry per run (none for a dry run, which changes nothing)."""
    who = actor_name(actor)
    policy = RetentionPolicy.from_settings(get_settings())
    engine = open_database(database_url)
    trail = trail_of(engine)
    anonymize_text = _dry_run_anonymizer if dry_run else _load_anonymizer(engine)
    with progress_bar() as bar:
        task = bar.add_task("notes checked", total=None)
        outcome = run_retention(
            engine,
            trail,
            anonymize_text,
            policy=policy,
            as_of=as_of.date() if as_of else date.today(),
            actor=who,
            dry_run=dry_run,
            on_notes=lambda seen: bar.update(task, completed=seen),
        )
    print_outcome(outcome)


def print_outcome(outcome: RetentionOutcome) -> None:
    verb = "would be" if outcome.dry_run else "were"
    table = Table(
        title=f"Retention as of {outcome.as_of}" + (" (dry run: nothing changed)" if outcome.dry_run else "")
    )
    table.add_column("records")
    table.add_column("dated before")
    table.add_column(f"{verb} deleted / anonymised", justify="right")
    for name, rows in outcome.deleted.items():
        table.add_row(f"{name} deleted", str(outcome.records_before), f"{rows:,}")
    table.add_row("notes anonymised", str(outcome.notes_before), f"{outcome.notes_anonymised:,}")
    console.print(table)
    if not outcome.dry_run:
        console.print("The run is in the audit log.")


def _load_anonymizer(engine: Engine) -> Callable[[str], str]:
    # imported when the run needs it: Presidio and spaCy cost seconds at start-up
    from service.privacy_engine import note_anonymizer

    console.print("Loading the note anonymiser (every name in the roster)…")
    return note_anonymizer(engine)


def _dry_run_anonymizer(text: str) -> str:
    raise AssertionError("a dry run never anonymises a note")
