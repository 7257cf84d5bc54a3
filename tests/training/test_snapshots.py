from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import polars as pl
import pytest

from model.labels import LabelConfig, horizon_end
from model.school_calendar import quarter_of
from training.snapshots import SnapshotPlan, TemporalSplit, as_of_dates, temporal_split
from training.tracking import dataset_digest

PLAN = SnapshotPlan()
PUPILS = [f"p_{i:03d}" for i in range(50)]
FIRST_DAY, LAST_DAY = date(2024, 9, 2), date(2025, 5, 25)


def snapshot_frame(dates: list[date]) -> pl.DataFrame:
    """One row per pupil × as-of date, with a label and one feature; about a third are positive."""
    rows = [
        {"pupil_id": pupil, "as_of": day, "label": int((i + j) % 3 == 0), "absence_share": (i * 7 + j) / 100}
        for i, pupil in enumerate(PUPILS)
        for j, day in enumerate(dates)
    ]
    schema = {"pupil_id": pl.String, "as_of": pl.Date, "label": pl.Int8, "absence_share": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def dates_of(part: pl.DataFrame) -> set[date]:
    return set(part["as_of"].to_list())


def pupils_of(part: pl.DataFrame) -> set[str]:
    return set(part["pupil_id"].to_list())


# ---- as_of_dates


def test_as_of_dates_for_one_school_year() -> None:
    dates = as_of_dates(FIRST_DAY, LAST_DAY, PLAN)
    assert dates == [
        date(2024, 9, 23),
        date(2024, 10, 14),
        date(2024, 12, 1),
        date(2024, 12, 22),
        date(2025, 2, 2),
        date(2025, 2, 23),
        date(2025, 3, 16),
    ]


@pytest.mark.parametrize("every_weeks", [1, 2, 3])
def test_as_of_dates_lie_in_quarters_with_closed_horizons(every_weeks: int) -> None:
    plan = SnapshotPlan(every_weeks=every_weeks)
    dates = as_of_dates(FIRST_DAY, LAST_DAY, plan)
    assert dates == sorted(dates)
    assert dates
    for day in dates:
        quarter = quarter_of(day)
        assert quarter is not None, day
        assert day > FIRST_DAY
        assert horizon_end(day, plan.labels) <= LAST_DAY
        assert quarter.number != 4, "Q4's horizon runs into next year's Q1"
        assert day >= quarter.start + timedelta(weeks=plan.first_after_weeks)
    for earlier, later in pairwise(dates):
        if quarter_of(earlier) == quarter_of(later):
            assert later - earlier == timedelta(weeks=every_weeks)
    assert {getattr(quarter_of(day), "number", None) for day in dates} == {1, 2, 3}


def test_one_quarter_horizon_admits_the_last_quarter() -> None:
    plan = SnapshotPlan(labels=LabelConfig(horizon_quarters=1))
    dates = as_of_dates(FIRST_DAY, LAST_DAY, plan)
    assert [d for d in dates if d >= date(2025, 3, 30)] == [date(2025, 4, 20), date(2025, 5, 11)]


def test_as_of_dates_skip_days_before_the_data_begin() -> None:
    dates = as_of_dates(date(2024, 10, 1), LAST_DAY, PLAN)
    assert dates[0] == date(2024, 10, 14)


def test_too_short_data_give_no_dates() -> None:
    assert as_of_dates(FIRST_DAY, date(2024, 11, 30), PLAN) == []


# ---- temporal_split

TWO_YEARS = as_of_dates(date(2023, 9, 1), LAST_DAY, PLAN)
TEST_DATES = {date(2025, 2, 2), date(2025, 2, 23), date(2025, 3, 16)}


@pytest.fixture(scope="module")
def two_years() -> pl.DataFrame:
    return snapshot_frame(TWO_YEARS)


@pytest.fixture(scope="module")
def split(two_years: pl.DataFrame) -> TemporalSplit:
    return temporal_split(two_years, PLAN, seed=7)


def test_test_set_is_the_last_quarter(split: TemporalSplit) -> None:
    assert dates_of(split.test) == TEST_DATES
    assert split.test.height == len(PUPILS) * len(TEST_DATES)
    assert split.describe()["test"] == {
        "rows": 150,
        "as_of_dates": ["2025-02-02", "2025-02-23", "2025-03-16"],
        "positive_rate": pytest.approx(1 / 3),
    }


def test_training_horizons_close_before_the_test_period(split: TemporalSplit) -> None:
    first_test = min(TEST_DATES)
    for part in (split.train, split.validation):
        assert all(horizon_end(day, PLAN.labels) < first_test for day in dates_of(part))
    # Q2 2024 snapshots ask about Q3, the test quarter: they are purged, not trained on.
    purged = {date(2024, 12, 1), date(2024, 12, 22)}
    assert not purged & (dates_of(split.train) | dates_of(split.validation))
    assert dates_of(split.train) == set(TWO_YEARS) - TEST_DATES - purged


def test_validation_is_a_fifth_of_the_pupils_disjoint_from_training(split: TemporalSplit) -> None:
    assert not pupils_of(split.train) & pupils_of(split.validation)
    assert len(pupils_of(split.validation)) == len(PUPILS) // 5
    assert pupils_of(split.train) | pupils_of(split.validation) == set(PUPILS)
    pool_dates = len(TWO_YEARS) - len(TEST_DATES) - 2
    assert split.train.height + split.validation.height == len(PUPILS) * pool_dates


def test_same_seed_same_split(split: TemporalSplit, two_years: pl.DataFrame) -> None:
    again = temporal_split(two_years.sample(fraction=1.0, shuffle=True, seed=3), PLAN, seed=7)
    assert pupils_of(again.validation) == pupils_of(split.validation)
    assert again.describe() == split.describe()
    other = temporal_split(two_years, PLAN, seed=8)
    assert pupils_of(other.validation) != pupils_of(split.validation)


@pytest.mark.parametrize(
    "dates",
    [
        pytest.param([date(2024, 9, 23), date(2024, 10, 14)], id="one quarter"),
        pytest.param([date(2024, 9, 23), date(2024, 10, 14), date(2024, 12, 1)], id="two adjacent quarters"),
    ],
)
def test_too_little_history_is_refused_with_a_reason(dates: list[date]) -> None:
    with pytest.raises(ValueError, match="too little history") as raised:
        temporal_split(snapshot_frame(dates), PLAN)
    assert str(min(d for d in dates if quarter_of(d) == quarter_of(dates[-1]))) in str(raised.value)
    assert "load at least" in str(raised.value)


def test_empty_snapshots_are_refused_with_a_reason() -> None:
    with pytest.raises(ValueError, match="too little history"):
        temporal_split(snapshot_frame([]), PLAN)


# ---- dataset_digest


def test_digest_ignores_row_order(two_years: pl.DataFrame) -> None:
    shuffled = two_years.sample(fraction=1.0, shuffle=True, seed=1)
    assert not shuffled.equals(two_years)
    assert dataset_digest(shuffled) == dataset_digest(two_years)
    assert len(dataset_digest(two_years)) == 64


def test_digest_changes_with_one_value(two_years: pl.DataFrame) -> None:
    changed = two_years.with_columns(
        pl.when(pl.int_range(pl.len()) == 17)
        .then(pl.col("absence_share") + 0.01)
        .otherwise(pl.col("absence_share"))
        .alias("absence_share")
    )
    assert changed.height == two_years.height
    assert dataset_digest(changed) != dataset_digest(two_years)
