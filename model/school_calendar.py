"""The Uzbek school year: four quarters (chorak), holidays and a six-day school week.

The academic year runs from early September to late May. Dates follow the pattern the Ministry of
Preschool and School Education publishes each year; the exact days shift by a day or two between years,
which does not matter for risk modelling but is fixed here so that every part of Erta agrees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

SUNDAY = 6

# (month, day) of each quarter's first and last day; quarters 3 and 4 fall in the following calendar year.
_QUARTER_BOUNDS: tuple[tuple[tuple[int, int], tuple[int, int], int], ...] = (
    ((9, 2), (11, 1), 0),
    ((11, 10), (12, 27), 0),
    ((1, 12), (3, 20), 1),
    ((3, 30), (5, 25), 1),
)

# Public holidays that fall inside quarters (Teachers' Day, Constitution Day, Women's Day, Memory Day).
_HOLIDAYS: tuple[tuple[int, int], ...] = ((10, 1), (12, 8), (3, 8), (5, 9))


@dataclass(frozen=True, order=True)
class Quarter:
    """One chorak of an academic year; `academic_year` is the calendar year in which September falls."""

    academic_year: int
    number: int
    start: date
    end: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def label(self) -> str:
        return f"{self.academic_year}-{self.academic_year + 1} Q{self.number}"


@cache
def quarters(academic_year: int) -> tuple[Quarter, ...]:
    """The four quarters of the academic year that starts in September of `academic_year`."""
    result = []
    for number, ((m0, d0), (m1, d1), year_offset) in enumerate(_QUARTER_BOUNDS, start=1):
        year = academic_year + year_offset
        result.append(Quarter(academic_year, number, date(year, m0, d0), date(year, m1, d1)))
    return tuple(result)


def academic_year_of(day: date) -> int:
    """The academic year a date belongs to (summer counts towards the year that is about to start)."""
    return day.year if day.month >= 6 else day.year - 1


def quarter_of(day: date) -> Quarter | None:
    """The quarter containing `day`, or None during holidays and the summer."""
    for quarter in quarters(academic_year_of(day)):
        if day in quarter:
            return quarter
    return None


def is_holiday(day: date) -> bool:
    return (day.month, day.day) in _HOLIDAYS


@cache
def school_days(academic_year: int) -> tuple[date, ...]:
    """Every teaching day of the year: Monday to Saturday inside quarters, minus public holidays."""
    days: list[date] = []
    for quarter in quarters(academic_year):
        day = quarter.start
        while day <= quarter.end:
            if day.weekday() != SUNDAY and not is_holiday(day):
                days.append(day)
            day += timedelta(days=1)
    return tuple(days)


def school_days_between(start: date, end: date) -> int:
    """Teaching days in the half-open range [start, end), across academic years."""
    count = 0
    for year in range(academic_year_of(start), academic_year_of(end) + 1):
        count += sum(1 for day in school_days(year) if start <= day < end)
    return count
