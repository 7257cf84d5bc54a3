"""Shared by the recognizer tables: run one recognizer on one text and compare what it found, as substrings.

Each table row is `(text, expected)`, `expected` being the matched substrings in text order. The offsets are
checked too: each expected substring is looked up in the text after the previous one, and the result must
start and end exactly there, so a span one character off fails even when its text happens to be equal.
"""

from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import EntityRecognizer, RecognizerResult

LANGUAGE = "xx"


def found(recognizer: EntityRecognizer, entity: str, text: str) -> list[RecognizerResult]:
    """What `recognizer` reports for `entity` in `text` with a score above zero, in text order."""
    results = [r for r in recognizer.analyze(text, [entity], None) if r.score > 0]
    return sorted(results, key=lambda r: (r.start, r.end))


def assert_spans(
    recognizer: EntityRecognizer, entity: str, text: str, expected: Sequence[str]
) -> list[RecognizerResult]:
    results = found(recognizer, entity, text)
    assert [text[r.start : r.end] for r in results] == list(expected), f"{recognizer.name} on {text!r}"
    position = 0
    for result, substring in zip(results, expected, strict=True):
        start = text.index(substring, position)
        assert (result.start, result.end) == (start, start + len(substring))
        assert text[result.start : result.end] == substring
        assert result.entity_type == entity
        position = start + len(substring)
    return results
