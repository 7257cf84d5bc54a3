"""`erta score --all [--school ID] [--as-of DATE] [--dask ADDR]`: score and explain every consenting pupil
with the champion model, school by school, into `risk_scores` (what the teacher's list and the reports read),
on this machine or on a Dask cluster. `erta score --parquet DIR --out DIR` does the same for a Parquet
conversion (`erta parquet`), partition by partition, into Parquet files: the nationwide run."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.markup import escape

from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console, progress_bar
from service.settings import get_settings

if TYPE_CHECKING:
    from distributed import Client

    from service.parquet_scoring import ParquetRun
    from service.scoring_job import ScoringRun


def score_command(
    everyone: Annotated[
        bool, typer.Option("--all", help="Score every consenting pupil (of --school, or of every school).")
    ] = False,
    school: Annotated[str | None, typer.Option("--school", help="Only this school.")] = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="Score as on the morning of this day (default: today, or the day after the latest mark).",
        ),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="tcp://HOST:PORT",
            help="Compute the schools on this Dask scheduler's workers (default: ERTA_DASK_SCHEDULER, "
            "else this machine).",
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            "--parquet",
            metavar="DIR",
            help="Score every pupil of this Parquet conversion (erta parquet) instead of the database.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", metavar="DIR", help="With --parquet: where the results' Parquet files go."),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Score and explain pupils in bulk; a rerun for the same day and model replaces its rows."""
    from service.jobs import RegistryError, load_champion
    from service.scoring_job import SchoolScored, ScoringError, school_count, score_all

    settings = get_settings()
    address = dask or settings.dask_scheduler
    if parquet is not None or out is not None:
        _score_parquet(parquet, out, school, as_of, address)
        return
    if not everyone:
        console.print("[red]error:[/] say --all to score every consenting pupil (--school for one school)")
        raise typer.Exit(2)
    engine = open_database(database_url)
    with ExitStack() as stack:
        try:
            job = _on_cluster(address, stack) if address else score_all  # a typo fails before the model loads
            model, version = load_champion(settings.home)
            total = school_count(engine, school)
        except (RegistryError, ScoringError) as error:
            _fail(error)
        with progress_bar() as progress:
            task = progress.add_task("Scoring schools", total=total)

            def advanced(_: SchoolScored) -> None:
                progress.advance(task)

            run = job(
                engine,
                model,
                version,
                as_of=as_of.date() if as_of else None,
                school_id=school,
                on_school=advanced,
            )
    tiers = ", ".join(f"{count:,} {tier}" for tier, count in run.tiers().items()) or "nobody"
    console.print(
        f"Scored {run.pupils:,} pupils in {len(run.schools):,} school(s) as of {run.as_of} "
        f"with model version {version}: {tiers}."
    )


def _score_parquet(
    folder: Path | None,
    out: Path | None,
    school: str | None,
    as_of: datetime | None,
    address: str | None,
) -> None:
    """`--parquet DIR --out DIR`: every pupil of the conversion (`--all` or not), results as Parquet; the
    database is not opened."""
    from service.jobs import RegistryError, load_champion
    from service.parquet_scoring import PartitionScored, read_manifest, score_parquet
    from service.scoring_job import ScoringError

    if folder is None or out is None:
        _fail(ValueError("--parquet DIR and --out DIR go together"))
    if school is not None:
        _fail(ValueError("--school is for the database; a Parquet run scores every partition"))
    settings = get_settings()
    with ExitStack() as stack:
        try:
            total = len(read_manifest(folder)["partitions"])  # a wrong folder fails before anything loads
            job = _parquet_on_cluster(address, stack) if address else score_parquet
            model, version = load_champion(settings.home)
        except (RegistryError, ScoringError) as error:
            _fail(error)
        with progress_bar() as progress:
            task = progress.add_task("Scoring partitions", total=total)

            def advanced(_: PartitionScored) -> None:
                progress.advance(task)

            try:
                run = job(
                    folder, out, model, version, as_of=as_of.date() if as_of else None, on_partition=advanced
                )
            except ScoringError as error:
                _fail(error)
    _print_parquet_run(run, out)


def _print_parquet_run(run: ParquetRun, out: Path) -> None:
    tiers = ", ".join(f"{count:,} {tier}" for tier, count in run.tiers().items()) or "nobody"
    stages = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in run.seconds().items())
    console.print(
        f"Scored {run.pupils:,} pupils in {len(run.partitions):,} partition(s) as of {run.as_of} "
        f"with model version {run.model_version}: {tiers}."
    )
    console.print(f"Results in {escape(str(out))}; time per stage: {stages}.")


def _on_cluster(address: str, stack: ExitStack) -> Callable[..., ScoringRun]:
    """`score_all` on the cluster at `address`, connected now (a bad address fails before anything is
    written) and closed with `stack`; distributed is imported only here, so `erta` starts without it."""
    from service.scoring_dask import score_all_on_cluster

    return partial(score_all_on_cluster, _connect(address, stack))


def _parquet_on_cluster(address: str, stack: ExitStack) -> Callable[..., ParquetRun]:
    """`score_parquet` on the cluster at `address`, one task per partition, connected as `_on_cluster`."""
    from service.parquet_dask import score_parquet_on_cluster

    return partial(score_parquet_on_cluster, _connect(address, stack))


def _connect(address: str, stack: ExitStack) -> Client:
    from service.scoring_dask import connect_cluster

    client: Client = stack.enter_context(connect_cluster(address))
    console.print(f"Scoring on the Dask cluster at {escape(address)} ({len(client.nthreads())} worker(s)).")
    return client


def _fail(error: Exception) -> NoReturn:
    console.print(f"[red]error:[/] {escape(str(error))}")
    raise typer.Exit(2) from None
