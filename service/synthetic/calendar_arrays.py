"""The school calendar as numpy arrays, so that pupils × days matrices can be built without date objects.

Days are counted as days since 1970-01-01 (what polars' Date type stores), which makes writing a column of
dates a cast rather than a formatting loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from model.school_calendar import quarters, school_days

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def epoch_day(day: date) -> int:
    return day.toordinal() - EPOCH_ORDINAL


def from_epoch_day(day: int) -> date:
    return date.fromordinal(day + EPOCH_ORDINAL)


@dataclass(frozen=True)
class YearCalendar:
    """School days (for the e-diary) and calendar days from 1 September to 31 May (for the LMS)."""

    year: int
    days: np.ndarray  # epoch day of each school day, ascending
    weekday: np.ndarray  # 0 = Monday … 5 = Saturday
    quarter: np.ndarray  # 0-3 for each school day
    quarter_end: np.ndarray  # index into `days` of each quarter's last school day
    cal_start: int  # epoch day of 1 September
    cal_weight: np.ndarray  # LMS activity weight of each calendar day (lower on Sundays and holidays)
    cal_of_day: np.ndarray  # calendar index of each school day

    @property
    def n_days(self) -> int:
        return len(self.days)

    @property
    def n_cal(self) -> int:
        return len(self.cal_weight)


@cache
def year_calendar(year: int) -> YearCalendar:
    """Arrays for academic year `year`; cached because every school of the district shares them."""
    listed = school_days(year)
    days = np.array([epoch_day(d) for d in listed], dtype=np.int32)
    weekday = np.array([d.weekday() for d in listed], dtype=np.int8)
    quarter = np.zeros(len(listed), dtype=np.int8)
    for number, q in enumerate(quarters(year)):
        quarter[(days >= epoch_day(q.start)) & (days <= epoch_day(q.end))] = number
    quarter_end = np.array([np.flatnonzero(quarter == q)[-1] for q in range(4)], dtype=np.int64)
    cal_start = epoch_day(date(year, 9, 1))
    cal_end = epoch_day(date(year + 1, 5, 31))
    cal = np.arange(cal_start, cal_end + 1, dtype=np.int32)
    in_term = np.isin(cal, days)
    sunday = (cal - epoch_day(date(1970, 1, 4))) % 7 == 0  # 1970-01-04 was a Sunday
    weight = np.where(in_term, 1.0, np.where(sunday, 0.6, 0.4))
    return YearCalendar(
        year=year,
        days=days,
        weekday=weekday,
        quarter=quarter,
        quarter_end=quarter_end,
        cal_start=cal_start,
        cal_weight=weight,
        cal_of_day=days - cal_start,
    )
