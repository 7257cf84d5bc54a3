"""`explain_batch` is `explain_pupil` for every row, to the last bit: the same drivers in the same order,
the same words, margin, base value and insufficient-data state, whatever the contributions and gaps."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.batch_explanations import explain_batch
from model.explanations import explain_pupil
from model.features import feature_names

NAMES = list(feature_names())


def _one_at_a_time(contributions: np.ndarray, values: np.ndarray, probabilities: np.ndarray) -> list[object]:
    return [
        explain_pupil(
            NAMES, contributions[i], [None if v != v else float(v) for v in values[i]], probabilities[i]
        )
        for i in range(len(values))
    ]


def _pupils(seed: int, rows: int, missing: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Realistic-looking values with gaps, contributions with exact ties and zeros, some sparse pupils."""
    rng = np.random.default_rng(seed)
    values = rng.uniform(0, 5, (rows, len(NAMES))).round(rng.integers(0, 4))
    values[rng.uniform(size=values.shape) < missing] = np.nan
    values[:, NAMES.index("insufficient_marks")] = rng.choice([0.0, 1.0, np.nan], rows, p=[0.8, 0.15, 0.05])
    contributions = rng.normal(0, 0.15, (rows, len(NAMES) + 1)).round(rng.integers(1, 4))
    contributions[rng.uniform(size=contributions.shape) < 0.3] = 0.0
    return contributions, values, rng.uniform(0, 1, rows)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), rows=st.integers(1, 40), missing=st.sampled_from([0.0, 0.3, 0.9, 1.0]))
def test_a_batch_explains_each_pupil_as_one_at_a_time(seed: int, rows: int, missing: float) -> None:
    contributions, values, probabilities = _pupils(seed, rows, missing)
    assert explain_batch(NAMES, contributions, values, probabilities) == _one_at_a_time(
        contributions, values, probabilities
    )


def test_drivers_tied_in_strength_keep_their_order() -> None:
    contributions = np.zeros((1, len(NAMES) + 1))
    values = np.ones((1, len(NAMES)))
    for name in ("Matematika|recent_mean", "attendance_rate", "Fizika|twos", "lms_missed_rate"):
        contributions[0, NAMES.index(name)] = 0.2
    contributions[0, NAMES.index("notes_recent")] = -0.2
    batch = explain_batch(NAMES, contributions, values, np.array([0.5]))
    assert batch == _one_at_a_time(contributions, values, np.array([0.5]))
    assert [d.group for d in batch[0].drivers] == ["Matematika", "Fizika", "attendance", "notes"]


def test_the_options_of_one_pupil_apply_to_the_batch() -> None:
    contributions, values, probabilities = _pupils(7, 30, 0.2)
    batch = explain_batch(
        NAMES, contributions, values, probabilities, raising=1, lowering=0, min_contribution=0.2
    )
    single = [
        explain_pupil(
            NAMES,
            contributions[i],
            [None if v != v else float(v) for v in values[i]],
            probabilities[i],
            raising=1,
            lowering=0,
            min_contribution=0.2,
        )
        for i in range(30)
    ]
    assert batch == single
    assert all(len(e.drivers) <= 1 and all(d.contribution > 0 for d in e.drivers) for e in batch)


def test_shapes_that_do_not_match_are_refused() -> None:
    contributions, values, probabilities = _pupils(1, 3, 0.0)
    with pytest.raises(ValueError, match="base value last"):
        explain_batch(NAMES, contributions[:, :-1], values, probabilities)
    assert explain_batch(NAMES, contributions[:0], values[:0], probabilities[:0]) == []


def test_a_sentence_remembered_for_one_pupil_is_reused_only_when_its_facts_are_the_same() -> None:
    """Attendance lowering the risk reads one fact; logins lowering it read another, where -0.0 and 0.0
    are equal as keys but not in words."""
    rows = 6
    contributions = np.zeros((rows, len(NAMES) + 1))
    values = np.full((rows, len(NAMES)), np.nan)
    contributions[:, NAMES.index("attendance_rate")] = -0.3
    contributions[:, NAMES.index("lms_logins_per_week")] = -0.2
    values[:, NAMES.index("attendance_rate")] = [0.97, 0.97, 0.5, 0.97, 0.97, 0.5]
    values[:, NAMES.index("unexcused_rate")] = [0.0, 0.1, 0.0, 0.2, 0.0, 0.0]  # not read by the sentence
    values[:, NAMES.index("lms_logins_per_week")] = [0.0, -0.0, 3.0, 0.0, -0.0, 3.0]
    probabilities = np.full(rows, 0.1)
    batch = explain_batch(NAMES, contributions, values, probabilities)
    assert batch == _one_at_a_time(contributions, values, probabilities)
    sentences = [[d.text.en for d in e.drivers] for e in batch]
    assert sentences[0] == sentences[3] != sentences[2]
    assert sentences[0][1] != sentences[1][1], "-0.0 logins are worded apart from 0.0"
