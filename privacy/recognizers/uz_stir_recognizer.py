"""STIR (INN), the nine-digit taxpayer number, recognised only where a label names it.

Nine bare digits are as often a phone number without its code, so a STIR is only claimed right after
STIR / ИНН / soliq raqami; the label itself stays outside the span.
"""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

_LABEL = r"(?:stir|стир|inn|инн|soliq\s+(?:to['‘’ʻʼ`]lovchi\s+)?raqami|солиқ\s+рақами|ИНН\s+родителя)"


class UzStirRecognizer(PatternRecognizer):
    PATTERNS: ClassVar = [
        Pattern(
            "labelled", rf"(?<=(?<![\w']){_LABEL}(?![\w])\s*(?:\w+\s*)?[:№#\-–]?\s*)[2-6]\d{{8}}(?![\d])", 0.9
        ),
    ]

    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity="UZ_STIR", patterns=self.PATTERNS, supported_language=supported_language
        )
