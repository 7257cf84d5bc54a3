"""Marks on the 5-point scale: daily marks, tests (nazorat ishi), quarter and annual marks.

A mark is a noisy reading of the pupil's latent level in a subject on that day: ability, aptitude, the
teacher's hidden effect, a per-quarter wobble, minus the penalty that hidden causes impose (with their lag).
Quarter marks are the rounded mean of the quarter's marks, sometimes rounded up by a generous teacher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from service.synthetic.calendar_arrays import YearCalendar
from service.synthetic.hidden_causes import SUBJECTS, PupilTraits
from service.synthetic.lessons import ClassYear, LessonDraws, Timetable

DAILY, TEST, QUARTER, ANNUAL = 0, 1, 2, 3
MEAN_LEVEL: Final = 4.25
_OFFSETS: Final = {"Jismoniy tarbiya": 0.45, "Tarbiya": 0.35, "Algebra": -0.15, "Geometriya": -0.15,
                   "Fizika": -0.12, "Kimyo": -0.12, "Ingliz tili": -0.05}  # fmt: skip
SUBJECT_OFFSET: Final = np.array([_OFFSETS.get(s, 0.0) for s in SUBJECTS])


@dataclass(frozen=True)
class MarkRows:
    """Marks of one class-year as parallel arrays; `row` indexes the year's pupil rows."""

    row: np.ndarray
    subject: np.ndarray  # SUBJECTS code
    day: np.ndarray  # school-day index
    kind: np.ndarray
    mark: np.ndarray
    teacher: np.ndarray  # staff index


def to_mark(level: np.ndarray) -> np.ndarray:
    """Round a latent level to 2-5; only a very low level earns the rare 1."""
    mark = np.clip(np.floor(level + 0.5), 2, 5).astype(np.int8)
    mark[level < 0.6] = 1
    return mark


def _levels(cls: ClassYear, traits: PupilTraits, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Pupil × subject base level and pupil × subject × quarter wobble for one class-year."""
    pupils = cls.rows
    base = (
        MEAN_LEVEL
        - 0.02 * (cls.grade - 2)
        + 0.6 * traits.ability[pupils, None]
        + 0.3 * traits.aptitude[pupils][:, cls.subjects]
        + SUBJECT_OFFSET[cls.subjects][None, :]
        + cls.effects[None, :]
    )
    return base, rng.normal(0.0, 0.25, (len(pupils), len(cls.subjects), 4))


def _quarter_marks(
    rng: np.random.Generator,
    shape: tuple[int, int],
    rows_subjects_quarters: tuple[np.ndarray, np.ndarray, np.ndarray],
    marks: np.ndarray,
    base: np.ndarray,
) -> np.ndarray:
    """Rounded mean per pupil, subject and quarter; a missing quarter falls back to the base level.

    Teachers round up now and then, and mostly spare a borderline pupil a failing quarter mark (a 2 needs
    paperwork and a talk with the parents), so only consistently weak quarters end in a 2.
    """
    n, s = shape
    rows, subj, quarter = rows_subjects_quarters
    key = (rows * s + subj) * 4 + quarter
    sums = np.bincount(key, weights=marks, minlength=n * s * 4).reshape(n, s, 4)
    counts = np.bincount(key, minlength=n * s * 4).reshape(n, s, 4)
    mean = np.where(counts > 0, sums / np.maximum(counts, 1), np.clip(base, 2, 5)[:, :, None])
    fraction = mean - np.floor(mean)
    draw = rng.random(mean.shape)
    generous = (fraction >= 0.3) & (fraction < 0.5) & (draw < 0.25)
    spared = (mean >= 2.0) & (mean < 2.5) & (draw < 0.85)
    rounded = np.floor(mean + 0.5) + generous
    return np.clip(np.where(spared, 3, rounded), 1, 5).astype(np.int8)


def class_marks(
    rng: np.random.Generator,
    cls: ClassYear,
    timetable: Timetable,
    draws: LessonDraws,
    traits: PupilTraits,
    penalty: np.ndarray,
    calendar: YearCalendar,
) -> MarkRows:
    """Daily and test marks where the draws put them, then quarter and annual marks from them."""
    base, wobble = _levels(cls, traits, rng)
    parts = []
    for code, (rows, slots), noise, shift in ((DAILY, draws.mark, 0.55, 0.0), (TEST, draws.test, 0.7, -0.1)):
        subj, day = timetable.slot_subject[slots], timetable.slot_day[slots]
        quarter = calendar.quarter[day]
        level = base[rows, subj] + wobble[rows, subj, quarter] - penalty[cls.rows[rows], day] + shift
        level += rng.normal(0.0, noise, len(rows))
        parts.append((rows, subj, day, np.full(len(rows), code), to_mark(level), quarter))
    rows, subj, day, kind, mark, quarter = (np.concatenate(x) for x in zip(*parts, strict=True))
    n, s = len(cls.rows), len(cls.subjects)
    q_marks = _quarter_marks(rng, (n, s), (rows, subj, quarter), mark, base)
    annual = np.floor(q_marks.mean(axis=2) + 0.5).astype(np.int8)
    grid_rows, grid_subj, grid_q = (a.ravel() for a in np.indices((n, s, 4)))
    a_rows, a_subj = (a.ravel() for a in np.indices((n, s)))
    all_rows = np.concatenate([rows, grid_rows, a_rows])
    all_subj = np.concatenate([subj, grid_subj, a_subj])
    return MarkRows(
        row=cls.rows[all_rows],
        subject=cls.subjects[all_subj],
        day=np.concatenate(
            [day, calendar.quarter_end[grid_q], np.full(len(a_rows), calendar.quarter_end[3])]
        ),
        kind=np.concatenate([kind, np.full(len(grid_rows), QUARTER), np.full(len(a_rows), ANNUAL)]),
        mark=np.concatenate([mark, q_marks.ravel(), annual.ravel()]),
        teacher=cls.teachers[all_subj],
    )
