"""The note analyzer: Presidio with Erta's Uzbek recognizers on a blank tokenizer, offline by construction.

Only the recognizers Erta needs are loaded. Presidio's defaults are US-centric and misfire on Uzbek data
(US_BANK_NUMBER on unspaced +998 numbers, URL on e-mail domains) and its e-mail recognizer looks up a
public suffix list online. After Presidio, neighbouring name parts join into one name ("Karimov Alisher
Akmal o'g'li"), initials join the name they stand beside, names inside an address or a public figure's
name are dropped, and overlaps are resolved so every character belongs to at most one finding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

import regex
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult

from privacy.context_enhancer import FoldedWindowContextEnhancer
from privacy.findings import Finding
from privacy.name_index import NameIndex, RosterPerson, bundled_names, spellings
from privacy.nlp_engine import LANGUAGE, BlankTokenizerNlpEngine
from privacy.recognizers.address_recognizer import AddressRecognizer
from privacy.recognizers.email_recognizer import EmailRecognizer
from privacy.recognizers.person_pattern_recognizer import PersonPatternRecognizer
from privacy.recognizers.roster_person_recognizer import RosterPersonRecognizer
from privacy.recognizers.uz_passport_recognizer import UzPassportRecognizer
from privacy.recognizers.uz_phone_recognizer import UzPhoneRecognizer
from privacy.recognizers.uz_pinfl_recognizer import UzPinflRecognizer
from privacy.recognizers.uz_stir_recognizer import UzStirRecognizer
from privacy.text_folding import fold

SCORE_THRESHOLD: Final = 0.4
SCORE_FULL_NAME: Final = 0.95
MIN_TRIMMED_LENGTH: Final = 5
# Between two parts of one name: spaces, or a line break in a badly pasted note.
_NAME_GAP: Final = regex.compile(r"[\w']{0,5}[ \t\u00a0]{1,3}")
_ONE_WORD_GAP: Final = regex.compile(r"[\w']{0,5}[ \t\u00a0]{1,2}\p{Lu}[\p{Ll}'‘’ʻʼ`]{2,}[ \t\u00a0]{1,2}")
_PATRONYMIC: Final = regex.compile(
    r"(?:ovich|evich|ovna|evna|o['‘’ʻʼ`]g['‘’ʻʼ`]li|qizi|ович|евич|овна|евна|ична|ўғли|угли|қизи|кизи)\w{0,3}$"
)
_INITIALS_BEFORE: Final = regex.compile(r"(?:(?<![\w])[A-ZА-ЯЁЎҚҒҲ]\.\s?){1,2}\s?$")
_INITIALS_AFTER: Final = regex.compile(r"^\s?(?:[A-ZА-ЯЁЎҚҒҲ]\.\s?){0,1}[A-ZА-ЯЁЎҚҒҲ]\.(?![\w])")


class NoteAnalyzer:
    """Finds personal data in free text. Build once (the roster compiles into an automaton), then call
    `analyze` per note; it is safe to share between threads."""

    def __init__(
        self, roster: Iterable[RosterPerson] = (), *, score_threshold: float = SCORE_THRESHOLD
    ) -> None:
        self.names = NameIndex(roster, bundled_names("given_names.txt"))
        self.score_threshold = score_threshold
        registry = RecognizerRegistry(supported_languages=[LANGUAGE])
        for recognizer in (
            UzPinflRecognizer(LANGUAGE),
            UzPassportRecognizer(LANGUAGE),
            UzPhoneRecognizer(LANGUAGE),
            UzStirRecognizer(LANGUAGE),
            EmailRecognizer(LANGUAGE),
            AddressRecognizer(LANGUAGE),
            RosterPersonRecognizer(self.names, LANGUAGE),
            PersonPatternRecognizer(LANGUAGE),
        ):
            registry.add_recognizer(recognizer)
        self.engine = AnalyzerEngine(
            registry=registry,
            nlp_engine=BlankTokenizerNlpEngine(),
            supported_languages=[LANGUAGE],
            context_aware_enhancer=FoldedWindowContextEnhancer(),
        )
        self._public_figures = _public_figure_pattern()

    def analyze(self, text: str, entities: Sequence[str] | None = None) -> list[Finding]:
        """Non-overlapping findings in text order, of every entity type or only of `entities`."""
        if not text.strip():
            return []
        wanted = list(entities) if entities is not None else None
        raw = self.engine.analyze(
            text, language=LANGUAGE, entities=wanted, score_threshold=self.score_threshold
        )
        findings = [_finding(result) for result in raw]
        people = _join_names(text, [f for f in findings if f.entity_type == "PERSON"])
        others = [f for f in findings if f.entity_type != "PERSON"]
        public = [(m.start(), m.end()) for m in self._public_figures.finditer(fold(text))] if people else []
        people = [
            p
            for p in people
            if not _inside_any(p, others, "ADDRESS")
            and not any(s <= p.start and p.end <= e for s, e in public)
        ]
        return _without_overlaps(text, [*people, *others])


def _public_figure_pattern() -> regex.Pattern[str]:
    forms = {fold(form) for name in bundled_names("public_figures.txt") for form in spellings(name)}
    alternation = "|".join(regex.escape(form) for form in sorted(forms, key=len, reverse=True))
    return regex.compile(rf"(?<![\w'])(?:{alternation})")


def _finding(result: RecognizerResult) -> Finding:
    metadata = result.recognition_metadata or {}
    return Finding(
        result.start,
        result.end,
        result.entity_type,
        float(result.score),
        frozenset(metadata.get("people", ())),
    )


def _join_names(text: str, parts: Sequence[Finding]) -> list[Finding]:
    """Merge name parts that touch or are separated by spaces only; absorb initials beside them."""
    ordered = sorted(parts, key=lambda f: (f.start, -f.end))
    joined: list[Finding] = []
    for part in ordered:
        if joined and _same_name(text, joined[-1], part):
            joined[-1] = _merge(text, joined[-1], part)
        else:
            joined.append(part)
    return [_with_initials(text, name) for name in joined]


def _same_name(text: str, first: Finding, second: Finding) -> bool:
    """Parts that overlap, are separated by spaces only, or by one capitalised word (the given name between
    a surname and a patronymic: "Тухтаев Джахонгир Миржалолович") form one name."""
    if second.start <= first.end:
        return True
    if _NAME_GAP.fullmatch(text, first.end, second.start):
        return True
    between = _ONE_WORD_GAP.fullmatch(text, first.end, second.start)
    return bool(between and _PATRONYMIC.search(text, second.start, second.end))


def _merge(text: str, first: Finding, second: Finding) -> Finding:
    """One name from two parts. Its people are those both parts may name; a part the roster does not know
    makes it somebody Erta does not know (Malika Qurbonova is not the roster's Malika), except a patronymic,
    which rosters often spell another way (Akmalovich for Akmal o'g'li)."""
    if second.end <= first.end:  # a part inside another (Akmal inside "Akmal o'g'li")
        return first if first.people or not second.people else _replace_people(first, second.people)
    # Parts of two roster people side by side are one person the roster does not know.
    people = first.people & second.people if first.people and second.people else first.people | second.people
    if not second.people and not _PATRONYMIC.search(text, second.start, second.end):
        people = frozenset()
    if not first.people and second.people and not _PATRONYMIC.search(text, first.start, first.end):
        people = frozenset()
    return Finding(first.start, second.end, "PERSON", max(SCORE_FULL_NAME, first.score), people)


def _replace_people(finding: Finding, people: frozenset[str]) -> Finding:
    return Finding(finding.start, finding.end, finding.entity_type, finding.score, people)


def _with_initials(text: str, name: Finding) -> Finding:
    start, end = name.start, name.end
    before = _INITIALS_BEFORE.search(text[max(0, start - 8) : start])
    if before:
        start -= len(before.group(0))
    after = _INITIALS_AFTER.match(text[end : end + 8])
    if after:
        end += len(after.group(0))
    if (start, end) == (name.start, name.end):
        return name
    return Finding(start, end, "PERSON", max(name.score, SCORE_FULL_NAME), name.people)


def _inside_any(finding: Finding, others: Sequence[Finding], entity_type: str) -> bool:
    return any(
        o.entity_type == entity_type and o.start < finding.end and finding.start < o.end for o in others
    )


def _without_overlaps(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """Keep the most certain finding where two overlap (the longer one on a tie). A less certain one that
    begins before the winner keeps its part up to the winner: an address whose house number turned out to
    start a phone number is still an address ("Navoiy ko'chasida, 90 123 45 67")."""
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (-f.score, -(f.end - f.start), f.start)):
        clashes = [k for k in kept if k.start < finding.end and finding.start < k.end]
        candidate = _before(text, finding, min(k.start for k in clashes)) if clashes else finding
        if candidate is not None and all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda f: f.start)


def _before(text: str, finding: Finding, limit: int) -> Finding | None:
    end = limit
    while end > finding.start and not text[end - 1].isalnum():
        end -= 1
    if end - finding.start < MIN_TRIMMED_LENGTH or finding.entity_type not in ("ADDRESS", "PERSON"):
        return None
    return Finding(finding.start, end, finding.entity_type, finding.score, finding.people)
