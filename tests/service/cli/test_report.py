"""`erta report monitoring` as a principal runs it, in-process, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from service.cli.main import app
from tests.service.test_monitoring_report import load_school


@pytest.fixture
def hidden(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, float]:
    """The hand-built school in `engine`, `erta` pointed at it; the suppressed class's means come back."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ERTA_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return load_school(engine)


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["report", "monitoring", *args])


def test_tables_show_the_slipping_class_and_never_the_small_ones_numbers(hidden: dict[str, float]) -> None:
    result = run("--school", "S1")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    (falling,) = [line for line in lines if "7-B" in line and "Matematika" in line and "│" in line]
    assert falling.endswith("│     12 │   3.00 │ 2.10 │  -0.90 │ < 0.001 │ ▼ │")
    assert "▼" not in "".join(line for line in lines if "7-A" in line or "Fizika" in line)
    (small,) = [line for line in lines if "5-V" in line and "Matematika" in line]
    assert small.split("│")[3:8] == ["    < 5 ", "      – ", "    – ", "      – ", "       – "]
    assert "Wilcoxon signed-rank" in result.stderr
    for mean in hidden.values():
        assert f"{mean:.2f}" not in result.stderr
    assert "Flagged pupils: no risk scores yet." in result.stderr
    assert "• 7-B Matematika: o'qituvchiga metodik yordam (o'rtacha baho 3.00 → 2.10)" in result.stderr
    for title in ("Marks by class and subject", "Attendance", "LMS logins per pupil-week"):
        assert title in result.stderr


def test_json_goes_to_stdout_in_the_language_asked(hidden: dict[str, float]) -> None:
    result = run("--school", "S1", "--quarter", "2025-Q2", "--lang", "ru", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["quarter"], document["previous_quarter"], document["language"]) == (
        "2025-Q2",
        "2025-Q1",
        "ru",
    )
    (advice,) = document["recommendations"]
    assert advice["text"].startswith("7-B Matematika: методическая поддержка учителя")
    assert document["flagged"] is None
    small = [row for row in document["marks"] if row["class"] == "5-V"]
    assert all(row["mean_now"] is None and row["suppressed"] for row in small)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--school", "S9"), "error: no school has the id 'S9'"),
        (
            ("--school", "S1", "--quarter", "2025-5"),
            "error: a quarter looks like 2025-Q2 (the year its academic year starts, then 1-4), not '2025-5'",
        ),
    ],
)
def test_refusals_are_one_line_and_exit_2(
    hidden: dict[str, float], args: tuple[str, ...], message: str
) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.strip() == message


def test_an_unknown_language_is_a_usage_error(hidden: dict[str, float]) -> None:
    result = run("--school", "S1", "--lang", "de")
    assert result.exit_code == 2
    assert "Invalid value for '--lang'" in result.output
