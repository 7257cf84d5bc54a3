"""Mark features worked out by hand on a few marks each, as of 3 December 2025 (see conftest)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from model.curriculum import all_subjects
from model.features.names import MARK_SUMMARY, SUBJECT_STATS, subject_feature

from .conftest import Diary

WEEKLY = [date(2025, 11, 11) + timedelta(weeks=k) for k in range(4)]  # Tuesdays, the last on 2 December


def test_recent_mean_uses_lesson_and_test_marks_of_the_last_six_weeks(diary: Diary) -> None:
    diary.mark("ali", "Matematika", date(2025, 10, 21), 1)  # six weeks and a day ago: too old
    diary.mark("ali", "Matematika", date(2025, 10, 22), 4)  # exactly six weeks ago: counts
    diary.mark("ali", "Matematika", date(2025, 12, 2), 5, kind="test")
    diary.mark("ali", "Matematika", date(2025, 11, 1), 2, kind="quarter")  # not a lesson mark
    row = diary.row("ali")
    assert row["Matematika|recent_mean"] == 4.5
    assert row["marks_recent_count"] == 2
    assert row["marks_recent_mean"] == 4.5
    assert row["min_subject_recent_mean"] == 4.5


def test_one_recent_mark_is_too_few_for_a_mean(diary: Diary) -> None:
    diary.mark("ali", "Matematika", date(2025, 12, 2), 5)
    row = diary.row("ali")
    assert row["marks_recent_count"] == 1
    assert row["Matematika|recent_mean"] is None
    assert row["Matematika|class_gap"] is None
    assert row["min_subject_recent_mean"] is None
    assert row["insufficient_marks"] == 1.0


@pytest.mark.parametrize(("day", "kind"), [(date(2025, 11, 1), "quarter"), (date(2025, 10, 2), "daily")])
def test_no_recent_marks_leave_the_mean_null_not_nan(diary: Diary, day: date, kind: str) -> None:
    diary.mark("ali", "Matematika", day, 4, kind=kind)
    row = diary.row("ali")
    assert row["marks_recent_count"] == 0
    assert row["marks_recent_mean"] is None


@pytest.mark.parametrize(
    ("days", "marks", "slope"),
    [
        (WEEKLY, (5, 4, 3, 2), -1.0),
        (WEEKLY, (2, 3, 4, 5), 1.0),
        (WEEKLY, (4, 4, 4, 4), 0.0),
        ([date(2025, 10, 7), *WEEKLY[1:]], (1, 4, 4, 4), 0.0),  # the 1 is older than eight weeks
        (WEEKLY[:2], (5, 3), None),  # two marks are too few for a trend
        ([date(2025, 12, 2)] * 3, (5, 4, 3), None),  # one day has no trend
    ],
)
def test_slope_in_marks_per_week(
    diary: Diary, days: list[date], marks: tuple[int, ...], slope: float | None
) -> None:
    for day, mark in zip(days, marks, strict=True):
        diary.mark("ali", "Matematika", day, mark)
    assert diary.row("ali")["Matematika|slope"] == (None if slope is None else pytest.approx(slope))


def test_worst_slope_and_falling_subjects_across_subjects(diary: Diary) -> None:
    for day, falling, rising in zip(WEEKLY, (5, 4, 3, 2), (2, 3, 4, 5), strict=True):
        diary.mark("ali", "Matematika", day, falling)
        diary.mark("ali", "Ona tili", day, rising)
    row = diary.row("ali")
    assert row["worst_subject_slope"] == pytest.approx(-1.0)
    assert row["subjects_falling"] == 1
    assert row["min_subject_recent_mean"] == 3.5


def test_twos_are_counted_in_this_academic_year_only(diary: Diary) -> None:
    diary.mark("ali", "Matematika", date(2025, 5, 20), 2)  # last academic year
    diary.mark("ali", "Matematika", date(2025, 9, 10), 2)
    diary.mark("ali", "Matematika", date(2025, 11, 26), 3)
    diary.mark("ali", "Ona tili", date(2025, 11, 25), 1, kind="test")  # a 1 fails too
    diary.mark("ali", "Ona tili", date(2025, 11, 1), 2, kind="quarter")  # a quarter mark is not a lesson 2
    row = diary.row("ali")
    assert row["twos_year"] == 2
    assert row["twos_recent"] == 1
    assert (row["Matematika|twos"], row["Ona tili|twos"]) == (1, 1)


def test_last_quarter_mark_and_its_change(diary: Diary) -> None:
    diary.mark("ali", "Matematika", date(2024, 11, 1), 5, kind="quarter")  # more than a year ago
    diary.mark("ali", "Matematika", date(2025, 5, 24), 4, kind="quarter")
    diary.mark("ali", "Matematika", date(2025, 11, 1), 2, kind="quarter")
    diary.mark("ali", "Ona tili", date(2025, 11, 1), 4, kind="quarter")
    diary.mark("ali", "Ona tili", date(2025, 5, 25), 5, kind="annual")  # not a quarter mark
    row = diary.row("ali")
    assert (row["Matematika|last_quarter"], row["Matematika|quarter_change"]) == (2, -2)
    assert (row["Ona tili|last_quarter"], row["Ona tili|quarter_change"]) == (4, None)
    assert row["failing_last_quarter_subjects"] == 1
    assert row["min_last_quarter"] == 2


def test_class_gap_is_the_pupils_mean_minus_the_class_mean(diary: Diary) -> None:
    diary.pupil("zed", "5-B", 5)  # another class: its marks do not move 5-A's mean
    marks = {"ali": (5, 5), "bek": (3, 3), "gul": (4,), "zed": (1, 1)}
    for pupil, theirs in marks.items():
        for day, mark in zip(WEEKLY[2:], theirs, strict=False):
            diary.mark(pupil, "Matematika", day, mark)
    gaps = {pupil: diary.row(pupil)["Matematika|class_gap"] for pupil in marks}
    # gul's single mark gives no mean, so 5-A's mean is (5 + 3) / 2 and gul has no gap.
    assert gaps == {"ali": 1.0, "bek": -1.0, "gul": None, "zed": 0.0}


def test_a_first_grader_has_no_mark_features(diary: Diary) -> None:
    diary.mark("ali", "Matematika", date(2025, 12, 2), 5)
    row = diary.row("nur")
    counts = (
        "marks_recent_count",
        "subjects_falling",
        "twos_recent",
        "twos_year",
        "failing_last_quarter_subjects",
        "subjects_quarter_below_3",
    )
    per_subject = [subject_feature(s, stat) for s in all_subjects() for stat in SUBJECT_STATS]
    means = [name for name in (*MARK_SUMMARY, *per_subject) if name not in (*counts, "insufficient_marks")]
    assert (row["grade_level"], row["insufficient_marks"]) == (1, 1)
    assert {name: row[name] for name in counts} == dict.fromkeys(counts, 0)
    assert {name: row[name] for name in means} == dict.fromkeys(means)
