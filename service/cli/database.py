"""`erta db …`: the schema of the configured database."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from service.cli.output import console
from service.db.engine import make_engine
from service.db.migrate import current_revision, head_revision, upgrade
from service.settings import get_settings

app = typer.Typer(help="Database schema: upgrade to the newest migration, show the current one.")

# No envvar here: Settings already reads ERTA_DATABASE_URL (and .env) when the option is not given.
DatabaseUrl = Annotated[
    str | None,
    typer.Option(help="Database URL (default: ERTA_DATABASE_URL, else the SQLite file under ERTA_HOME)."),
]


def connect_database(database_url: str | None = None) -> Engine:
    """An engine for the configured database, or a one-line error (password hidden) and exit code 2."""
    url = database_url or get_settings().resolved_database_url
    try:
        engine = make_engine(url)
        with engine.connect():
            pass
    except (ArgumentError, NoSuchModuleError):
        console.print(
            "[red]error:[/] the database URL is not one Erta supports (sqlite:///… or postgresql://…)"
        )
        raise typer.Exit(2) from None
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else "unreachable"
        console.print(
            f"[red]error:[/] cannot reach the database {escape(describe(engine))}: {escape(reason)}"
        )
        raise typer.Exit(2) from None
    return engine


def open_database(database_url: str | None = None) -> Engine:
    """The configured database, brought up to the newest schema (an empty one included)."""
    engine = connect_database(database_url)
    if current_revision(engine) != head_revision(engine):
        upgrade(engine)
        console.print(f"Database schema upgraded to {head_revision(engine)} ({describe(engine)}).")
    return engine


def describe(engine: Engine) -> str:
    """Where the data lives, without the password."""
    return make_url(str(engine.url)).render_as_string(hide_password=True)


@app.command("upgrade")
def upgrade_command(
    database_url: DatabaseUrl = None,
) -> None:
    """Apply every migration the database lacks."""
    engine = open_database(database_url)
    console.print(f"Schema is at {current_revision(engine)} ({describe(engine)}).")


@app.command("current")
def current_command(
    database_url: DatabaseUrl = None,
) -> None:
    """Show the schema revision of the database and the newest one available."""
    engine = connect_database(database_url)
    console.print(f"current: {current_revision(engine) or 'empty'}   newest: {head_revision(engine)}")
