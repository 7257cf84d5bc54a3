"""Every spelling of every name Erta knows, in one Aho-Corasick automaton over folded text.

The roster knows each pupil's, guardian's and teacher's name in one script; notes write it in Latin,
Uzbek Cyrillic or Russian-style Cyrillic, with any apostrophe and with case endings glued on
("Alisherning", "Каримовой"). Each name part is stored in all three scripts, folded (text_folding.fold),
with the roster people it may belong to. A hundred thousand names compile to one automaton that scans a
note in one pass, where a regex alternation of the same names would be orders of magnitude slower.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Final

import ahocorasick

from privacy.text_folding import fold
from privacy.transliteration import is_cyrillic, to_cyrillic, to_latin

# Words of a full name that are not names themselves (Akmal o'g'li, Akmal qizi, Акмал ўғли).
PATRONYMIC_MARKERS: Final = frozenset({"o'g'li", "qizi", "ўғли", "қизи", "угли", "кизи", "ogli", "o'gli"})
# A name must be this long to stand alone: shorter parts ("Ali", "Ra") are matched only beside another name.
MIN_PART_LENGTH: Final = 3
_RUSSIAN_STEM_ENDINGS: Final = frozenset("ая")
_L_BEFORE_CONSONANT: Final = re.compile(r"([лЛ])(?=[бвгджзклмнпрстфхцчшщ])")
_I_AFTER_HARD: Final = re.compile(r"([дрт])и(?=[рд]\b|р$)")


@dataclass(frozen=True, slots=True)
class RosterPerson:
    """Someone whose name Erta knows: `key` says who (e.g. "pupil:P001", "guardian:P001", "staff:T01")."""

    key: str
    full_name: str


@dataclass(frozen=True, slots=True)
class NamePart:
    """What a folded spelling stands for: the roster people it names as a whole word, the people whose
    name it is the stem of when a Russian ending follows (Дилноз- in Дилнозы, Каримов- in Каримовой), and
    whether it is a common given name."""

    people: frozenset[str]
    stem_people: frozenset[str]
    in_dictionary: bool
    length: int

    @property
    def needs_ending(self) -> bool:
        return not self.people and not self.in_dictionary


@dataclass(frozen=True, slots=True)
class PartMatch:
    start: int
    end: int
    part: NamePart


def spellings(name: str) -> set[str]:
    """A name part in Latin, Uzbek Cyrillic and Russian-style Cyrillic, whichever script it came in."""
    latin = to_latin(name) if is_cyrillic(name) else name
    forms = {name, latin, to_cyrillic(latin), *russian_spellings(to_cyrillic(latin, russian=True))}
    return {form for form in forms if form}


def russian_spellings(cyrillic: str) -> set[str]:
    """The ways Russian documents respell an Uzbek name: Jahongir → Джахонгир, Dilnoza → Дильноза,
    Ozodbek → Азадбек, Bahodir → Бахадыр. Each habit applies or not, so a name has at most eight forms."""
    forms = {cyrillic}
    for habit in (_with_dzh, _with_soft_l, _with_akanye):
        forms |= {habit(form) for form in forms}
    return forms


def _with_dzh(text: str) -> str:
    return text.replace("ж", "дж").replace("Ж", "Дж")


def _with_soft_l(text: str) -> str:
    return _L_BEFORE_CONSONANT.sub(lambda m: m.group(1) + "ь", text)


def _with_akanye(text: str) -> str:
    """Unstressed o written as a, and i after d, r or t as ы (Бахадыр, Мурад, Азадбек)."""
    return _I_AFTER_HARD.sub(lambda m: m.group(1) + "ы", text.replace("о", "а").replace("О", "А"))


def name_parts(full_name: str) -> list[str]:
    """The parts of a full name worth matching alone: surname, given name, father's name or patronymic."""
    words = full_name.replace(",", " ").split()
    return [word for word in words if fold(word) not in PATRONYMIC_MARKERS and len(word) >= 2]


def bundled_names(filename: str) -> list[str]:
    """A bundled list from privacy/data, one entry a line, # for comments."""
    text = resources.files("privacy.data").joinpath(filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class NameIndex:
    """Finds every known name part in a folded note; the recognizer decides which hits are names."""

    def __init__(self, people: Iterable[RosterPerson], dictionary: Iterable[str] = ()) -> None:
        entries: dict[str, tuple[set[str], set[str], list[bool]]] = {}
        for person in people:
            for part in name_parts(person.full_name):
                self._add(entries, part, person.key)
        for name in dictionary:
            self._add(entries, name, None)
        self._automaton = ahocorasick.Automaton()
        for folded, (whole, stem, dictionary_flag) in entries.items():
            value = NamePart(frozenset(whole), frozenset(stem), dictionary_flag[0], len(folded))
            self._automaton.add_word(folded, value)
        self.size = len(entries)
        if entries:
            self._automaton.make_automaton()

    @staticmethod
    def _add(entries: dict[str, tuple[set[str], set[str], list[bool]]], name: str, key: str | None) -> None:
        """Record every spelling of `name` as naming `key` (None: a dictionary name, nobody in particular)."""
        for form in spellings(name):
            folded = fold(form)
            keys: list[tuple[str, bool]] = [(folded, False)]
            if is_cyrillic(folded) and folded[-1] in _RUSSIAN_STEM_ENDINGS and len(folded) > MIN_PART_LENGTH:
                keys.append((folded[:-1], True))
            for spelling, is_stem in keys:
                whole, stem, dictionary = entries.setdefault(spelling, (set(), set(), [False]))
                if key is None:
                    dictionary[0] = dictionary[0] or not is_stem
                    continue
                (stem if is_stem else whole).add(key)

    def find(self, folded_text: str) -> Iterator[PartMatch]:
        """Every occurrence of a known spelling, overlapping ones included, in text order of their end."""
        if self.size == 0:
            return
        for last, part in self._automaton.iter(folded_text):
            yield PartMatch(last - part.length + 1, last + 1, part)
