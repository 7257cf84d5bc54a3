"""Pseudonyms are stable, keyed and never the identifier itself."""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.pseudonyms import Pseudonymizer

KEY = b"k" * 32


@given(st.text(min_size=1, max_size=30))
def test_the_same_id_gets_the_same_pseudonym_made_only_of_hex(identifier: str) -> None:
    pseudonym = Pseudonymizer(KEY).pseudonym(identifier)
    assert pseudonym == Pseudonymizer(KEY).pseudonym(identifier)
    assert re.fullmatch(r"p_[0-9a-f]{20}", pseudonym)


def test_another_key_gives_another_pseudonym_and_a_plain_hash_does_not_match() -> None:
    pinfl = "50101085010012"
    first, second = Pseudonymizer(KEY).pseudonym(pinfl), Pseudonymizer(b"x" * 32).pseudonym(pinfl)
    assert first != second
    assert hashlib.sha256(pinfl.encode()).hexdigest()[:20] not in first


def test_distinct_ids_do_not_collide_in_a_district() -> None:
    pseudonymizer = Pseudonymizer(KEY)
    ids = [f"P{i:07d}" for i in range(50_000)]
    assert len({pseudonymizer.pseudonym(i) for i in ids}) == len(ids)


def test_a_short_key_is_refused_and_the_key_is_never_printed() -> None:
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Pseudonymizer(b"short")
    assert "k" * 32 not in repr(Pseudonymizer(KEY))
