"""Snapshots for training: the features Erta would have computed on past dates, with what happened next.

As-of dates fall every few weeks inside each quarter. A date is used only when its whole label horizon
is covered by the data, so no pupil is called "fine" merely because the future was not recorded yet.
The split is temporal: the test set is the latest quarter's snapshots, and training uses only snapshots
whose horizon ended before the first test date (purged), so no outcome the test asks about was ever
seen in training. Validation takes a fifth of the training period's pupils for early stopping and
calibration.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import polars as pl

from model.features import FeatureWindows, build_features
from model.labels import LabelConfig, build_labels, horizon_end
from model.school_calendar import academic_year_of, quarter_of, quarters
from training.dataset import TrainingRecords

VALIDATION_SHARE = 0.2


@dataclass(frozen=True)
class SnapshotPlan:
    every_weeks: int = 3
    first_after_weeks: int = 3
    labels: LabelConfig = field(default_factory=LabelConfig)
    windows: FeatureWindows = field(default_factory=FeatureWindows)


@dataclass(frozen=True)
class TemporalSplit:
    train: pl.DataFrame
    validation: pl.DataFrame
    test: pl.DataFrame

    def describe(self) -> dict[str, object]:
        return {
            name: {
                "rows": part.height,
                "as_of_dates": sorted({d.isoformat() for d in part["as_of"].to_list()}),
                "positive_rate": float(part["label"].cast(pl.Float64).mean() or 0.0),  # type: ignore[arg-type]
            }
            for name, part in (("train", self.train), ("validation", self.validation), ("test", self.test))
        }


def as_of_dates(first_day: date, last_day: date, plan: SnapshotPlan) -> list[date]:
    """Dates inside quarters, every `every_weeks`, whose label horizon ends by `last_day`."""
    dates = []
    for year in range(academic_year_of(first_day), academic_year_of(last_day) + 1):
        for quarter in quarters(year):
            day = quarter.start + timedelta(weeks=plan.first_after_weeks)
            while day < quarter.end:
                if day > first_day and horizon_end(day, plan.labels) <= last_day:
                    dates.append(day)
                day += timedelta(weeks=plan.every_weeks)
    return dates


def build_snapshot_frame(
    data: TrainingRecords,
    dates: Sequence[date],
    plan: SnapshotPlan,
    on_date_done: Callable[[int], None] = lambda done: None,
) -> pl.DataFrame:
    """Features, label, event date and the sensitive attributes, one row per pupil × as-of date."""
    if not dates:
        raise ValueError("the data cover no as-of date with a complete label horizon; load more weeks")
    latest = data.records.marks["date"].max()
    current_year = academic_year_of(latest) if isinstance(latest, date) else academic_year_of(max(dates))
    frames = []
    for done, as_of in enumerate(dates, start=1):
        # The roster holds this year's class; a snapshot from a year ago saw the pupil one grade lower.
        years_back = current_year - academic_year_of(as_of)
        features = build_features(data.records, as_of, plan.windows).with_columns(
            (pl.col("grade_level") - years_back).clip(lower_bound=1)
        )
        labels = build_labels(data.records, as_of, plan.labels).drop("as_of")
        frames.append(features.join(labels, on="pupil_id").join(data.attributes, on="pupil_id"))
        on_date_done(done)
    return pl.concat(frames, how="vertical")


def temporal_split(snapshots: pl.DataFrame, plan: SnapshotPlan, seed: int = 0) -> TemporalSplit:
    """Test on the latest quarter; train and validate on earlier snapshots whose horizon has closed."""
    dates = sorted(set(snapshots["as_of"].to_list()))
    if not dates:
        raise ValueError("too little history for a temporal split: there are no snapshots at all")
    last_quarter = quarter_of(dates[-1])
    test_dates = [d for d in dates if quarter_of(d) == last_quarter]
    first_test = test_dates[0]
    pool_dates = [d for d in dates if horizon_end(d, plan.labels) < first_test]
    if not pool_dates:
        raise ValueError(
            "too little history for a temporal split: no snapshot's horizon closes before "
            f"{first_test}; load at least two quarters more"
        )
    pool = snapshots.filter(pl.col("as_of").is_in(pool_dates))
    pupils = pool["pupil_id"].unique().sort().to_numpy()
    rng = np.random.default_rng(seed)
    held_out = rng.choice(pupils, size=max(1, int(len(pupils) * VALIDATION_SHARE)), replace=False)
    in_validation = pl.col("pupil_id").is_in(held_out.tolist())
    return TemporalSplit(
        train=pool.filter(~in_validation),
        validation=pool.filter(in_validation),
        test=snapshots.filter(pl.col("as_of").is_in(test_dates)),
    )
