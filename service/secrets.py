"""Secrets Erta keeps for itself: the keys of its pseudonyms, of its audit chain and of its sign-in tokens.

Each key comes from its environment variable when the operator manages it; otherwise a random key is created
once under Erta's home, readable by its owner only, and reused so pseudonyms and the chain stay verifiable.
Outside demo mode a configured key that looks like a placeholder (`changeme`, `secret`, one character over
and over…) is refused: a copied `.env.example` must not become a production key.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

from pydantic import SecretStr

from privacy.pseudonyms import MIN_KEY_BYTES, Pseudonymizer
from service.settings import Settings

# Words that mark a value someone meant to replace; matched anywhere, ignoring case and punctuation.
PLACEHOLDER_WORDS = ("changeme", "secret", "placeholder", "example", "password")
# Short words matched only on their own (between punctuation or at the ends), so a random key that happens
# to hold the letters is not refused.
PLACEHOLDER_TOKENS = ("demo", "test", "xxx")
MIN_DISTINCT_CHARACTERS = 8
MAX_REPEATED_STRETCH = 16


class SecretError(RuntimeError):
    """A secret that is missing, too short or unreadable, said without its value."""


def pseudonym_key(settings: Settings) -> bytes:
    """Key of the pupil pseudonyms: ERTA_PSEUDONYM_KEY, or `home/secrets/pseudonym.key`."""
    path = settings.home / "secrets" / "pseudonym.key"
    return _key(settings.pseudonym_key, "ERTA_PSEUDONYM_KEY", path, settings.demo_mode)


def audit_key(settings: Settings) -> bytes:
    """Key of the audit chain's HMAC: ERTA_AUDIT_KEY, or `home/secrets/audit.key`."""
    path = settings.home / "secrets" / "audit.key"
    return _key(settings.audit_key, "ERTA_AUDIT_KEY", path, settings.demo_mode)


def jwt_key(settings: Settings) -> bytes:
    """Key of the sign-in tokens' HMAC (HS256): ERTA_JWT_KEY, or `home/secrets/jwt.key`.

    Changing it signs everybody out, which is also how an operator ends every session at once.
    """
    path = settings.home / "secrets" / "jwt.key"
    configured = settings.jwt_key.get_secret_value() if settings.jwt_key is not None else None
    try:
        stamp = path.stat().st_mtime_ns if configured is None else 0
    except FileNotFoundError:
        stamp = -1
    # Every request checks a token: the key is read once per value or file version, not each time.
    marker = (configured, path, stamp, settings.demo_mode)
    key = _JWT_KEYS.get(marker)
    if key is None:
        if len(_JWT_KEYS) > 16:
            _JWT_KEYS.clear()
        key = _JWT_KEYS[marker] = _key(settings.jwt_key, "ERTA_JWT_KEY", path, settings.demo_mode)
    return key


_JWT_KEYS: dict[tuple[str | None, Path, int, bool], bytes] = {}


def pseudonymizer(settings: Settings) -> Pseudonymizer:
    return Pseudonymizer(pseudonym_key(settings))


def looks_like_placeholder(value: str) -> bool:
    """Whether a key reads like something to be replaced rather than something random.

    Random keys of 32+ characters (hex, base64) never trip this; template values and keyboard mashing do.
    """
    folded = value.casefold()
    squeezed = re.sub(r"[^0-9a-z]", "", folded)
    if any(word in squeezed for word in PLACEHOLDER_WORDS):
        return True
    if any(token in re.split(r"[^0-9a-z]+", folded) for token in PLACEHOLDER_TOKENS):
        return True
    return len(set(value)) < MIN_DISTINCT_CHARACTERS or _repeats(value)


def _repeats(value: str) -> bool:
    """Whether the value is one short stretch over and over (`abcdabcd…`)."""
    longest = min(MAX_REPEATED_STRETCH, len(value) // 2)
    return any(value == (value[:period] * len(value))[: len(value)] for period in range(1, longest + 1))


def _key(configured: SecretStr | None, variable: str, path: Path, demo_mode: bool = False) -> bytes:
    if configured is not None:
        value = configured.get_secret_value()
        key = value.encode("utf-8")
        if len(key) < MIN_KEY_BYTES:
            raise SecretError(f"{variable} must be at least {MIN_KEY_BYTES} characters")
        if not demo_mode and looks_like_placeholder(value):
            raise SecretError(
                f"{variable} looks like a placeholder, not a random key; generate one, for instance with "
                '`python -c "import secrets; print(secrets.token_hex(32))"`'
            )
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
