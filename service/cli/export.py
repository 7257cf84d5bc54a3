"""`erta export --pseudonymised OUT_DIR`: the folder data scientists may work with, written and audited."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import TaskID
from rich.table import Table
from sqlalchemy import Engine

from privacy.k_anonymity import DEFAULT_THRESHOLD
from privacy.pseudonyms import Pseudonymizer
from service.cli.audit import trail_of
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console, progress_bar
from service.cli.privileged import ActorOption, actor_name, pseudonymizer_or_exit
from service.export import ExportError, ExportReport, check_export_folder, export_pseudonymised


def export_command(
    out_dir: Annotated[Path, typer.Argument(help="A new or empty folder to write the export into.")],
    pseudonymised: Annotated[
        bool,
        typer.Option("--pseudonymised", help="Write the pseudonymised export (the only kind Erta writes)."),
    ] = False,
    k_threshold: Annotated[
        int, typer.Option(min=2, help="Report cells of school × grade × sex × birth year below this size.")
    ] = DEFAULT_THRESHOLD,
    actor: ActorOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Write pupils' records with ids pseudonymised, no names or contacts and notes anonymised."""
    if not pseudonymised:
        console.print(
            "[red]error:[/] only the pseudonymised export exists: run `erta export --pseudonymised OUT_DIR`"
        )
        raise typer.Exit(2)
    who = actor_name(actor)
    _refuse_unusable(out_dir)
    engine = open_database(database_url)
    trail = trail_of(engine)  # a missing audit key must stop the export before it is written
    report = export_with_progress(engine, out_dir, pseudonymizer_or_exit(), k_threshold)
    trail.record(
        actor=who,
        role="admin",
        action="export.pseudonymised",
        resource=f"export:{out_dir.absolute().name}"[:200],
        result=f"{report.rows['pupils.csv']} pupils, k={report.k_anonymity.k}"[:32],
        purpose=describe_export(report)[:200],
    )
    print_summary(report)


def export_with_progress(
    engine: Engine, out_dir: Path, keys: Pseudonymizer, k_threshold: int
) -> ExportReport:
    """Build the note anonymiser, then write every file with a progress line per file."""
    # imported when the command runs: Presidio and spaCy cost seconds at start-up
    from service.privacy_engine import note_anonymizer

    console.print("Loading the note anonymiser (every name in the roster)…")
    anonymize_text = note_anonymizer(engine)
    with progress_bar() as bar:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, rows: int, done: bool) -> None:
            if name not in tasks:
                tasks[name] = bar.add_task(f"export {name:<15}", total=None)
            bar.update(tasks[name], completed=rows, total=rows if done else None)

        try:
            return export_pseudonymised(
                engine, out_dir, keys, anonymize_text, advance, k_threshold=k_threshold
            )
        except ExportError as error:
            console.print(f"[red]error:[/] {escape(str(error))}")
            raise typer.Exit(2) from None
        except OSError as error:
            console.print(
                f"[red]error:[/] cannot write the export to {escape(str(out_dir))}: {error.strerror}"
            )
            raise typer.Exit(2) from None


def describe_export(report: ExportReport) -> str:
    """Counts only, for the audit log: rows per file and the k-anonymity summary."""
    rows = ", ".join(f"{name.removesuffix('.csv')} {n}" for name, n in report.rows.items())
    k = report.k_anonymity
    return (
        f"rows: {rows}; k={k.k}, {k.rows_in_small_cells} pupils in {k.small_cells} cells below {k.threshold}"
    )


def print_summary(report: ExportReport) -> None:
    table = Table(title="Pseudonymised export")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, rows in report.rows.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)
    k = report.k_anonymity
    console.print(
        f"k-anonymity (school × grade × sex × birth year): k = {k.k}; {k.small_cells:,} of {k.cells:,} cells "
        f"hold fewer than {k.threshold} pupils ({k.rows_in_small_cells:,} pupils); see k_anonymity.json."
    )
    console.print(f"Export written to {escape(str(report.out_dir))}.")


def _refuse_unusable(out_dir: Path) -> None:
    """Fail in one line before the slow work when the folder cannot take the export."""
    try:
        check_export_folder(out_dir)
    except ExportError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
