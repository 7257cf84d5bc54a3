"""`erta parquet BUNDLE OUT`: a canonical CSV bundle as Parquet partitioned by school group, the folder
`erta score --parquet` reads for a nationwide run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from service.cli.output import console


def parquet_command(
    bundle: Annotated[Path, typer.Argument(help="Folder holding the bundle's CSV files.")],
    out: Annotated[Path, typer.Argument(help="Folder to write the partitions and manifest.json into.")],
    partition_pupils: Annotated[
        int, typer.Option(min=1, help="Pupils per partition, whole schools each (a bigger school: its own).")
    ] = 50_000,
    overwrite: Annotated[bool, typer.Option(help="Replace an earlier conversion in OUT.")] = False,
) -> None:
    """Convert a bundle for scoring: the columns scoring reads, no personal data, revoked pupils left out."""
    # imported when the command runs: polars costs time at start-up
    from service.parquet_bundle import ParquetBundleError, convert_bundle

    def done(name: str, rows: int, seconds: float) -> None:
        console.print(f"{name:<11} {rows:>13,} rows in {seconds:6.1f} s")

    try:
        summary = convert_bundle(
            bundle, out, partition_pupils=partition_pupils, overwrite=overwrite, on_file=done
        )
    except ParquetBundleError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    table = Table(
        title=f"{summary.pupils:,} pupils of {summary.schools:,} schools in {summary.partitions} partition(s)"
    )
    for column in ("file", "rows written", "rows left out", "seconds"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for name, rows in summary.rows.items():
        table.add_row(name, f"{rows:,}", f"{summary.left_out[name]:,}", f"{summary.seconds[name]:.1f}")
    console.print(table)
    console.print(f"Written to {escape(str(out))}; latest mark {summary.latest_mark or 'none'}.")
