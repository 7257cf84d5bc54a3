"""fold: one character for one, so offsets in folded text are offsets in the note; apostrophes fold alike."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.text_folding import APOSTROPHES, fold, fold_apostrophes


@given(st.text())
def test_fold_keeps_the_length_of_any_text(text: str) -> None:
    assert len(fold(text)) == len(text)
    assert len(fold_apostrophes(text)) == len(text)


@given(st.text(max_size=40))
def test_folding_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(), st.sampled_from(APOSTROPHES), st.sampled_from(APOSTROPHES))
def test_apostrophe_variants_fold_alike(text: str, one: str, other: str) -> None:
    assert fold(text.replace("'", one)) == fold(text.replace("'", other))


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
@pytest.mark.parametrize("word", ["O'g'li", "Toshpo'latov", "ko'chasi", "Bog'ishamol", "Ma'rifat"])
def test_every_apostrophe_folds_to_the_ascii_one(word: str, apostrophe: str) -> None:
    written = word.replace("'", apostrophe)
    assert fold(written) == word.lower()
    assert fold_apostrophes(written) == word


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Alisher", "alisher"),
        ("ALISHER", "alisher"),
        ("Алишер", "алишер"),
        ("Пётр Семёнов", "петр семенов"),
        ("ЁЛКА", "елка"),
        ("Ўғил Қизи Ҳамид", "ўғил қизи ҳамид"),
        ("İstanbul", "İstanbul"),  # İ lowers to two characters: kept as it is
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
