"""The API's own database engine cancels a statement that runs past ERTA_API_STATEMENT_TIMEOUT_SECONDS on
PostgreSQL, so one runaway query cannot hold a connection and a worker thread for ever."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from service.settings import Settings
from tests.service.trained_district import isolated_mlflow

pytestmark = pytest.mark.postgres


def test_a_statement_past_the_limit_is_cancelled(postgres_engine: Engine, tmp_path: Path) -> None:
    from service.api.app import create_app

    url = postgres_engine.url.render_as_string(hide_password=False)
    settings = Settings(home=tmp_path, database_url=url, api_statement_timeout_seconds=0.5)
    with isolated_mlflow():
        app = create_app(settings, watch_model=False)
    engine: Engine = app.state.erta.engine
    with engine.connect() as connection:
        assert connection.scalar(text("SHOW statement_timeout")) == "500ms"
        assert connection.scalar(text("SELECT 1 FROM pg_sleep(0.1)")) == 1
    with engine.connect() as connection, pytest.raises(OperationalError, match="statement timeout"):
        connection.execute(text("SELECT pg_sleep(3)"))
    engine.dispose()
