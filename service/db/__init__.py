"""Erta's relational store: SQLAlchemy 2 models, engines and Alembic migrations."""
