"""Serving loads the model by alias: `models:/erta-risk@champion`, never a version number or a run folder.

The registry decides which version serves (gates, a recorded promotion, a rollback); a command or the API
only asks for the champion, so moving the alias is the one way to change what pupils are scored with.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import mlflow
from mlflow import MlflowClient
from mlflow.exceptions import MlflowException

from model.risk_model import CalibratedRiskModel
from training.registry import CHAMPION, RegistryError
from training.tracking import REGISTERED_MODEL, RiskPyfunc, configure_tracking

NO_CHAMPION = "no champion model yet; run `erta train`"


def load_champion(home: Path) -> tuple[CalibratedRiskModel, str]:
    """The calibrated model now `@champion` and its version, or RegistryError when there is none."""
    configure_tracking(home)
    try:
        version = str(MlflowClient().get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version)
    except MlflowException as error:
        raise RegistryError(NO_CHAMPION) from error
    try:
        # MLflow prints environment-mismatch advice straight to stderr; a command says what it needs itself.
        with contextlib.redirect_stderr(io.StringIO()):
            loaded = mlflow.pyfunc.load_model(f"models:/{REGISTERED_MODEL}@{CHAMPION}")
    except (MlflowException, OSError) as error:
        raise RegistryError(f"cannot load the champion model (version {version}): {error}") from error
    wrapped = loaded.unwrap_python_model()
    if not isinstance(wrapped, RiskPyfunc):
        raise RegistryError(f"version {version} of {REGISTERED_MODEL} is not an Erta risk model")
    return wrapped.risk_model, version


def champion_version(home: Path) -> str | None:
    """The version the `@champion` alias points at now, or None: cheap enough to poll for a moved alias."""
    configure_tracking(home)
    try:
        return str(MlflowClient().get_model_version_by_alias(REGISTERED_MODEL, CHAMPION).version)
    except MlflowException:
        return None
