"""A school's staff and who teaches what: principal, psychologist, class teachers and subject teachers.

Every (class, subject) pair gets exactly one teacher, and each teacher carries a hidden quality effect on
the marks of all their classes — a few are clearly weak, which the monitoring reports should be able to see.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Final

import numpy as np

from service.bundle import LIST_SEPARATOR
from service.synthetic.names import Script, random_person, write_name

PRIMARY_CORE: Final = ("Ona tili", "Adabiyot", "Matematika", "Tarbiya")
WEEKLY_CAPACITY: Final = 24
_FAMILY: Final = {
    "Algebra": "Matematika",
    "Geometriya": "Matematika",
    "Adabiyot": "Ona tili",
    "Tarbiya": "Tarix",
}


def family_of(subject: str) -> str:
    """Subjects one specialist teaches together (an algebra teacher also teaches geometry)."""
    return _FAMILY.get(subject, subject)


@dataclass
class Teacher:
    roles: list[str]
    family: str | None = None
    subjects: list[str] = field(default_factory=list)
    load: int = 0


@dataclass(frozen=True)
class SchoolStaff:
    """Staff rows plus the hidden teaching assignment and quality effects."""

    ids: list[str]
    full_names: list[str]
    roles: list[str]
    subjects: list[str]
    mentor_capacity: list[int]
    class_teacher: list[int]  # staff index per class
    teacher_of: list[dict[str, int]]  # per class: subject → staff index
    effect_of: list[dict[str, float]]  # per class: subject → hidden effect on marks
    principal: int
    psychologist: int | None


def _assign(teachers: list[Teacher], pool: list[int], family: str, load: int, prefer: int | None) -> int:
    """A teacher of `family` with room for `load` more lessons a week; a new one when all are full."""
    if prefer is not None and teachers[prefer].load + load <= WEEKLY_CAPACITY:
        return prefer
    for index in pool:
        if teachers[index].load + load <= WEEKLY_CAPACITY:
            return index
    teachers.append(Teacher(["subject_teacher"], family))
    pool.append(len(teachers) - 1)
    return len(teachers) - 1


def _plan_teaching(
    grades: list[int], plans: list[dict[str, int]], rng: np.random.Generator
) -> tuple[list[Teacher], list[dict[str, int]]]:
    """Class teachers first (primary ones teach their class's core subjects), then specialists by load."""
    teachers = [Teacher(["principal"]), Teacher(["psychologist"])]
    teacher_of: list[dict[str, int]] = [{} for _ in grades]
    pools: dict[str, list[int]] = {}
    for c, (grade, plan) in enumerate(zip(grades, plans, strict=True)):
        families = sorted({family_of(s) for s in plan if s not in PRIMARY_CORE or grade > 4})
        weights = np.array([sum(w for s, w in plan.items() if family_of(s) == f) for f in families], float)
        family = None if grade <= 4 else families[int(rng.choice(len(families), p=weights / weights.sum()))]
        teachers.append(Teacher(["class_teacher", "subject_teacher"], family))
        if family is not None:
            pools.setdefault(family, []).append(len(teachers) - 1)
        for subject in plan:
            if grade <= 4 and subject in PRIMARY_CORE:
                teacher_of[c][subject] = len(teachers) - 1
                teachers[-1].load += plan[subject]
    class_teacher = [i for i, t in enumerate(teachers) if "class_teacher" in t.roles]
    order = sorted(range(len(grades)), key=lambda c: grades[c])
    for c in order:
        by_family: dict[str, int] = {}
        for subject, weekly in plans[c].items():
            if subject not in teacher_of[c]:
                by_family[family_of(subject)] = by_family.get(family_of(subject), 0) + weekly
        for family, load in by_family.items():
            own = class_teacher[c] if teachers[class_teacher[c]].family == family else None
            chosen = _assign(teachers, pools.setdefault(family, []), family, load, own)
            teachers[chosen].load += load
            for subject in plans[c]:
                if family_of(subject) == family and subject not in teacher_of[c]:
                    teacher_of[c][subject] = chosen
    for mapping in teacher_of:
        for subject, index in mapping.items():
            if subject not in teachers[index].subjects:
                teachers[index].subjects.append(subject)
    return teachers, teacher_of


def _describe(
    teachers: list[Teacher], experience: np.ndarray, script: Script, first_number: int, rnd: random.Random
) -> tuple[list[str], list[str], list[str], list[str], list[int]]:
    """staff.csv columns: ids, names (mostly women in primary school), roles with mentors, subjects."""
    ids: list[str] = []
    names: list[str] = []
    roles: list[str] = []
    subjects: list[str] = []
    capacity: list[int] = []
    for index, teacher in enumerate(teachers):
        role_list = list(teacher.roles)
        mentor = bool(teacher.subjects) and experience[index] >= 15 and rnd.random() < 0.25
        role_list += ["mentor"] if mentor else []
        primary = "class_teacher" in role_list and teacher.family is None
        sex = "F" if rnd.random() < (0.9 if primary else 0.65) else "M"
        ids.append(f"T{first_number + index:06d}")
        names.append(write_name(random_person(rnd, sex).full(), script))
        roles.append(LIST_SEPARATOR.join(role_list))
        subjects.append(LIST_SEPARATOR.join(teacher.subjects))
        capacity.append(rnd.randint(3, 8) if mentor else 0)
    return ids, names, roles, subjects, capacity


def build_staff(
    script: Script,
    grades: list[int],
    plans: list[dict[str, int]],
    first_number: int,
    rng: np.random.Generator,
    rnd: random.Random,
) -> SchoolStaff:
    """Staff of one school; `first_number` continues the district-wide T000001 numbering.

    Each teacher has a hidden quality effect on marks (about 8% are clearly weak), nudged per subject.
    """
    teachers, teacher_of = _plan_teaching(grades, plans, rng)
    has_psychologist = bool(rng.random() < 0.9)
    quality = rng.normal(0.0, 0.15, len(teachers))
    weak = rng.random(len(teachers)) < 0.08
    quality[weak] = -rng.uniform(0.4, 0.75, int(weak.sum()))
    experience = rng.integers(1, 41, len(teachers))
    keep = [i for i in range(len(teachers)) if i != 1 or has_psychologist]  # index 1 is the psychologist
    new_index = {old: new for new, old in enumerate(keep)}
    columns = _describe([teachers[i] for i in keep], experience[keep], script, first_number, rnd)
    effects = [
        {s: float(quality[t] + rng.normal(0.0, 0.05)) for s, t in mapping.items()} for mapping in teacher_of
    ]
    class_teacher = [new_index[i] for i, t in enumerate(teachers) if "class_teacher" in t.roles]
    return SchoolStaff(
        *columns,
        class_teacher=class_teacher,
        teacher_of=[{s: new_index[t] for s, t in mapping.items()} for mapping in teacher_of],
        effect_of=effects,
        principal=0,
        psychologist=1 if has_psychologist else None,
    )
