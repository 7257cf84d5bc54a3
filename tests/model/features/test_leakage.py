"""No leakage: features as of a date see nothing dated on or after it, whatever the future holds.

Hypothesis adds arbitrary records for existing pupils dated from the as-of date on (the as-of day itself and
LMS events at its midnight included) and the frame must not move by a bit. The converse checks that a record
from the day before is seen, so the property is not true merely because nothing is looked at.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from model.curriculum import all_subjects
from model.features import build_features, build_snapshots

from .conftest import AS_OF, ROSTER, Diary

MIDNIGHT = datetime.combine(AS_OF, time())
DAY_BEFORE = AS_OF - timedelta(days=1)


def ordinary_term() -> Diary:
    """Every feature group busy: weekly marks, a quarter mark, absences, LMS use and notes since September."""
    diary = Diary()
    for k, (pupil, _, grade) in enumerate(ROSTER):
        for week in range(13):
            day = date(2025, 9, 3) + timedelta(weeks=week, days=k)
            if grade > 1:
                diary.mark(pupil, "Matematika", day, 2 + (week + k) % 4)
                diary.mark(pupil, "Ona tili", day, 5 - week // 4)
            diary.lms_event(pupil, datetime.combine(day, time(17)), "login")
            homework = ("submit", "missed", "test")[week % 3]
            diary.lms_event(pupil, datetime.combine(day, time(18)), homework, score=70)
        if grade > 1:
            diary.mark(pupil, "Matematika", date(2025, 11, 1), 2 + k, kind="quarter")
        diary.attend(pupil, date(2025, 11, 14 + k), "absent_unexcused")
        diary.attend(pupil, date(2025, 10, 9), "late")
        diary.note(pupil, date(2025, 10, 20 + k))
    return diary


@pytest.fixture(scope="module")
def seen() -> pl.DataFrame:
    return ordinary_term().features()


pupils = st.sampled_from([pupil for pupil, _, _ in ROSTER])
subjects = st.sampled_from(all_subjects())
from_as_of = st.integers(0, 400).map(lambda n: AS_OF + timedelta(days=n))
moments = st.one_of(st.just(MIDNIGHT), st.datetimes(MIDNIGHT, MIDNIGHT + timedelta(days=400)))
mark_rows = st.tuples(
    pupils, subjects, from_as_of, st.sampled_from(("daily", "test", "quarter", "annual")), st.integers(1, 5)
)
attendance_rows = st.tuples(
    pupils,
    from_as_of,
    st.none() | st.just("") | subjects,
    st.sampled_from(("present", "absent_excused", "absent_unexcused", "late")),
)
lms_rows = st.tuples(
    pupils,
    moments,
    st.none() | subjects,
    st.sampled_from(("login", "view", "submit", "submit_late", "missed", "test")),
    st.none() | st.floats(0, 100),
)
note_rows = st.tuples(pupils, from_as_of)


@settings(max_examples=60, deadline=None)
@given(
    marks=st.lists(mark_rows, max_size=8),
    attendance=st.lists(attendance_rows, max_size=8),
    lms=st.lists(lms_rows, max_size=8),
    notes=st.lists(note_rows, max_size=4),
)
def test_records_from_the_as_of_date_on_change_nothing(
    seen: pl.DataFrame,
    marks: list[tuple[str, str, date, str, int]],
    attendance: list[tuple[str, date, str | None, str]],
    lms: list[tuple[str, datetime, str | None, str, float | None]],
    notes: list[tuple[str, date]],
) -> None:
    diary = ordinary_term()
    for pupil, subject, day, kind, mark in marks:
        diary.mark(pupil, subject, day, mark, kind)
    for pupil, day, subject, status in attendance:
        diary.attend(pupil, day, status, subject)
    for pupil, moment, subject, event, score in lms:
        diary.lms_event(pupil, moment, event, subject, score)
    for pupil, day in notes:
        diary.note(pupil, day)
    assert_frame_equal(diary.features(), seen)


@pytest.mark.parametrize(
    "add",
    [
        lambda d: d.mark("bek", "Ona tili", DAY_BEFORE, 2),
        lambda d: d.mark("bek", "Ona tili", DAY_BEFORE, 5, kind="quarter"),
        lambda d: d.attend("bek", DAY_BEFORE, "absent_excused"),
        lambda d: d.attend("bek", DAY_BEFORE, "late", "Matematika"),
        lambda d: d.lms_event("bek", MIDNIGHT - timedelta(seconds=1), "view"),
        lambda d: d.note("bek", DAY_BEFORE),
    ],
    ids=["mark", "quarter-mark", "absence", "late-lesson", "lms-event", "note"],
)
def test_a_record_from_the_day_before_is_seen(seen: pl.DataFrame, add: Callable[[Diary], object]) -> None:
    diary = ordinary_term()
    add(diary)
    assert not diary.features().equals(seen)


def test_snapshots_stack_each_date_as_of_itself() -> None:
    records = ordinary_term().records()
    autumn = date(2025, 10, 15)
    stacked = build_snapshots(records, [AS_OF, autumn, AS_OF])
    assert stacked["as_of"].to_list() == [autumn] * len(ROSTER) + [AS_OF] * len(ROSTER)
    assert_frame_equal(stacked.filter(pl.col("as_of") == autumn), build_features(records, autumn))
    assert_frame_equal(stacked.filter(pl.col("as_of") == AS_OF), build_features(records, AS_OF))


def test_snapshots_need_a_date() -> None:
    with pytest.raises(ValueError, match="no as-of dates"):
        build_snapshots(ordinary_term().records(), [])
