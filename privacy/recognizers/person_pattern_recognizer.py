"""Names the roster does not know, recognised by their shape: Uzbek surnames (-ov, -ova, -yev, -yeva),
patronymics (-ovich, -ovna, "Akmal o'g'li", "Akmal qizi") and their Cyrillic forms."""

from __future__ import annotations

from typing import ClassVar, Final

import regex
from presidio_analyzer import Pattern, PatternRecognizer

from privacy.text_folding import fold

_A: Final = "['‘’ʻʼ`]"
_LAT: Final = rf"[A-Z](?:[a-z]|{_A}(?=[a-z]))+"
_CYR: Final = r"[А-ЯЁЎҚҒҲ][а-яёўқғҳъ]+"
_UZ_SUFFIX: Final = r"(?:lar)?(?:ning|ni|ga|da|dan|niki)?"
# Pronouns before o'g'li / qizi mean "his son", "her daughter", not a patronymic.
_NOT_A_FATHER: Final = r"(?!(?:Uning|Buning|Ularning|Mening|Sening|Унинг|Бунинг|Уларнинг|Менинг)\s)"
_END: Final = r"(?![\w'‘’ʻʼ`])"

# Capitalised words that end like surnames but are not names: Russian genitive plurals ("Уроков не было.")
# and Uzbek nouns in -ov ("Sinov testi", "Tanlov natijalari").
NOT_SURNAMES: Final = frozenset({
    "уроков", "часов", "баллов", "домов", "годов", "разов", "зачетов", "снов", "родителей",
    "пропусков", "тестов", "здоров", "готов", "предметов", "заданий", "итогов", "кружков", "столов",
    "sinov", "tanlov", "so'rov", "qarov", "tayyorlov", "synov", "синов", "танлов", "сўров", "тайёрлов",
})  # fmt: skip


class PersonPatternRecognizer(PatternRecognizer):
    PATTERNS: ClassVar = [
        Pattern("latin_surname", rf"(?<![\w']){_LAT}(?:ov|ev)a?(?={_UZ_SUFFIX}{_END})", 0.55),
        Pattern("latin_patronymic", rf"(?<![\w']){_LAT}(?:ovich|evich|ovna|evna)(?={_UZ_SUFFIX}{_END})", 0.7),
        Pattern(
            "uzbek_patronymic",
            rf"(?<![\w']){_NOT_A_FATHER}{_LAT}\s+(?:o{_A}?g{_A}?li|qizi)(?={_UZ_SUFFIX}{_END})",
            0.7,
        ),
        Pattern("cyrillic_surname", rf"(?<![\w]){_CYR}(?:ов|ев|ёв)(?:а|у|ым|ой|е|ых)?(?![\w])", 0.55),
        Pattern(
            "cyrillic_patronymic",
            rf"(?<![\w]){_CYR}(?:ович|евич|овна|евна|ична)(?:а|у|ем|ой|е|ы)?(?![\w])",
            0.7,
        ),
        Pattern(
            "cyrillic_uzbek_patronymic",
            rf"(?<![\w]){_NOT_A_FATHER}{_CYR}\s+(?:ўғли|угли|қизи|кизи)(?![\w])",
            0.7,
        ),
    ]

    def __init__(self, supported_language: str) -> None:
        super().__init__(
            supported_entity="PERSON",
            name="PersonPatternRecognizer",
            patterns=self.PATTERNS,
            context=["o'quvchi", "onasi", "otasi", "ученик", "мама", "отец", "ustoz"],
            supported_language=supported_language,
            global_regex_flags=regex.DOTALL | regex.MULTILINE,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        return False if fold(pattern_text) in NOT_SURNAMES else None
