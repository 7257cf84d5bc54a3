"""Fixtures for the training tests: a real MLflow SQLite store per test, isolated in its own tmp_path.

Creating an MLflow database runs its Alembic migrations, which takes seconds; each worker migrates one
template once and every test gets a copy of it. MLflow is imported inside the fixtures, so the tests
that never touch it (gates, artifact guard) start without paying for its import.
"""

from __future__ import annotations

import shutil
import sqlite3
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from mlflow import MlflowClient

URI_VARIABLES = ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI")


@pytest.fixture(scope="session")
def migrated_mlflow_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty MLflow database with every migration applied, made once per xdist worker."""
    with warnings.catch_warnings():
        # MLflow's store module trips a SQLAlchemy deprecation when it is first imported.
        warnings.simplefilter("ignore", DeprecationWarning)
        from mlflow.store.tracking.sqlalchemy_store import SqlAlchemyStore

    folder = tmp_path_factory.mktemp("mlflow_template")
    path = folder / "mlflow.db"
    # Write-ahead logging is stored in the file, so the migrations and every copy use it: half the fsyncs
    # per commit, which is most of what an MLflow call costs here.
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.close()
    store = SqlAlchemyStore(f"sqlite:///{path}", (folder / "artifacts").as_uri())
    store.engine.dispose()
    assert not path.with_name("mlflow.db-wal").exists(), "closing the store checkpoints the log into the file"
    return path


@pytest.fixture
def mlflow_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, migrated_mlflow_db: Path) -> Iterator[Path]:
    """Erta's home with its own tracking and registry store; MLflow's global URIs are restored afterwards."""
    import mlflow
    from mlflow.tracking._model_registry import utils as registry_uri_state
    from mlflow.tracking._tracking_service import utils as tracking_uri_state

    from training.tracking import configure_tracking

    for name in URI_VARIABLES:
        # mlflow.set_tracking_uri exports these variables; setting before deleting makes monkeypatch
        # remember the original value, so teardown puts back exactly what was there.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    # MLflow keeps the URIs in module globals too; re-setting them to themselves restores them at teardown.
    monkeypatch.setattr(tracking_uri_state, "_tracking_uri", tracking_uri_state._tracking_uri)
    monkeypatch.setattr(registry_uri_state, "_registry_uri", registry_uri_state._registry_uri)
    shutil.copyfile(migrated_mlflow_db, tmp_path / "mlflow.db")
    uri = configure_tracking(tmp_path)
    assert uri == f"sqlite:///{(tmp_path / 'mlflow.db').resolve()}"
    yield tmp_path
    while mlflow.active_run() is not None:
        mlflow.end_run()


@pytest.fixture
def client(mlflow_home: Path) -> MlflowClient:
    from mlflow import MlflowClient

    return MlflowClient()
