"""`erta generate OUT`: write a synthetic district in the canonical bundle format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from service.bundle import BUNDLE_FILES
from service.cli.output import console, progress_bar

if TYPE_CHECKING:
    from service.synthetic import GenerationSummary

LATEST_FULL_YEAR = 2025  # a fixed default keeps `--seed` reproducible whatever today's date is


def generate_command(
    out: Annotated[Path, typer.Argument(help="Folder to write the bundle into.")] = Path("district"),
    seed: Annotated[int, typer.Option(help="Same seed, same district, byte for byte.")] = 7,
    pupils: Annotated[int, typer.Option(min=1, help="Pupils across the whole district.")] = 2000,
    schools: Annotated[
        int | None, typer.Option(min=1, help="Schools (default: about one per 650 pupils).")
    ] = None,
    year: Annotated[
        int, typer.Option(help="Last academic year generated (2025 = 2025-26).")
    ] = LATEST_FULL_YEAR,
    years: int = typer.Option(
        1, min=1, max=5, help="Number of consecutive academic years, ending at --year."
    ),
    overwrite: Annotated[bool, typer.Option(help="Replace bundle files already in OUT.")] = False,
) -> None:
    """Generate schools, staff, classes, pupils and a year or more of marks, attendance, LMS and notes."""
    summary = write_district(
        out, seed=seed, pupils=pupils, schools=schools, year=year, years=years, overwrite=overwrite
    )
    print_summary(summary)


def write_district(
    out: Path, *, seed: int, pupils: int, schools: int | None, year: int, years: int, overwrite: bool
) -> GenerationSummary:
    existing = [name for name in BUNDLE_FILES if (out / name).exists()]
    if existing and not overwrite:
        console.print(
            f"[red]error:[/] {out} already holds {', '.join(existing)}; pass --overwrite to replace them"
        )
        raise typer.Exit(2)
    # imported when the command runs: the generator's Polars and NumPy cost time at start-up
    from service.synthetic import generate_bundle

    academic_years = tuple(range(year - years + 1, year + 1))
    try:
        out.mkdir(parents=True, exist_ok=True)
        with progress_bar() as progress:
            task = progress.add_task("generate pupils", total=pupils)
            return generate_bundle(
                out,
                seed=seed,
                pupils=pupils,
                schools=schools,
                academic_years=academic_years,
                on_school_done=lambda done: progress.advance(task, done),
            )
    except OSError as error:
        console.print(f"[red]error:[/] cannot write the bundle to {out}: {error.strerror or error}")
        raise typer.Exit(2) from None


def print_summary(summary: GenerationSummary) -> None:
    console.print(
        f"District written to {summary.out_dir}: {summary.schools:,} schools, {summary.staff:,} staff, "
        f"{summary.classes:,} classes, {summary.pupils:,} pupils."
    )
    table = Table(title="Rows per file")
    table.add_column("file")
    table.add_column("rows", justify="right")
    for name, rows in summary.rows.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)
