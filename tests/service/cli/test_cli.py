"""The `erta` command as a user runs it: the installed entry point, in a subprocess."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.service.ingest.conftest import build_bundle

ERTA = str(Path(sys.executable).with_name("erta"))


def run_erta(*args: str, home: Path, database_url: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ERTA_")}
    env |= {"ERTA_HOME": str(home), "COLUMNS": "60"}  # narrow: messages must not wrap
    if database_url:
        env["ERTA_DATABASE_URL"] = database_url
    return subprocess.run([ERTA, *args], capture_output=True, text=True, env=env, cwd=home, timeout=300)


def test_ingest_of_a_clean_bundle_exits_zero_and_summarises(tmp_path: Path) -> None:
    bundle = build_bundle(tmp_path / "bundle")
    result = run_erta("ingest", str(bundle), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Database schema upgraded" in result.stderr
    assert "Ingest summary" in result.stderr
    assert (tmp_path / "erta.db").exists()


def test_ingest_with_a_bad_row_names_file_and_line_and_exits_one(tmp_path: Path) -> None:
    bundle = build_bundle(tmp_path / "bundle")
    with (bundle / "grades.csv").open("a", encoding="utf-8") as handle:
        handle.write("P0001,Matematika,2025-10-01,daily,7,T1\n")
    lines = (bundle / "grades.csv").read_text(encoding="utf-8").count("\n")
    result = run_erta("ingest", str(bundle), home=tmp_path)
    assert result.returncode == 1
    assert f"{bundle / 'grades.csv'}:{lines}: mark 7 is outside 1-5" in result.stderr
    assert "1 row(s) rejected; every valid row was loaded." in result.stderr
    with sqlite3.connect(tmp_path / "erta.db") as connection:
        (marks,) = connection.execute("select count(*) from marks").fetchone()
    assert marks == lines - 2


def test_many_problems_are_listed_in_full_in_a_file(tmp_path: Path) -> None:
    bundle = build_bundle(tmp_path / "bundle")
    with (bundle / "grades.csv").open("a", encoding="utf-8") as handle:
        handle.writelines(f"P0001,Matematika,2025-10-{1 + i % 28:02d},daily,9,T1\n" for i in range(60))
    result = run_erta("ingest", str(bundle), home=tmp_path)
    assert result.returncode == 1
    assert "… and 10 more; the full list is in" in result.stderr
    (rejects,) = (tmp_path / "ingest").glob("rejects-*.txt")
    assert len(rejects.read_text(encoding="utf-8").splitlines()) == 60


def test_ingest_of_a_folder_without_a_bundle_exits_two(tmp_path: Path) -> None:
    result = run_erta("ingest", str(tmp_path / "nowhere"), home=tmp_path)
    assert result.returncode == 2
    assert "no bundle files found" in result.stderr


@pytest.mark.postgres
def test_ingest_into_postgresql(tmp_path: Path, empty_postgres_url: str) -> None:
    bundle = build_bundle(tmp_path / "bundle")
    first = run_erta("ingest", str(bundle), home=tmp_path, database_url=empty_postgres_url)
    second = run_erta("ingest", str(bundle), home=tmp_path, database_url=empty_postgres_url)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert "Database schema upgraded" not in second.stderr
    assert not (tmp_path / "erta.db").exists()


def test_generate_refuses_to_overwrite_a_bundle(tmp_path: Path) -> None:
    out = tmp_path / "district"
    out.mkdir()
    (out / "pupils.csv").write_text("keep me", encoding="utf-8")
    result = run_erta("generate", str(out), "--pupils", "50", home=tmp_path)
    assert result.returncode == 2
    assert "--overwrite" in result.stderr
    assert (out / "pupils.csv").read_text(encoding="utf-8") == "keep me"


def test_generate_then_ingest_round_trips(tmp_path: Path) -> None:
    out = tmp_path / "district"
    generated = run_erta("generate", str(out), "--pupils", "120", "--seed", "3", home=tmp_path)
    assert generated.returncode == 0, generated.stderr
    assert "120 pupils" in generated.stderr
    loaded = run_erta("ingest", str(out), home=tmp_path)
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    with sqlite3.connect(tmp_path / "erta.db") as connection:
        (pupils,) = connection.execute("select count(*) from pupils").fetchone()
    assert pupils == 120


def test_demo_runs_from_nothing_and_a_second_run_reuses_everything(tmp_path: Path) -> None:
    first = run_erta("demo", "--pupils", "150", "--no-serve", home=tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Erta demo ready" in first.stderr
    assert "150 pupils" in first.stderr
    assert "Scores as of" in first.stderr or "Scores: none yet (no champion)" in first.stderr
    assert "Users of `erta serve` (password `demo`):" in first.stderr
    for role in ("class_teacher", "subject_teacher", "mentor", "principal", "data_scientist", "auditor"):
        assert role in first.stderr
    second = run_erta("demo", "--pupils", "150", "--no-serve", home=tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "Using the demo district already in" in second.stderr
    assert "Users of `erta serve`" in second.stderr
    assert "Database schema upgraded" not in second.stderr


def test_db_commands(tmp_path: Path) -> None:
    assert "current: empty" in run_erta("db", "current", home=tmp_path).stderr
    assert run_erta("db", "upgrade", home=tmp_path).returncode == 0
    revisions = re.search(r"current: (\S+)\s+newest: (\S+)", run_erta("db", "current", home=tmp_path).stderr)
    assert revisions is not None
    assert revisions[1] == revisions[2] != "empty"


def test_an_unreachable_database_is_one_clear_line_without_the_password(tmp_path: Path) -> None:
    bundle = build_bundle(tmp_path / "bundle")
    url = "postgresql://erta:s3cret-pass@127.0.0.1:1/erta"
    result = run_erta("ingest", str(bundle), home=tmp_path, database_url=url)
    assert result.returncode == 2
    assert "error: cannot reach the database postgresql+psycopg://erta:***@127.0.0.1:1/erta" in result.stderr
    assert "s3cret-pass" not in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unsupported_database_url_is_refused(tmp_path: Path) -> None:
    result = run_erta("db", "current", home=tmp_path, database_url="mongodb://localhost/erta")
    assert result.returncode == 2
    assert "the database URL is not one Erta supports" in result.stderr


def test_generate_into_an_impossible_folder_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = run_erta("generate", str(blocker / "district"), "--pupils", "50", home=tmp_path)
    assert result.returncode == 2
    assert f"error: cannot write the bundle to {blocker / 'district'}: Not a directory" in result.stderr
    assert "Traceback" not in result.stderr
