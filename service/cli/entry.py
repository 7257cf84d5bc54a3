"""The `erta` executable. It switches MLflow's usage telemetry off before anything imports MLflow.

MLflow 3 sends anonymous usage events to its maintainers and writes an id under `~/.config` as soon as it
is imported. A school's deployment must not reach for the network or leave files behind unasked, so Erta
opts out (an operator who wants telemetry can still set MLFLOW_DISABLE_TELEMETRY=false).
"""

from __future__ import annotations

import os


def main() -> None:
    os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
    os.environ.setdefault("DO_NOT_TRACK", "true")
    from service.cli.main import app

    app()
