"""What the commands touching identified pupil data share: who acts, for the audit log, and the key."""

from __future__ import annotations

from typing import Annotated

import typer

from privacy.pseudonyms import Pseudonymizer
from service.cli.audit import cli_actor
from service.cli.output import console
from service.secrets import SecretError, pseudonymizer
from service.settings import get_settings

MAX_ACTOR_CHARS = 64  # the audit log's actor column

ActorOption = Annotated[
    str | None,
    typer.Option("--actor", help="Who is acting, for the audit log (default: the operating system user)."),
]


def actor_name(actor: str | None) -> str:
    """The actor given, or the operating system user; a blank or overlong one is one line and exit 2."""
    if actor is None:
        return cli_actor()
    actor = actor.strip()
    if not actor or len(actor) > MAX_ACTOR_CHARS:
        console.print(f"[red]error:[/] --actor must be 1 to {MAX_ACTOR_CHARS} characters")
        raise typer.Exit(2)
    return actor


def pseudonymizer_or_exit() -> Pseudonymizer:
    """The deployment's pseudonymizer, or one clear line and exit code 2 when its key is unusable."""
    try:
        return pseudonymizer(get_settings())
    except SecretError as error:
        console.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
