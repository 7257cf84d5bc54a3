"""Passwords as Erta keeps them: argon2id hashes only, checked in constant time, upgraded when they age.

The default hasher uses argon2-cffi's recommended parameters (RFC 9106's low-memory profile); tests pass a
cheaper one. Passwords are compared after Unicode NFC normalisation, so a Cyrillic `й` or an Uzbek `o‘`
typed as one code point or as two is the same password.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MIN_PASSWORD_CHARS = 12
# Argon2 takes any length, but a megabyte "password" is only a way to make the server hash a megabyte.
MAX_PASSWORD_CHARS = 1024
# The one short password demo mode accepts, so a laptop demo signs in as `teacher` / `demo`.
DEMO_PASSWORD = "demo"


class PasswordError(ValueError):
    """A password refused by the rules; the message says which rule, never the password."""


@cache
def default_hasher() -> PasswordHasher:
    """argon2id with argon2-cffi's recommended parameters, built on first use rather than at import."""
    return PasswordHasher()


def check_password(password: str, *, demo_mode: bool = False) -> None:
    """Refuse a password too short or too long to set; demo mode also allows the password `demo`."""
    if demo_mode and password == DEMO_PASSWORD:
        return
    length = len(_normalised(password))
    if not password.strip():
        raise PasswordError("the password must not be empty or only spaces")
    if length < MIN_PASSWORD_CHARS:
        raise PasswordError(
            f"the password must be at least {MIN_PASSWORD_CHARS} characters long (it has {length}); "
            "a few words in a row make a good one"
        )
    if length > MAX_PASSWORD_CHARS:
        raise PasswordError(f"the password must be at most {MAX_PASSWORD_CHARS} characters long")


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    """The argon2id hash to store (salt and parameters included); the rules are `check_password`'s job."""
    return (hasher or default_hasher()).hash(_normalised(password))


def verify_password(password_hash: str, password: str, hasher: PasswordHasher | None = None) -> bool:
    """Whether the password matches the stored hash; a wrong password or a damaged hash is just False."""
    try:
        return (hasher or default_hasher()).verify(password_hash, _normalised(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str, hasher: PasswordHasher | None = None) -> bool:
    """Whether a stored hash was made with other parameters than today's, so the next sign-in renews it."""
    try:
        return (hasher or default_hasher()).check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def _normalised(password: str) -> str:
    return unicodedata.normalize("NFC", password)
