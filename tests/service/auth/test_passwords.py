"""Passwords: argon2id hashes that verify the right password only, and rules with clear refusals."""

from __future__ import annotations

import unicodedata

import pytest
from argon2 import PasswordHasher
from argon2.profiles import RFC_9106_LOW_MEMORY
from hypothesis import given, settings
from hypothesis import strategies as st

from service.auth.passwords import (
    MIN_PASSWORD_CHARS,
    PasswordError,
    check_password,
    default_hasher,
    hash_password,
    needs_rehash,
    verify_password,
)

UZBEK_AND_RUSSIAN = "abdefghijklmnopqrstuvxyzo‘g‘ʻʼ'ЎўҚқҒғҲҳабвгдеёжзийклмнопрстуфхцчшщъыьэюя 0123456789"


def test_the_default_hasher_is_argon2id_with_the_recommended_parameters() -> None:
    hasher = default_hasher()
    assert hasher.type == RFC_9106_LOW_MEMORY.type
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        RFC_9106_LOW_MEMORY.time_cost,
        RFC_9106_LOW_MEMORY.memory_cost,
        RFC_9106_LOW_MEMORY.parallelism,
    )
    stored = hash_password("a real password, hashed for real")
    assert stored.startswith(f"$argon2id$v=19$m={RFC_9106_LOW_MEMORY.memory_cost},t=3,p=4$")
    assert verify_password(stored, "a real password, hashed for real")
    assert not needs_rehash(stored)


def test_only_the_right_password_verifies(hasher: PasswordHasher) -> None:
    stored = hash_password("Samarqand shahri 1999", hasher)
    assert verify_password(stored, "Samarqand shahri 1999", hasher)
    assert not verify_password(stored, "samarqand shahri 1999", hasher)
    assert not verify_password(stored, "", hasher)


def test_each_hash_has_its_own_salt(hasher: PasswordHasher) -> None:
    assert hash_password("the same password", hasher) != hash_password("the same password", hasher)


@pytest.mark.parametrize(
    "damaged",
    [
        "",
        "not a hash",
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$",
        "$2b$12$abcdefghijklmnopqrstuv",
        "$argon2id$broken",
    ],
)
def test_a_damaged_hash_is_false_and_due_for_renewal_never_an_exception(
    damaged: str, hasher: PasswordHasher
) -> None:
    assert verify_password(damaged, "whatever was typed", hasher) is False
    assert needs_rehash(damaged, hasher)


def test_a_hash_made_with_other_parameters_is_due_for_renewal(hasher: PasswordHasher) -> None:
    stored = hash_password("parameters change over time", hasher)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    assert not needs_rehash(stored, hasher)
    assert needs_rehash(stored, stronger)
    assert verify_password(stored, "parameters change over time", stronger)  # still signs in meanwhile


def test_composed_and_decomposed_letters_are_the_same_password(hasher: PasswordHasher) -> None:
    composed = "Дилноза Йўлдошева"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert verify_password(hash_password(composed, hasher), decomposed, hasher)


@settings(max_examples=12, deadline=None)
@given(
    password=st.one_of(st.text(min_size=1, max_size=40), st.text(UZBEK_AND_RUSSIAN, min_size=1, max_size=40))
)
def test_any_unicode_password_round_trips(password: str) -> None:
    hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    stored = hash_password(password, hasher)
    assert verify_password(stored, password, hasher)
    assert not verify_password(stored, password + "x", hasher)


def test_a_short_password_is_refused_with_the_minimum_named() -> None:
    with pytest.raises(PasswordError, match=f"at least {MIN_PASSWORD_CHARS} characters long \\(it has 5\\)"):
        check_password("parol")
    check_password("x" * MIN_PASSWORD_CHARS)


def test_length_counts_letters_not_bytes() -> None:
    check_password("ўқғҳ" * 3)  # 12 letters, 24 bytes
    with pytest.raises(PasswordError, match="it has 11"):
        check_password("ўқғҳўқғҳўқғ")


@pytest.mark.parametrize("blank", [" " * 20, "\t" * 12])
def test_a_blank_password_is_refused(blank: str) -> None:
    with pytest.raises(PasswordError, match="empty or only spaces"):
        check_password(blank)


def test_an_enormous_password_is_refused() -> None:
    with pytest.raises(PasswordError, match="at most"):
        check_password("x" * 5000)


def test_the_demo_password_is_allowed_in_demo_mode_only() -> None:
    with pytest.raises(PasswordError):
        check_password("demo")
    check_password("demo", demo_mode=True)
    with pytest.raises(PasswordError):
        check_password("demo1", demo_mode=True)  # demo mode relaxes nothing else
