"""The container files stay true to the code: what they copy exists, what they run is a real command."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from typer.main import get_command

from service.cli.main import app

ROOT = Path(__file__).resolve().parents[1]


def test_every_erta_command_compose_runs_exists() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    commands = get_command(app).commands  # type: ignore[attr-defined]
    built_from_here = {name: s for name, s in compose["services"].items() if s.get("build") == "."}
    assert built_from_here
    for service in built_from_here.values():
        assert service["command"][0] in commands


def test_compose_keeps_secrets_out_of_the_file() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    compose = yaml.safe_load(text)
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith(
        "${ERTA_DB_PASSWORD"
    )
    assert "ERTA_DATABASE_URL" in compose["services"]["erta"]["environment"]


def test_everything_the_dockerfile_copies_is_in_the_repository() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    copied = [
        source
        for line in dockerfile.splitlines()
        if (match := re.match(r"COPY\s+(.+)\s+\S+$", line))
        for source in match.group(1).split()
    ]
    assert {"pyproject.toml", "uv.lock", "service", "model", "privacy"} <= set(copied)
    assert all((ROOT / source).exists() for source in copied)


def test_the_mlflow_server_runs_the_locked_client_release() -> None:
    """A tracking server older than the client cannot store the models `erta train` logs."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    (locked,) = [p["version"] for p in lock["package"] if p["name"] == "mlflow"]
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    assert compose["services"]["mlflow"]["image"].endswith(f":v{locked}")
    assert "MLFLOW_TRACKING_URI" in compose["services"]["erta"]["environment"]
