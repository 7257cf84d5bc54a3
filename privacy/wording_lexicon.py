"""The lexicon of wording that stigmatises a child, and the matcher built from it.

Teachers write notes in Uzbek (Latin or Cyrillic), Russian and English, so each entry lists its term's stems
with the endings its language glues on, and the lexicon compiles all of them into one word-bounded
alternation when it is built. Text is folded one character for one (apostrophe variants, ё, the Uzbek
Cyrillic letters typed on a Russian keyboard) so a span found in the folded text is the span as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from privacy.text_folding import fold_apostrophes

Language = Literal["uz", "ru", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("uz", "ru", "en")

# On top of privacy.text_folding's apostrophes and ё, one for one so offsets survive: the acute accent some
# keyboards give for an apostrophe, and the Uzbek Cyrillic letters (ҳ қ ғ ў) that a Russian keyboard turns
# into х к г у.
_FOLD: Final = str.maketrans(
    {"´": "'", "ҳ": "х", "Ҳ": "Х", "қ": "к", "Қ": "К", "ғ": "г", "Ғ": "Г", "ў": "у", "Ў": "У"}
)
# Uzbek words carry apostrophes inside them (o'g'il, ma'no), so a word starts and ends where no letter and
# no letter-apostrophe pair touches it; a lone quote mark still counts as a boundary.
_WORD_START: Final = r"(?<!\w)(?<!\w')"
_WORD_END: Final = r"(?!\w)(?!'\w)"
# Uzbek stacks suffixes (dangasa-lig-i-ni); a bound keeps a pathological "word" from backtracking for long.
MAX_STACKED_SUFFIXES: Final = 6


def fold_for_matching(text: str) -> str:
    """`text` with apostrophe variants, ё and the Uzbek Cyrillic letters folded; always the same length."""
    return fold_apostrophes(text).translate(_FOLD)


@dataclass(frozen=True, slots=True)
class Localized:
    """One text in each language Erta speaks."""

    uz: str
    ru: str
    en: str

    def in_language(self, language: Language) -> str:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
        return {"uz": self.uz, "ru": self.ru, "en": self.en}[language]


@dataclass(frozen=True, slots=True)
class Endings:
    """Endings a stem takes: one of `suffixes` (an empty one makes it optional), or a stack when `repeat`."""

    name: str
    suffixes: tuple[str, ...]
    repeat: bool = False

    def pattern(self) -> str:
        alternatives = sorted({fold_for_matching(s) for s in self.suffixes if s}, key=len, reverse=True)
        if not alternatives:
            return ""
        group = "(?:" + "|".join(re.escape(s) for s in alternatives) + ")"
        if self.repeat:
            return group + "{0," + str(MAX_STACKED_SUFFIXES) + "}"
        return group + ("?" if "" in self.suffixes else "")


@dataclass(frozen=True, slots=True)
class WordingEntry:
    """A stigmatising term: its stems or phrases, their endings, what kind of harm it does, what to write."""

    id: str
    language: Language
    category: str
    forms: tuple[str, ...]
    suggestion: Localized
    endings: Endings | None = None

    def form_patterns(self) -> Iterator[tuple[str, str]]:
        """Each form with its regex: words joined by any whitespace, the endings after the last word."""
        ending = self.endings.pattern() if self.endings else ""
        for form in self.forms:
            words = fold_for_matching(form).split()
            yield form, r"\s+".join(re.escape(word) for word in words) + ending


@dataclass(frozen=True, slots=True)
class WordingMatch:
    """Where a lexicon term was found, in offsets of the text as written."""

    start: int
    end: int
    entry: WordingEntry


class Lexicon:
    """The entries and category messages, with their matcher compiled once, here."""

    def __init__(self, entries: Sequence[WordingEntry], categories: Mapping[str, Localized]) -> None:
        for entry in entries:
            if entry.category not in categories:
                raise ValueError(f"entry {entry.id!r} has category {entry.category!r}, which has no message")
        self._entries = tuple(entries)
        self._categories = dict(categories)
        self._pattern, self._entry_of_group = _compile(self._entries)

    @property
    def entries(self) -> tuple[WordingEntry, ...]:
        return self._entries

    @property
    def categories(self) -> Mapping[str, Localized]:
        return dict(self._categories)

    def message(self, category: str, term: str, language: Language) -> str:
        """The category's message about `term`, in `language`."""
        return self._categories[category].in_language(language).replace("{term}", term)

    def find(self, text: str) -> Iterator[WordingMatch]:
        """Every whole-word occurrence of a lexicon term in `text`, left to right, never overlapping."""
        for match in self._pattern.finditer(fold_for_matching(text)):
            group = match.lastgroup
            if group is not None:
                yield WordingMatch(match.start(), match.end(), self._entry_of_group[group])

    def __repr__(self) -> str:
        return f"Lexicon({len(self._entries)} entries, categories={sorted(self._categories)})"


def _compile(entries: tuple[WordingEntry, ...]) -> tuple[re.Pattern[str], dict[str, WordingEntry]]:
    """One alternation of every form, longest first so a phrase wins over a word it starts with."""
    alternatives: list[tuple[int, str, str]] = []
    entry_of_group: dict[str, WordingEntry] = {}
    seen: dict[tuple[str, str | None], str] = {}
    for entry in entries:
        for form, pattern in entry.form_patterns():
            endings = entry.endings.name if entry.endings else None
            key = (" ".join(fold_for_matching(form).casefold().split()), endings)
            if key in seen:
                raise ValueError(f"entry {entry.id!r}: form {form!r} is already in entry {seen[key]!r}")
            seen[key] = entry.id
            group = f"f{len(entry_of_group)}"
            entry_of_group[group] = entry
            alternatives.append((len(form), group, pattern))
    alternatives.sort(key=lambda alternative: alternative[0], reverse=True)
    body = "|".join(f"(?P<{group}>{pattern})" for _, group, pattern in alternatives) or "(?!)"
    return re.compile(f"{_WORD_START}(?:{body}){_WORD_END}", re.IGNORECASE), entry_of_group
