"""`erta tabular-eval`: cross-validate Erta's risk model on a flat CSV table that is not a bundle."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from service.cli.output import console, progress_bar, write_json_report

if TYPE_CHECKING:
    from service.jobs import LabelledTable


def tabular_eval_command(
    csv: Annotated[Path, typer.Option(help="The flat table, one row per pupil (or per snapshot).")],
    target: Annotated[str, typer.Option(help="Column holding the outcome to predict.")],
    positive: Annotated[str, typer.Option(help="Target value (compared as text) that counts as the event.")],
    json_path: Annotated[Path, typer.Option("--json", help="Where to write the metrics as JSON.")],
    sep: Annotated[str, typer.Option(help="Field separator of the CSV.")] = ",",
    id_column: Annotated[
        str | None, typer.Option("--id", help="Identifier column, left out of the inputs.")
    ] = None,
    drop: Annotated[
        list[str] | None, typer.Option(help="Column left out of the inputs; repeat for several.")
    ] = None,
    folds: Annotated[int, typer.Option(min=2, max=100, help="Stratified cross-validation folds.")] = 10,
    seed: Annotated[int, typer.Option(help="Shuffles the folds and seeds the trees.")] = 0,
) -> None:
    """ROC-AUC, PR-AUC, accuracy and Brier score of the calibrated model, mean and sd over the folds.

    Only column names and figures are printed, never a value of the table: it may hold personal data.
    """
    # imported when the command runs: pandas, scikit-learn and XGBoost cost seconds at start-up
    from service.jobs import TableError, evaluate_table, load_table

    if not json_path.parent.is_dir():
        console.print(f"[red]error:[/] cannot write {json_path}: {json_path.parent} is not a folder")
        raise typer.Exit(2)
    try:
        table = load_table(
            csv, target=target, positive=positive, folds=folds, sep=sep, id_column=id_column, drop=drop or ()
        )
    except TableError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    describe_inputs(table)
    with progress_bar() as progress:
        task = progress.add_task("fit folds", total=folds)
        metrics = evaluate_table(table, folds=folds, seed=seed, on_fit=lambda: progress.advance(task))
    print_metrics(metrics, csv=csv, folds=folds)
    report = {
        "csv": csv.name,
        "rows": len(table.y),
        "features": table.features,
        "target": target,
        "positive": positive,
        "folds": folds,
        "metrics": metrics,
    }
    write_json_report(json_path, report)


def describe_inputs(table: LabelledTable) -> None:
    positives = int(table.y.sum())
    console.print(
        f"{len(table.y):,} rows ({positives:,} positive), {len(table.features)} input columns: "
        f"{', '.join(table.features)}."
    )
    if table.rows_without_target:
        console.print(f"{table.rows_without_target:,} rows without a target value were left out.")
    if table.identifier_like:
        console.print(
            f"[yellow]warning:[/] column(s) {', '.join(table.identifier_like)} hold a different value on "
            "every row, like names or identifiers: no signal, possibly personal data; use --id or --drop."
        )


def print_metrics(metrics: dict[str, dict[str, float]], *, csv: Path, folds: int) -> None:
    table = Table(title=f"{csv.name}: {folds}-fold cross-validation")
    table.add_column("metric")
    table.add_column("mean", justify="right")
    table.add_column("sd", justify="right")
    for name, figures in metrics.items():
        table.add_row(name, f"{figures['mean']:.3f}", f"{figures['sd']:.3f}")
    console.print(table)
