"""`erta users …` as an administrator runs it, on SQLite and PostgreSQL: changes audited, no secret shown."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from click.testing import Result
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from privacy.audit_chain import AuditRecord
from service.audit_trail import AuditTrail
from service.auth.api_tokens import authenticate_api_token
from service.auth.users import authenticate
from service.cli.main import app
from service.db.models import ApiToken, User
from service.ingest import ingest_bundle
from service.secrets import audit_key
from service.settings import Settings
from tests.service.ingest.conftest import build_bundle

PASSWORD = "Navoiy ko'chasi 12-uy parol"


@pytest.fixture(autouse=True)
def erta(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The hand-written bundle loaded into `engine`, and the environment pointing `erta` at it."""
    for variable in ("ERTA_PSEUDONYM_KEY", "ERTA_AUDIT_KEY", "ERTA_JWT_KEY", "ERTA_DEMO_MODE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ERTA_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    return engine


def run(command: str, input: str | None = None) -> Result:
    """`erta users COMMAND --actor admin:olim`."""
    return CliRunner().invoke(app, ["users", *shlex.split(command), "--actor", "admin:olim"], input=input)


def listing(command: str) -> Result:
    return CliRunner().invoke(app, ["users", *shlex.split(command)])


def failed(result: Result, text: str) -> None:
    assert result.exit_code == 2, result.output
    assert f"error: {text}" in " ".join(result.stderr.split())


def audit_entries(engine: Engine) -> list[AuditRecord]:
    trail = AuditTrail(engine, audit_key(Settings()))
    assert trail.verify().ok
    return list(trail.entries())


def test_a_user_is_added_with_the_password_from_a_hidden_prompt_asked_twice(erta: Engine) -> None:
    result = run(
        "add Nodira --role class_teacher --role mentor --staff-id T1", input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert "User nodira added with class_teacher, mentor" in result.stderr
    principal = authenticate(erta, "nodira", PASSWORD)
    assert principal is not None
    assert principal.roles == {"class_teacher", "mentor"}
    assert (principal.staff_id, principal.school_id) == ("T1", "S1")
    (entry,) = audit_entries(erta)
    assert (entry.actor, entry.role, entry.action) == ("admin:olim", "admin", "user.add")
    assert entry.resource == "user:nodira"


def test_two_different_passwords_change_nothing(erta: Engine) -> None:
    result = run("add nodira --role admin", input=f"{PASSWORD}\n{PASSWORD}!\n")
    failed(result, "the two passwords differ; nothing was changed")
    assert listing("list").stderr.startswith("No users yet")


def test_the_password_can_come_from_standard_input(erta: Engine) -> None:
    result = run("add direktor --role principal --school-id S2 --password-stdin", input=f"{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert authenticate(erta, "direktor", PASSWORD) is not None


def test_there_is_no_option_to_give_a_password_as_an_argument() -> None:
    result = run(f"add nodira --role admin --password {shlex.quote(PASSWORD)}")
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_an_unknown_role_is_refused_before_a_password_is_asked_for() -> None:
    result = run("add nodira --role teacher")
    failed(result, "unknown role 'teacher'; the roles are class_teacher, subject_teacher, mentor, principal")
    assert "password" not in result.output.casefold()


def test_a_taken_name_a_short_password_and_an_unknown_staff_id_are_refused(erta: Engine) -> None:
    assert run("add nodira --role admin --password-stdin", input=PASSWORD).exit_code == 0
    failed(
        run("add NODIRA --role admin --password-stdin", input=PASSWORD),
        "a user named 'nodira' already exists",
    )
    failed(
        run("add olim --role admin --password-stdin", input="qisqa\n"),
        "the password must be at least 12 characters long (it has 5)",
    )
    failed(
        run("add olim --role mentor --staff-id T99 --password-stdin", input=PASSWORD),
        "no staff member has the id 'T99'",
    )
    failed(run("add olim --role admin --password-stdin", input=""), "no password on standard input")
    assert len(audit_entries(erta)) == 1


def test_disable_enable_and_reset(erta: Engine) -> None:
    run("add nodira --role class_teacher --staff-id T1 --password-stdin", input=PASSWORD)
    assert "User nodira disabled." in run("disable nodira").stderr
    assert "User nodira was already disabled." in run("disable nodira").stderr
    assert authenticate(erta, "nodira", PASSWORD) is None
    assert "disabled" in listing("list").stderr
    assert "User nodira enabled." in run("enable nodira").stderr
    new = "Yangi parol: Farg‘ona 2026"
    result = run("reset nodira", input=f"{new}\n{new}\n")
    assert result.exit_code == 0, result.output
    assert new not in result.output
    assert authenticate(erta, "nodira", PASSWORD) is None
    assert authenticate(erta, "nodira", new) is not None
    failed(run("reset nobody --password-stdin", input=new), "no user is named 'nobody'")
    failed(run("disable nobody"), "no user is named 'nobody'")
    assert [e.action for e in audit_entries(erta)] == [
        "user.add",
        "user.disable",
        "user.disable",
        "user.enable",
        "user.reset_password",
    ]


def test_the_list_shows_users_and_roles_but_never_a_hash(erta: Engine) -> None:
    run("add nodira --role class_teacher --staff-id T1 --password-stdin", input=PASSWORD)
    result = listing("list")
    assert result.exit_code == 0, result.output
    assert "nodira" in result.output
    assert "class_teacher" in result.output
    with erta.connect() as connection:
        stored = str(connection.scalar(select(User.password_hash)))
    assert "argon2" not in result.output
    assert stored not in result.output


def test_a_token_is_printed_once_alone_on_standard_output(erta: Engine) -> None:
    run("add ediary --role subject_teacher --staff-id T2 --password-stdin", input=PASSWORD)
    result = run("token create ediary --name 'e-diary sync'")
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert token.startswith("erta_")
    assert "\n" not in token
    assert "shown only now" in result.stderr
    principal = authenticate_api_token(erta, token)
    assert principal is not None
    assert principal.token_name == "e-diary sync"
    listed = listing("token list")
    with erta.connect() as connection:
        digest = str(connection.scalar(select(ApiToken.token_hash)))
    assert "e-diary sync" in listed.output
    assert token not in listed.output
    assert digest not in listed.output
    assert digest not in listing("list").output


def test_a_revoked_token_is_refused(erta: Engine) -> None:
    run("add lms --role subject_teacher --password-stdin", input=PASSWORD)
    token = run("token create lms --name LMS").stdout.strip()
    result = run("token revoke LMS")
    assert result.exit_code == 0, result.output
    assert "Token LMS of lms revoked" in result.stderr
    assert authenticate_api_token(erta, token) is None
    failed(run("token revoke LMS"), "no live API token has the name 'LMS'")
    failed(run("token create nobody --name x"), "no user is named 'nobody'")
    entries = audit_entries(erta)
    assert [(e.action, e.resource) for e in entries][1:] == [
        ("api_token.create", "api_token:LMS"),
        ("api_token.revoke", "api_token:LMS"),
    ]
    assert all(token not in str(e) for e in entries)


def test_a_placeholder_audit_key_stops_a_change_before_it_is_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ERTA_AUDIT_KEY", "changeme-changeme-changeme-changeme")
    result = run("add nodira --role admin --password-stdin", input=PASSWORD)
    failed(result, "ERTA_AUDIT_KEY looks like a placeholder")
    monkeypatch.delenv("ERTA_AUDIT_KEY")
    assert listing("list").stderr.startswith("No users yet")
