"""`erta` starts without the heavy stacks: each command imports MLflow, training or Presidio itself."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "mlflow",
    "xgboost",
    "sklearn",
    "shap",
    "presidio_analyzer",
    "spacy",
    "pandas",
    "matplotlib",
    "dask",
    "distributed",
    "training",
)
ROOT = Path(__file__).resolve().parents[3]

PROBE = f"""
import json, sys
import service.cli.main
heavy = {HEAVY!r}
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in heavy)))
"""


def test_importing_the_cli_loads_no_heavy_package() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    offenders = sorted({name.split(".")[0] for name in loaded})
    assert not offenders, f"importing service.cli.main loaded {offenders} (modules: {loaded[:20]})"
