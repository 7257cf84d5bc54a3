"""Fold text for matching without moving a character: offsets in the folded text are offsets in the original.

Uzbek Latin writes the o‘/g‘ mark and the tutuq belgisi with any of ' ‘ ’ ʻ ʼ `, and teachers type whichever
their keyboard gives; Russian writes ё or е. Matching treats each family alike and ignores case, and because
every replacement is one character for one character, a span found in the folded text is the same span in
the note as written.
"""

from __future__ import annotations

from typing import Final

APOSTROPHES: Final = "'‘’ʻʼ`"
_ONE_FOR_ONE: Final = str.maketrans({**dict.fromkeys("‘’ʻʼ`", "'"), "ё": "е", "Ё": "Е"})


def fold_apostrophes(text: str) -> str:
    """Every apostrophe variant as the ASCII one, ё as е; case kept."""
    return text.translate(_ONE_FOR_ONE)


def fold(text: str) -> str:
    """Lower case, one apostrophe, е for ё; always the same length as `text`."""
    folded = text.translate(_ONE_FOR_ONE).lower()
    if len(folded) == len(text):
        return folded
    # A few letters (İ) lower to two characters; keep those as they are so offsets stay put.
    return "".join(low if len(low := char.lower()) == 1 else char for char in text.translate(_ONE_FOR_ONE))
