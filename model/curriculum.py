"""Subjects taught in each grade of an Uzbek general school and how often they meet.

Grade 1 is taught without marks; marks on the 5-point scale start in grade 2. From grade 7,
Matematika splits into Algebra and Geometriya. In schools whose language of instruction is not Uzbek,
the native-language subject is taught in that language and O'zbek tili is taught as the state language.
"""

from __future__ import annotations

from functools import cache
from typing import Final

FIRST_MARKED_GRADE: Final = 2
GRADES: Final = range(1, 12)

MARK_NAMES: Final = {5: "a'lo", 4: "yaxshi", 3: "qoniqarli", 2: "qoniqarsiz", 1: "yomon"}
FAILING_MARK: Final = 2

LANGUAGES: Final = ("uz", "ru", "kaa", "kk", "tg", "ky", "tk")

# Lessons a week; subjects are added as grades go up.
_PRIMARY: Final = {
    "Ona tili": 4,
    "Adabiyot": 3,
    "Matematika": 5,
    "Ingliz tili": 2,
    "Rus tili": 2,
    "Tarbiya": 1,
    "Jismoniy tarbiya": 2,
}
_MIDDLE_EXTRA: Final = {"Tarix": 2, "Biologiya": 2, "Informatika": 1}
_SENIOR: Final = {
    "Ona tili": 3,
    "Adabiyot": 2,
    "Algebra": 3,
    "Geometriya": 2,
    "Ingliz tili": 3,
    "Rus tili": 2,
    "Tarix": 2,
    "Geografiya": 2,
    "Biologiya": 2,
    "Fizika": 3,
    "Kimyo": 2,
    "Informatika": 1,
    "Tarbiya": 1,
    "Jismoniy tarbiya": 2,
}


def weekly_lessons(grade: int, language: str = "uz") -> dict[str, int]:
    """Subject → lessons per week for a class of `grade` taught in `language`."""
    if grade not in GRADES:
        raise ValueError(f"grade must be 1-11, got {grade}")
    if grade <= 4:
        plan = dict(_PRIMARY)
    elif grade <= 6:
        plan = {**_PRIMARY, **_MIDDLE_EXTRA}
        if grade == 6:
            plan |= {"Geografiya": 2, "Fizika": 2}
    else:
        plan = dict(_SENIOR)
    if language != "uz":
        # The native-language subject keeps its name; Uzbek becomes the state-language subject.
        plan["O'zbek tili"] = plan.pop("Rus tili") if language == "ru" else 2
    return plan


@cache
def all_subjects() -> tuple[str, ...]:
    """Every subject name any grade uses, in a stable order (computed once: every driver asks)."""
    names: dict[str, None] = {}
    for grade in GRADES:
        for language in ("uz", "ru", "kaa"):
            names.update(dict.fromkeys(weekly_lessons(grade, language)))
    return tuple(names)


def is_marked(grade: int) -> bool:
    """Whether pupils of this grade receive marks on the 5-point scale."""
    return grade >= FIRST_MARKED_GRADE
