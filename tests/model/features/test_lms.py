"""LMS features as of 3 December 2025: the four-week window starts on 5 November."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from .conftest import Diary


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour))


def test_logins_per_week_in_the_last_four_weeks(diary: Diary) -> None:
    diary.lms_event("ali", at(date(2025, 11, 4)), "login")  # a day before the window
    for day in (5, 12, 19, 20, 26, 30):
        diary.lms_event("ali", at(date(2025, 11, day)), "login")
    row = diary.row("ali")
    assert row["lms_events_recent"] == 6
    assert row["lms_logins_per_week"] == 6 / 4


def test_window_starts_no_earlier_than_the_school_year(diary: Diary) -> None:
    for day in (date(2025, 8, 30), date(2025, 9, 2), date(2025, 9, 9), date(2025, 9, 13)):
        diary.lms_event("ali", at(day), "login")
    row = diary.row("ali", as_of=date(2025, 9, 15))
    assert row["lms_logins_per_week"] == 3 / 2  # two weeks since 1 September
    assert row["lms_days_since_login"] == 2


def test_homework_rates_and_test_mean(diary: Diary) -> None:
    events = [("submit", None), ("submit", None), ("submit_late", None), ("missed", None)]
    events += [("test", 60.0), ("test", 90.0), ("view", None)]
    for event, score in events:
        diary.lms_event("ali", at(date(2025, 11, 20)), event, "Matematika", score)
    diary.lms_event("ali", at(date(2025, 10, 1)), "missed", "Matematika")  # before the window
    diary.lms_event("ali", at(date(2025, 10, 1)), "test", "Matematika", 10.0)
    row = diary.row("ali")
    assert (row["lms_submit_rate"], row["lms_late_rate"], row["lms_missed_rate"]) == (0.5, 0.25, 0.25)
    assert row["lms_test_mean"] == 75.0
    assert row["lms_events_recent"] == len(events)


def test_rates_are_null_without_homework(diary: Diary) -> None:
    diary.lms_event("ali", at(date(2025, 11, 20)), "login")
    diary.lms_event("ali", at(date(2025, 11, 21)), "view", "Matematika")
    row = diary.row("ali")
    assert [row[f"lms_{name}"] for name in ("submit_rate", "late_rate", "missed_rate", "test_mean")] == [
        None
    ] * 4
    assert row["insufficient_lms"] == 0


@pytest.mark.parametrize(
    ("logins", "days_since", "insufficient"),
    [
        ([datetime(2025, 11, 12, 8), datetime(2025, 11, 30, 23, 59)], 3, 0),
        ([datetime(2025, 10, 1, 8)], 63, 1),  # still known, though older than the window
        ([], None, 1),
    ],
)
def test_days_since_last_login(
    diary: Diary, logins: list[datetime], days_since: int | None, insufficient: int
) -> None:
    for moment in logins:
        diary.lms_event("ali", moment, "login")
    row = diary.row("ali")
    assert row["lms_days_since_login"] == days_since
    assert row["insufficient_lms"] == insufficient
