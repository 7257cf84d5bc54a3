"""How far back each feature looks, counted back from the as-of date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from model.school_calendar import academic_year_of, quarters


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


def quarter_start(as_of: date) -> date:
    """First day of the quarter under way on `as_of` (during a break, of the one just ended).

    Before the first quarter of the year starts there is none under way: 1 September is returned, so
    quarter-to-date windows are empty rather than reaching back into last year.
    """
    started = [q.start for q in quarters(academic_year_of(as_of)) if q.start < as_of]
    return started[-1] if started else year_start(as_of)
