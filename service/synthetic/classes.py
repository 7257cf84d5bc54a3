"""A school's classes: grades 1-11, one to a few parallel classes per grade, 25-35 pupils each.

Classes are cohorts: `S0001-7B` keeps its id in earlier academic years, when its pupils were in 6th grade,
so only the grade (and therefore the curriculum) changes from year to year.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from model.curriculum import GRADES, weekly_lessons
from service.synthetic.district import SchoolPlan, split_exactly

LETTERS: Final = ("A", "B", "V", "G", "D", "E", "J", "Z", "I", "K", "L", "M", "N", "O", "P", "R", "S", "T")
_GRADE_WEIGHTS: Final = np.array([1.05, 1.05, 1.0, 1.0, 1.0, 1.0, 0.98, 0.97, 0.95, 0.7, 0.68])
TARGET_CLASS_SIZE: Final = 30


@dataclass(frozen=True)
class SchoolClasses:
    ids: list[str]
    labels: list[str]
    grades: np.ndarray  # grade in the last academic year
    sizes: np.ndarray

    def __len__(self) -> int:
        return len(self.ids)

    def grades_in(self, years_back: int) -> np.ndarray:
        """Each class's grade `years_back` years before the last one (below 1: not yet at school)."""
        return self.grades - years_back


def _parallels(pupils: int) -> int:
    if pupils == 0:
        return 0
    count = max(1, round(pupils / TARGET_CLASS_SIZE))
    while pupils / count > 36 and count < len(LETTERS):
        count += 1
    return min(count, len(LETTERS))


def build_classes(plan: SchoolPlan, rng: np.random.Generator) -> SchoolClasses:
    """Pupils spread over grades (fewer in 10-11, when many leave for college), then over parallels."""
    weights = _GRADE_WEIGHTS * rng.lognormal(0.0, 0.08, len(_GRADE_WEIGHTS))
    per_grade = split_exactly(plan.pupils, weights)
    ids, labels, grades, sizes = [], [], [], []
    for grade, pupils in zip(GRADES, per_grade, strict=True):
        count = _parallels(int(pupils))
        if count == 0:
            continue
        for letter, size in zip(LETTERS, split_exactly(int(pupils), np.ones(count)), strict=False):
            ids.append(f"{plan.school_id}-{grade}{letter}")
            labels.append(f"{grade}-{letter}")
            grades.append(grade)
            sizes.append(int(size))
    return SchoolClasses(ids, labels, np.array(grades, dtype=np.int64), np.array(sizes, dtype=np.int64))


def teaching_plan(grade_now: int, n_years: int, language: str) -> dict[str, int]:
    """Every subject the cohort takes in the generated years, with its weekly lessons (latest year wins)."""
    plan: dict[str, int] = {}
    for back in range(n_years - 1, -1, -1):
        grade = grade_now - back
        if grade >= 1:
            plan.update(weekly_lessons(grade, language))
    return plan
