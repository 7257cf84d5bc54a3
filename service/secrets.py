"""Secrets Erta keeps for itself: the keys of its pseudonyms and of its audit chain.

Each key comes from its environment variable when the operator manages it; otherwise a random key is created
once under Erta's home, readable by its owner only, and reused so pseudonyms and the chain stay verifiable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import SecretStr

from privacy.pseudonyms import MIN_KEY_BYTES, Pseudonymizer
from service.settings import Settings


class SecretError(RuntimeError):
    """A secret that is missing, too short or unreadable, said without its value."""


def pseudonym_key(settings: Settings) -> bytes:
    """Key of the pupil pseudonyms: ERTA_PSEUDONYM_KEY, or `home/secrets/pseudonym.key`."""
    return _key(settings.pseudonym_key, "ERTA_PSEUDONYM_KEY", settings.home / "secrets" / "pseudonym.key")


def audit_key(settings: Settings) -> bytes:
    """Key of the audit chain's HMAC: ERTA_AUDIT_KEY, or `home/secrets/audit.key`."""
    return _key(settings.audit_key, "ERTA_AUDIT_KEY", settings.home / "secrets" / "audit.key")


def pseudonymizer(settings: Settings) -> Pseudonymizer:
    return Pseudonymizer(pseudonym_key(settings))


def _key(configured: SecretStr | None, variable: str, path: Path) -> bytes:
    if configured is not None:
        key = configured.get_secret_value().encode("utf-8")
        if len(key) < MIN_KEY_BYTES:
            raise SecretError(f"{variable} must be at least {MIN_KEY_BYTES} characters")
        return key
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(MIN_KEY_BYTES))
    key = path.read_bytes().strip()
    if len(key) < MIN_KEY_BYTES:
        raise SecretError(f"the key in {path} is shorter than {MIN_KEY_BYTES} bytes")
    return key
