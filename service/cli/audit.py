"""`erta audit …`: check the audit log's chain, and publish its head so a later truncation shows."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine

from privacy.audit_chain import Anchor
from service.audit_trail import AuditTrail
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console
from service.secrets import SecretError, audit_key
from service.settings import get_settings

app = typer.Typer(help="The tamper-evident audit log: verify the chain, publish its head.")
SHOWN_PROBLEMS = 50


def open_trail(database_url: str | None = None) -> AuditTrail:
    """The audit trail of the configured database, or one clear line and exit code 2."""
    return trail_of(open_database(database_url))


def trail_of(engine: Engine) -> AuditTrail:
    """The audit trail kept in `engine`'s database, or one clear line and exit code 2 without its key."""
    try:
        return AuditTrail(engine, audit_key(get_settings()))
    except SecretError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None


@app.command("verify")
def verify_command(
    anchors: Annotated[
        Path | None, typer.Option(help="JSON lines of heads published earlier with `erta audit head`.")
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Recompute every link of the chain; exits 1 and names each problem if anything was changed."""
    published = read_anchors(anchors) if anchors else []
    result = open_trail(database_url).verify(published)
    if result.ok:
        console.print(f"Audit chain intact: {result.entries:,} entries, every link and anchor checks out.")
        return
    console.print(
        f"[red]Audit chain broken:[/] {len(result.problems)} problem(s) in {result.entries:,} entries."
    )
    for problem in result.problems[:SHOWN_PROBLEMS]:
        console.print(f"  {problem.reason}")
    raise typer.Exit(1)


@app.command("head")
def head_command(database_url: DatabaseUrl = None) -> None:
    """Anchor the current head and print it as a JSON line to keep outside the database."""
    head = open_trail(database_url).anchor()
    if head is None:
        console.print("The audit log is empty; there is no head to publish yet.")
        return
    typer.echo(json.dumps({"seq": head.seq, "entry_hash": head.entry_hash}))


def record_model_event(engine: Engine, action: str, version: str, result: str, detail: str) -> None:
    """Write a model-lifecycle decision (gates, promotion, rollback) to the audit log."""
    trail_of(engine).record(
        actor=cli_actor(),
        role="data_scientist",
        action=action,
        resource=f"model:erta-risk/{version}",
        result=result,
        purpose=detail[:200],
    )


def cli_actor() -> str:
    """Who ran the command, as the operating system knows them."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def read_anchors(path: Path) -> list[Anchor]:
    """Published heads, one JSON object per line; a bad line is named, not skipped."""
    anchors = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        console.print(f"[red]error:[/] cannot read {path}: {error.strerror or error}")
        raise typer.Exit(2) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
            anchors.append(Anchor(int(value["seq"]), str(value["entry_hash"])))
        except (ValueError, KeyError, TypeError):
            console.print(f'[red]error:[/] {path}:{number}: expected {{"seq": N, "entry_hash": "…"}}')
            raise typer.Exit(2) from None
    return anchors
