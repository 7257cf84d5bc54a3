"""Distributions look like an Uzbek school's, and the hidden causes leave learnable traces.

Bands are tolerant (a 1,400-pupil district is noisy) but tight enough to catch a broken generator.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import polars as pl
import pytest

from model.school_calendar import school_days

from .conftest import YEARS, Bundle

pytestmark = pytest.mark.data
N_DAYS = len(school_days(YEARS[-1]))


@pytest.fixture(scope="module")
def absence(bundle: Bundle, last_year: dict) -> pl.DataFrame:
    """Share of last year's school days each pupil missed (whole-day absences)."""
    missed = (
        last_year["attendance"]
        .filter(pl.col("subject").is_null() & pl.col("status").str.starts_with("absent"))
        .group_by("pupil_id")
        .len()
    )
    pupils = bundle.read("pupils.csv").select("pupil_id")
    return pupils.join(missed, on="pupil_id", how="left").select(
        "pupil_id", rate=pl.col("len").fill_null(0) / N_DAYS
    )


def test_daily_marks_spread_like_a_real_e_diary(last_year: dict) -> None:
    daily = last_year["grades"].filter(pl.col("kind") == "daily")["mark"]
    share = {mark: (daily == mark).mean() for mark in range(1, 6)}
    assert share[1] < 0.003
    assert 0.03 <= share[2] <= 0.09
    assert 0.18 <= share[3] <= 0.32
    assert 0.33 <= share[4] <= 0.47
    assert 0.24 <= share[5] <= 0.38


def test_marks_per_pupil_year_and_failing_quarters(bundle: Bundle, last_year: dict) -> None:
    grades = last_year["grades"]
    marked = grades["pupil_id"].n_unique()
    assert 230 <= grades.height / marked <= 360
    failing = grades.filter((pl.col("kind") == "quarter") & (pl.col("mark") <= 2))["pupil_id"].n_unique()
    assert 0.06 <= failing / marked <= 0.25


def test_absence_is_moderate_on_average_with_a_chronic_minority(absence: pl.DataFrame) -> None:
    assert 0.035 <= absence["rate"].mean() <= 0.075
    assert 0.06 <= (absence["rate"] >= 0.1).mean() <= 0.18


def test_absences_come_in_streaks(last_year: dict) -> None:
    index = {day: i for i, day in enumerate(school_days(YEARS[-1]))}
    absent = last_year["attendance"].filter(
        pl.col("subject").is_null() & pl.col("status").str.starts_with("absent")
    )
    days = {(p, index[d]) for p, d in absent.select("pupil_id", "date").iter_rows()}
    follow_on = sum((p, i - 1) in days for p, i in days) / len(days)
    assert follow_on > 0.35  # far above the ~5% an independent daily draw would give


def test_pupils_who_miss_more_get_lower_marks(absence: pl.DataFrame, last_year: dict) -> None:
    marks = (
        last_year["grades"].filter(pl.col("kind") == "daily").group_by("pupil_id").agg(pl.col("mark").mean())
    )
    joined = absence.join(marks, on="pupil_id")
    assert joined.select(pl.corr("rate", "mark")).item() < -0.1


def test_missed_homework_foretells_marks_beyond_current_marks(last_year: dict) -> None:
    """Disengagement shows in the LMS before it shows in marks: a lead the model can learn."""
    midyear = date(YEARS[-1] + 1, 1, 1)
    work = last_year["lms"].filter(pl.col("event").is_in(["submit", "submit_late", "missed"]))
    missed = (
        work.filter(pl.col("ts").dt.date() < midyear)
        .group_by("pupil_id")
        .agg(miss=(pl.col("event") == "missed").mean())
    )
    daily = last_year["grades"].filter(pl.col("kind") == "daily")
    before = daily.filter(pl.col("date") < midyear).group_by("pupil_id").agg(before=pl.col("mark").mean())
    after = daily.filter(pl.col("date") >= midyear).group_by("pupil_id").agg(after=pl.col("mark").mean())
    joined = missed.join(before, on="pupil_id").join(after, on="pupil_id")
    b, a, m = (joined[c].to_numpy() for c in ("before", "after", "miss"))
    residual = a - np.polyval(np.polyfit(b, a, 1), b)
    assert np.corrcoef(m, residual)[0, 1] < -0.08


def test_urban_pupils_use_the_lms_more(bundle: Bundle, last_year: dict) -> None:
    locality = (
        bundle.read("pupils.csv")
        .join(bundle.read("classes.csv"), on="class_id")
        .join(bundle.read("schools.csv"), on="school_id")
        .select("pupil_id", "locality")
    )
    events = last_year["lms"].group_by("pupil_id").len()
    per_pupil = locality.join(events, on="pupil_id", how="left").fill_null(0)
    mean = dict(per_pupil.group_by("locality").agg(pl.col("len").mean()).iter_rows())
    assert mean["urban"] > 1.2 * mean["rural"]
    assert 60 <= per_pupil["len"].mean() <= 130


def test_russian_schools_write_names_in_cyrillic(bundle: Bundle) -> None:
    pupils = (
        bundle.read("pupils.csv")
        .join(bundle.read("classes.csv"), on="class_id")
        .join(
            bundle.read("schools.csv").select("school_id", pl.col("language").alias("school_language")),
            on="school_id",
        )
        .with_columns(cyrillic=pl.col("full_name").str.contains(r"[А-Яа-яЎўҚқҒғҲҳ]"))
    )
    share = dict(
        pupils.group_by(pl.col("school_language") == "ru").agg(pl.col("cyrillic").mean()).iter_rows()
    )
    assert share[True] > 0.7
    assert 0.03 < share[False] < 0.2
    assert (
        pupils["full_name"]
        .str.contains(r"(o['ʻ’]g['ʻ’]li|qizi|ovich|evich|ovna|evna|ўғли|қизи|вич|вна)$")
        .all()
    )
    phones = bundle.read("pupils.csv")["guardian_phone"].str.replace_all(r"\D", "")
    assert phones.str.contains(r"^(998|8)?(90|91|93|94|95|97|98|99|33|88|77|50)\d{7}$").all()


def test_a_few_teachers_mark_clearly_lower_than_their_pupils_usual(last_year: dict) -> None:
    """Weak teachers are a hidden cause the principal's report should surface."""
    daily = last_year["grades"].filter(pl.col("kind") == "daily")
    usual = daily.group_by("pupil_id").agg(usual=pl.col("mark").mean())
    gap = (
        daily.join(usual, on="pupil_id")
        .group_by("teacher_id", "subject")
        .agg(gap=(pl.col("mark") - pl.col("usual")).mean(), marks=pl.len())
        .filter(pl.col("marks") >= 200)
    )
    weak_share = (gap["gap"] < -0.3).mean()
    assert gap.height >= 50
    assert 0.01 <= weak_share <= 0.2
