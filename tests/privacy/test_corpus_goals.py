"""The privacy layer's goals, held on the labelled corpora: a change that loses recall fails here.

Goals (docs/PRIVACY.md): recall ≥ 0.99 for PINFL, phone, passport and e-mail, ≥ 0.95 for names, overall
F2 ≥ 0.95 and at most 1% of personal data left in the anonymised notes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from privacy.analyzer import NoteAnalyzer
from privacy.anonymizer import anonymize
from privacy.evaluation import CorpusScore, ScoredNote, Span, score_corpus
from service.privacy_engine import roster_from_bundle

HERE = Path(__file__).parent
CORPORA = [HERE / "corpus", HERE / "holdout"]
EXACT_IDENTIFIERS = ("UZ_PINFL", "UZ_PHONE", "UZ_PASSPORT", "EMAIL_ADDRESS")


def _score(folder: Path) -> CorpusScore:
    analyzer = NoteAnalyzer(roster_from_bundle(folder / "roster"))
    notes = []
    for line in (folder / "notes.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = record["text"]
        findings = analyzer.analyze(text)
        gold = [Span(s["start"], s["end"], s["entity_type"]) for s in record["spans"]]
        predicted = [Span(f.start, f.end, f.entity_type) for f in findings]
        notes.append(ScoredNote(text, gold, predicted, anonymize(text, findings)))
    return score_corpus(notes)


@pytest.fixture(scope="module", params=[c for c in CORPORA if c.exists()], ids=lambda folder: folder.name)
def score(request: pytest.FixtureRequest) -> CorpusScore:
    return _score(request.param)


@pytest.mark.parametrize("entity", EXACT_IDENTIFIERS)
def test_identifiers_are_found(score: CorpusScore, entity: str) -> None:
    assert score.per_entity[entity].recall >= 0.99


def test_names_are_found(score: CorpusScore) -> None:
    assert score.per_entity["PERSON"].recall >= 0.95


def test_overall_f2_and_leak_rate(score: CorpusScore) -> None:
    overall = score.overall
    assert overall.f2 >= 0.95
    assert overall.leaked / overall.gold <= 0.01
