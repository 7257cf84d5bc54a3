"""Trend signals as of Wednesday 3 December 2025 and who is told about them.

Each rule fires on a pupil built to trip it and stays quiet on a steady one; boundaries are the rule's own
numbers (exactly M marks, exactly K days); records dated from the as-of date on never change a signal.
"""

from __future__ import annotations

import time as clock
from datetime import date, datetime, time, timedelta

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import theilslopes

from model.alert_routing import recipients
from model.records import PupilRecords
from model.signals import Signal, detect_signals
from model.theil_sen import theil_sen_slopes
from tests.model.features.conftest import Diary

AS_OF = date(2025, 12, 3)  # the falling window starts 22 October; its second half on 12 November
FALLING_DAYS = [date(2025, 10, d) for d in (22, 27, 30)] + [date(2025, 11, d) for d in (12, 17, 21, 26)]
FALLING_DAYS.append(date(2025, 12, 1))


def at(day: date, hour: int = 18) -> datetime:
    return datetime.combine(day, time(hour))


@pytest.fixture
def diary() -> Diary:
    return Diary()


def signals(diary: Diary, reason: str, as_of: date = AS_OF) -> list[Signal]:
    return [s for s in detect_signals(diary.records(), as_of) if s.reason == reason]


def marks(diary: Diary, pupil: str, subject: str, days: list[date], values: list[int]) -> None:
    for day, mark in zip(days, values, strict=True):
        diary.mark(pupil, subject, day, mark)


def logins(diary: Diary, pupil: str, first: date, last: date) -> None:
    for offset in range((last - first).days + 1):
        diary.lms_event(pupil, at(first + timedelta(days=offset)), "login")


def test_marks_falling_fires_with_theil_sen_facts_and_steady_marks_stay_quiet(diary: Diary) -> None:
    falling = [5, 5, 4, 4, 3, 3, 2, 2]
    marks(diary, "ali", "Matematika", FALLING_DAYS, falling)
    marks(diary, "bek", "Matematika", FALLING_DAYS, [4] * 8)
    [signal] = signals(diary, "marks_falling")
    weeks = [(day - AS_OF).days / 7 for day in FALLING_DAYS]
    assert (signal.pupil_id, signal.subject) == ("ali", "Matematika")
    assert signal.facts["slope"] == pytest.approx(theilslopes(falling, weeks).slope)
    assert signal.facts["first_half_mean"] == pytest.approx(14 / 3)  # 22, 27 and 30 October
    assert signal.facts["last_half_mean"] == pytest.approx(14 / 5)
    assert signal.facts["marks_count"] == 8
    assert signal.severity == pytest.approx(signal.facts["slope"] / -0.15)


def test_one_bad_day_is_not_a_falling_trend(diary: Diary) -> None:
    """Least squares would call this falling (−0.18 a week); the median of pairwise slopes is 0."""
    marks(diary, "ali", "Matematika", FALLING_DAYS, [4] * 7 + [2])
    assert signals(diary, "marks_falling") == []


@pytest.mark.parametrize(("count", "fires"), [(5, True), (4, False)])
def test_marks_falling_needs_at_least_m_marks_in_the_window(diary: Diary, count: int, fires: bool) -> None:
    days = [date(2025, 10, 22), date(2025, 10, 30), date(2025, 11, 12), date(2025, 11, 21), date(2025, 12, 1)]
    marks(diary, "ali", "Matematika", days[-count:], [5, 4, 4, 3, 2][-count:])
    diary.mark("ali", "Matematika", date(2025, 10, 21), 5)  # a day before the window: not counted
    assert bool(signals(diary, "marks_falling")) is fires


def test_theil_sen_matches_scipy_per_group() -> None:
    rng = np.random.default_rng(7)
    groups = np.repeat(np.arange(40), 9)
    x = rng.integers(-42, 0, groups.size) / 7
    y = rng.integers(1, 6, groups.size).astype(float)
    points = pl.DataFrame({"key": groups, "x": x, "y": y}).sample(fraction=1.0, shuffle=True, seed=3)
    found = dict(theil_sen_slopes(points, "key", min_points=5).iter_rows())
    for g in range(40):
        xs, ys = x[groups == g], y[groups == g]
        if len(set(xs)) > 1:
            assert found[g] == pytest.approx(theilslopes(ys, xs).slope), g


@pytest.mark.parametrize(
    ("absent", "streak"),
    [
        ([date(2025, 12, 2), date(2025, 12, 1), date(2025, 11, 29)], 3),  # Sunday 30 November in between
        ([date(2025, 12, 2), date(2025, 12, 1), date(2025, 11, 29), date(2025, 11, 28)], 4),
        ([date(2025, 12, 2), date(2025, 12, 1)], None),
        ([date(2025, 12, 2), date(2025, 12, 1), date(2025, 11, 28)], None),  # at school on the Saturday
        ([date(2025, 11, 26), date(2025, 11, 27), date(2025, 11, 28)], None),  # over before the as-of date
    ],
)
def test_absence_streak_counts_teaching_days_up_to_the_as_of_date(
    diary: Diary, absent: list[date], streak: int | None
) -> None:
    for day in absent:
        diary.attend("bek", day, "absent_excused")
    found = signals(diary, "absence_streak")
    assert [s.facts["streak_days"] for s in found] == ([] if streak is None else [streak])


def test_absence_streak_spans_a_holiday_and_counts_unexcused_days(diary: Diary) -> None:
    """Monday 8 December is Constitution Day: Friday, Saturday and Tuesday are three days in a row."""
    diary.attend("bek", date(2025, 12, 5), "absent_unexcused")
    diary.attend("bek", date(2025, 12, 6), "absent_excused")
    diary.attend("bek", date(2025, 12, 9), "absent_unexcused")
    diary.attend("bek", date(2025, 12, 9), "absent_excused")  # two rows for one day are one day
    [signal] = signals(diary, "absence_streak", as_of=date(2025, 12, 10))
    assert signal.facts == {"streak_days": 3.0, "unexcused_days": 2.0}
    assert signal.severity == 1.0


def test_lesson_absences_and_lateness_are_not_whole_days_away(diary: Diary) -> None:
    for day in (date(2025, 11, 29), date(2025, 12, 1), date(2025, 12, 2)):
        diary.attend("bek", day, "absent_unexcused", "Matematika")
        diary.attend("gul", day, "late")
        diary.attend("ali", day, "present")
    assert signals(diary, "absence_streak") == []


@pytest.mark.parametrize(("last_login", "fires"), [(date(2025, 11, 19), True), (date(2025, 11, 20), False)])
def test_lms_silence_of_d_days_after_being_active(diary: Diary, last_login: date, fires: bool) -> None:
    logins(diary, "gul", date(2025, 10, 1), last_login)
    logins(diary, "ali", date(2025, 10, 1), date(2025, 12, 2))
    found = signals(diary, "lms_disengaged")
    assert [s.pupil_id for s in found] == (["gul"] if fires else [])
    if fires:
        assert found[0].facts["days_since_login"] == 14
        assert found[0].facts["logins_before"] >= 3


def test_lms_silence_needs_activity_before_it(diary: Diary) -> None:
    diary.lms_event("gul", at(date(2025, 10, 20)), "login")
    diary.lms_event("gul", at(date(2025, 10, 21)), "login")
    assert signals(diary, "lms_disengaged") == []


def test_school_breaks_do_not_count_as_lms_silence(diary: Diary) -> None:
    """By 14 January the winter break has lasted two weeks: only a pupil silent before it is flagged."""
    logins(diary, "ali", date(2025, 11, 10), date(2025, 12, 26))
    logins(diary, "gul", date(2025, 11, 10), date(2025, 12, 10))
    found = signals(diary, "lms_disengaged", as_of=date(2026, 1, 14))
    assert [(s.pupil_id, s.facts["days_since_login"]) for s in found] == [("gul", 20.0)]


@pytest.mark.parametrize(("missed", "fires"), [(3, True), (2, False)])
def test_missed_submissions_in_the_recent_weeks(diary: Diary, missed: int, fires: bool) -> None:
    logins(diary, "ali", date(2025, 11, 10), date(2025, 12, 2))
    for day in range(missed):
        diary.lms_event("ali", at(date(2025, 11, 24 + day)), "missed", "Fizika")
    diary.lms_event("ali", at(date(2025, 11, 18)), "missed", "Fizika")  # before the two weeks
    found = signals(diary, "lms_disengaged")
    assert [s.facts.get("missed_submissions") for s in found] == ([missed] if fires else [])


@pytest.mark.parametrize(("subjects", "fires"), [(3, True), (2, False)])
def test_sudden_drop_across_subjects(diary: Diary, subjects: int, fires: bool) -> None:
    """Baseline 8 October – 18 November, recent 19 November – 2 December."""
    baseline = [date(2025, 10, 15), date(2025, 10, 29), date(2025, 11, 12)]
    recent = [date(2025, 11, 24), date(2025, 12, 1)]
    for subject in ("Ona tili", "Matematika", "Tarix")[:subjects]:
        marks(diary, "ali", subject, baseline + recent, [5, 5, 5, 4, 4])
        marks(diary, "bek", subject, baseline + recent, [4, 4, 4, 4, 4])
    marks(diary, "ali", "Fizika", baseline + recent, [5, 5, 5, 5, 4])  # a drop of 0.5: not counted
    found = signals(diary, "sudden_drop")
    assert [s.pupil_id for s in found] == (["ali"] if fires else [])
    if fires:
        assert found[0].facts == pytest.approx({"subjects_dropped": 3, "mean_drop": 1.0, "largest_drop": 1.0})


def test_pupils_off_the_roster_and_empty_records_give_no_signals(diary: Diary) -> None:
    for day in (date(2025, 11, 29), date(2025, 12, 1), date(2025, 12, 2)):
        diary.attend("left-school", day, "absent_unexcused")
    assert detect_signals(diary.records(), AS_OF) == []
    assert detect_signals(busy_diary().records(), date(2026, 7, 1)) == []  # the summer: nothing under way


def busy_diary() -> Diary:
    """Every rule fires once: ali's marks fall, bek is away, gul went quiet, dil drops in three subjects."""
    diary = Diary().pupil("dil", "5-A", 5)
    marks(diary, "ali", "Matematika", FALLING_DAYS, [5, 5, 4, 4, 3, 3, 2, 2])
    for day in (date(2025, 11, 29), date(2025, 12, 1), date(2025, 12, 2)):
        diary.attend("bek", day, "absent_unexcused")
    logins(diary, "gul", date(2025, 10, 1), date(2025, 11, 15))
    days = [date(2025, 10, 15), date(2025, 10, 29), date(2025, 11, 24), date(2025, 12, 1)]
    for subject in ("Ona tili", "Tarix", "Fizika"):
        marks(diary, "dil", subject, days, [5, 5, 3, 3])
    return diary


@pytest.fixture(scope="module")
def busy_signals() -> list[Signal]:
    return detect_signals(busy_diary().records(), AS_OF)


on_or_after = st.integers(0, 200).map(lambda n: AS_OF + timedelta(days=n))
pupils = st.sampled_from(["ali", "bek", "gul", "nur", "dil"])
subjects = st.sampled_from(["Matematika", "Tarix"])
statuses = st.sampled_from(["present", "absent_excused", "absent_unexcused"])
hours = st.integers(0, 23)


@settings(max_examples=40, deadline=None)
@given(
    new_marks=st.lists(st.tuples(pupils, subjects, on_or_after, st.integers(1, 5)), max_size=8),
    absences=st.lists(st.tuples(pupils, on_or_after, statuses), max_size=8),
    events=st.lists(st.tuples(pupils, on_or_after, st.sampled_from(["login", "missed"]), hours), max_size=8),
)
def test_records_from_the_as_of_date_on_change_no_signal(
    busy_signals: list[Signal],
    new_marks: list[tuple[str, str, date, int]],
    absences: list[tuple[str, date, str]],
    events: list[tuple[str, date, str, int]],
) -> None:
    diary = busy_diary()
    for pupil, subject, day, mark in new_marks:
        diary.mark(pupil, subject, day, mark)
    for pupil, day, status in absences:
        diary.attend(pupil, day, status)
    for pupil, day, event, hour in events:
        diary.lms_event(pupil, at(day, hour), event)
    assert detect_signals(diary.records(), AS_OF) == busy_signals


def test_the_busy_diary_trips_every_rule_and_the_day_before_counts(busy_signals: list[Signal]) -> None:
    assert sorted({s.reason for s in busy_signals}) == [
        "absence_streak",
        "lms_disengaged",
        "marks_falling",
        "sudden_drop",
    ]
    diary = busy_diary()
    diary.attend("bek", date(2025, 11, 28), "absent_unexcused")  # the streak grows to four
    assert detect_signals(diary.records(), AS_OF) != busy_signals


def test_recipients_are_the_class_teacher_and_the_subject_teacher_once_each() -> None:
    class_teacher = {"ali": "T1", "bek": "T2"}
    subject_teacher = {("ali", "Matematika"): "T9", ("bek", "Matematika"): "T2"}
    falling = Signal("ali", "marks_falling", "Matematika", {}, 1.0)
    assert recipients(falling, class_teacher, subject_teacher) == ["T1", "T9"]
    own_class = Signal("bek", "marks_falling", "Matematika", {}, 1.0)
    assert recipients(own_class, class_teacher, subject_teacher) == ["T2"]  # teaches her own class
    away = Signal("ali", "absence_streak", None, {}, 1.0)
    assert recipients(away, class_teacher, subject_teacher) == ["T1"]
    unknown = Signal("gul", "marks_falling", "Tarix", {}, 1.0)
    assert recipients(unknown, class_teacher, subject_teacher) == []


@pytest.mark.slow
def test_a_school_district_of_20000_pupils_in_seconds() -> None:
    """Three months of diary and LMS for 20,000 pupils: a generous bound for a shared 2-core machine."""
    rng = np.random.default_rng(0)
    n, subjects = 20_000, np.array(["Ona tili", "Matematika", "Tarix", "Fizika", "Ingliz tili", "Biologiya"])
    ids = np.array([f"P{i:06d}" for i in range(n)])
    start = np.datetime64("2025-09-02")

    def draw(rows: int, days: int = 92) -> tuple[np.ndarray, np.ndarray]:
        return ids[rng.integers(0, n, rows)], start + rng.integers(0, days, rows).astype("timedelta64[D]")

    who, day = draw(n * 6 * 26)
    grades = {
        "pupil_id": who,
        "subject": subjects[rng.integers(0, 6, who.size)],
        "date": day,
        "kind": "daily",
    }
    who_a, day_a = draw(n * 8)
    who_l, day_l = draw(n * 60)
    records = PupilRecords.from_frames(
        pupils=pl.DataFrame(
            {"pupil_id": ids, "class_id": [f"C{i // 30}" for i in range(n)], "grade_level": 7}
        ),
        marks=pl.DataFrame(grades | {"mark": rng.integers(2, 6, who.size)}),
        attendance=pl.DataFrame(
            {"pupil_id": who_a, "date": day_a, "subject": None, "status": "absent_excused"}
        ),
        lms=pl.DataFrame(
            {"pupil_id": who_l, "timestamp": day_l.astype("datetime64[ms]"), "subject": None}
        ).with_columns(event=pl.lit("login")),
        notes=pl.DataFrame({"pupil_id": ids[:1], "date": [AS_OF]}),
    )
    started = clock.perf_counter()
    found = detect_signals(records, AS_OF)
    assert clock.perf_counter() - started < 30
    assert {s.reason for s in found} >= {"marks_falling", "sudden_drop"}
