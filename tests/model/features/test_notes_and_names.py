"""Note counts, the shape of the feature frame, what a silent pupil gets, and what never becomes a feature."""

from __future__ import annotations

from datetime import date, datetime

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from model.features import build_features, feature_group, feature_names
from model.features.names import SENSITIVE_ATTRIBUTES
from model.records import PupilRecords

from .conftest import AS_OF, ROSTER, Diary


def test_notes_in_the_last_eight_weeks_and_this_year(diary: Diary) -> None:
    for day in (
        date(2025, 5, 10),
        date(2025, 9, 15),
        date(2025, 10, 7),
        date(2025, 10, 8),
        date(2025, 12, 2),
    ):
        diary.note("ali", day)
    row = diary.row("ali")
    assert (row["notes_recent"], row["notes_year"]) == (2, 4)  # the window starts on 8 October


def test_frame_has_one_row_per_pupil_and_every_feature_as_float(diary: Diary) -> None:
    frame = diary.features()
    assert frame.columns == ["pupil_id", "as_of", *feature_names()]
    assert frame["pupil_id"].to_list() == [pupil for pupil, _, _ in ROSTER]
    assert set(frame["as_of"]) == {AS_OF}
    assert {frame.schema[name] for name in feature_names()} == {pl.Float64}
    assert len(set(feature_names())) == len(feature_names())


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("Matematika|slope", "Matematika"),
        ("O'zbek tili|recent_mean", "O'zbek tili"),
        ("twos_year", "marks"),
        ("attendance_rate", "attendance"),
        ("lms_submit_rate", "lms"),
        ("notes_recent", "notes"),
        ("grade_level", "grade"),
    ],
)
def test_feature_group(name: str, group: str) -> None:
    assert name in feature_names()
    assert feature_group(name) == group


def with_everyone_else_recorded(diary: Diary) -> Diary:
    """ali gets a record of every kind, so bek's empty row comes out of real joins, not empty frames."""
    diary.mark("ali", "Matematika", date(2025, 12, 1), 5).mark("ali", "Matematika", date(2025, 12, 2), 2)
    diary.attend("ali", date(2025, 12, 2), "absent_unexcused").attend("ali", date(2025, 12, 1), "late")
    diary.lms_event("ali", datetime(2025, 12, 1, 9), "login")
    diary.lms_event("ali", datetime(2025, 12, 1, 10), "submit")
    return diary.note("ali", date(2025, 12, 1))


# Counts of nothing are zeros, as are rates over school days; means and rates of nothing are unknown.
ZEROS = (
    "marks_recent_count",
    "twos_year",
    "failing_last_quarter_subjects",
    "lms_events_recent",
    "notes_year",
    "unexcused_rate",
    "recent_absence_rate",
    "late_rate",
    "lms_logins_per_week",
    "longest_absence_streak",
)
NULLS = (
    "marks_recent_mean",
    "min_subject_recent_mean",
    "worst_subject_slope",
    "Matematika|recent_mean",
    "Matematika|class_gap",
    "lms_submit_rate",
    "lms_test_mean",
    "lms_days_since_login",
)


@pytest.mark.parametrize("others", [False, True], ids=["nobody-recorded", "others-recorded"])
def test_a_pupil_without_records(diary: Diary, others: bool) -> None:
    row = (with_everyone_else_recorded(diary) if others else diary).row("bek")
    assert {name: row[name] for name in ZEROS} == dict.fromkeys(ZEROS, 0.0)
    assert {name: row[name] for name in NULLS} == dict.fromkeys(NULLS)
    assert (row["insufficient_marks"], row["insufficient_lms"], row["attendance_rate"]) == (1.0, 1.0, 1.0)


def test_no_sensitive_attribute_is_a_feature() -> None:
    leaks = [n for n in feature_names() for word in SENSITIVE_ATTRIBUTES if word in n.lower()]
    assert leaks == []
    assert set(SENSITIVE_ATTRIBUTES) >= {"sex", "language", "region", "locality"}


def test_sensitive_columns_on_pupils_change_nothing(diary: Diary) -> None:
    frames = with_everyone_else_recorded(diary).frames()
    plain = PupilRecords.from_frames(**frames)
    frames["pupils"] = frames["pupils"].with_columns(
        sex=pl.Series(["M", "F", "F", "M"]),
        language=pl.Series(["uz", "ru", "kaa", "tg"]),
        region=pl.Series(["Andijon", "Xorazm", "Toshkent shahri", "Navoiy"]),
        locality=pl.Series(["urban", "rural", "rural", "urban"]),
    )
    assert_frame_equal(
        build_features(PupilRecords.from_frames(**frames), AS_OF), build_features(plain, AS_OF)
    )
