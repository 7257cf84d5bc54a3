"""`erta ingest [--format oneroster] DIR`: validate and load a bundle (or a OneRoster 1.2 export), reporting
each rejected row as `file:line: reason`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.progress import TaskID
from rich.table import Table
from sqlalchemy import Engine

from service.cli.database import DatabaseUrl, describe, open_database
from service.cli.output import console, progress_bar
from service.ingest import IngestReport, ingest_bundle, ingest_oneroster
from service.ingest.bundle_loader import BundleNotFoundError
from service.ingest.oneroster import OneRosterReport
from service.settings import get_settings

SHOWN_PROBLEMS = 50
SourceFormat = Literal["bundle", "oneroster"]


def ingest_command(
    folder: Annotated[
        Path, typer.Argument(help="Folder holding the bundle's (or OneRoster export's) CSV files.")
    ],
    source_format: Annotated[
        SourceFormat,
        typer.Option(
            "--format", help="bundle: Erta's canonical bundle; oneroster: a OneRoster 1.2 CSV export."
        ),
    ] = "bundle",
    database_url: DatabaseUrl = None,
) -> None:
    """Load a canonical CSV bundle or a OneRoster 1.2 CSV export; exits 1 with a summary when any row was
    rejected, 2 when the folder holds nothing to load."""
    engine = open_database(database_url)
    report = load_with_progress(folder, engine, source_format)
    console.print(f"Loaded into {describe(engine)}.")
    print_report(report)
    if not report.ok:
        raise typer.Exit(1)


def load_with_progress(folder: Path, engine: Engine, source_format: SourceFormat = "bundle") -> IngestReport:
    with progress_bar(counts=False) as progress:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"ingest {name:<15}", total=max(total, 1))
            progress.update(tasks[name], completed=done)

        load = ingest_oneroster if source_format == "oneroster" else ingest_bundle
        try:
            return load(folder, engine, advance)
        except BundleNotFoundError as error:
            console.print(f"[red]error:[/] {error}")
            raise typer.Exit(2) from None


def print_report(report: IngestReport) -> None:
    """Problems first (at most SHOWN_PROBLEMS, the rest in a file), then a table of counts per file."""
    for problem in report.problems[:SHOWN_PROBLEMS]:
        console.print(str(problem), markup=False)
    if len(report.problems) > SHOWN_PROBLEMS:
        saved = _save_problems(report)
        console.print(f"… and {len(report.problems) - SHOWN_PROBLEMS} more; the full list is in {saved}")
    title = "Ingest summary"
    if isinstance(report, OneRosterReport):
        _print_sources(report)
        title += " (the bundle files the export was mapped to)"
    table = Table(title=title)
    for column in ("file", "read", "new", "updated", "unchanged", "rejected"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for name, counts in report.files.items():
        table.add_row(
            name,
            *(f"{n:,}" for n in (counts.read, counts.inserted, counts.updated, counts.unchanged)),
            _rejected(counts.rejected),
        )
    console.print(table)
    if report.problems:
        console.print(f"[red]{report.rejected:,} row(s) rejected[/]; every valid row was loaded.")


def _print_sources(report: OneRosterReport) -> None:
    """What each OneRoster file gave: rows read, skipped as tobedeleted, rejected while mapping."""
    table = Table(title="OneRoster files")
    for column in ("file", "read", "skipped (tobedeleted)", "rejected"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for name, source in report.sources.items():
        table.add_row(name, f"{source.read:,}", f"{source.skipped:,}", _rejected(source.rejected))
    console.print(table)
    if report.skipped:
        console.print(f"{report.skipped:,} row(s) marked tobedeleted were skipped, not loaded.")


def _rejected(count: int) -> str:
    return f"[red]{count:,}[/]" if count else "0"


def _save_problems(report: IngestReport) -> Path:
    folder = get_settings().home / "ingest"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"rejects-{datetime.now():%Y%m%d-%H%M%S}.txt"
    path.write_text("".join(f"{problem}\n" for problem in report.problems), encoding="utf-8")
    return path
