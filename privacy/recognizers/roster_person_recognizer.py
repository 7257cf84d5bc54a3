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
    r"(?:жон|джон|хон|ой)?(?:лар)?(?:нинг|ни|га|ка|қа|да|дан|ники|дек|гача|ча|ми|им|инг)?"
    # Russian endings of a name that ends in a consonant (Алишера, Каримовым); -а names decline from
    # their stem (Дилноз-ы, Каримов-ой), which the index keeps apart.
    r"|а|у|ом|ым|е|ых|ем"
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
            people = _people_named(text, folded, match)
            if people is None:
                continue
            score = SCORE_ROSTER if people else SCORE_DICTIONARY
            metadata = {
                RecognizerResult.RECOGNIZER_NAME_KEY: "RosterPersonRecognizer",
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                "people": people,
            }
            explanation = AnalysisExplanation(
                "RosterPersonRecognizer", score, textual_explanation="a known name"
            )
            results.append(RecognizerResult("PERSON", match.start, match.end, score, explanation, metadata))
        return results


def _people_named(text: str, folded: str, match: PartMatch) -> frozenset[str] | None:
    """Whom a hit names, or None when it is no name here: not a whole word (or a word whose rest is a
    suffix), not capitalised, or too short to stand alone."""
    start, end, part = match.start, match.end, match.part
    if start > 0 and _WORD_CHAR.match(folded, start - 1):
        return None
    if not text[start].isupper() or end - start < MIN_PART_LENGTH:
        return None
    rest_end = end
    while rest_end < len(folded) and _WORD_CHAR.match(folded, rest_end):
        rest_end += 1
    rest = folded[end:rest_end].rstrip("'")
    if not rest:
        return None if part.needs_ending else part.people
    ending = part.stem_people if _RUSSIAN_ENDING.fullmatch(rest) else frozenset()
    tail = _CYRILLIC_TAIL if "\u0400" <= folded[start] <= "\u04ff" else _LATIN_TAIL
    if not part.needs_ending and tail.fullmatch(rest):
        return part.people | ending
    return ending if ending else None
