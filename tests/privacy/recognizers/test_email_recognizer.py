"""EmailRecognizer alone: the shape name@domain.tld, found without any look-up."""

from __future__ import annotations

import pytest

from privacy.recognizers.email_recognizer import EmailRecognizer
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans

ENTITY = "EMAIL_ADDRESS"


@pytest.fixture(scope="module")
def recognizer() -> EmailRecognizer:
    return EmailRecognizer(LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pochta: alisher.karimov@mail.ru", ["alisher.karimov@mail.ru"]),
        ("dilnoza+maktab@gmail.com ga yozing", ["dilnoza+maktab@gmail.com"]),
        ("ota_onasi_2012@school.uz.", ["ota_onasi_2012@school.uz"]),
        ("info@maktab45.toshkent.uz", ["info@maktab45.toshkent.uz"]),
        ("Почта: ivanova.m@yandex.ru, звоните", ["ivanova.m@yandex.ru"]),
        ("Почтаси: g.ofurov@umail.uz", ["g.ofurov@umail.uz"]),
        ("ALISHER@MAIL.RU", ["ALISHER@MAIL.RU"]),
        ("(nodira.x@inbox.uz)", ["nodira.x@inbox.uz"]),
        ("karimov@mail.ru; otabek@gmail.com", ["karimov@mail.ru", "otabek@gmail.com"]),
        ("alisher@mail.ru.", ["alisher@mail.ru"]),
        ("first.middle.last@sub.domain.com", ["first.middle.last@sub.domain.com"]),
        # Not e-mail addresses.
        ("@", []),
        ("Telegram: @alisher_k", []),  # a Telegram handle
        ("yozing @alisher_k ga", []),
        ("alisher@", []),
        ("a@b", []),
        ("user@localhost", []),
        ("name@mail..ru", []),
        ("5 @ 4", []),
        ("", []),
    ],
)
def test_email(recognizer: EmailRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)
