"""Drivers: contributions folded per subject, attendance, LMS and notes, for one pupil and for many."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model.drivers import global_drivers, group_contributions

NAMES = ["Matematika|recent_mean", "Matematika|slope", "attendance_rate", "lms_missed_rate", "notes_recent"]


def test_a_subjects_features_become_one_driver_strongest_first() -> None:
    drivers = group_contributions(NAMES, [0.3, 0.2, -0.6, 0.1, 0.0], [3.1, -0.2, 0.97, None, 0.0])
    assert [(d.group, round(d.contribution, 6)) for d in drivers] == [
        ("attendance", -0.6), ("Matematika", 0.5), ("lms", 0.1), ("notes", 0.0),
    ]  # fmt: skip
    maths = drivers[1]
    assert maths.subject == "Matematika"
    assert maths.raises_risk
    assert maths.facts == {"Matematika|recent_mean": 3.1, "Matematika|slope": -0.2}
    assert drivers[0].subject is None
    assert not drivers[0].raises_risk


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="same length"):
        group_contributions(NAMES, [0.1], [1.0] * len(NAMES))


@given(st.lists(st.lists(st.floats(-3, 3), min_size=5, max_size=5), min_size=1, max_size=20))
def test_drivers_add_up_to_the_pupils_contributions(rows: list[list[float]]) -> None:
    for row in rows:
        drivers = group_contributions(NAMES, row, [None] * len(NAMES))
        assert sum(d.contribution for d in drivers) == pytest.approx(sum(row), abs=1e-9)


def test_global_drivers_weigh_a_subject_as_one_reason() -> None:
    rows = [[0.3, 0.2, -0.1, 0.0, 0.0], [-0.3, -0.2, 0.1, 0.0, 0.0]]
    found = global_drivers(NAMES, rows)
    assert [(d.group, round(d.mean_abs_contribution, 6), round(d.mean_contribution, 6)) for d in found] == [
        ("Matematika", 0.5, 0.0), ("attendance", 0.1, 0.0), ("lms", 0.0, 0.0), ("notes", 0.0, 0.0),
    ]  # fmt: skip
    assert global_drivers(NAMES, []) == []
    with pytest.raises(ValueError, match="one value per feature"):
        global_drivers(NAMES, [[0.1, 0.2]])
