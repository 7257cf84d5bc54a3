"""Reversible re-identification of pseudonymised records, for the few roles allowed to do it.

Keyed HMAC pseudonyms (privacy.pseudonyms) are one-way by design, so a record that may have to be traced back
to a pupil carries a sealed copy of its identifier instead: AES-256-GCM under a key only the deployment holds.
The seal is authenticated, so a changed, cut or foreign token is refused rather than revealing something else;
each seal draws a fresh nonce, so the same identifier never gives the same token twice and tokens cannot be
joined up by equality. Who may reveal is decided here, before any decryption; the caller audits the reveal.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
from typing import Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MIN_KEY_BYTES: Final = 32
TOKEN_PREFIX: Final = "r1."
DEFAULT_ALLOWED_ROLES: Final = frozenset({"admin"})
_NONCE_BYTES: Final = 12
_URL_SAFE_BASE64: Final = re.compile(r"[A-Za-z0-9_-]*")
# Plaintexts are padded to a multiple of this, so a token's length says little about the identifier's.
_PAD_BLOCK: Final = 32
_PAD_MARK: Final = b"\x80"
# The deployment may hand every component the same secret; a derived key keeps this use apart from the others.
_KEY_INFO: Final = b"erta/privacy/reidentification/v1"


# A refusal, not a fault: the name says what happened, the base class what kind of thing it is.
class ReidentificationRefused(PermissionError):  # noqa: N818
    """The role asking is not one of those allowed to re-identify a record."""


class Reidentifier:
    """Seals identifiers into URL-safe tokens and reveals them again, to allowed roles only."""

    __slots__ = ("_aead", "_allowed_roles")

    def __init__(self, key: bytes, allowed_roles: frozenset[str] = DEFAULT_ALLOWED_ROLES) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the re-identification key must be at least {MIN_KEY_BYTES} bytes")
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_KEY_INFO).derive(key)
        self._aead = AESGCM(derived)
        self._allowed_roles = frozenset(allowed_roles)

    @property
    def allowed_roles(self) -> frozenset[str]:
        return self._allowed_roles

    def seal(self, identifier: str) -> str:
        """A fresh token for `identifier`: `r1.` and URL-safe base64 of nonce and ciphertext, no padding."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, _pad(identifier.encode("utf-8")), TOKEN_PREFIX.encode("ascii"))
        return TOKEN_PREFIX + base64.urlsafe_b64encode(nonce + sealed).rstrip(b"=").decode("ascii")

    def reveal(self, token: str, role: str) -> str:
        """The identifier sealed in `token`, for an allowed `role`; ValueError if it is no valid token."""
        if role not in self._allowed_roles:
            raise ReidentificationRefused(f"the role {role!r} may not re-identify records")
        nonce, sealed = _split(token)
        try:
            padded = self._aead.decrypt(nonce, sealed, TOKEN_PREFIX.encode("ascii"))
        except InvalidTag:
            raise ValueError(
                "the token was not sealed under this key, or it was changed or cut short"
            ) from None
        return _unpad(padded).decode("utf-8")

    def __repr__(self) -> str:
        return f"Reidentifier(key=<hidden>, allowed_roles={sorted(self._allowed_roles)})"


def _split(token: str) -> tuple[bytes, bytes]:
    if not token.startswith(TOKEN_PREFIX):
        raise ValueError(f"not a re-identification token (it does not start with {TOKEN_PREFIX!r})")
    body = token[len(TOKEN_PREFIX) :]
    if not _URL_SAFE_BASE64.fullmatch(body):
        raise ValueError("not a re-identification token (its body is not URL-safe base64)")
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except binascii.Error:
        raise ValueError("not a re-identification token (its body is not URL-safe base64)") from None
    # A nonce, at least one padded block and the 16-byte tag: anything shorter was never a token.
    if len(raw) < _NONCE_BYTES + _PAD_BLOCK + 16:
        raise ValueError("not a re-identification token (it is too short)")
    return raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]


def _pad(data: bytes) -> bytes:
    """ISO/IEC 7816-4 padding: a 0x80 byte, then zeros up to the next multiple of the block."""
    padded = data + _PAD_MARK
    return padded + b"\x00" * (-len(padded) % _PAD_BLOCK)


def _unpad(padded: bytes) -> bytes:
    stripped = padded.rstrip(b"\x00")
    if not stripped.endswith(_PAD_MARK):
        raise ValueError("the token's contents are not padded as Erta pads them")
    return stripped[: -len(_PAD_MARK)]
