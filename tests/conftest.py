"""Fixtures shared by the whole suite: fresh, migrated databases on SQLite and on real PostgreSQL.

PostgreSQL is never skipped: if the server in ERTA_TEST_POSTGRES_URL cannot be reached, the tests that
need it fail, because storage must behave the same on both databases.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

# The suite runs as the `erta` executable does: MLflow's usage telemetry off (service/cli/entry.py).
os.environ.setdefault("MLFLOW_DISABLE_TELEMETRY", "true")
os.environ.setdefault("DO_NOT_TRACK", "true")

from service.db.engine import make_engine
from service.db.migrate import upgrade

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def _admin_url() -> str:
    return os.environ.get("ERTA_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


def _database_url(name: str) -> str:
    return make_url(_admin_url()).set(drivername="postgresql+psycopg", database=name).render_as_string(False)


def _admin_execute(sql: str) -> None:
    conninfo = make_url(_admin_url()).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql)


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    """A migrated database, used as the template each test's PostgreSQL database is cloned from."""
    name = f"erta_template_{uuid.uuid4().hex[:10]}"
    _admin_execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(_database_url(name))
    upgrade(engine)
    engine.dispose()
    yield name
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_engine(postgres_template: str) -> Iterator[Engine]:
    name = f"erta_test_{uuid.uuid4().hex[:12]}"
    _admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"')
    engine = make_engine(_database_url(name))
    yield engine
    engine.dispose()
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_postgres_url() -> Iterator[str]:
    """A PostgreSQL database with no schema at all, for migration tests."""
    name = f"erta_empty_{uuid.uuid4().hex[:12]}"
    _admin_execute(f'CREATE DATABASE "{name}"')
    yield _database_url(name)
    _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'erta.db'}")
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """A freshly migrated database; every test using it runs once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_engine" if request.param == "sqlite" else "postgres_engine"
    return request.getfixturevalue(fixture)
