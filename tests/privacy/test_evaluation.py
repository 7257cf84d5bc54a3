"""score_corpus: the half-overlap rule both ways, F2 on a hand-computed case, and leak counting."""

from __future__ import annotations

import pytest

from privacy.evaluation import EntityScore, ScoredNote, Span, score_corpus

TEXT = "Karimov Alisher darsga kelmadi, tel 901234567."  # 46 characters


def one(gold: list[Span], predicted: list[Span], anonymized: str = "") -> EntityScore:
    return score_corpus([ScoredNote(TEXT, gold, predicted, anonymized)]).per_entity["PERSON"]


@pytest.mark.parametrize(
    ("gold", "predicted", "found", "correct"),
    [
        ((0, 15), (0, 15), 1, 1),  # exact
        ((0, 10), (0, 5), 1, 1),  # exactly half of the gold is covered: found; all of the prediction is on it
        ((0, 10), (0, 4), 0, 1),  # less than half of the gold: missed, though the prediction is right
        ((0, 4), (0, 10), 1, 0),  # the gold is covered, but less than half of the prediction lies on it
        ((0, 5), (0, 10), 1, 1),  # exactly half of the prediction on the gold: correct
        ((0, 10), (5, 20), 1, 0),  # half of the gold covered; a third of the prediction on it
        ((0, 7), (8, 15), 0, 0),  # touching nothing
    ],
)
def test_half_overlap_in_both_directions(
    gold: tuple[int, int], predicted: tuple[int, int], found: int, correct: int
) -> None:
    score = one([Span(*gold, "PERSON")], [Span(*predicted, "PERSON")])
    assert (score.gold, score.found, score.predicted, score.correct) == (1, found, 1, correct)


def test_a_span_of_another_type_neither_finds_nor_is_correct() -> None:
    result = score_corpus([ScoredNote(TEXT, [Span(0, 15, "PERSON")], [Span(0, 15, "ADDRESS")], "")])
    assert (result.per_entity["PERSON"].found, result.per_entity["ADDRESS"].correct) == (0, 0)


def test_one_prediction_over_two_gold_spans_finds_both() -> None:
    score = one([Span(0, 7, "PERSON"), Span(8, 15, "PERSON")], [Span(0, 15, "PERSON")])
    assert (score.found, score.correct) == (2, 0)  # each gold half-covered; neither covers half of it


def test_f2_on_a_hand_computed_case() -> None:
    # 4 gold spans, 3 of them found; 4 predictions, 2 of them correct: P = 1/2, R = 3/4.
    # F2 = 5PR / (4P + R) = 5 · 3/8 / (2 + 3/4) = (15/8) / (11/4) = 15/22.
    score = EntityScore(gold=4, found=3, predicted=4, correct=2)
    assert score.precision == pytest.approx(0.5)
    assert score.recall == pytest.approx(0.75)
    assert score.f2 == pytest.approx(15 / 22)
    assert score.as_dict()["f2"] == round(15 / 22, 4)


def test_f2_weighs_recall_more_than_precision() -> None:
    high_recall = EntityScore(gold=10, found=9, predicted=30, correct=9)  # P 0.3, R 0.9
    high_precision = EntityScore(gold=10, found=3, predicted=3, correct=3)  # P 1.0, R 0.3
    assert high_recall.f2 > high_precision.f2


@pytest.mark.parametrize(
    ("score", "precision", "recall", "f2"),
    [
        (EntityScore(), 1.0, 1.0, 1.0),  # nothing to find, nothing predicted
        (EntityScore(gold=2, found=0, predicted=3, correct=0), 0.0, 0.0, 0.0),
        (EntityScore(gold=2, found=2, predicted=2, correct=2), 1.0, 1.0, 1.0),
    ],
)
def test_edge_cases(score: EntityScore, precision: float, recall: float, f2: float) -> None:
    assert (score.precision, score.recall, score.f2) == pytest.approx((precision, recall, f2))


def test_a_corpus_score_adds_up_its_notes_and_counts_leaks() -> None:
    notes = [
        ScoredNote(
            TEXT,
            gold=[Span(0, 15, "PERSON"), Span(36, 45, "UZ_PHONE")],
            predicted=[Span(0, 15, "PERSON"), Span(36, 45, "UZ_PHONE")],
            anonymized="<PERSON_1> darsga kelmadi, tel <UZ_PHONE_1>.",
        ),
        ScoredNote(
            TEXT,
            gold=[Span(0, 15, "PERSON"), Span(36, 45, "UZ_PHONE")],
            predicted=[Span(0, 7, "PERSON")],
            anonymized="<PERSON_1> Alisher darsga kelmadi, tel 901234567.",
        ),
    ]
    result = score_corpus(notes)
    person, phone = result.per_entity["PERSON"], result.per_entity["UZ_PHONE"]
    assert result.notes == 2
    assert (person.gold, person.found, person.predicted, person.correct, person.leaked) == (2, 1, 2, 2, 0)
    assert (phone.gold, phone.found, phone.predicted, phone.correct, phone.leaked) == (2, 1, 1, 1, 1)
    assert phone.as_dict()["leak_rate"] == 0.5
    overall = result.overall
    assert (overall.gold, overall.found, overall.leaked) == (4, 2, 1)
    assert result.as_dict()["overall"]["leak_rate"] == 0.25


def test_a_partly_masked_name_leaks_when_its_whole_text_survives() -> None:
    # "Karimov" (0-7) was masked, but the gold span is the full name; its text no longer appears: no leak.
    # The gold "Alisher" (8-15) does appear in the output: a leak.
    note = ScoredNote(
        TEXT,
        gold=[Span(0, 15, "PERSON"), Span(8, 15, "PERSON")],
        predicted=[Span(0, 7, "PERSON")],
        anonymized="<PERSON_1> Alisher darsga kelmadi, tel 901234567.",
    )
    assert score_corpus([note]).per_entity["PERSON"].leaked == 1
