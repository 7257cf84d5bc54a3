"""Names Erta knows — the roster's pupils, guardians and staff, and common given names — wherever a note
writes them: any script, any apostrophe, with Uzbek case suffixes or Russian endings glued on."""

from __future__ import annotations

from typing import Any, ClassVar, Final

import regex
from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from privacy.name_index import MIN_PART_LENGTH, NameIndex, PartMatch
from privacy.text_folding import fold

# What may follow a name inside the same word: diminutives, plural, case and possessive suffixes (Latin and
# Uzbek Cyrillic), and Russian case endings.
_LATIN_TAIL: Final = regex.compile(
    r"(?:jon|xon|oy)?(?:lar)?(?:ning|ni|ga|ka|qa|da|dan|niki|dek|day|gacha|cha|mi|chi|ku|ni|im|ing|i)?"
)
_CYRILLIC_TAIL: Final = regex.compile(
    r"(?:жон|хон|ой)?(?:лар)?(?:нинг|ни|га|ка|қа|да|дан|ники|дек|гача|ча|ми|им|инг)?"
    r"|а|у|ом|ым|е|ой|ою|ых|и|ы|ю|ей|ем|ем|ой"
)
_RUSSIAN_ENDING: Final = regex.compile(r"(?:ы|е|у|ой|ою|и|ю|ей)")
_WORD_CHAR: Final = regex.compile(r"[\w']")

SCORE_ROSTER: Final = 0.75
SCORE_DICTIONARY: Final = 0.6


class RosterPersonRecognizer(EntityRecognizer):
    """Each hit of the name index is kept when it is a whole word of the note (or a word whose rest is a
    suffix), begins with a capital letter as names do, and is long enough to stand alone. The roster
    people it may name travel in `recognition_metadata["people"]`, so callers can tell whose name it is."""

    CONTEXT: ClassVar = [
        "o'quvchi", "onasi", "otasi", "ota-onasi", "buvisi", "ustoz", "opa", "aka", "ukasi", "singlisi",
        "ученик", "ученица", "мама", "папа", "мать", "отец", "учитель", "ўқувчи", "онаси", "отаси",
    ]  # fmt: skip

    def __init__(self, index: NameIndex, supported_language: str) -> None:
        self.index = index
        super().__init__(
            supported_entities=["PERSON"],
            name="RosterPersonRecognizer",
            supported_language=supported_language,
            context=self.CONTEXT,
        )

    def load(self) -> None:
        """The index is built before the recognizer; nothing to load."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        folded = fold(text)
        results = []
        for match in self.index.find(folded):
            if _is_name_occurrence(text, folded, match):
                score = SCORE_ROSTER if match.part.people else SCORE_DICTIONARY
                metadata = {
                    RecognizerResult.RECOGNIZER_NAME_KEY: "RosterPersonRecognizer",
                    RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    "people": match.part.people,
                }
                explanation = AnalysisExplanation(
                    "RosterPersonRecognizer", score, textual_explanation="a known name"
                )
                results.append(
                    RecognizerResult("PERSON", match.start, match.end, score, explanation, metadata)
                )
        return results


def _is_name_occurrence(text: str, folded: str, match: PartMatch) -> bool:
    start, end = match.start, match.end
    if start > 0 and _WORD_CHAR.match(folded, start - 1):
        return False
    if not text[start].isupper() or end - start < MIN_PART_LENGTH:
        return False
    rest_end = end
    while rest_end < len(folded) and _WORD_CHAR.match(folded, rest_end):
        rest_end += 1
    rest = folded[end:rest_end].rstrip("'")
    if match.part.needs_ending:
        return _RUSSIAN_ENDING.fullmatch(rest) is not None
    if not rest:
        return True
    tail = _CYRILLIC_TAIL if "\u0400" <= folded[start] <= "\u04ff" else _LATIN_TAIL
    return tail.fullmatch(rest) is not None
