"""`erta reproduce uci`: rerun a published study's protocol with Erta's risk model and compare figures."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from service.cli.output import console, progress_bar, write_json_report

if TYPE_CHECKING:
    import pandas as pd

    from service.jobs import CellResult, Subject

reproduce_app = typer.Typer(
    help="Rerun published studies' protocols with Erta's risk model.", no_args_is_help=True
)


@reproduce_app.command("uci")
def uci_command(
    data: Annotated[Path, typer.Option(help="Folder with student-mat.csv and student-por.csv.")],
    json_path: Annotated[Path, typer.Option("--json", help="Where to write the figures as JSON.")],
    runs: Annotated[int, typer.Option(min=1, help="Repetitions of the cross-validation.")] = 20,
    folds: Annotated[int, typer.Option(min=2, max=100, help="Folds per repetition.")] = 10,
    seed: Annotated[int, typer.Option(help="Run r shuffles its folds with seed + r.")] = 0,
) -> None:
    """Cortez & Silva (2008), pass/fail: PCC and ROC-AUC per subject and input setup, against the paper."""
    # imported when the command runs: pandas, scikit-learn and XGBoost cost seconds at start-up
    from service.jobs import SETUPS, describe_protocol, reproduce_cell

    if not json_path.parent.is_dir():
        console.print(f"[red]error:[/] cannot write {json_path}: {json_path.parent} is not a folder")
        raise typer.Exit(2)
    frames = read_subjects(data)
    started = time.perf_counter()
    cells = []
    with progress_bar() as progress:
        task = progress.add_task("fit models", total=len(frames) * len(SETUPS) * runs * folds)
        for subject, frame in frames.items():
            for setup in SETUPS:
                cells.append(
                    reproduce_cell(
                        frame,
                        subject,
                        setup,
                        runs=runs,
                        folds=folds,
                        seed=seed,
                        on_fit=lambda: progress.advance(task),
                    )
                )
    elapsed = time.perf_counter() - started
    print_cells(cells, runs=runs, folds=folds, elapsed=elapsed)
    report = {
        "protocol": describe_protocol(runs=runs, folds=folds, seed=seed),
        "cells": [cell.as_dict() for cell in cells],
        "elapsed_s": round(elapsed, 1),
    }
    write_json_report(json_path, report, "Figures")


def read_subjects(data: Path) -> dict[Subject, pd.DataFrame]:
    """Both subjects' tables, or one clear line and exit code 2."""
    import pandas as pd

    from service.jobs import SUBJECT_FILES, load_subject

    try:
        return {subject: load_subject(data, subject) for subject in SUBJECT_FILES}
    except FileNotFoundError as error:
        console.print(
            f"[red]error:[/] {error.filename}: no such file (expected {', '.join(SUBJECT_FILES.values())})"
        )
    except (OSError, ValueError, pd.errors.ParserError) as error:
        console.print(f"[red]error:[/] {error}")
    raise typer.Exit(2)


def print_cells(cells: list[CellResult], *, runs: int, folds: int, elapsed: float) -> None:
    table = Table(title=f"Cortez & Silva (2008), pass = G3 >= 10: {runs} × {folds}-fold CV")
    for column in ("subject", "setup", "rows", "PCC % ± sd", "AUC", "paper PCC %", "verdict"):
        table.add_column(column, justify="left" if column in ("subject", "verdict") else "right")
    for cell in cells:
        table.add_row(
            cell.subject,
            cell.setup,
            f"{cell.rows}",
            f"{cell.pcc:.1f} ± {cell.pcc_sd:.1f}",
            f"{cell.auc:.3f}",
            f"{cell.paper_pcc:.1f}",
            verdict(cell),
        )
    console.print(table)
    console.print(f"{len(cells) * runs * folds:,} models fitted in {elapsed:.0f} s.")


def verdict(cell: CellResult) -> str:
    gap = round(cell.pcc, 1) - cell.paper_pcc
    if gap > 0.05:
        return f"[green]beats (+{gap:.1f})[/]"
    if cell.beats_paper:
        return "[green]matches[/]"
    return f"[yellow]below ({gap:.1f})[/]"
