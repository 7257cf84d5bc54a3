"""The layering of DESIGN.md holds, and importing Erta has no side effects."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


def test_the_contracts_would_catch_a_pure_package_importing_the_service(tmp_path: Path) -> None:
    package = tmp_path / "model"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "leak.py").write_text("import service.db.models\n")
    result = _lint_planted_project(tmp_path)
    assert result.returncode != 0
    assert "model.leak -> service.db.models" in result.stdout


def test_the_contracts_would_catch_the_service_bypassing_its_jobs_module(tmp_path: Path) -> None:
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "__init__.py").write_text("")
    result = _lint_planted_project(tmp_path, {"service/shortcut.py": "import training.pipeline\n"})
    assert result.returncode != 0
    assert "service.shortcut -> training.pipeline" in result.stdout


def _lint_planted_project(
    tmp_path: Path, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Erta's import contracts run on a throwaway tree of empty packages plus the planted modules."""
    for name in ("privacy", "training", "service", "ui"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / "service" / "db").mkdir()
    (tmp_path / "service" / "db" / "__init__.py").write_text("")
    (tmp_path / "service" / "db" / "models.py").write_text("")
    (tmp_path / "training" / "pipeline.py").write_text("")
    for relative, source in (extra or {}).items():
        (tmp_path / relative).write_text(source)
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text())
    lint_imports = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )


def test_importing_every_module_touches_nothing(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import importlib, pkgutil
        for package in ("model", "privacy", "training", "service", "ui"):
            module = importlib.import_module(package)
            for info in pkgutil.walk_packages(module.__path__, package + "."):
                importlib.import_module(info.name)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={
            "PYTHONPATH": str(ROOT),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
            "MLFLOW_DISABLE_TELEMETRY": "true",  # as the `erta` entry point sets it
        },
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_erta_command_leaves_no_telemetry_behind(tmp_path: Path) -> None:
    """MLflow writes a telemetry id under ~/.config on import unless told not to; `erta` tells it."""
    erta = Path(sys.executable).with_name("erta")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "ERTA_HOME": str(tmp_path / "erta-home")}
    result = subprocess.run(
        [str(erta), "models", "list"], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / ".config" / "mlflow").exists()
