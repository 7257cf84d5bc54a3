"""Keyed pseudonyms for identifiers: stable within one deployment, unguessable outside it.

A plain hash of a PINFL or pupil id can be reversed by hashing every possible value (a PINFL has a
known structure and few free digits), so pseudonyms are HMAC-SHA256 under a secret key that never
leaves the deployment. The same id always gets the same pseudonym, so records still join up.
"""

from __future__ import annotations

import hashlib
import hmac

MIN_KEY_BYTES = 32
PSEUDONYM_HEX_CHARS = 20


class Pseudonymizer:
    """Maps identifiers to pseudonyms like `p_3f9a…`; the prefix says what kind of id it was."""

    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the pseudonym key must be at least {MIN_KEY_BYTES} bytes")
        self._key = key

    def pseudonym(self, identifier: str, prefix: str = "p") -> str:
        digest = hmac.new(self._key, identifier.encode("utf-8"), hashlib.sha256).hexdigest()
        return f"{prefix}_{digest[:PSEUDONYM_HEX_CHARS]}"

    def __repr__(self) -> str:
        return "Pseudonymizer(key=<hidden>)"
