"""The generated bundle is a valid canonical bundle: headers, ids, keys and references all hold."""

from __future__ import annotations

import csv
from datetime import date

import polars as pl
import pytest

from model.curriculum import weekly_lessons
from model.school_calendar import school_days
from privacy.pinfl import birth_date_of, is_valid_pinfl, sex_of
from service.bundle import (
    ATTENDANCE_STATUSES,
    BUNDLE_FILES,
    LIST_SEPARATOR,
    LMS_EVENTS,
    MARK_KINDS,
    REGIONS,
    STAFF_ROLES,
)

from .conftest import PUPILS, SCHOOLS, YEARS, Bundle


def test_headers_and_row_counts_match_the_bundle_spec(bundle: Bundle) -> None:
    for name, columns in BUNDLE_FILES.items():
        with (bundle.path / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        assert tuple(rows[0]) == columns, name
        assert len(rows) - 1 == bundle.summary.rows[name], name
        assert all(len(row) == len(columns) for row in rows), name
    assert set(bundle.summary.rows) == set(BUNDLE_FILES)


def test_summary_counts_the_district(bundle: Bundle) -> None:
    summary = bundle.summary
    assert (summary.schools, summary.pupils) == (SCHOOLS, PUPILS)
    assert summary.staff == bundle.read("staff.csv").height
    assert summary.classes == bundle.read("classes.csv").height
    assert bundle.read("pupils.csv").height == PUPILS


def test_ids_have_their_documented_shapes(bundle: Bundle) -> None:
    shapes = {
        ("schools.csv", "school_id"): r"^S\d{4}$",
        ("staff.csv", "staff_id"): r"^T\d{6}$",
        ("classes.csv", "class_id"): r"^S\d{4}-\d{1,2}[A-Z]$",
        ("pupils.csv", "pupil_id"): r"^P\d{7}$",
        ("notes.csv", "note_id"): r"^N\d{7}$",
    }
    for (name, column), pattern in shapes.items():
        ids = bundle.read(name)[column]
        assert ids.str.contains(pattern).all(), column
        assert ids.n_unique() == len(ids), column


def test_every_pinfl_is_valid_unique_and_agrees_with_the_roster(bundle: Bundle) -> None:
    pupils = bundle.read("pupils.csv")
    assert pupils["pinfl"].n_unique() == pupils.height
    for pinfl, sex, born in pupils.select("pinfl", "sex", "birth_date").iter_rows():
        assert is_valid_pinfl(pinfl), pinfl
        assert sex_of(pinfl) == sex
        assert birth_date_of(pinfl) == born


def test_schools_classes_and_staff_reference_each_other(bundle: Bundle) -> None:
    schools, staff, classes = bundle.read("schools.csv"), bundle.read("staff.csv"), bundle.read("classes.csv")
    assert set(schools["region"]) <= set(REGIONS)
    assert set(schools["locality"]) == {"urban", "rural"}
    assert set(classes["school_id"]) == set(schools["school_id"]) == set(staff["school_id"])
    teachers = classes.join(staff, left_on="class_teacher_id", right_on="staff_id", how="left")
    assert (teachers["school_id"] == teachers["school_id_right"]).all()
    assert teachers["roles"].str.contains("class_teacher").all()
    assert (
        classes["label"]
        == classes["class_id"].str.extract(r"-(\d+)([A-Z])$", 1) + "-" + classes["class_id"].str.slice(-1)
    ).all()
    for roles, capacity in staff.select("roles", "mentor_capacity").iter_rows():
        assert set(roles.split(LIST_SEPARATOR)) <= set(STAFF_ROLES)
        assert (3 <= capacity <= 8) if "mentor" in roles else capacity == 0
    per_school = staff.group_by("school_id").agg(pl.col("roles").str.contains("principal").sum())
    assert (per_school["roles"] == 1).all()


def test_pupils_belong_to_existing_classes_and_are_plausibly_aged(bundle: Bundle) -> None:
    pupils = bundle.read("pupils.csv").join(bundle.read("classes.csv"), on="class_id", how="left")
    assert pupils["grade_level"].null_count() == 0
    for grade, born in pupils.select("grade_level", "birth_date").iter_rows():
        age_in_september = YEARS[-1] - born.year - (born.month >= 9)
        assert 6 + grade <= age_in_september <= 7 + grade, (grade, born)
    assert set(pupils["consent"]) <= {"granted", "revoked"}
    assert 0.45 < (pupils["sex"] == "M").mean() < 0.57


def test_marks_reference_pupils_and_their_subject_teacher(bundle: Bundle) -> None:
    grades = bundle.read("grades.csv")
    pupils = bundle.read("pupils.csv").select("pupil_id", "class_id")
    staff = bundle.read("staff.csv").select("staff_id", "school_id", "subjects")
    joined = grades.join(pupils, on="pupil_id", how="left").join(
        staff, left_on="teacher_id", right_on="staff_id", how="left"
    )
    assert joined["class_id"].null_count() == 0
    assert joined["school_id"].null_count() == 0
    assert (joined["class_id"].str.slice(0, 5) == joined["school_id"]).all()
    assert joined.select(
        pl.col("subjects").str.split(LIST_SEPARATOR).list.contains(pl.col("subject")).all()
    ).item()
    teachers = joined.group_by("class_id", "subject").agg(pl.col("teacher_id").n_unique())
    assert (teachers["teacher_id"] == 1).all()
    assert set(grades["kind"]) == set(MARK_KINDS)
    assert grades["mark"].is_between(1, 5).all()


def test_grade_one_pupils_have_no_marks_in_either_year(bundle: Bundle) -> None:
    grades = bundle.read("grades.csv")
    pupils = bundle.read("pupils.csv").join(bundle.read("classes.csv"), on="class_id")
    first_graders = pupils.filter(pl.col("grade_level") == 1)["pupil_id"]
    second_graders = pupils.filter(pl.col("grade_level") == 2)["pupil_id"]
    assert first_graders.len() > 0
    assert second_graders.len() > 0
    assert not grades["pupil_id"].is_in(first_graders.implode()).any()
    earlier = grades.filter(pl.col("date") < date(YEARS[-1], 6, 1))
    assert not earlier["pupil_id"].is_in(second_graders.implode()).any()
    assert (
        grades.filter(pl.col("date") >= date(YEARS[-1], 6, 1))["pupil_id"]
        .is_in(second_graders.implode())
        .any()
    )


def test_a_cohort_appears_in_earlier_years_only_once_at_school(bundle: Bundle) -> None:
    attendance = bundle.read("attendance.csv")
    pupils = bundle.read("pupils.csv").join(bundle.read("classes.csv"), on="class_id")
    first_graders = pupils.filter(pl.col("grade_level") == 1)["pupil_id"].implode()
    earlier = attendance.filter(pl.col("date") < date(YEARS[-1], 6, 1))
    assert earlier.height > 0
    assert not earlier["pupil_id"].is_in(first_graders).any()


def test_every_quarter_and_annual_mark_is_present_once(bundle: Bundle, last_year: dict) -> None:
    grades = last_year["grades"]
    pupils = bundle.read("pupils.csv").join(bundle.read("classes.csv"), on="class_id")
    schools = bundle.read("schools.csv").select("school_id", "language")
    pupil = pupils.filter(pl.col("grade_level") == 7).join(schools, on="school_id").row(0, named=True)
    own = grades.filter(pl.col("pupil_id") == pupil["pupil_id"])
    subjects = set(weekly_lessons(7, pupil["language"]))
    assert set(own.filter(pl.col("kind") == "annual")["subject"]) == subjects
    quarter = own.filter(pl.col("kind") == "quarter").group_by("subject").len()
    assert set(quarter["subject"]) == subjects
    assert (quarter["len"] == 4).all()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("grades.csv", ("pupil_id", "subject", "date", "kind")),
        ("attendance.csv", ("pupil_id", "date", "subject")),
        ("lms_events.csv", ("pupil_id", "timestamp", "subject", "event")),
    ],
)
def test_natural_keys_are_unique(bundle: Bundle, name: str, key: tuple[str, ...]) -> None:
    frame = bundle.read(name)
    assert frame.select(key).is_duplicated().sum() == 0
    assert frame["pupil_id"].is_in(bundle.read("pupils.csv")["pupil_id"].implode()).all()


def test_attendance_rows_are_exceptions_on_school_days(bundle: Bundle) -> None:
    attendance = bundle.read("attendance.csv")
    days = {d for year in YEARS for d in school_days(year)}
    assert set(attendance["date"].unique()) <= days
    assert set(attendance["status"]) <= set(ATTENDANCE_STATUSES)
    whole_day = attendance.filter(pl.col("subject").is_null())
    lesson = attendance.filter(pl.col("subject").is_not_null())
    assert whole_day.height > lesson.height > 0
    assert set(lesson["status"]) == {"absent_unexcused", "late"}


def test_lms_events_are_well_formed(bundle: Bundle) -> None:
    lms = bundle.read("lms_events.csv")
    assert lms["timestamp"].str.contains(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$").all()
    assert set(lms["event"]) == set(LMS_EVENTS)
    assert "Jismoniy tarbiya" not in set(lms["subject"].drop_nulls())
    tests = lms.filter(pl.col("event") == "test")
    assert tests["score"].null_count() == 0
    assert tests["score"].is_between(0, 100).all()
    assert lms.filter(pl.col("event") != "test")["score"].null_count() == lms.height - tests.height
    assert (
        lms.filter(pl.col("event") == "login")["subject"].null_count()
        == lms.filter(pl.col("event") == "login").height
    )


def test_notes_are_written_by_staff_of_the_pupils_school_on_school_days(bundle: Bundle) -> None:
    notes = bundle.read("notes.csv")
    pupils = bundle.read("pupils.csv").select("pupil_id", "class_id")
    staff = bundle.read("staff.csv").select("staff_id", "school_id")
    joined = notes.join(pupils, on="pupil_id", how="left").join(
        staff, left_on="author_id", right_on="staff_id", how="left"
    )
    assert (joined["class_id"].str.slice(0, 5) == joined["school_id"]).all()
    days = {d for year in YEARS for d in school_days(year)}
    assert set(notes["date"]) <= days
    assert notes["text"].str.contains("\n").any()  # quoting survives a newline in free text
