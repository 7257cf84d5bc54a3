"""The `erta` command: builds the Typer app from each command's module; nothing runs on import."""

from __future__ import annotations

import typer

from service.cli import alerts, audit, consent, database, models, notes, privacy, report, retention, users
from service.cli.console import console_command
from service.cli.demo import demo_command
from service.cli.explain import explain_command
from service.cli.export import export_command
from service.cli.generate import generate_command
from service.cli.ingest import ingest_command
from service.cli.notify import app as notify_app
from service.cli.parquet import parquet_command
from service.cli.reproduce import reproduce_app
from service.cli.score import score_command
from service.cli.serve import serve_command
from service.cli.tabular_eval import tabular_eval_command
from service.cli.train import train_command

app = typer.Typer(
    name="erta",
    help="Erta: early warning and support for pupils whose results are about to slip.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.command("demo")(demo_command)
app.command("generate")(generate_command)
app.command("ingest")(ingest_command)
app.command("parquet")(parquet_command)
app.add_typer(database.app, name="db")
app.add_typer(reproduce_app, name="reproduce")
app.command("tabular-eval")(tabular_eval_command)
app.command("train")(train_command)
app.add_typer(models.app, name="models")
app.add_typer(audit.app, name="audit")
app.command("export")(export_command)
app.add_typer(consent.app, name="consent")
app.add_typer(retention.app, name="retention")
app.add_typer(privacy.app, name="privacy")
app.add_typer(notes.app, name="notes")
app.add_typer(report.app, name="report")
app.command("explain")(explain_command)
app.command("serve")(serve_command)
app.command("console")(console_command)
app.command("score")(score_command)
app.add_typer(alerts.app, name="alerts")
app.add_typer(notify_app, name="notify")
app.add_typer(users.app, name="users")
