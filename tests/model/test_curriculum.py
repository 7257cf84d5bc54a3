from __future__ import annotations

import pytest

from model.curriculum import all_subjects, is_marked, weekly_lessons


def test_grade_one_is_taught_without_marks() -> None:
    assert not is_marked(1)
    assert all(is_marked(grade) for grade in range(2, 12))


def test_mathematics_splits_into_algebra_and_geometry_from_grade_seven() -> None:
    assert "Matematika" in weekly_lessons(6)
    assert {"Algebra", "Geometriya"} <= set(weekly_lessons(7))
    assert "Matematika" not in weekly_lessons(7)


def test_physics_and_chemistry_start_at_their_grades() -> None:
    assert "Fizika" not in weekly_lessons(5)
    assert "Fizika" in weekly_lessons(6)
    assert "Kimyo" not in weekly_lessons(6)
    assert "Kimyo" in weekly_lessons(7)


def test_schools_teaching_in_another_language_teach_uzbek_as_the_state_language() -> None:
    russian = weekly_lessons(5, "ru")
    assert "O'zbek tili" in russian
    assert "Rus tili" not in russian
    karakalpak = weekly_lessons(5, "kaa")
    assert "O'zbek tili" in karakalpak
    assert "Rus tili" in karakalpak


def test_weekly_load_is_plausible() -> None:
    for grade in range(1, 12):
        assert 18 <= sum(weekly_lessons(grade).values()) <= 36


def test_unknown_grade_is_refused() -> None:
    with pytest.raises(ValueError, match="grade must be 1-11"):
        weekly_lessons(12)


def test_all_subjects_is_stable_and_complete() -> None:
    subjects = all_subjects()
    assert len(subjects) == len(set(subjects))
    assert {"Matematika", "Algebra", "O'zbek tili", "Kimyo"} <= set(subjects)
