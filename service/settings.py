"""Erta's settings, read from ERTA_* environment variables or an uncommitted `.env` file.

Embedded defaults keep everything under `.erta/` so one command runs on a laptop; production points
`ERTA_DATABASE_URL` at PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """One settings object; build it with `get_settings()` where it is needed, never at import time."""

    model_config = SettingsConfigDict(env_prefix="ERTA_", env_file=".env", extra="ignore")

    home: Path = Path(".erta")
    database_url: str | None = None
    demo_mode: bool = False
    # Key of the HMAC pseudonyms; when unset, a random key is kept in `home/secrets/pseudonym.key`.
    pseudonym_key: SecretStr | None = None
    # Key of the audit chain's HMAC; when unset, a random key is kept in `home/secrets/audit.key`.
    audit_key: SecretStr | None = None
    # `erta score --all` and `erta train` run on this Dask scheduler (tcp://host:8786) when set.
    dask_scheduler: str | None = None
    # Retention: marks, attendance and LMS events older than this many years are deleted.
    retention_records_years: int = Field(default=5, ge=1)
    # Retention: notes older than this many years keep their row but have their text anonymised.
    retention_notes_years: int = Field(default=3, ge=1)

    # The API: largest request body, and how often it checks whether the champion alias has moved.
    api_max_body_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    model_reload_seconds: float = Field(default=30.0, gt=0)
    # Plain-def handlers running at once in one API process. They are CPU-bound and share one interpreter
    # lock: dozens of threads only take turns with the event loop, so a burst queues at the door instead.
    api_threads: int = Field(default=4, ge=1, le=200)
    # The longest one database statement of the API may run (PostgreSQL cancels it), or wait for a lock.
    api_statement_timeout_seconds: float = Field(default=30.0, gt=0, le=3600)
    # Requests a user or integration token may make a minute on average, and at once; sign-in attempts
    # a minute per username.
    api_requests_per_minute: int = Field(default=600, ge=1)
    api_request_burst: int = Field(default=120, ge=1)
    api_sign_ins_per_minute: int = Field(default=10, ge=1)
    # A class's features are reused this long by the API (new marks show within this time; 0 turns it off).
    feature_cache_seconds: float = Field(default=300.0, ge=0)

    # Sign-in: the HMAC key of the API's JWTs; when unset, a random key is kept in `home/secrets/jwt.key`.
    jwt_key: SecretStr | None = None
    access_token_minutes: int = Field(default=15, ge=1, le=24 * 60)
    refresh_token_days: int = Field(default=7, ge=1, le=90)

    # Notifications: e-mail through this SMTP server, and JSON webhooks (Telegram-bot compatible) to this URL.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_sender: str = "erta@localhost"
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = False
    webhook_url: str | None = None
    # A message that fails is retried after backoff × 2^(attempt − 1) seconds, at most this many times.
    notify_max_attempts: int = Field(default=8, ge=1, le=50)
    notify_backoff_seconds: float = Field(default=30.0, gt=0)

    @property
    def resolved_database_url(self) -> str:
        """The configured URL, or the embedded SQLite file under `home` (`make_engine` normalises it)."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'erta.db'}"


def normalise_database_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL whatever scheme spelling the operator wrote."""
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def get_settings() -> Settings:
    return Settings()
