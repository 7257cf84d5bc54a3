"""PINFL (JShShIR): 14 digits whose structure is checked and whose check digit raises the score."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer

from privacy.pinfl import has_valid_structure, is_valid_pinfl


class UzPinflRecognizer(PatternRecognizer):
    """A run of exactly 14 digits with a century/sex digit, a real birth date and non-zero area and serial.

    A correct check digit makes it certain; a wrong one leaves a medium score, because a PINFL with a typo
    is still somebody's PINFL. Random 14-digit numbers almost never have a valid structure.
    """

    PATTERNS: ClassVar = [Pattern("pinfl", r"(?<!\d\.)(?<!\d)[1-6]\d{13}(?!\d)(?!\.\d)", 0.5)]
    CONTEXT: ClassVar = ["jshshir", "pinfl", "пинфл", "жшшир", "shaxsiy raqam", "личный номер", "shshir"]

    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity="UZ_PINFL",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        if not has_valid_structure(pattern_text):
            return False
        return True if is_valid_pinfl(pattern_text) else None
