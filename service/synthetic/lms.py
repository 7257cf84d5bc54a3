"""LMS activity: logins, material views, assignment submissions (on time, late, missed) and online tests.

Activity follows engagement, locality (urban pupils have better connectivity) and age. Disengagement shows
here first: logins and on-time submissions fall right after its onset, weeks before marks do.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from service.bundle import LMS_EVENTS
from service.synthetic.calendar_arrays import YearCalendar
from service.synthetic.frames import NO_SUBJECT, gather, lookup, subject_column, timestamp_column
from service.synthetic.hidden_causes import SUBJECTS, PupilTraits, YearEvents
from service.synthetic.lessons import ClassYear

LOGIN, VIEW, SUBMIT, SUBMIT_LATE, MISSED, TEST = range(6)
EVENT_WORDS = lookup(LMS_EVENTS)
DAY = 86_400
LOGIN_CHANCE = 0.11
# Physical education sets no online homework or tests and has no materials to view.
OFFLINE_SUBJECTS = frozenset({SUBJECTS.index("Jismoniy tarbiya")})
_HOUR = 3_600


@dataclass(frozen=True)
class LmsRows:
    row: np.ndarray
    seconds: np.ndarray  # seconds since the calendar's 1 September
    subject: np.ndarray
    event: np.ndarray
    score: np.ndarray  # NaN except for tests


def _sigmoid(x: np.ndarray) -> np.ndarray:
    result: np.ndarray = 1.0 / (1.0 + np.exp(-x))
    return result


def activity(
    traits: PupilTraits, events: YearEvents, calendar: YearCalendar, urban: bool, grades: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """pupils × calendar days: (volume of activity, drive to do the work), before day-of-week weights.

    Drive is engagement decaying after a disengagement onset; volume adds connectivity and age, which change
    how often a pupil logs in but not whether homework is handed in on time.
    """
    t = np.arange(calendar.n_cal)[None, :]
    onset = np.where(events.disengaged, calendar.cal_of_day[np.maximum(events.diseng_onset, 0)], 10**6)
    since = t - onset[:, None]
    decay = np.where(since >= 0, 0.15 + 0.85 * np.exp(-np.maximum(since, 0) / 12.0), 1.0)
    drive = np.exp(0.45 * traits.engagement)[:, None] * decay * (1.1 if urban else 0.9)
    volume = drive * ((1.3 if urban else 0.75) * np.clip(grades / 5.0, 0.35, 1.0))[:, None]
    return volume.astype(np.float32), drive.astype(np.float32)


def _logins_and_views(
    rng: np.random.Generator,
    volume: np.ndarray,
    calendar: YearCalendar,
    subjects: tuple[np.ndarray, np.ndarray],
) -> list[tuple[np.ndarray, ...]]:
    """Logins at school hours or in the evening, each followed by a few views of subject materials."""
    rows, cday = np.nonzero(
        rng.random(volume.shape, dtype=np.float32) < LOGIN_CHANCE * volume * calendar.cal_weight
    )
    evening = rng.random(len(rows)) < 0.65
    start = np.where(evening, 16 * _HOUR, 8 * _HOUR) + rng.integers(0, 6 * _HOUR, len(rows))
    login_s = cday * DAY + start
    views = rng.poisson(1.1, len(rows))
    v_rows = np.repeat(rows, views)
    v_seconds = np.repeat(login_s, views) + 60 * rng.integers(1, 45, len(v_rows))
    table, counts = subjects
    v_subject = table[v_rows, (rng.random(len(v_rows)) * counts[v_rows]).astype(np.int64)]
    no_score, v_no_score = np.full(len(rows), np.nan), np.full(len(v_rows), np.nan)
    return [
        (rows, login_s, np.full(len(rows), NO_SUBJECT), np.full(len(rows), LOGIN), no_score),
        (v_rows, v_seconds, v_subject, np.full(len(v_rows), VIEW), v_no_score),
    ]


def online_subjects(cls: ClassYear) -> np.ndarray:
    """The class's subjects that use the LMS (SUBJECTS codes)."""
    return np.array([s for s in cls.subjects if s not in OFFLINE_SUBJECTS], dtype=np.int64)


def _assignments(
    rng: np.random.Generator, cls: ClassYear, drive: np.ndarray, calendar: YearCalendar
) -> tuple[np.ndarray, ...]:
    """Homework set in the LMS by some of the class's teachers, due every three weeks or so."""
    share = 0.25 if cls.grade >= 3 else 0.1
    subjects = online_subjects(cls)
    used = subjects[rng.random(len(subjects)) < share]
    in_term = np.flatnonzero(calendar.cal_weight == 1.0)
    due_subject, due_day = [], []
    for subject in used:
        days = np.arange(rng.integers(5, 20), calendar.n_cal - 5, 21)
        due = in_term[np.minimum(np.searchsorted(in_term, days), len(in_term) - 1)]
        due_subject.append(np.full(len(due), subject))
        due_day.append(due)
    if not due_day:
        return ()
    subject, day = np.concatenate(due_subject), np.concatenate(due_day)
    rows = np.repeat(cls.rows, len(day))
    day_all, subject_all = np.tile(day, len(cls.rows)), np.tile(subject, len(cls.rows))
    on_time = _sigmoid(1.0 + 1.6 * np.log(drive[rows, day_all]))
    draw = rng.random(len(rows))
    event = np.where(
        draw < on_time, SUBMIT, np.where(draw < on_time + (1 - on_time) * 0.45, SUBMIT_LATE, MISSED)
    )
    early, late = -rng.integers(0, 4, len(rows)), rng.integers(1, 5, len(rows))
    offset = np.select([event == SUBMIT, event == SUBMIT_LATE], [early, late], 0)
    clock = np.where(event == MISSED, 24 * _HOUR - 60, 15 * _HOUR + rng.integers(0, 8 * _HOUR, len(rows)))
    seconds = (day_all + offset) * DAY + clock
    return rows, seconds, subject_all, event, np.full(len(rows), np.nan)


def _tests(
    rng: np.random.Generator,
    cls: ClassYear,
    drive: np.ndarray,
    traits: PupilTraits,
    penalty: np.ndarray,
    calendar: YearCalendar,
) -> tuple[np.ndarray, ...]:
    """Two online tests per quarter; abler pupils score higher, penalised pupils lower."""
    days = np.concatenate(
        [rng.choice(np.flatnonzero(calendar.quarter == q), 2, replace=False) for q in range(4)]
    )
    subjects = online_subjects(cls)
    subject = subjects[rng.integers(0, len(subjects), len(days))]
    rows = np.repeat(cls.rows, len(days))
    day, subj = np.tile(days, len(cls.rows)), np.tile(subject, len(cls.rows))
    cday = calendar.cal_of_day[day]
    sits = rng.random(len(rows)) < _sigmoid(1.2 + 1.5 * np.log(drive[rows, cday]))
    rows, day, subj, cday = rows[sits], day[sits], subj[sits], cday[sits]
    score = 62 + 14 * traits.ability[rows] + 5 * traits.aptitude[rows, subj] - 12 * penalty[rows, day]
    score = np.clip(np.round(score + rng.normal(0, 9, len(rows))), 0, 100)
    seconds = cday * DAY + 9 * _HOUR + rng.integers(0, 13 * _HOUR, len(rows))
    return rows, seconds, subj, np.full(len(rows), TEST), score


def draw_lms(
    rng: np.random.Generator,
    classes: list[ClassYear],
    activity_levels: tuple[np.ndarray, np.ndarray],
    traits: PupilTraits,
    penalty: np.ndarray,
    calendar: YearCalendar,
    subjects: tuple[np.ndarray, np.ndarray],
) -> LmsRows:
    """All LMS rows of a school-year, unique per (pupil, timestamp, subject, event) and time-ordered.

    `subjects` is a (pupil rows × k table of SUBJECTS codes, count per row) pair that views draw from.
    """
    volume, drive = activity_levels
    parts = _logins_and_views(rng, volume, calendar, subjects)
    for cls in classes:
        parts.append(_assignments(rng, cls, drive, calendar))
        parts.append(_tests(rng, cls, drive, traits, penalty, calendar))
    row, seconds, subject, event, score = (
        np.concatenate(x) for x in zip(*[p for p in parts if p], strict=True)
    )
    key = ((row.astype(np.int64) * (calendar.n_cal + 8) * DAY + seconds) * 32 + subject + 1) * 8 + event
    _, first = np.unique(key, return_index=True)
    return LmsRows(row[first], seconds[first], subject[first], event[first], score[first])


def lms_frame(
    pupil_ids: pl.Series, pupil_of_row: np.ndarray, rows: LmsRows, calendar: YearCalendar
) -> pl.DataFrame:
    """lms_events.csv rows; timestamps are written as ISO YYYY-MM-DDTHH:MM:SS by the writer."""
    return pl.DataFrame(
        {
            "pupil_id": gather(pupil_ids, pupil_of_row[rows.row]),
            "timestamp": timestamp_column(calendar.cal_start * DAY + rows.seconds),
            "subject": subject_column(rows.subject),
            "event": gather(EVENT_WORDS, rows.event),
            "score": pl.Series(rows.score).fill_nan(None).cast(pl.Int16),
        }
    )
