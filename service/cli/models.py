"""`erta models …`: the registered versions of the risk model, and moving `@champion` by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from service.cli.audit import cli_actor, record_model_event
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console
from service.settings import get_settings

if TYPE_CHECKING:
    from mlflow import MlflowClient

app = typer.Typer(help="Risk model versions in the MLflow registry: list, promote, roll back.")


def _client() -> MlflowClient:
    # imported when the command runs: MLflow and the training stack cost seconds at start-up
    from mlflow import MlflowClient

    from service.jobs import configure_tracking

    configure_tracking(get_settings().home)
    return MlflowClient()


@app.command("list")
def list_command() -> None:
    """Every version with its aliases, test metrics and gate result, newest first."""
    from service.jobs import history, list_versions

    rows = list_versions(_client())
    if not rows:
        console.print("No model versions yet; run `erta train` first.")
        return
    table = Table(title="erta-risk")
    table.add_column("version", no_wrap=True)  # with its aliases: the one thing that must stay readable
    for column in ("created (UTC)", "ROC-AUC", "Brier", "ECE", "gates"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            " ".join([row.version, *(f"@{a}" for a in row.aliases)]),
            row.created,
            *(f"{row.metrics[m]:.3f}" if m in row.metrics else "–" for m in ("roc_auc", "brier", "ece")),
            row.gate,
        )
    console.print(table)
    moves = history(_client())
    if moves:
        console.print("Champion history (newest last):")
        for move in moves[-10:]:
            console.print(f"  {move['at']}  version {move['version']}  by {move['by']}: {move['reason']}")


@app.command("promote")
def promote_command(
    version: Annotated[str, typer.Argument(help="Version number to make @champion.")],
    reason: Annotated[
        str | None, typer.Option(help="Required to promote a version whose gates failed; recorded.")
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Make VERSION the champion; a version that failed its gates needs --reason."""
    from service.jobs import CHAMPION, RegistryError, promote

    engine = open_database(database_url)
    try:
        promote(_client(), version, cli_actor(), reason)
    except RegistryError as error:
        record_model_event(engine, "model.promote", version, "refused", str(error))
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    record_model_event(engine, "model.promote", version, "champion", reason or "promoted by hand")
    console.print(f"Version {version} is now @{CHAMPION}.")


@app.command("rollback")
def rollback_command(database_url: DatabaseUrl = None) -> None:
    """Give @champion back to the version that held it before."""
    from service.jobs import CHAMPION, RegistryError, rollback

    engine = open_database(database_url)
    try:
        version = rollback(_client(), cli_actor())
    except RegistryError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    record_model_event(engine, "model.rollback", version, "champion", "rolled back to an earlier champion")
    console.print(f"Rolled back: version {version} is @{CHAMPION} again.")
