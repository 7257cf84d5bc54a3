"""UzPhoneRecognizer alone: the ways notes write an Uzbek number, and digit runs that are not phones."""

from __future__ import annotations

import pytest

from privacy.recognizers.uz_phone_recognizer import UzPhoneRecognizer
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans, found

ENTITY = "UZ_PHONE"


@pytest.fixture(scope="module")
def recognizer() -> UzPhoneRecognizer:
    return UzPhoneRecognizer(LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # With the country code.
        ("Onasining telefoni +998 90 123-45-67, qo'ng'iroq qiling.", ["+998 90 123-45-67"]),
        ("+998901234567", ["+998901234567"]),
        ("Tel: 998 (93) 123 45 67", ["998 (93) 123 45 67"]),
        ("+998(71)2345678 — maktab qabulxonasi", ["+998(71)2345678"]),
        ("998901234567 raqamiga yozing", ["998901234567"]),
        ("Tel:+998901234567.", ["+998901234567"]),
        ("+998-90-123-45-67", ["+998-90-123-45-67"]),
        ("+998 (90) 123-45-67", ["+998 (90) 123-45-67"]),
        ("+998 90 1234567", ["+998 90 1234567"]),
        ("Отец: +998 (97) 765-43-21, звонить вечером", ["+998 (97) 765-43-21"]),
        ("Отаси: +998 91 765 43 21", ["+998 91 765 43 21"]),
        # Without it: nine digits after an operator's code.
        ("Otasining raqami 90 1234567", ["90 1234567"]),
        ("(99) 123 45 67 ga qo'ng'iroq qiling", ["(99) 123 45 67"]),
        ("90-123-45-67 ga qo‘ng‘iroq", ["90-123-45-67"]),
        ("90.123.45.67", ["90.123.45.67"]),
        ("901234567", ["901234567"]),
        ("tel:901234567", ["901234567"]),
        ("Tel. 97 7654321; uy 71 234 56 78", ["97 7654321", "71 234 56 78"]),
        # With the old trunk prefix 8.
        ("8 90 123 45 67", ["8 90 123 45 67"]),
        ("8(90)1234567", ["8(90)1234567"]),
        # Two numbers in one note.
        ("+998 90 123 45 67 va +998 91 765 43 21", ["+998 90 123 45 67", "+998 91 765 43 21"]),
        ("Мама: 93 111 22 33, папа: 94 444-55-66", ["93 111 22 33", "94 444-55-66"]),
        # Not phones.
        ("Номер 1234567", []),  # seven digits
        ("Sana 14.03.2026 edi", []),  # a date
        ("2026-03-14 kuni kelmadi", []),
        ("Koeffitsient 0.998901234567", []),  # a decimal
        ("Qayd raqami 123456789012", []),  # a 12-digit record number
        ("Hujjat № 901234567890", []),  # twelve digits that begin like a phone
        ('Bahosi "5"', []),  # a mark
        ("Baholari: 5, 4, 5, 3", []),
        ("12 123 45 67", []),  # 12 is no operator's code
        ("+7 912 345 67 89", []),  # a Russian number is not an Uzbek phone
        ("+998 90 123 45 6", []),  # a digit short
        ("9012345678", []),  # a digit too many
        ("JShShIR 60703121230458", []),  # a PINFL
        ("Pasport AA1234567", []),
        ("1990-yil 12345 67", []),
        ("", []),
    ],
)
def test_phone(recognizer: UzPhoneRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)


def test_the_country_code_scores_higher_than_bare_digits(recognizer: UzPhoneRecognizer) -> None:
    (international,) = found(recognizer, ENTITY, "+998 90 123 45 67")
    (trunk,) = found(recognizer, ENTITY, "8 90 123 45 67")
    (local,) = found(recognizer, ENTITY, "90 123 45 67")
    assert international.score > trunk.score > local.score > 0
