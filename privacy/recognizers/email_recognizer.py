"""E-mail addresses, matched on their shape alone so that nothing ever looks up a public suffix list."""

from __future__ import annotations

from typing import ClassVar

from presidio_analyzer import Pattern, PatternRecognizer


class EmailRecognizer(PatternRecognizer):
    """Presidio's own e-mail recognizer validates domains with tldextract, which reaches for the network on
    first use; a school's notes need only the shape name@domain.tld."""

    PATTERNS: ClassVar = [
        Pattern("email", r"(?<![\w.+\-])[\w.+\-]*\w@\w[\w\-]*(?:\.[\w\-]+)*\.[a-z]{2,24}(?![\w])", 0.9)
    ]

    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity="EMAIL_ADDRESS", patterns=self.PATTERNS, supported_language=supported_language
        )
