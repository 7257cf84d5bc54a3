from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.pinfl import birth_date_of, check_digit, has_valid_structure, is_valid_pinfl, make_pinfl, sex_of


@pytest.mark.parametrize(
    ("pinfl", "valid"),
    [
        (make_pinfl(date(2012, 3, 7), "F", 123, 45), True),
        (make_pinfl(date(1985, 12, 31), "M", 1, 999), True),
        ("60703121230459", False),  # wrong check digit
        ("70703121230458", False),  # no century 7
        ("63203121230458", False),  # day 32
        ("60713121230458", False),  # month 13
        ("60703120000458", False),  # area 000
        ("60703121230008", False),  # serial 000
        ("6070312123045", False),  # 13 digits
        ("6070312123045X", False),
    ],
)
def test_known_cases(pinfl: str, valid: bool) -> None:
    assert is_valid_pinfl(pinfl) is valid


def test_the_check_digit_follows_the_weights() -> None:
    # 6*7 + 0*3 + 7*1 + 0*7 + 3*3 + 1*1 + 2*7 + 1*3 + 2*1 + 3*7 + 0*3 + 4*1 + 5*7 = 138 → 8
    assert check_digit("6070312123045") == 8


@given(
    born=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
    sex=st.sampled_from(["M", "F"]),
    area=st.integers(1, 999),
    serial=st.integers(1, 999),
)
def test_made_pinfls_are_valid_and_encode_birth_date_and_sex(
    born: date, sex: str, area: int, serial: int
) -> None:
    pinfl = make_pinfl(born, sex, area, serial)
    assert len(pinfl) == 14
    assert is_valid_pinfl(pinfl)
    assert birth_date_of(pinfl) == born
    assert sex_of(pinfl) == sex


@given(st.from_regex(r"\d{14}", fullmatch=True))
def test_changing_one_digit_breaks_the_checksum(pinfl: str) -> None:
    if not is_valid_pinfl(pinfl):
        return
    for position in range(14):
        digit = int(pinfl[position])
        mutated = pinfl[:position] + str((digit + 1) % 10) + pinfl[position + 1 :]
        # Weights are 7, 3, 1 — all coprime with 10 — so any single-digit change moves the sum mod 10.
        assert not is_valid_pinfl(mutated)


def test_random_fourteen_digit_numbers_are_mostly_rejected() -> None:
    rng = random.Random(20261123)
    numbers = ["".join(rng.choice("0123456789") for _ in range(14)) for _ in range(20_000)]
    valid_share = sum(map(is_valid_pinfl, numbers)) / len(numbers)
    structured_share = sum(map(has_valid_structure, numbers)) / len(numbers)
    assert structured_share < 0.03
    assert valid_share < 0.005


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="sex"):
        make_pinfl(date(2012, 1, 1), "X", 1, 1)
    with pytest.raises(ValueError, match="1-999"):
        make_pinfl(date(2012, 1, 1), "M", 0, 1)
    with pytest.raises(ValueError, match="century"):
        make_pinfl(date(1750, 1, 1), "M", 1, 1)
