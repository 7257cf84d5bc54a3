"""One school's academic year: events, attendance, lessons, marks, LMS activity and notes, written out.

Everything here works on the pupils at school that year ("rows"); `pupil_of_row` maps them back to the
school's roster. Nothing outlives the call but what was written.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

import numpy as np
import polars as pl

from model.curriculum import is_marked, weekly_lessons
from service.synthetic.attendance import (
    LATE,
    UNEXCUSED,
    YearAttendance,
    attendance_frame,
    draw_attendance,
    slipping_days,
)
from service.synthetic.calendar_arrays import YearCalendar
from service.synthetic.classes import SchoolClasses
from service.synthetic.frames import date_column, gather, lookup, sort_order, subject_column
from service.synthetic.hidden_causes import SUBJECTS, PupilTraits, YearEvents, draw_events, marks_penalty
from service.synthetic.lessons import ClassYear, build_timetable, draw_lessons, pick_test_slots
from service.synthetic.lms import activity, draw_lms, lms_frame, online_subjects
from service.synthetic.marks import MarkRows, class_marks
from service.synthetic.notes import NoteSources, draw_notes
from service.synthetic.roster import Pupils
from service.synthetic.staff import SchoolStaff
from service.synthetic.writer import BundleWriter

SUBJECT_CODE = {name: code for code, name in enumerate(SUBJECTS)}
KIND_WORDS = lookup(("daily", "test", "quarter", "annual"))
LessonRows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # pupil, school day, subject, status
ABSENCE_WINDOW = 15  # school days of recent absence that weigh on marks


@dataclass(frozen=True)
class School:
    """A school's roster and hidden traits, shared by all its generated years."""

    language: str
    urban: bool
    classes: SchoolClasses
    staff: SchoolStaff
    pupils: Pupils
    traits: PupilTraits
    pupil_ids: pl.Series
    staff_ids: pl.Series


def subset_traits(traits: PupilTraits, rows: np.ndarray) -> PupilTraits:
    """The traits of the pupils at school this year (younger cohorts join in later years)."""
    return replace(traits, **{f: getattr(traits, f)[rows] for f in PupilTraits.__dataclass_fields__})


def absence_drag(absent: np.ndarray) -> np.ndarray:
    """pupils × days: share of the previous ABSENCE_WINDOW school days missed (lessons missed, marks fall)."""
    n, n_days = absent.shape
    before = np.zeros((n, n_days + 1), dtype=np.float32)
    np.cumsum(absent, axis=1, dtype=np.float32, out=before[:, 1:])
    t = np.arange(n_days)
    return (before[:, t] - before[:, np.maximum(t - ABSENCE_WINDOW, 0)]) / ABSENCE_WINDOW


def _class_year(school: School, c: int, grade: int, rows: np.ndarray) -> ClassYear:
    """Class `c` in a year where it is in `grade`: that grade's curriculum, taught by the class's teachers."""
    plan = weekly_lessons(grade, school.language)
    subjects = list(plan)
    return ClassYear(
        rows=rows,
        grade=grade,
        subjects=np.array([SUBJECT_CODE[s] for s in subjects]),
        weekly=np.array([plan[s] for s in subjects]),
        teachers=np.array([school.staff.teacher_of[c][s] for s in subjects]),
        effects=np.array([school.staff.effect_of[c][s] for s in subjects]),
    )


def _view_subjects(classes: dict[int, ClassYear], class_of_row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per pupil row, the subjects whose LMS materials they may view (padded table and count)."""
    width = max(len(c.subjects) for c in classes.values())
    table = np.zeros((max(classes) + 1, width), dtype=np.int64)
    counts = np.ones(max(classes) + 1, dtype=np.int64)
    for c, cls in classes.items():
        usable = online_subjects(cls)
        table[c, : len(usable)], counts[c] = usable, len(usable)
    return table[class_of_row], counts[class_of_row]


def _grades_frame(
    school: School, pupil_of_row: np.ndarray, parts: list[MarkRows], calendar: YearCalendar
) -> pl.DataFrame:
    """grades.csv rows of a school-year, ordered by pupil, date, kind and subject."""
    row, subject, day, kind, mark, teacher = (
        np.concatenate([getattr(p, f) for p in parts]) for f in MarkRows.__dataclass_fields__
    )
    order = sort_order(row, day, kind, subject)
    return pl.DataFrame(
        {
            "pupil_id": gather(school.pupil_ids, pupil_of_row[row[order]]),
            "subject": subject_column(subject[order]),
            "date": date_column(calendar.days[day[order]]),
            "kind": gather(KIND_WORDS, kind[order]),
            "mark": pl.Series(mark[order], dtype=pl.Int8),
            "teacher_id": gather(school.staff_ids, teacher[order]),
        }
    )


@dataclass(frozen=True)
class YearState:
    """The hidden and observed state of one school-year, shared by the record generators."""

    calendar: YearCalendar
    grades: np.ndarray  # each class's grade this year
    pupil_of_row: np.ndarray
    class_of_row: np.ndarray
    traits: PupilTraits
    events: YearEvents
    slipping: np.ndarray
    attendance: YearAttendance
    penalty: np.ndarray


def _start_year(
    school: School, calendar: YearCalendar, years_back: int, rng: np.random.Generator
) -> YearState | None:
    """Who is at school this year, what happens to them, and how that weighs on their marks."""
    grades = school.classes.grades_in(years_back)
    pupil_of_row = np.flatnonzero(grades[school.pupils.class_idx] >= 1)
    if len(pupil_of_row) == 0:
        return None
    traits = subset_traits(school.traits, pupil_of_row)
    events = draw_events(rng, traits.engagement, calendar.n_days)
    slipping = slipping_days(events, calendar.n_days)
    attendance = draw_attendance(rng, traits, events, slipping)
    penalty = marks_penalty(events, calendar.n_days) + 1.2 * absence_drag(attendance.absent)
    class_of_row = school.pupils.class_idx[pupil_of_row]
    return YearState(
        calendar, grades, pupil_of_row, class_of_row, traits, events, slipping, attendance, penalty
    )


def _lessons(
    school: School, state: YearState, rng: np.random.Generator
) -> tuple[dict[int, ClassYear], list[MarkRows], LessonRows]:
    """Per class: timetable, marks and lesson-level attendance (rows in pupil, day, subject, status)."""
    classes: dict[int, ClassYear] = {}
    mark_parts: list[MarkRows] = []
    lesson_parts: list[tuple[np.ndarray, ...]] = []
    status, traits, calendar = state.attendance.status, state.traits, state.calendar
    for c in np.flatnonzero(state.grades >= 1).tolist():
        cls = _class_year(school, c, int(state.grades[c]), np.flatnonzero(state.class_of_row == c))
        classes[c] = cls
        timetable = build_timetable(rng, cls.weekly, calendar)
        tests = pick_test_slots(rng, timetable, cls.weekly, calendar)
        marked = is_marked(cls.grade)
        draws = draw_lessons(
            rng, cls, timetable, tests, status, state.slipping, traits.skip_rate, traits.late_rate, marked
        )
        for (r, slot), code in ((draws.skipped, UNEXCUSED), (draws.late, LATE)):
            subjects = cls.subjects[timetable.slot_subject[slot]]
            lesson_parts.append((cls.rows[r], timetable.slot_day[slot], subjects, np.full(len(r), code)))
        if marked:
            mark_parts.append(class_marks(rng, cls, timetable, draws, traits, state.penalty, calendar))
    rows, days, subjects, codes = (np.concatenate(x) for x in zip(*lesson_parts, strict=True))
    return classes, mark_parts, (state.pupil_of_row[rows], days, subjects, codes)


def write_year(
    school: School,
    calendar: YearCalendar,
    years_back: int,
    rng: np.random.Generator,
    rnd: random.Random,
    writer: BundleWriter,
    first_note: int,
) -> int:
    """Generate and append one academic year of the school; returns the number of notes written."""
    state = _start_year(school, calendar, years_back, rng)
    if state is None:
        return 0
    classes, mark_parts, lesson_rows = _lessons(school, state, rng)
    if mark_parts:
        writer.append("grades.csv", _grades_frame(school, state.pupil_of_row, mark_parts, calendar))
    day_status = state.attendance.status
    frame = attendance_frame(school.pupil_ids, calendar, day_status, state.pupil_of_row, lesson_rows)
    writer.append("attendance.csv", frame)
    grades = state.grades[state.class_of_row]
    levels = activity(state.traits, state.events, calendar, school.urban, grades)
    views = _view_subjects(classes, state.class_of_row)
    lms = draw_lms(rng, list(classes.values()), levels, state.traits, state.penalty, calendar, views)
    writer.append("lms_events.csv", lms_frame(school.pupil_ids, state.pupil_of_row, lms, calendar))
    sources = NoteSources(
        pupils=school.pupils, pupil_of_row=state.pupil_of_row, class_of_row=state.class_of_row,
        classes=classes, staff=school.staff, traits=state.traits, events=state.events,
        absent=state.attendance.absent, illness_start=state.attendance.illness_start, calendar=calendar,
        school_language=school.language,
    )  # fmt: skip
    notes = draw_notes(rng, rnd, sources, first_note)
    writer.append("notes.csv", notes)
    return notes.height
