"""How far back each feature looks, counted back from the as-of date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from model.school_calendar import academic_year_of


@dataclass(frozen=True)
class FeatureWindows:
    """Look-back windows in weeks; defaults follow how teachers read a diary (the last month or two)."""

    recent_marks_weeks: int = 6
    slope_weeks: int = 8
    min_marks_for_mean: int = 2
    min_marks_for_slope: int = 3
    min_recent_marks: int = 3  # fewer recent marks than this: "insufficient data", whatever the mean says
    attendance_recent_weeks: int = 4
    lms_weeks: int = 4
    notes_weeks: int = 8
    falling_slope_per_week: float = -0.1

    def start(self, as_of: date, weeks: int) -> date:
        return as_of - timedelta(weeks=weeks)


def year_start(as_of: date) -> date:
    """1 September of the academic year `as_of` belongs to: year-to-date features count from here."""
    return date(academic_year_of(as_of), 9, 1)
