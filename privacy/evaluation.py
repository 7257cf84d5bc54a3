"""How well the analyzer finds personal data in a labelled corpus, and how much still leaks after masking.

A gold span counts as found when a predicted span of the same type covers at least half of it; a predicted
span is correct when at least half of it lies on a gold span of its type. F2 weighs recall twice as much as
precision: a missed PINFL harms a pupil, a masked ordinary word only costs a reader a word. The leak rate
is the share of gold spans whose text still appears in the anonymised note.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    entity_type: str


@dataclass(frozen=True, slots=True)
class ScoredNote:
    text: str
    gold: Sequence[Span]
    predicted: Sequence[Span]
    anonymized: str


@dataclass
class EntityScore:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    leaked: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f2(self) -> float:
        p, r = self.precision, self.recall
        return 5 * p * r / (4 * p + r) if p + r else 0.0

    def add(self, other: EntityScore) -> None:
        self.gold += other.gold
        self.found += other.found
        self.predicted += other.predicted
        self.correct += other.correct
        self.leaked += other.leaked

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold, "found": self.found, "predicted": self.predicted, "correct": self.correct,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f2": round(self.f2, 4),
            "leaked": self.leaked, "leak_rate": round(self.leaked / self.gold, 4) if self.gold else 0.0,
        }  # fmt: skip


@dataclass
class CorpusScore:
    notes: int = 0
    per_entity: dict[str, EntityScore] = field(default_factory=dict)

    @property
    def overall(self) -> EntityScore:
        total = EntityScore()
        for score in self.per_entity.values():
            total.add(score)
        return total

    def as_dict(self) -> dict[str, Any]:
        return {
            "notes": self.notes,
            "overall": self.overall.as_dict(),
            "per_entity": {name: score.as_dict() for name, score in sorted(self.per_entity.items())},
        }


def _covered(span: Span, others: Iterable[Span]) -> bool:
    """At least half of `span` lies on one span of `others` of the same type."""
    length = span.end - span.start
    return any(
        other.entity_type == span.entity_type
        and 2 * (min(span.end, other.end) - max(span.start, other.start)) >= length
        for other in others
    )


def score_corpus(notes: Iterable[ScoredNote]) -> CorpusScore:
    result = CorpusScore()
    for note in notes:
        result.notes += 1
        for gold in note.gold:
            score = result.per_entity.setdefault(gold.entity_type, EntityScore())
            score.gold += 1
            score.found += _covered(gold, note.predicted)
            score.leaked += note.text[gold.start : gold.end] in note.anonymized
        for predicted in note.predicted:
            score = result.per_entity.setdefault(predicted.entity_type, EntityScore())
            score.predicted += 1
            score.correct += _covered(predicted, note.gold)
    return result
