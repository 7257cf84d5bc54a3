"""UzPassportRecognizer alone: two capital Latin letters and seven digits, nothing more and nothing less."""

from __future__ import annotations

import pytest

from privacy.recognizers.uz_passport_recognizer import UzPassportRecognizer
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans

ENTITY = "UZ_PASSPORT"


@pytest.fixture(scope="module")
def recognizer() -> UzPassportRecognizer:
    return UzPassportRecognizer(LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pasport: AA1234567", ["AA1234567"]),
        ("AB 1234567 seriyali pasport", ["AB 1234567"]),
        ("Otasining ID-kartasi AD7654321.", ["AD7654321"]),
        ("Паспорт серии AC 7654321 выдан", ["AC 7654321"]),
        ("Паспорт: KA1234567", ["KA1234567"]),
        ("(FA1234567)", ["FA1234567"]),
        ("7-B sinfda o'qiydi, hujjati AB1234567", ["AB1234567"]),
        ("AA1234567, AB7654321", ["AA1234567", "AB7654321"]),
        # Not passports.
        ("aa1234567", []),  # lower-case series
        ("Aa1234567", []),
        ("ab 1234567", []),
        ("AA123456", []),  # six digits
        ("AA12345678", []),  # eight digits
        ("AAA1234567", []),  # three letters
        ("AA 12345 67", []),
        ("7-B sinf", []),  # a class name
        ("7-B sinfda 25 o'quvchi", []),
        ("11-A sinf rahbari", []),
        ("BA 2025-yil", []),
        ("", []),
    ],
)
def test_passport(recognizer: UzPassportRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)
