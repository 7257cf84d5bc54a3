"""Declarative base with a naming convention, so migrations name constraints identically on
SQLite and PostgreSQL and Alembic can alter them later."""

from __future__ import annotations

from sqlalchemy import JSON, MetaData
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# PostgreSQL's `json` has no equality operator; `jsonb` does, which the idempotent upsert needs.
JSON_DOCUMENT = JSON().with_variant(JSONB(), "postgresql")
