"""Uzbek passports and ID cards: a series of two capital Latin letters, then seven digits."""

from __future__ import annotations

from typing import ClassVar

import regex
from presidio_analyzer import Pattern, PatternRecognizer


class UzPassportRecognizer(PatternRecognizer):
    """AA1234567, AD 1234567; the series must be in capitals, so ordinary words never match."""

    # Latin capitals, or the Cyrillic letters that look like them (a series typed on a Russian keyboard).
    PATTERNS: ClassVar = [Pattern("passport", r"(?<![\w])[A-ZАВЕКМНОРСТХ]{2} ?\d{7}(?![\w])", 0.6)]
    CONTEXT: ClassVar = [
        "pasport",
        "паспорт",
        "id-karta",
        "id karta",
        "id-карта",
        "seriya",
        "серия",
        "hujjat",
    ]

    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity="UZ_PASSPORT",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
            global_regex_flags=regex.DOTALL | regex.MULTILINE,
        )
