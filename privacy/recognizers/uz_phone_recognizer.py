"""Uzbek phone numbers in the many ways people write them: +998 90 123-45-67, 90 1234567, (99) 123 45 67."""

from __future__ import annotations

from typing import ClassVar, Final

from presidio_analyzer import Pattern, PatternRecognizer

# Mobile operators and Tashkent's landline code; a nine-digit number starting otherwise is not a phone.
_CODES: Final = "33|50|55|61|62|65|66|67|69|71|72|73|74|75|76|77|78|79|88|90|91|93|94|95|97|98|99"
_SEP: Final = r"[\s\-.]?"
_TAIL: Final = rf"\(?(?:{_CODES})\)?{_SEP}\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{2}}(?![\d])"


class UzPhoneRecognizer(PatternRecognizer):
    """With the country code (+998, 998) or the old trunk prefix 8 the shape is certain; bare nine digits
    are likely but could be another number, so context words (tel, raqam, номер) decide borderline cases."""

    PATTERNS: ClassVar = [
        Pattern("international", rf"(?<![\w+.])(?:\+\s?)?998\s?[\-(]?\s?{_TAIL}", 0.85),
        Pattern("trunk", rf"(?<![\w+.])8\s?[\-(]?\s?{_TAIL}", 0.6),
        Pattern("local", rf"(?<![\w+.\-]){_TAIL}", 0.5),
    ]
    CONTEXT: ClassVar = [
        "tel", "telefon", "raqam", "qo'ng'iroq", "mobil", "aloqa", "телефон", "тел", "номер", "звон",
        "qo‘ng‘iroq", "mob", "whatsapp", "telegram", "қўнғироқ", "рақам",
    ]  # fmt: skip

    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity="UZ_PHONE",
            patterns=self.PATTERNS,
            context=self.CONTEXT,
            supported_language=supported_language,
        )
