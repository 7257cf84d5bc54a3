"""UzStirRecognizer alone: nine digits are a STIR only right after a label, and the label stays outside."""

from __future__ import annotations

import pytest

from privacy.recognizers.uz_stir_recognizer import UzStirRecognizer
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans

ENTITY = "UZ_STIR"


@pytest.fixture(scope="module")
def recognizer() -> UzStirRecognizer:
    return UzStirRecognizer(LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("STIR: 301234567", ["301234567"]),
        ("STIR 301234567", ["301234567"]),
        ("stir: 401234567", ["401234567"]),
        ("Otasining STIR raqami: 301234567", ["301234567"]),
        ("INN 301234567", ["301234567"]),
        ("ИНН 301234567", ["301234567"]),
        ("ИНН: 501234567.", ["501234567"]),
        ("ИНН-301234567", ["301234567"]),
        ("ИНН родителя: 301234567", ["301234567"]),
        ("СТИР № 501234567", ["501234567"]),
        ("Otasining soliq raqami 301234567", ["301234567"]),
        ("soliq to'lovchi raqami: 301234567", ["301234567"]),
        ("soliq to‘lovchi raqami: 301234567", ["301234567"]),
        ("soliq toʻlovchi raqami: 301234567", ["301234567"]),
        ("Солиқ рақами 301234567", ["301234567"]),
        ("Tel 901234567, STIR 301234567", ["301234567"]),
        ("STIR: 331234567", ["331234567"]),  # shaped like a phone, but labelled
        # Not a STIR.
        ("301234567", []),  # bare nine digits
        ("Raqami 301234567", []),
        ("Telefon: 331234567", []),
        ("Otasi STIR raqamini aytmadi, 301234567 telefon", []),
        ("STIR: 3012345678", []),  # ten digits
        ("STIR: 30123456", []),  # eight digits
        ("STIR: 101234567", []),  # no STIR starts with 1
        ("STIR: 901234567", []),
        ("STIR 301 234 567", []),
        ("", []),
    ],
)
def test_stir(recognizer: UzStirRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)
