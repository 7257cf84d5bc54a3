"""A class's year of lessons: its timetable and, per pupil and lesson, what the e-diary records.

Each lesson a pupil attends may bring a daily mark (about one lesson in five); a few lessons are skipped
or started late (lesson-level attendance rows). One uniform draw per pupil × lesson decides all three, so the
outcomes are mutually exclusive without any per-row Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from service.synthetic.attendance import LATE, PRESENT
from service.synthetic.calendar_arrays import YearCalendar

MARK_CHANCE = 0.2
TEST_ATTENDANCE = 0.95
SCHOOL_WEEKDAYS = 6


@dataclass(frozen=True)
class ClassYear:
    """One class in one academic year; subjects are SUBJECTS codes, teachers staff indices."""

    rows: np.ndarray  # the class's pupils as rows of the year's matrices
    grade: int
    subjects: np.ndarray
    weekly: np.ndarray
    teachers: np.ndarray
    effects: np.ndarray


@dataclass(frozen=True)
class Timetable:
    slot_day: np.ndarray  # school-day index of each lesson
    slot_subject: np.ndarray  # index into ClassYear.subjects


Coordinates = tuple[np.ndarray, np.ndarray]


def _where(mask: np.ndarray) -> Coordinates:
    rows, cols = np.nonzero(mask)
    return rows, cols


@dataclass(frozen=True)
class LessonDraws:
    """Coordinates (class row, lesson slot) of daily marks, tests and lesson-level attendance."""

    mark: Coordinates
    test: Coordinates
    skipped: Coordinates
    late: Coordinates


def build_timetable(rng: np.random.Generator, weekly: np.ndarray, calendar: YearCalendar) -> Timetable:
    """Each subject meets on fixed weekdays, as many as its weekly lessons (at most one a day)."""
    by_weekday = [np.flatnonzero(calendar.weekday == w) for w in range(SCHOOL_WEEKDAYS)]
    days, subjects = [], []
    for j, count in enumerate(weekly):
        for weekday in rng.choice(SCHOOL_WEEKDAYS, size=min(int(count), SCHOOL_WEEKDAYS), replace=False):
            days.append(by_weekday[weekday])
            subjects.append(np.full(len(by_weekday[weekday]), j))
    slot_day, slot_subject = np.concatenate(days), np.concatenate(subjects)
    order = np.lexsort((slot_subject, slot_day))
    return Timetable(slot_day[order], slot_subject[order])


def pick_test_slots(
    rng: np.random.Generator, timetable: Timetable, weekly: np.ndarray, calendar: YearCalendar
) -> np.ndarray:
    """One nazorat ishi per subject and quarter, two for subjects with three or more lessons a week."""
    group = timetable.slot_subject * 4 + calendar.quarter[timetable.slot_day]
    order = np.lexsort((rng.random(len(group)), group))
    sorted_group = group[order]
    last = np.flatnonzero(np.r_[sorted_group[1:] != sorted_group[:-1], True])
    first = np.r_[0, last[:-1] + 1]
    second = last[(last - 1 >= first) & (weekly[sorted_group[last] // 4] >= 3)] - 1
    return np.sort(order[np.concatenate([last, second])])


def skipping_age_factor(grade: int) -> float:
    """Skipping single lessons is a teenage habit: rare in primary school, commonest in grades 8-11."""
    return 0.2 if grade <= 4 else (0.7 if grade <= 7 else 1.3)


def draw_lessons(
    rng: np.random.Generator,
    cls: ClassYear,
    timetable: Timetable,
    test_slots: np.ndarray,
    status: np.ndarray,
    slipping: np.ndarray,
    skip_rate: np.ndarray,
    late_rate: np.ndarray,
    marked: bool,
) -> LessonDraws:
    """Who gets a mark, sits a test, skips or is late, lesson by lesson."""
    day_status = status[cls.rows][:, timetable.slot_day]
    attends = day_status <= LATE
    whole_day = day_status == PRESENT
    skip_limit = MARK_CHANCE + skipping_age_factor(cls.grade) * (
        skip_rate[cls.rows, None] * (1 + 2 * slipping[cls.rows][:, timetable.slot_day])
    )
    late_limit = skip_limit + 0.08 * late_rate[cls.rows, None]
    draw = rng.random(day_status.shape, dtype=np.float32)
    skipped = whole_day & (draw >= MARK_CHANCE) & (draw < skip_limit)
    late = whole_day & (draw >= skip_limit) & (draw < late_limit)
    empty = (np.empty(0, np.int64), np.empty(0, np.int64))
    if not marked:
        return LessonDraws(empty, empty, _where(skipped), _where(late))
    mark = attends & (draw < MARK_CHANCE)
    mark[:, test_slots] = False
    sits = attends[:, test_slots] & ~skipped[:, test_slots]
    sits &= rng.random(sits.shape, dtype=np.float32) < TEST_ATTENDANCE
    test_rows, test_idx = np.nonzero(sits)
    return LessonDraws(_where(mark), (test_rows, test_slots[test_idx]), _where(skipped), _where(late))
