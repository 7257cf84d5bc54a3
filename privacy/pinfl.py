"""PINFL (JShShIR), the 14-digit personal identification number of Uzbekistan.

Layout (community-documented): d0 century and sex (odd = male; 3-4 → 1900s, 5-6 → 2000s), d1-2 day,
d3-4 month, d5-6 two-digit year of birth, d7-9 area code, d10-12 serial, d13 check digit =
(Σ first 13 digits × weights 7,3,1,7,3,1,…) mod 10. The checksum is treated as a confidence boost by
recognizers, but what Erta generates always satisfies it.
"""

from __future__ import annotations

from datetime import date
from typing import Final

_WEIGHTS: Final = (7, 3, 1) * 5
_CENTURY_BY_DIGIT: Final = {1: 1800, 2: 1800, 3: 1900, 4: 1900, 5: 2000, 6: 2000}


def check_digit(first13: str) -> int:
    """The check digit for the first 13 digits of a PINFL."""
    if len(first13) != 13 or not first13.isdigit():
        raise ValueError("a PINFL prefix is 13 digits")
    return sum(int(d) * w for d, w in zip(first13, _WEIGHTS, strict=False)) % 10


def century_sex_digit(birth_date: date, sex: str) -> int:
    """The first digit: 3/4 for the 1900s, 5/6 for the 2000s; odd for male, even for female."""
    if sex not in ("M", "F"):
        raise ValueError(f"sex must be M or F, got {sex!r}")
    base = {1800: 1, 1900: 3, 2000: 5}.get(birth_date.year // 100 * 100)
    if base is None:
        raise ValueError(f"no PINFL century digit for year {birth_date.year}")
    return base if sex == "M" else base + 1


def make_pinfl(birth_date: date, sex: str, area: int, serial: int) -> str:
    """Compose a valid PINFL; `area` and `serial` are 1-999."""
    if not (1 <= area <= 999 and 1 <= serial <= 999):
        raise ValueError("area and serial must be in 1-999")
    birth = f"{birth_date:%d%m}{birth_date.year % 100:02d}"
    first13 = f"{century_sex_digit(birth_date, sex)}{birth}{area:03d}{serial:03d}"
    return first13 + str(check_digit(first13))


def birth_date_of(pinfl: str) -> date | None:
    """The birth date encoded in a PINFL's structure, or None when it is not a real date."""
    if len(pinfl) != 14 or not pinfl.isdigit():
        return None
    century = _CENTURY_BY_DIGIT.get(int(pinfl[0]))
    if century is None:
        return None
    try:
        return date(century + int(pinfl[5:7]), int(pinfl[3:5]), int(pinfl[1:3]))
    except ValueError:
        return None


def has_valid_structure(pinfl: str) -> bool:
    """Century/sex digit, a real birth date, non-zero area and serial — everything but the checksum."""
    return birth_date_of(pinfl) is not None and pinfl[7:10] != "000" and pinfl[10:13] != "000"


def is_valid_pinfl(pinfl: str) -> bool:
    """Structure and check digit both hold."""
    return has_valid_structure(pinfl) and check_digit(pinfl[:13]) == int(pinfl[13])


def sex_of(pinfl: str) -> str:
    """M or F from the first digit (odd = male)."""
    return "M" if int(pinfl[0]) % 2 == 1 else "F"
