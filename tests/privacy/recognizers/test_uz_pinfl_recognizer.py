"""UzPinflRecognizer alone: fourteen digits with a real structure; the check digit only raises the score."""

from __future__ import annotations

import random
from datetime import date

import pytest

from privacy.pinfl import make_pinfl
from privacy.recognizers.uz_pinfl_recognizer import UzPinflRecognizer
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans, found

ENTITY = "UZ_PINFL"

GIRL_2012 = make_pinfl(date(2012, 3, 7), "F", 123, 45)  # 60703121230458
MAN_1985 = make_pinfl(date(1985, 12, 31), "M", 1, 999)
BOY_2010 = make_pinfl(date(2010, 9, 1), "M", 26, 7)
LEAP_DAY = make_pinfl(date(2012, 2, 29), "F", 5, 5)
WRONG_CHECK = GIRL_2012[:13] + str((int(GIRL_2012[13]) + 1) % 10)


@pytest.fixture(scope="module")
def recognizer() -> UzPinflRecognizer:
    return UzPinflRecognizer(LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"JShShIR: {GIRL_2012}", [GIRL_2012]),
        (GIRL_2012, [GIRL_2012]),
        (f"Otasining JShShIR raqami {MAN_1985}.", [MAN_1985]),
        (f"ПИНФЛ {BOY_2010}.", [BOY_2010]),
        (f"ЖШШИР: {BOY_2010}, паспорт AA1234567", [BOY_2010]),
        (f"({LEAP_DAY})", [LEAP_DAY]),
        (f"Raqamlar: {GIRL_2012}, {MAN_1985}", [GIRL_2012, MAN_1985]),
        (f"{GIRL_2012}-sonli", [GIRL_2012]),
        (f"{GIRL_2012};{MAN_1985}", [GIRL_2012, MAN_1985]),
        (f"Karimov,{GIRL_2012},5", [GIRL_2012]),  # a CSV row in an artifact
        # A typo in the check digit is still somebody's PINFL.
        (f"JShShIR {WRONG_CHECK}", [WRONG_CHECK]),
        # No such birth date, area or serial: not a PINFL, whatever the checksum says.
        ("63203121230458", []),  # day 32
        ("60713121230458", []),  # month 13
        ("62902131230458", []),  # 29 February 2013
        ("60703120000458", []),  # area 000
        ("60703121230008", []),  # serial 000
        ("70703121230458", []),  # no century digit 7
        ("00703121230458", []),
        # Not fourteen digits on their own.
        (GIRL_2012[:13], []),  # 13 digits
        (GIRL_2012 + "1", []),  # 15 digits
        ("1" + GIRL_2012, []),  # the 14 last digits of a 15-digit run
        (f"Hisob 20208000{GIRL_2012}", []),  # inside a longer run
        (f"0.{GIRL_2012}", []),  # the decimals of a number
        (f"Ball 3.{GIRL_2012}", []),
        (f"{GIRL_2012}.5", []),
        (f"{GIRL_2012[:2]} {GIRL_2012[2:]}", []),
        ("", []),
    ],
)
def test_pinfl(recognizer: UzPinflRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)


def test_a_wrong_check_digit_scores_lower_than_a_correct_one(recognizer: UzPinflRecognizer) -> None:
    (correct,) = found(recognizer, ENTITY, GIRL_2012)
    (typo,) = found(recognizer, ENTITY, WRONG_CHECK)
    assert 0 < typo.score < correct.score


def test_random_fourteen_digit_numbers_are_rarely_taken_for_a_pinfl(recognizer: UzPinflRecognizer) -> None:
    rng = random.Random(20260314)
    numbers = [str(rng.randrange(10**13, 10**14)) for _ in range(10_000)]
    text = " ".join(numbers)  # one call: every number is a run of its own
    accepted = found(recognizer, ENTITY, text)
    assert all(len(text[r.start : r.end]) == 14 for r in accepted)
    assert len(accepted) < 0.05 * len(numbers)
