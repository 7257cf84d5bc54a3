"""`erta train [--dask ADDR]`: train the risk model from the database, log it to MLflow and let the gates
decide; with a Dask scheduler, the booster's trees are grown on its workers."""

from __future__ import annotations

import time
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy import Engine

from service.cli.audit import record_model_event
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console, progress_bar, write_json_report
from service.secrets import SecretError, pseudonymizer
from service.settings import Settings, get_settings

if TYPE_CHECKING:
    from distributed import Client

    from service.jobs import TrainingConfig, TrainingOutcome

METRIC_COLUMNS = ("roc_auc", "pr_auc", "brier", "ece", "precision_at_top", "recall_at_top")


def train_command(
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Write every metric to this JSON file.")
    ] = None,
    every_weeks: Annotated[int, typer.Option(min=1, max=8, help="Weeks between as-of snapshots.")] = 3,
    horizon_quarters: Annotated[int, typer.Option(min=1, max=4, help="Quarters the label looks ahead.")] = 2,
    chronic_absence: Annotated[
        bool, typer.Option(help="Count missing ≥10% of school days as the risk too.")
    ] = True,
    top_share: Annotated[
        float, typer.Option(min=0.01, max=0.5, help="Share of pupils staff can follow.")
    ] = 0.10,
    seed: int = 0,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="tcp://HOST:PORT",
            help="Grow the trees on this Dask scheduler's workers (default: ERTA_DASK_SCHEDULER, "
            "else this machine).",
        ),
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Train on pseudonymised snapshots, compare with two baselines, register the model, apply the gates."""
    # imported when the command runs: MLflow and the training stack cost seconds at start-up
    from model.labels import LabelConfig
    from model.risk_model import BoosterParams
    from service.jobs import SnapshotPlan, TrainingConfig

    settings = get_settings()
    config = TrainingConfig(
        plan=SnapshotPlan(
            every_weeks=every_weeks,
            labels=LabelConfig(horizon_quarters=horizon_quarters, use_chronic_absence=chronic_absence),
        ),
        booster=BoosterParams(seed=seed),
        top_share=top_share,
        seed=seed,
    )
    address = dask or settings.dask_scheduler
    engine = open_database(database_url)
    with ExitStack() as stack:
        cluster = _connect(address, stack) if address else None  # a typo fails before any snapshot is built
        outcome = train_with_progress(engine, settings, config, cluster)
    record_gate_decision(engine, outcome)
    print_outcome(outcome)
    if json_path is not None:
        write_json_report(json_path, outcome.report)


def _connect(address: str, stack: ExitStack) -> Client:
    """A client of the scheduler at `address`, closed with `stack`, or exit 2 naming the address;
    distributed is imported only here, so `erta` starts without it."""
    from service.scoring_dask import ClusterError, connect_cluster

    try:
        client: Client = stack.enter_context(connect_cluster(address))
    except ClusterError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    console.print(f"Training on the Dask cluster at {escape(address)} ({len(client.nthreads())} worker(s)).")
    return client


def train_with_progress(
    engine: Engine, settings: Settings, config: TrainingConfig, cluster: Client | None = None
) -> TrainingOutcome:
    """Run the training with a progress bar over the snapshots and a timed line per stage."""
    from service.jobs import PersonalDataInArtifactError, Progress, run_training

    started = time.monotonic()
    try:
        keys = pseudonymizer(settings)
        with engine.connect() as connection, progress_bar() as bar:
            task = bar.add_task("build snapshots", total=None)
            return run_training(
                connection,
                keys,
                settings.home,
                config,
                progress=Progress(
                    stage=lambda text: console.print(f"[{time.monotonic() - started:5.0f} s] {text}"),
                    snapshots=lambda done, total: bar.update(task, completed=done, total=total),
                ),
                cluster=cluster,
            )
    except (ValueError, SecretError, PersonalDataInArtifactError) as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None


def record_gate_decision(engine: Engine, outcome: TrainingOutcome) -> None:
    """The gates' verdict on a new version goes to the audit log as well as to MLflow."""
    failed = [check.name for check in outcome.decision.checks if not check.passed]
    detail = "gates passed" if not failed else "gates failed: " + ", ".join(failed)
    result = "champion" if outcome.promoted else "challenger"
    record_model_event(engine, "model.train", outcome.version, result, detail)


def print_outcome(outcome: TrainingOutcome) -> None:
    table = Table(title="Test period (later than anything trained on)")
    table.add_column("model")
    for column in METRIC_COLUMNS:
        table.add_column(column, justify="right")
    for name, values in outcome.report["metrics"].items():
        table.add_row(name, *(f"{values[c]:.3f}" if c in values else "–" for c in METRIC_COLUMNS))
    console.print(table)
    lead = outcome.report["lead_time"]["xgboost"]
    if lead["median_weeks"] is not None:
        console.print(
            f"Lead time: {lead['flagged_before_event']} of {lead['pupils_with_event']} pupils with a failing "
            f"quarter mark were flagged first, a median of {lead['median_weeks']:.1f} weeks ahead."
        )
    gates = Table(title=f"Promotion gates for version {outcome.version}")
    gates.add_column("gate")
    gates.add_column("result")
    gates.add_column("detail")
    for check in outcome.decision.checks:
        gates.add_row(check.name, "[green]pass[/]" if check.passed else "[red]fail[/]", check.detail)
    console.print(gates)
    if outcome.promoted:
        console.print(
            f"Version {outcome.version} is now @champion (was {outcome.champion_before or 'none'})."
        )
    else:
        console.print(
            f"Version {outcome.version} is @challenger; @champion stays {outcome.champion_before or 'unset'}."
        )
    console.print(f"MLflow run {outcome.run_id} ({outcome.tracking_uri}).")
