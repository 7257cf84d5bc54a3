"""Alembic environment: the engine comes from the caller (`service.db.migrate`) or from Erta's settings."""

from __future__ import annotations

from alembic import context

from service.db.engine import make_engine
from service.db.models import Base
from service.settings import get_settings

config = context.config


def run_migrations() -> None:
    engine = config.attributes.get("engine") or make_engine(get_settings().resolved_database_url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations()
