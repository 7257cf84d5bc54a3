"""Expectations on features and labels of a generated district: 300 pupils, two academic years."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from model.features import build_features
from model.labels import build_labels
from model.records import PupilRecords
from service.synthetic import generate_bundle

pytestmark = pytest.mark.data

PUPILS = 300
MID_Q2 = date(2025, 12, 3)


def read(folder: Path, name: str) -> pl.DataFrame:
    return pl.read_csv(folder / name, infer_schema_length=0)  # every column as text, cast where needed


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> PupilRecords:
    folder = tmp_path_factory.mktemp("district")
    generate_bundle(
        folder,
        seed=11,
        pupils=PUPILS,
        schools=None,
        academic_years=(2024, 2025),
        on_school_done=lambda n: None,
    )
    day = pl.col("date").str.to_date()
    return PupilRecords.from_frames(
        pupils=read(folder, "pupils.csv").join(read(folder, "classes.csv"), on="class_id"),
        marks=read(folder, "grades.csv").with_columns(day),
        attendance=read(folder, "attendance.csv").with_columns(day),
        lms=read(folder, "lms_events.csv").with_columns(
            pl.col("timestamp").str.to_datetime("%Y-%m-%dT%H:%M:%S")
        ),
        notes=read(folder, "notes.csv").with_columns(day),
    )


@pytest.fixture(scope="module")
def features(records: PupilRecords) -> pl.DataFrame:
    return build_features(records, MID_Q2)


@pytest.fixture(scope="module")
def labels(records: PupilRecords) -> pl.DataFrame:
    return build_labels(records, MID_Q2)


def values_outside(frame: pl.DataFrame, columns: list[str], low: float, high: float) -> dict[str, int]:
    """How many non-null values of each column fall outside [low, high] (NaN counts as outside)."""
    counts = frame.select(
        ((pl.col(c) < low) | (pl.col(c) > high) | pl.col(c).is_nan()).sum() for c in columns
    )
    return {c: n for c, n in counts.row(0, named=True).items() if n}


def test_one_row_per_pupil_without_infinities_or_nan(features: pl.DataFrame) -> None:
    assert features.height == PUPILS == features["pupil_id"].n_unique()
    floats = [c for c, dtype in features.schema.items() if dtype == pl.Float64]
    bad = features.select((pl.col(c).is_infinite() | pl.col(c).is_nan()).sum() for c in floats).row(
        0, named=True
    )
    assert {c: n for c, n in bad.items() if n} == {}


def test_values_in_their_ranges(features: pl.DataFrame) -> None:
    rates = [c for c in features.columns if c.endswith("_rate")]
    means = [c for c in features.columns if c.endswith(("recent_mean", "quarter_mean", "last_quarter"))]
    assert len(rates) == 8
    assert values_outside(features, rates, 0, 1) == {}
    assert values_outside(features, means, 1, 5) == {}
    assert values_outside(features, ["lms_test_mean"], 0, 100) == {}
    assert features["attendance_rate"].null_count() == 0


def test_first_graders_have_no_marks(features: pl.DataFrame) -> None:
    first = features.filter(pl.col("grade_level") == 1)
    assert first.height > 0
    assert set(first["insufficient_marks"]) == {1.0}
    assert set(first["marks_recent_count"]) == {0.0}


def test_label_rate_is_plausible(labels: pl.DataFrame) -> None:
    assert labels.height == PUPILS
    assert 0.05 <= labels["label"].mean() <= 0.40


def test_pupils_failing_last_quarter_are_labelled_more_often(
    features: pl.DataFrame, labels: pl.DataFrame
) -> None:
    joined = features.join(labels, on="pupil_id")
    failed = joined.filter(pl.col("failing_last_quarter_subjects") > 0)["label"]
    passed = joined.filter(pl.col("failing_last_quarter_subjects") == 0)["label"]
    assert failed.len() >= 5
    assert failed.mean() > passed.mean()


def test_no_nan_in_the_first_week_of_school(records: PupilRecords) -> None:
    features = build_features(records, date(2025, 9, 6))
    assert features["marks_recent_mean"].is_nan().sum() == 0
