"""`erta export`, `erta consent` and `erta retention` as an administrator runs them, on SQLite and PostgreSQL.

In-process through Typer's runner (the installed `erta` takes seconds just to import Presidio), with the real
note anonymiser of `service.privacy_engine`.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, insert, select
from typer.testing import CliRunner, Result

from privacy.audit_chain import AuditRecord
from service.audit_trail import AuditTrail
from service.cli.main import app
from service.db.models import Mark, Note, Pupil
from service.ingest import ingest_bundle
from service.privacy_engine import note_anonymizer
from service.secrets import audit_key, pseudonymizer
from service.settings import Settings
from tests.service.ingest.conftest import PUPILS, build_bundle


@pytest.fixture
def erta(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """The hand-written bundle loaded into `engine`, and the environment pointing `erta` at it."""
    for variable in ("ERTA_PSEUDONYM_KEY", "ERTA_AUDIT_KEY", "ERTA_RETENTION_RECORDS_YEARS"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ERTA_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    return engine


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_error(result: Result, text: str) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.strip() == f"error: {text}"


def audit_entries(engine: Engine) -> list[AuditRecord]:
    trail = AuditTrail(engine, audit_key(Settings()))
    assert trail.verify().ok
    return list(trail.entries())


def test_plain_export_refuses_and_names_the_pseudonymised_one(tmp_path: Path) -> None:
    result = run("export", str(tmp_path / "out"))
    one_line_error(result, "only the pseudonymised export exists: run `erta export --pseudonymised OUT_DIR`")
    assert not (tmp_path / "out").exists()


def test_export_writes_the_folder_with_notes_anonymised_and_audits_it(erta: Engine, tmp_path: Path) -> None:
    result = run("export", "--pseudonymised", str(tmp_path / "out"), "--actor", "cli:dilnoza")
    assert result.exit_code == 0, result.output
    assert f"│ pupils.csv     │   {PUPILS - 1} │" in result.stderr
    assert "k = 1; 6 of 6 cells hold fewer than 5 pupils (11 pupils)" in result.stderr
    anonymize = note_anonymizer(erta)
    keys = pseudonymizer(Settings())
    with erta.connect() as connection:
        expected = {
            keys.pseudonym(i, "n"): anonymize(t)
            for i, t in connection.execute(select(Note.note_id, Note.text))
        }
    with (tmp_path / "out" / "notes.csv").open(encoding="utf-8", newline="") as handle:
        assert {row["note_id"]: row["text"] for row in csv.DictReader(handle)} == expected
    (entry,) = audit_entries(erta)
    assert (entry.action, entry.role, entry.actor, entry.resource) == (
        "export.pseudonymised",
        "admin",
        "cli:dilnoza",
        "export:out",
    )
    assert entry.result == f"{PUPILS - 1} pupils, k=1"
    assert entry.purpose is not None
    assert entry.purpose.startswith("rows: schools 2, staff 4, classes 2, pupils 11, grades 110,")


def test_export_into_a_non_empty_folder_is_one_line(erta: Engine, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.csv").write_text("keep", encoding="utf-8")
    one_line_error(
        run("export", "--pseudonymised", "out"), "out is not empty; export into a new or empty folder"
    )
    assert audit_entries(erta) == []


def test_consent_revoke_and_grant_change_the_pupil_and_are_audited(erta: Engine) -> None:
    revoked = run("consent", "revoke", "P0005", "--reason", "Ota-onasi yozma ariza berdi")
    assert revoked.exit_code == 0, revoked.output
    keys = pseudonymizer(Settings())
    assert f"Consent revoked for pupil P0005 ({keys.pseudonym('P0005', 'p')})" in revoked.stderr
    with erta.connect() as connection:
        assert connection.scalar(select(Pupil.consent).where(Pupil.pupil_id == "P0005")) == "revoked"
    assert run("consent", "grant", "P0005", "--reason", "Rozilik qayta berildi").exit_code == 0
    first, second = audit_entries(erta)
    assert (first.action, first.purpose, first.pupil_pseudonym) == (
        "consent.revoke",
        "Ota-onasi yozma ariza berdi",
        keys.pseudonym("P0005", "p"),
    )
    assert (second.action, second.result, second.role) == ("consent.grant", "granted", "admin")


def test_consent_refusals_are_one_line_and_leave_no_trace(erta: Engine) -> None:
    one_line_error(run("consent", "revoke", "P9999", "--reason", "ariza"), "no pupil has the id 'P9999'")
    result = run("consent", "revoke", "P0005", "--reason", "Pupil5 Familiya ko'chib ketdi")
    assert result.exit_code == 2
    assert "Familiya" not in result.stderr
    assert "repeats the pupil's personal data" in result.stderr
    assert run("consent", "revoke", "P0005").exit_code == 2  # --reason is required
    one_line_error(
        run("consent", "revoke", "P0005", "--reason", "ariza", "--actor", "x" * 65),
        "--actor must be 1 to 64 characters",
    )
    assert audit_entries(erta) == []


def test_retention_dry_run_then_run_then_nothing_left_to_do(erta: Engine) -> None:
    mark = {"pupil_id": "P0000", "subject": "Fizika", "kind": "daily", "mark": 4, "teacher_id": "T2"}
    with erta.begin() as connection:
        connection.execute(
            insert(Mark), [mark | {"date": date(2019, 3, 1)}, mark | {"date": date(2024, 3, 1)}]
        )
    marks = _marks(erta)
    dry = run("retention", "run", "--dry-run", "--as-of", "2026-01-01")
    assert dry.exit_code == 0, dry.output
    assert "dry run: nothing changed" in dry.stderr
    assert _marks(erta) == marks
    assert audit_entries(erta) == []
    real = run("retention", "run", "--as-of", "2026-01-01", "--actor", "cli:retention-job")
    assert real.exit_code == 0, real.output
    assert "│ marks deleted      │ 2021-01-01   │" in real.stderr
    assert _marks(erta) == marks - 1
    assert run("retention", "run", "--as-of", "2026-01-01").exit_code == 0
    first, second = audit_entries(erta)
    assert (first.action, first.actor, first.result) == (
        "retention.run",
        "cli:retention-job",
        "1 rows, 0 notes",
    )
    assert second.result == "0 rows, 0 notes"


def test_retention_refuses_a_malformed_date(erta: Engine) -> None:
    result = run("retention", "run", "--as-of", "01.01.2026")
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def _marks(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(Mark)) or 0)
