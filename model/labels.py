"""The risk Erta predicts, as labels for training and evaluation (DESIGN "The risk we predict").

At an as-of date inside a quarter, a pupil is at risk when, within the rest of this quarter and the next
one, they get a failing quarter mark (2 or lower) in any subject, or miss at least 10% of the school days
of that horizon. Both parts, the horizon and the thresholds are configurable; a school that only cares
about marks switches chronic absence off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from model.curriculum import FAILING_MARK
from model.records import PupilRecords
from model.school_calendar import academic_year_of, quarters, school_days, school_days_between

MAX_HORIZON_QUARTERS = 4


@dataclass(frozen=True)
class LabelConfig:
    """What counts as "slipping", and over how many quarters (this one counts as the first)."""

    horizon_quarters: int = 2
    failing_mark: int = FAILING_MARK
    chronic_absence_share: float = 0.10
    use_failing_mark: bool = True
    use_chronic_absence: bool = True

    def __post_init__(self) -> None:
        if not 1 <= self.horizon_quarters <= MAX_HORIZON_QUARTERS:
            raise ValueError(f"horizon_quarters must be 1-{MAX_HORIZON_QUARTERS}")
        if not 1 <= self.failing_mark <= 5:
            raise ValueError("failing_mark must be a mark on the 5-point scale")
        if not self.use_failing_mark and not self.use_chronic_absence:
            raise ValueError("a label needs failing marks, chronic absence or both")
        if not 0 < self.chronic_absence_share <= 1:
            raise ValueError("chronic_absence_share must be in (0, 1]")


def horizon_end(as_of: date, config: LabelConfig) -> date:
    """Last day of the horizon: the end of the quarter `horizon_quarters - 1` after the one holding as_of."""
    year = academic_year_of(as_of)
    upcoming = [q for y in range(year, year + 3) for q in quarters(y) if q.end >= as_of]
    return upcoming[config.horizon_quarters - 1].end


def build_labels(records: PupilRecords, as_of: date, config: LabelConfig | None = None) -> pl.DataFrame:
    """One row per pupil: label, its two parts, and the date of the first failing quarter mark (or null).

    Only records dated on or after `as_of` and up to the horizon's end count: the future the features
    must not see.
    """
    cfg = config or LabelConfig()
    end = horizon_end(as_of, cfg)
    in_horizon = (pl.col("date") >= as_of) & (pl.col("date") <= end)
    failing = (
        records.marks.filter(
            in_horizon & (pl.col("kind") == "quarter") & (pl.col("mark") <= cfg.failing_mark)
        )
        .group_by("pupil_id")
        .agg(pl.col("date").min().alias("event_date"))
    )
    days = school_days_between(as_of, end + timedelta(days=1))
    teaching_days = [
        d for y in range(academic_year_of(as_of), academic_year_of(end) + 1) for d in school_days(y)
    ]
    absent = (
        records.attendance.filter(
            in_horizon
            & pl.col("date").is_in(teaching_days)
            & (pl.col("subject").fill_null("") == "")
            & pl.col("status").is_in(("absent_excused", "absent_unexcused"))
        )
        .unique(["pupil_id", "date"])
        .group_by("pupil_id")
        .agg(pl.len().alias("absent_days"))
    )
    frame = (
        records.pupils.select("pupil_id")
        .join(failing, on="pupil_id", how="left")
        .join(absent, on="pupil_id", how="left")
        .with_columns(
            pl.col("event_date").is_not_null().alias("failing_mark"),
            (pl.col("absent_days").fill_null(0) >= cfg.chronic_absence_share * days).alias("chronic_absence"),
        )
    )
    label = pl.lit(False)
    if cfg.use_failing_mark:
        label = label | pl.col("failing_mark")
    if cfg.use_chronic_absence:
        label = label | pl.col("chronic_absence")
    return frame.select(
        pl.col("pupil_id").cast(pl.String),
        pl.lit(as_of).alias("as_of"),
        label.cast(pl.Int8).alias("label"),
        "failing_mark",
        "chronic_absence",
        "event_date",
    )
