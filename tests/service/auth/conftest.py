"""Fixtures of the sign-in tests: a cheap argon2 hasher, a loaded school, an audit trail and settings.

Argon2's recommended parameters cost tens of milliseconds per hash by design; the tests use the cheapest
parameters argon2 allows, which exercise the same code paths. The default is tested on its own.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from pydantic import SecretStr
from sqlalchemy import Engine

from privacy.audit_chain import AuditRecord
from service.audit_trail import AuditTrail
from service.ingest import ingest_bundle
from service.settings import Settings
from tests.service.ingest.conftest import build_bundle

PASSWORD = "to'g'ri parol 2025"


@pytest.fixture
def hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", jwt_key=SecretStr(secrets.token_hex(32)), demo_mode=False)


@pytest.fixture
def trail(engine: Engine) -> AuditTrail:
    return AuditTrail(engine, secrets.token_bytes(32))


@pytest.fixture
def school(engine: Engine, tmp_path: Path) -> Engine:
    """The hand-written bundle loaded: schools S1 and S2, staff T1–T4, classes S1-7B (T1) and S2-5A (T3)."""
    report = ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    assert not report.problems
    return engine


def audit_entries(trail: AuditTrail) -> list[AuditRecord]:
    assert trail.verify().ok
    return list(trail.entries())
