"""Secrets Erta keeps for itself, such as the key of its pseudonyms.

The key comes from `ERTA_PSEUDONYM_KEY` when the operator manages it; otherwise a random key is created
once under Erta's home, readable by its owner only, and reused so pseudonyms stay stable across runs.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from privacy.pseudonyms import MIN_KEY_BYTES, Pseudonymizer
from service.settings import Settings

KEY_FILE = Path("secrets") / "pseudonym.key"


class SecretError(RuntimeError):
    """A secret that is missing, too short or unreadable, said without its value."""


def pseudonym_key(settings: Settings) -> bytes:
    if settings.pseudonym_key is not None:
        key = settings.pseudonym_key.get_secret_value().encode("utf-8")
        if len(key) < MIN_KEY_BYTES:
            raise SecretError(f"ERTA_PSEUDONYM_KEY must be at least {MIN_KEY_BYTES} characters")
        return key
    path = settings.home / KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(MIN_KEY_BYTES))
    key = path.read_bytes().strip()
    if len(key) < MIN_KEY_BYTES:
        raise SecretError(f"the pseudonym key in {path} is shorter than {MIN_KEY_BYTES} bytes")
    return key


def pseudonymizer(settings: Settings) -> Pseudonymizer:
    return Pseudonymizer(pseudonym_key(settings))
