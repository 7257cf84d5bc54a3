from __future__ import annotations

import itertools
from datetime import date

import pytest

from model.school_calendar import (
    academic_year_of,
    is_holiday,
    quarter_of,
    quarters,
    school_days,
    school_days_between,
)


def test_four_quarters_in_order_without_overlap() -> None:
    year = quarters(2025)
    assert [q.number for q in year] == [1, 2, 3, 4]
    assert year[0].start == date(2025, 9, 2)
    assert year[-1].end == date(2026, 5, 25)
    for earlier, later in itertools.pairwise(year):
        assert earlier.end < later.start  # a holiday lies between quarters


def test_school_days_are_monday_to_saturday_inside_quarters_without_holidays() -> None:
    days = school_days(2025)
    assert 180 <= len(days) <= 200
    assert all(day.weekday() != 6 for day in days)
    assert all(quarter_of(day) is not None for day in days)
    assert not any(is_holiday(day) for day in days)
    assert date(2025, 10, 1) not in days  # Teachers' Day
    assert date(2025, 11, 5) not in days  # autumn holiday
    assert list(days) == sorted(set(days))


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2025, 9, 2), "2025-2026 Q1"),
        (date(2025, 12, 27), "2025-2026 Q2"),
        (date(2026, 2, 1), "2025-2026 Q3"),
        (date(2026, 5, 25), "2025-2026 Q4"),
        (date(2025, 11, 5), None),
        (date(2026, 7, 1), None),
    ],
)
def test_quarter_of(day: date, expected: str | None) -> None:
    quarter = quarter_of(day)
    assert (quarter.label if quarter else None) == expected


def test_academic_year_of_counts_summer_towards_the_coming_year() -> None:
    assert academic_year_of(date(2026, 3, 1)) == 2025
    assert academic_year_of(date(2026, 9, 1)) == 2026
    assert academic_year_of(date(2026, 7, 15)) == 2026


def test_school_days_between_is_half_open_and_spans_years() -> None:
    q1 = quarters(2025)[0]
    assert school_days_between(q1.start, q1.start) == 0
    assert school_days_between(q1.start, date(2025, 9, 4)) == 2
    whole = school_days_between(date(2025, 9, 1), date(2027, 6, 1))
    assert whole == len(school_days(2025)) + len(school_days(2026))
