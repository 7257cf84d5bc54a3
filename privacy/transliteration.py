"""Uzbek Latin ↔ Cyrillic: Uzbek orthography (ў қ ғ ҳ) or Russian-style spelling (у к г х), and back.

Rosters and notes mix both scripts: the same pupil is "Toshpo'latov" in one file and "Тошпўлатов" or
"Ташпулатов"-like spellings in another. Good enough for synthetic names and teachers' notes; it is not a
linguistically complete converter (e.g. Russian soft signs are not restored).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

_APOSTROPHE_VARIANTS: Final = str.maketrans(dict.fromkeys("‘’ʻʼ`", "'"))
_PAIRS: Final = {
    "o'": "ў",
    "g'": "ғ",
    "sh": "ш",
    "ch": "ч",
    "yo": "ё",
    "yu": "ю",
    "ya": "я",
    "ye": "е",
    "ts": "ц",
}
# Digraphs first (yo' is й+ў, not ё+ъ); e is э at the start of a word or after a vowel.
_UZBEK_UNITS: Final = re.compile(r"(?i)o'|g'|sh|ch|yo(?!')|yu|ya|ye|(?:(?<![a-z'])|(?<=[aeiou]))e")
_RUSSIAN_UNITS: Final = re.compile(r"(?i)ts|o'|g'|sh|ch|yo(?!')|yu|ya|ye|(?:(?<![a-z'])|(?<=[aeiou]))e")
_SINGLE: Final = {
    "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "ҳ", "i": "и", "j": "ж", "k": "к",
    "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "қ", "r": "р", "s": "с", "t": "т", "u": "у",
    "v": "в", "x": "х", "y": "й", "z": "з", "c": "с", "w": "в",
}  # fmt: skip
_SINGLES: Final = str.maketrans({**_SINGLE, **{k.upper(): v.upper() for k, v in _SINGLE.items()}, "'": "ъ"})
_RUSSIAN_STYLE: Final = str.maketrans(
    {"ў": "у", "Ў": "У", "қ": "к", "Қ": "К", "ғ": "г", "Ғ": "Г", "ҳ": "х", "Ҳ": "Х", "ъ": None}
)


def _unit(match: re.Match[str]) -> str:
    text = match.group(0)
    cyrillic = "э" if len(text) == 1 else _PAIRS[text.lower()]
    return cyrillic.upper() if text[0].isupper() else cyrillic


@lru_cache(maxsize=1 << 16)
def to_cyrillic(text: str, *, russian: bool = False) -> str:
    """Transliterate Uzbek Latin text; every apostrophe variant counts as the Latin apostrophe.

    Cached: names and place names recur constantly across a district.
    """
    text = text.translate(_APOSTROPHE_VARIANTS)
    units = _RUSSIAN_UNITS if russian else _UZBEK_UNITS
    result = units.sub(_unit, text).translate(_SINGLES)
    return result.translate(_RUSSIAN_STYLE) if russian else result


_TO_LATIN: Final = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ғ": "g'", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z",
    "и": "i", "й": "y", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ў": "o'", "ф": "f", "х": "x", "ҳ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "sh", "ъ": "'", "ь": "", "ы": "i", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_LATIN_TABLE: Final = str.maketrans(
    {**_TO_LATIN, **{k.upper(): v.capitalize() for k, v in _TO_LATIN.items() if k.upper() != k}}
)
# Е at the start of a word or after a vowel is "ye" (Евгений → Yevgeniy, Алиев → Aliyev).
_YE: Final = re.compile(r"(?:(?<![а-яёўқғҳ])|(?<=[аеёиоуўэюяы]))е", re.IGNORECASE)


def _ye(match: re.Match[str]) -> str:
    return "Ye" if match.group(0) == "Е" else "ye"


@lru_cache(maxsize=1 << 16)
def to_latin(text: str) -> str:
    """Transliterate Uzbek or Russian-style Cyrillic to Uzbek Latin with the ASCII apostrophe."""
    return _YE.sub(_ye, text).translate(_LATIN_TABLE)


def is_cyrillic(text: str) -> bool:
    """True when most letters of `text` are Cyrillic."""
    letters = [char for char in text if char.isalpha()]
    return sum("\u0400" <= char <= "\u04ff" for char in letters) * 2 > len(letters)
