"""`erta ingest DIR`: validate and load a bundle, reporting each rejected row as `file:line: reason`."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import TaskID
from rich.table import Table
from sqlalchemy import Engine

from service.cli.database import DatabaseUrl, describe, open_database
from service.cli.output import console, progress_bar
from service.ingest import IngestReport, ingest_bundle
from service.ingest.bundle_loader import BundleNotFoundError
from service.settings import get_settings

SHOWN_PROBLEMS = 50


def ingest_command(
    folder: Annotated[Path, typer.Argument(help="Folder holding the bundle's CSV files.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Load a canonical CSV bundle; exits 1 with a summary when any row was rejected."""
    engine = open_database(database_url)
    report = load_with_progress(folder, engine)
    console.print(f"Loaded into {describe(engine)}.")
    print_report(report)
    if not report.ok:
        raise typer.Exit(1)


def load_with_progress(folder: Path, engine: Engine) -> IngestReport:
    with progress_bar(counts=False) as progress:
        tasks: dict[str, TaskID] = {}

        def advance(name: str, done: int, total: int) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"ingest {name:<15}", total=max(total, 1))
            progress.update(tasks[name], completed=done)

        try:
            return ingest_bundle(folder, engine, advance)
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
    table = Table(title="Ingest summary")
    for column in ("file", "read", "new", "updated", "unchanged", "rejected"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for name, counts in report.counts().items():
        rejected = counts["rejected"]
        table.add_row(
            name,
            *(f"{counts[key]:,}" for key in ("read", "inserted", "updated", "unchanged")),
            f"[red]{rejected:,}[/]" if rejected else "0",
        )
    console.print(table)
    if report.problems:
        console.print(f"[red]{report.rejected:,} row(s) rejected[/]; every valid row was loaded.")


def _save_problems(report: IngestReport) -> Path:
    folder = get_settings().home / "ingest"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"rejects-{datetime.now():%Y%m%d-%H%M%S}.txt"
    path.write_text("".join(f"{problem}\n" for problem in report.problems), encoding="utf-8")
    return path
