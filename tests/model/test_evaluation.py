from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

from model.evaluation import (
    classification_metrics,
    expected_calibration_error,
    lead_time_weeks,
    top_share_precision_recall,
)

START = np.datetime64("2024-09-02", "D")
NAT = np.datetime64("NaT", "D")


def week(n: int) -> np.datetime64:
    return START + np.timedelta64(7 * n, "D")


def test_ece_is_zero_when_every_bin_matches_its_observed_rate() -> None:
    y = [1, 0, 0, 0, 1, 1, 1, 0]
    prob = [0.25] * 4 + [0.75] * 4
    assert expected_calibration_error(y, prob) == pytest.approx(0.0)


def test_ece_matches_a_hand_computed_value() -> None:
    # Bin [0, 0.5): mean 0.2, rate 0 → 0.2 × 2/4; bin [0.5, 1]: mean 0.75, rate 1 → 0.25 × 2/4.
    ece = expected_calibration_error([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9], bins=2)
    assert ece == pytest.approx(0.225)


def test_ece_puts_a_probability_of_one_in_the_last_bin() -> None:
    assert expected_calibration_error([1, 1], [1.0, 1.0], bins=10) == pytest.approx(0.0)


@given(
    st.lists(
        st.tuples(st.integers(0, 1), st.floats(0.0, 1.0, allow_nan=False)),
        min_size=1,
        max_size=200,
    ),
    st.integers(1, 20),
)
def test_ece_lies_between_zero_and_one(rows: list[tuple[int, float]], bins: int) -> None:
    y, prob = zip(*rows, strict=True)
    assert 0.0 <= expected_calibration_error(y, prob, bins) <= 1.0


def test_top_share_flags_the_highest_scores_and_breaks_ties_by_row_order() -> None:
    y = [1, 0, 1, 0, 1, 0, 0, 0, 0, 0]
    score = [0.9, 0.8, 0.8, 0.8, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0]
    # ceil(0.25 × 10) = 3 pupils: rows 0, 1 and 2 (rows 1–3 tie; the earlier rows win).
    precision, recall = top_share_precision_recall(y, score, share=0.25)
    assert precision == pytest.approx(2 / 3)
    assert recall == pytest.approx(2 / 3)
    # The same scores with the tied positive moved last: it is no longer flagged.
    precision, recall = top_share_precision_recall([1, 0, 0, 1, 1, 0, 0, 0, 0, 0], score, share=0.25)
    assert precision == pytest.approx(1 / 3)
    assert recall == pytest.approx(1 / 3)


def test_top_share_of_everyone_recalls_every_positive() -> None:
    precision, recall = top_share_precision_recall([0, 1, 1, 0], [0.2, 0.1, 0.4, 0.3], share=1.0)
    assert (precision, recall) == (0.5, 1.0)


@pytest.mark.parametrize("share", [0.0, -0.1, 1.5])
def test_top_share_refuses_a_share_outside_zero_to_one(share: float) -> None:
    with pytest.raises(ValueError, match="share"):
        top_share_precision_recall([0, 1], [0.1, 0.9], share=share)


def test_classification_metrics_match_scikit_learn() -> None:
    rng = np.random.default_rng(7)
    prob = rng.random(500)
    y = (rng.random(500) < prob).astype(int)
    metrics = classification_metrics(y, prob)
    assert metrics["roc_auc"] == pytest.approx(roc_auc_score(y, prob))
    assert metrics["pr_auc"] == pytest.approx(average_precision_score(y, prob))
    assert metrics["brier"] == pytest.approx(brier_score_loss(y, prob))
    assert metrics["ece"] == pytest.approx(expected_calibration_error(y, prob))
    assert metrics["positive_rate"] == pytest.approx(y.mean())
    assert metrics["rows"] == 500
    assert (metrics["precision_at_top"], metrics["recall_at_top"]) == pytest.approx(
        top_share_precision_recall(y, prob, 0.10)
    )


def test_a_rule_score_gets_no_brier_or_ece() -> None:
    metrics = classification_metrics([0, 1, 1, 0], [0, 3, 2, 5], is_probability=False)
    assert "brier" not in metrics
    assert "ece" not in metrics
    assert set(metrics) == {"roc_auc", "pr_auc", "precision_at_top", "recall_at_top", "positive_rate", "rows"}
    assert all(math.isfinite(value) for value in metrics.values())


@pytest.mark.parametrize(
    ("y", "score", "message"),
    [
        ([], [], "empty"),
        ([0, 1], [0.5], "same|rows"),
        ([1, 1, 1], [0.2, 0.5, 0.9], "single class"),
        ([0, 0], [0.2, 0.5], "single class"),
        ([0, 2], [0.2, 0.5], "0 and 1"),
        ([0, 1], [0.2, float("nan")], "finite"),
        ([0, 1], [0.2, 1.5], r"\[0, 1\]"),
    ],
)
def test_classification_metrics_refuse_bad_input(y: list[int], score: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        classification_metrics(y, score)


def _timeline(rows: Sequence[tuple[str, int, bool, int | None]]) -> tuple[np.ndarray, ...]:
    ids = np.array([row[0] for row in rows])
    as_of = np.array([week(row[1]) for row in rows], dtype="datetime64[D]")
    flagged = np.array([row[2] for row in rows])
    events = np.array([NAT if row[3] is None else week(row[3]) for row in rows], dtype="datetime64[D]")
    return ids, as_of, flagged, events


def test_lead_time_counts_from_the_first_flag_before_the_event() -> None:
    rows = [
        # Flagged at weeks 2 and 5, event at week 8: six weeks of warning.
        *[("early", w, w in (2, 5), 8) for w in range(1, 10)],
        # Event at week 8, never flagged.
        *[("missed", w, False, 8) for w in range(1, 10)],
        # Flagged only on and after the event: too late, not counted.
        *[("late", w, w >= 4, 4) for w in range(1, 10)],
        # No event: ignored, however often flagged.
        *[("fine", w, True, None) for w in range(1, 10)],
    ]
    result = lead_time_weeks(*_timeline(rows))
    assert result["pupils_with_event"] == 3
    assert result["flagged_before_event"] == 1
    assert result["share_flagged_before_event"] == pytest.approx(1 / 3)
    assert result["median_weeks"] == pytest.approx(6.0)
    assert result["mean_weeks"] == pytest.approx(6.0)


def test_lead_time_statistics_over_several_pupils() -> None:
    rows = [("a", 2, True, 8), ("a", 6, True, 8), ("b", 1, False, 5), ("b", 3, True, 5), ("b", 4, True, 5)]
    result = lead_time_weeks(*_timeline(rows))
    assert result["flagged_before_event"] == 2
    assert (result["median_weeks"], result["mean_weeks"]) == (4.0, 4.0)
    assert (result["p25_weeks"], result["p75_weeks"]) == (3.0, 5.0)


def test_lead_time_is_none_not_nan_when_no_pupil_was_flagged_in_time() -> None:
    result = lead_time_weeks(*_timeline([("a", 1, False, 3), ("a", 3, True, 3), ("b", 1, True, None)]))
    assert result == {
        "pupils_with_event": 1,
        "flagged_before_event": 0,
        "share_flagged_before_event": 0.0,
        "median_weeks": None,
        "mean_weeks": None,
        "p25_weeks": None,
        "p75_weeks": None,
    }


def test_lead_time_does_not_depend_on_row_order() -> None:
    rows = [("a", 2, True, 8), ("a", 6, True, 8), ("b", 3, True, 5), ("b", 1, True, 5), ("c", 1, True, None)]
    forward = lead_time_weeks(*_timeline(rows))
    assert lead_time_weeks(*_timeline(rows[::-1])) == forward
    assert forward["mean_weeks"] == pytest.approx(5.0)


def test_lead_time_refuses_a_pupil_with_two_event_dates() -> None:
    with pytest.raises(ValueError, match="same on all of its rows"):
        lead_time_weeks(*_timeline([("a", 1, True, 5), ("a", 2, True, 6)]))


def test_lead_time_refuses_mismatched_lengths() -> None:
    ids, as_of, flagged, events = _timeline([("a", 1, True, 5), ("a", 2, True, 5)])
    with pytest.raises(ValueError, match="same length"):
        lead_time_weeks(ids, as_of[:1], flagged, events)
