"""Attendance as an e-diary records it: only exceptions (absences and lateness), clustered in streaks.

A pupils × school-days status matrix is built from episodes (ordinary absences of a day or two, illness
streaks, a family event's long streak), so absences come in runs as in real schools. Lesson-level
exceptions (skipping one lesson, being late for it) are drawn per lesson in `lessons.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from service.synthetic.calendar_arrays import YearCalendar
from service.synthetic.frames import NO_SUBJECT, date_column, gather, lookup, sort_order, subject_column
from service.synthetic.hidden_causes import PupilTraits, YearEvents, diseng_active

PRESENT, LATE, UNEXCUSED, EXCUSED = 0, 1, 2, 3
STATUS_WORDS = lookup(("present", "late", "absent_unexcused", "absent_excused"))


@dataclass(frozen=True)
class YearAttendance:
    status: np.ndarray  # pupils × school days, codes above
    illness_start: np.ndarray  # school-day index of the first illness streak, -1 when none

    @property
    def absent(self) -> np.ndarray:
        return self.status >= UNEXCUSED


def _episodes(n: int, n_days: int, rows: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """pupils × days mask covered by episodes, via a difference array (no per-episode loop)."""
    width = n_days + 1
    ends = np.minimum(starts + lengths, n_days)
    diff = np.bincount(rows * width + starts, minlength=n * width).astype(np.int32)
    diff -= np.bincount(rows * width + ends, minlength=n * width).astype(np.int32)
    return np.cumsum(diff.reshape(n, width)[:, :n_days], axis=1) > 0


def slipping_days(events: YearEvents, n_days: int) -> np.ndarray:
    """pupils × days: disengagement reaches attendance halfway between its onset and the marks' lag."""
    return diseng_active(events, n_days, delay=events.diseng_lag // 2)


def draw_attendance(
    rng: np.random.Generator, traits: PupilTraits, events: YearEvents, slipping: np.ndarray
) -> YearAttendance:
    """Ordinary, illness and family absences; disengaged pupils skip more and excuse less."""
    n, n_days = slipping.shape
    rate = traits.absence_rate[:, None] * np.where(slipping, 2.5, 1.0)
    rows, starts = np.nonzero(rng.random((n, n_days), dtype=np.float32) < rate)
    lengths = rng.geometric(0.55, len(rows))
    excused = rng.random(len(rows)) < traits.excuse_share[rows] * np.where(slipping[rows, starts], 0.4, 1.0)
    sick_count = rng.poisson(0.8, n)
    sick_rows = np.repeat(np.arange(n), sick_count)
    sick_starts = rng.integers(0, n_days, len(sick_rows))
    sick_lengths = 1 + rng.geometric(0.3, len(sick_rows))
    fam_rows = np.flatnonzero(events.family)
    fam_excused = rng.random(len(fam_rows)) < 0.5
    fam_starts, fam_lengths = events.family_onset[fam_rows], events.family_streak[fam_rows]
    excused_mask = _episodes(
        n,
        n_days,
        np.concatenate([rows[excused], sick_rows, fam_rows[fam_excused]]),
        np.concatenate([starts[excused], sick_starts, fam_starts[fam_excused]]),
        np.concatenate([lengths[excused], sick_lengths, fam_lengths[fam_excused]]),
    )
    unexcused_mask = _episodes(
        n,
        n_days,
        np.concatenate([rows[~excused], fam_rows[~fam_excused]]),
        np.concatenate([starts[~excused], fam_starts[~fam_excused]]),
        np.concatenate([lengths[~excused], fam_lengths[~fam_excused]]),
    )
    status = np.where(excused_mask, EXCUSED, np.where(unexcused_mask, UNEXCUSED, PRESENT)).astype(np.int8)
    late_rate = traits.late_rate[:, None] * np.where(slipping, 2.0, 1.0)
    status[(status == PRESENT) & (rng.random((n, n_days), dtype=np.float32) < late_rate)] = LATE
    first_sick = np.full(n, n_days)
    np.minimum.at(first_sick, sick_rows, sick_starts)
    return YearAttendance(status=status, illness_start=np.where(first_sick == n_days, -1, first_sick))


def attendance_frame(
    pupil_ids: pl.Series,
    calendar: YearCalendar,
    day_status: np.ndarray,
    pupil_of_row: np.ndarray,
    lessons: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> pl.DataFrame:
    """Whole-day rows (empty subject) and lesson-level rows, ordered by pupil, date, subject."""
    rows, days = np.nonzero(day_status)
    l_pupils, l_days, l_subjects, l_status = lessons
    pupil = np.concatenate([pupil_of_row[rows], l_pupils])
    day = np.concatenate([days, l_days])
    subject = np.concatenate([np.full(len(rows), NO_SUBJECT), l_subjects])
    status = np.concatenate([day_status[rows, days], l_status])
    order = sort_order(pupil, day, subject + 1)
    return pl.DataFrame(
        {
            "pupil_id": gather(pupil_ids, pupil[order]),
            "date": date_column(calendar.days[day[order]]),
            "subject": subject_column(subject[order]),
            "status": gather(STATUS_WORDS, status[order]),
        }
    )
