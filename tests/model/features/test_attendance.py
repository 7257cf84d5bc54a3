"""Attendance features as of 3 December 2025: the diary holds exceptions, the calendar gives the days."""

from __future__ import annotations

from datetime import date

import pytest

from model.school_calendar import school_days_between

from .conftest import AS_OF, Diary

DAYS_SO_FAR = 72  # 52 in Q1 (2 Sep-1 Nov, less Teachers' Day) and 20 in Q2 (10 Nov-2 Dec), Sundays off
RECENT_DAYS = 20  # the four weeks from 5 Nov start in the autumn holiday


def test_school_days_so_far_follow_the_calendar(diary: Diary) -> None:
    assert school_days_between(date(2025, 9, 1), AS_OF) == DAYS_SO_FAR
    assert school_days_between(date(2025, 11, 5), AS_OF) == RECENT_DAYS
    assert diary.row("ali")["school_days_so_far"] == DAYS_SO_FAR


def test_whole_day_absences_over_school_days(diary: Diary) -> None:
    diary.attend("ali", date(2025, 9, 15), "absent_excused")
    diary.attend("ali", date(2025, 11, 20), "absent_unexcused")
    diary.attend("ali", date(2025, 12, 2), "absent_unexcused")
    diary.attend("ali", date(2025, 11, 21), "absent_unexcused", subject="Matematika")  # a lesson, not a day
    diary.attend("ali", date(2025, 5, 12), "absent_unexcused")  # last academic year
    row = diary.row("ali")
    assert row["attendance_rate"] == pytest.approx(1 - 3 / DAYS_SO_FAR)
    assert row["unexcused_rate"] == pytest.approx(2 / DAYS_SO_FAR)
    assert row["recent_absence_rate"] == pytest.approx(2 / RECENT_DAYS)


def test_late_rate_counts_late_days(diary: Diary) -> None:
    for day in (date(2025, 9, 3), date(2025, 10, 14), date(2025, 11, 27)):
        diary.attend("ali", day, "late")
    row = diary.row("ali")
    assert row["late_rate"] == pytest.approx(3 / DAYS_SO_FAR)
    assert row["attendance_rate"] == 1.0


def test_late_rate_is_a_share_of_school_days(diary: Diary) -> None:
    for subject in ("Matematika", "Ona tili", "Adabiyot"):
        diary.attend("ali", date(2025, 9, 2), "late", subject=subject)
    assert diary.row("ali", as_of=date(2025, 9, 4))["late_rate"] == 0.5  # 2 and 3 Sep were school days


SAT, MON = date(2025, 11, 15), date(2025, 11, 17)


@pytest.mark.parametrize(
    ("absent", "streak"),
    [
        ([SAT, MON], 2),  # Sunday is no school day: the run goes on
        ([date(2025, 11, 14), SAT, MON], 3),
        ([date(2025, 11, 14), MON], 1),  # present on Saturday: two runs of one
        ([date(2025, 9, 30), date(2025, 10, 2)], 2),  # Teachers' Day in between
        ([date(2025, 11, 1), date(2025, 11, 10)], 2),  # the autumn holiday in between
        ([date(2025, 9, 8), date(2025, 9, 9), date(2025, 9, 10), date(2025, 10, 6), date(2025, 10, 7)], 3),
        ([], 0),
    ],
)
def test_longest_absence_streak(diary: Diary, absent: list[date], streak: int) -> None:
    for day in absent:  # excused or not, a day away is a day away
        diary.attend("ali", day, "absent_excused" if day.day % 2 else "absent_unexcused")
    diary.attend("ali", date(2025, 11, 18), "absent_unexcused", subject="Matematika")  # a lesson, not a day
    assert diary.row("ali")["longest_absence_streak"] == streak


def test_a_pupil_absent_only_last_year_attends_fully(diary: Diary) -> None:
    diary.attend("ali", date(2025, 5, 12), "absent_unexcused")
    diary.attend("ali", date(2025, 5, 13), "late")
    row = diary.row("ali")
    assert (row["attendance_rate"], row["unexcused_rate"], row["late_rate"]) == (1.0, 0.0, 0.0)
    assert row["longest_absence_streak"] == 0


@pytest.mark.parametrize("as_of", [date(2025, 9, 2), date(2025, 7, 10)], ids=["first-school-day", "summer"])
def test_features_before_any_school_day_has_passed(diary: Diary, as_of: date) -> None:
    frame = diary.features(as_of)
    assert frame["school_days_so_far"].to_list() == [0.0] * 4
    assert frame["attendance_rate"].null_count() == 4
