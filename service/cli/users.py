"""`erta users …`: who may sign in, with which roles, and the integrations' API tokens; every change audited.

Passwords are read from a hidden prompt (asked twice) or, for scripts, from standard input; never from an
argument, where they would sit in the shell's history and in the process list. The auth modules (argon2,
PyJWT) are imported inside the commands, so `erta` itself starts quickly.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.markup import escape

from service.cli.audit import trail_of
from service.cli.database import DatabaseUrl, open_database
from service.cli.output import console
from service.cli.privileged import ActorOption, actor_name
from service.settings import get_settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from service.audit_trail import AuditTrail

app = typer.Typer(help="People who sign in: add, disable, enable, reset and list them; API tokens.")
token_app = typer.Typer(help="Long-lived API tokens for integrations: create (shown once), list, revoke.")
app.add_typer(token_app, name="token")

Username = Annotated[str, typer.Argument(help="The user's sign-in name.")]
PasswordStdin = Annotated[
    bool,
    typer.Option(
        "--password-stdin", help="Read the password from the first line of standard input (scripts)."
    ),
]


@app.command("add")
def add_command(
    username: Username,
    role: Annotated[list[str], typer.Option("--role", help="A role to grant; repeat for several.")],
    staff_id: Annotated[
        str | None, typer.Option("--staff-id", help="Their staff record: scopes a teacher to their pupils.")
    ] = None,
    school_id: Annotated[
        str | None, typer.Option("--school-id", help="The school they see (principal…).")
    ] = None,
    password_stdin: PasswordStdin = False,
    actor: ActorOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Add a user with one or more roles; the password is asked for twice, hidden."""
    from service.auth.users import UserError, add_user, checked_roles, checked_username

    who, engine, trail = _context(actor, database_url)
    try:  # refuse a bad name or role before asking for a password
        checked_username(username)
        checked_roles(role)
    except UserError as error:
        _fail(error)
    password = read_password(password_stdin)
    try:
        user = add_user(
            engine,
            username,
            password,
            role,
            staff_id=staff_id,
            school_id=school_id,
            trail=trail,
            actor=who,
            demo_mode=get_settings().demo_mode,
        )
    except ValueError as error:  # UserError and PasswordError
        _fail(error)
    console.print(f"User {escape(user.username)} added with {', '.join(user.roles)}; the change is audited.")


@app.command("disable")
def disable_command(username: Username, actor: ActorOption = None, database_url: DatabaseUrl = None) -> None:
    """Stop a user signing in, refreshing a session or using their API tokens."""
    from service.auth.users import UserError, disable_user

    who, engine, trail = _context(actor, database_url)
    try:
        changed = disable_user(engine, username, trail=trail, actor=who)
    except UserError as error:
        _fail(error)
    name = escape(username.strip().casefold())
    console.print(f"User {name} disabled." if changed else f"User {name} was already disabled.")


@app.command("enable")
def enable_command(username: Username, actor: ActorOption = None, database_url: DatabaseUrl = None) -> None:
    """Let a disabled user sign in again."""
    from service.auth.users import UserError, enable_user

    who, engine, trail = _context(actor, database_url)
    try:
        changed = enable_user(engine, username, trail=trail, actor=who)
    except UserError as error:
        _fail(error)
    name = escape(username.strip().casefold())
    console.print(f"User {name} enabled." if changed else f"User {name} was not disabled.")


@app.command("reset")
def reset_command(
    username: Username,
    password_stdin: PasswordStdin = False,
    actor: ActorOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Give a user a new password, asked for twice, hidden."""
    from service.auth.users import reset_password, user_id_of

    who, engine, trail = _context(actor, database_url)
    try:
        user_id_of(engine, username)  # an unknown name is said before the password is asked for
        password = read_password(password_stdin)
        reset_password(engine, username, password, trail=trail, actor=who, demo_mode=get_settings().demo_mode)
    except ValueError as error:
        _fail(error)
    console.print(f"Password of {escape(username.strip().casefold())} reset; the change is audited.")


@app.command("list")
def list_command(database_url: DatabaseUrl = None) -> None:
    """Every user with roles, staff record, school and state (never a password hash)."""
    from rich.table import Table

    from service.auth.users import list_users

    users = list_users(open_database(database_url))
    if not users:
        console.print("No users yet; add one with `erta users add NAME --role ROLE`.")
        return
    table = Table("user", "roles", "staff", "school", "state", "created")
    for user in users:
        created = user.created_at.strftime("%Y-%m-%d") if user.created_at else ""
        state = "disabled" if user.disabled else "active"
        table.add_row(user.username, ", ".join(user.roles), user.staff_id, user.school_id, state, created)
    console.print(table)


@token_app.command("create")
def token_create_command(
    username: Username,
    name: Annotated[
        str, typer.Option("--name", help="What the token is for (e-diary, LMS…); unique while live.")
    ],
    actor: ActorOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Create a token acting as USERNAME and print it once, on standard output."""
    from service.auth.api_tokens import create_api_token
    from service.auth.users import UserError, user_id_of

    who, engine, trail = _context(actor, database_url)
    try:
        token = create_api_token(engine, user_id_of(engine, username), name, trail=trail, actor=who)
    except UserError as error:
        _fail(error)
    console.print(
        "[yellow]warning:[/] this token is shown only now and cannot be recovered; anyone who holds it "
        f"acts as {escape(username.strip().casefold())}. Store it in the integration's secret store."
    )
    typer.echo(token)


@token_app.command("revoke")
def token_revoke_command(
    name: Annotated[str, typer.Argument(help="The name the token was created with.")],
    actor: ActorOption = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Revoke a live token: it is refused from its next request on."""
    from service.auth.api_tokens import revoke_api_token
    from service.auth.users import UserError

    who, engine, trail = _context(actor, database_url)
    try:
        revoked = revoke_api_token(engine, name, trail=trail, actor=who)
    except UserError as error:
        _fail(error)
    console.print(
        f"Token {escape(revoked.name)} of {escape(revoked.username)} revoked; the change is audited."
    )


@token_app.command("list")
def token_list_command(database_url: DatabaseUrl = None) -> None:
    """Every token by name, owner and dates (never the token or its hash)."""
    from rich.table import Table

    from service.auth.api_tokens import list_api_tokens

    tokens = list_api_tokens(open_database(database_url))
    if not tokens:
        console.print("No API tokens yet; create one with `erta users token create USER --name NAME`.")
        return
    table = Table("id", "name", "acts as", "created", "revoked")
    for token in tokens:
        created = token.created_at.strftime("%Y-%m-%d") if token.created_at else ""
        revoked = token.revoked_at.strftime("%Y-%m-%d") if token.revoked_at else ""
        table.add_row(str(token.id), token.name, token.username, created, revoked)
    console.print(table)


def read_password(from_stdin: bool) -> str:
    """The new password: the first line of standard input, or typed twice at a hidden prompt."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            _fail("no password on standard input")
        return password
    password = typer.prompt("New password", hide_input=True, err=True)
    if typer.prompt("Repeat it", hide_input=True, err=True) != password:
        _fail("the two passwords differ; nothing was changed")
    return str(password)


def _context(actor: str | None, database_url: str | None) -> tuple[str, Engine, AuditTrail]:
    """Who acts, the database and its audit trail, each checked before anything is asked or changed."""
    who = actor_name(actor)
    engine = open_database(database_url)
    return who, engine, trail_of(engine)


def _fail(error: Exception | str) -> NoReturn:
    console.print(f"[red]error:[/] {escape(str(error))}")
    raise typer.Exit(2)
