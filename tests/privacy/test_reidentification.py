"""Sealed identifiers come back only to allowed roles under the right key, and say nothing on their own."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.reidentification import ReidentificationRefused, Reidentifier

KEY = b"k" * 32
PINFL = "50101085010012"
TOKEN_SHAPE = re.compile(r"r1\.[A-Za-z0-9_-]+")


@given(st.text(max_size=200))
def test_a_sealed_identifier_comes_back_to_an_allowed_role(identifier: str) -> None:
    reidentifier = Reidentifier(KEY)
    token = reidentifier.seal(identifier)
    assert TOKEN_SHAPE.fullmatch(token)
    assert reidentifier.reveal(token, "admin") == identifier


def test_the_allowed_roles_are_set_at_construction() -> None:
    reidentifier = Reidentifier(KEY, allowed_roles=frozenset({"admin", "principal"}))
    token = reidentifier.seal(PINFL)
    assert reidentifier.reveal(token, "principal") == PINFL
    assert Reidentifier(KEY).allowed_roles == frozenset({"admin"})


@pytest.mark.parametrize("role", ["data_scientist", "auditor", "class_teacher", "Admin", ""])
def test_other_roles_are_refused_before_anything_is_decrypted(role: str) -> None:
    reidentifier = Reidentifier(KEY)
    with pytest.raises(ReidentificationRefused, match="may not re-identify"):
        reidentifier.reveal(reidentifier.seal(PINFL), role)
    with pytest.raises(PermissionError):
        reidentifier.reveal("not even a token", role)


def test_a_tampered_token_is_refused() -> None:
    reidentifier = Reidentifier(KEY)
    token = reidentifier.seal(PINFL)
    body = bytearray(base64.urlsafe_b64decode(token[3:] + "=" * (-len(token[3:]) % 4)))
    for position in (0, 12, len(body) - 1):  # the nonce, the ciphertext, the tag
        changed = bytearray(body)
        changed[position] ^= 0x01
        forged = "r1." + base64.urlsafe_b64encode(bytes(changed)).rstrip(b"=").decode()
        with pytest.raises(ValueError, match="not sealed under this key, or it was changed"):
            reidentifier.reveal(forged, "admin")


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("p_3f9a0c1d2e3f4a5b6c7d", "does not start with 'r1.'"),
        ("r1.", "too short"),
        ("r1.c2hvcnQ", "too short"),
        ("r1.*" + "A" * 80, "not URL-safe base64"),
        ("r1.A" + "A" * 80, "not URL-safe base64"),  # a length no base64 encoder writes
        ("r1." + "A" * 80, "not sealed under this key"),
        ("r1.Ä" + "A" * 80, "not URL-safe base64"),
    ],
)
def test_a_foreign_or_malformed_token_is_refused(token: str, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        Reidentifier(KEY).reveal(token, "admin")


def test_a_token_sealed_under_another_key_is_refused() -> None:
    token = Reidentifier(b"x" * 32).seal(PINFL)
    with pytest.raises(ValueError, match="not sealed under this key"):
        Reidentifier(KEY).reveal(token, "admin")


def test_sealing_twice_gives_different_tokens_that_both_reveal() -> None:
    reidentifier = Reidentifier(KEY)
    first, second = reidentifier.seal(PINFL), reidentifier.seal(PINFL)
    assert first != second
    assert reidentifier.reveal(first, "admin") == reidentifier.reveal(second, "admin") == PINFL


@pytest.mark.parametrize(
    "identifier", [PINFL, "AA1234567", "Rustam Karimov", "Дилноза Алиева", "+998901234567"]
)
def test_a_token_shows_nothing_of_the_identifier(identifier: str) -> None:
    token = Reidentifier(KEY).seal(identifier)
    raw = identifier.encode()
    for shown in (identifier, base64.urlsafe_b64encode(raw).decode().rstrip("="), raw.hex()):
        assert shown not in token
    # Padding hides the length of short identifiers: a PINFL and a name seal to tokens of one length.
    assert len(token) == len(Reidentifier(KEY).seal("x"))


def test_a_short_key_is_refused_and_the_key_is_never_printed() -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Reidentifier(b"short")
    assert "k" * 32 not in repr(Reidentifier(KEY))
    assert "<hidden>" in repr(Reidentifier(KEY))
