"""Monitoring for the principal: a falling class is found, a steady one is not, small groups never show."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import polars as pl
import pytest
from scipy import stats

from model.monitoring import (
    PAIRED_TEST,
    UNPAIRED_TEST,
    attendance_by_class,
    class_subject_changes,
    flagged_by_class,
    lms_by_class,
)
from model.school_calendar import quarters, school_days
from model.support_advice import recommend_support

Q1, Q2 = quarters(2025)[:2]
NUMBERS = ("pupils_now", "pupils_before", "pupils_paired", "mean_before", "mean_now", "change", "p_value")


def roster(**classes: int) -> pl.DataFrame:
    """`roster(B7=20)`: pupils B7-00 … B7-19 in class B7."""
    rows = [(f"{c}-{i:02d}", c) for c, n in classes.items() for i in range(n)]
    return pl.DataFrame(rows, schema={"pupil_id": pl.String, "class_id": pl.String}, orient="row")


def marks_for(
    pupils: list[str], subject: str, quarter_start: date, shift: float, seed: int, kind: str = "daily"
) -> list[tuple[str, str, date, str, int]]:
    """Six marks per pupil in the fortnights after `quarter_start`: the pupil's level plus `shift`, ±1."""
    rng = random.Random(seed)
    rows = []
    for pupil in pupils:
        level = 3 + int(pupil[-2:]) % 3  # 3, 4 or 5, the same in every quarter
        for k in range(6):
            mark = min(5, max(1, round(level + shift + rng.choice((-1, 0, 0, 0, 1)))))
            rows.append((pupil, subject, quarter_start + timedelta(days=7 * k + 1), kind, mark))
    return rows


def frame(rows: list[tuple[str, str, date, str, int]]) -> pl.DataFrame:
    schema = {
        "pupil_id": pl.String,
        "subject": pl.String,
        "date": pl.Date,
        "kind": pl.String,
        "mark": pl.Int8,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def row(changes: pl.DataFrame, class_id: str, subject: str) -> dict[str, object]:
    (found,) = changes.filter((pl.col("class_id") == class_id) & (pl.col("subject") == subject)).to_dicts()
    return found


@pytest.fixture
def seventh() -> tuple[pl.DataFrame, pl.DataFrame]:
    """7-B's Matematika falls by a whole mark from Q1 to Q2; its Fizika and all of 7-A hold steady."""
    pupils = roster(B7=20, A7=18)
    b7 = pupils.filter(pl.col("class_id") == "B7")["pupil_id"].to_list()
    a7 = pupils.filter(pl.col("class_id") == "A7")["pupil_id"].to_list()
    rows = (
        marks_for(b7, "Matematika", Q1.start, 0, seed=1)
        + marks_for(b7, "Matematika", Q2.start, -1, seed=2)
        + marks_for(b7, "Fizika", Q1.start, 0, seed=3)
        + marks_for(b7, "Fizika", Q2.start, 0, seed=4, kind="test")
        + marks_for(a7, "Matematika", Q1.start, 0, seed=5)
        + marks_for(a7, "Matematika", Q2.start, 0, seed=6)
    )
    # Quarter marks are the teacher's summary, not evidence: they must not count.
    rows += [(p, "Fizika", Q2.end, "quarter", 1) for p in b7]
    return frame(rows), pupils


def test_a_class_whose_marks_fall_by_one_point_is_slipping(
    seventh: tuple[pl.DataFrame, pl.DataFrame],
) -> None:
    changes = class_subject_changes(*seventh, Q2, Q1)
    falling = row(changes, "B7", "Matematika")
    assert falling["slipping"] is True
    assert falling["change"] == pytest.approx(-1.0, abs=0.25)
    assert falling["p_value"] < 0.05  # type: ignore[operator]
    assert falling["pupils_now"] == falling["pupils_before"] == 20
    assert not falling["suppressed"]


def test_steady_classes_and_subjects_are_not_slipping(seventh: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    changes = class_subject_changes(*seventh, Q2, Q1)
    for class_id, subject in (("B7", "Fizika"), ("A7", "Matematika")):
        steady = row(changes, class_id, subject)
        assert steady["slipping"] is False
        assert abs(steady["change"]) < 0.3  # type: ignore[arg-type]
    assert changes["slipping"].sum() == 1


def test_the_thresholds_are_the_callers(seventh: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    assert not class_subject_changes(*seventh, Q2, Q1, slip_change=-1.5)["slipping"].any()
    assert not class_subject_changes(*seventh, Q2, Q1, alpha=1e-12)["slipping"].any()


def test_the_paired_test_runs_when_pupils_appear_in_both_quarters(
    seventh: tuple[pl.DataFrame, pl.DataFrame],
) -> None:
    marks, pupils = seventh
    falling = row(class_subject_changes(marks, pupils, Q2, Q1), "B7", "Matematika")
    assert (falling["test"], falling["pupils_paired"]) == (PAIRED_TEST, 20)

    # Different pupils in each quarter (a class re-formed): nothing to pair, the groups are compared.
    first, second = pupils["pupil_id"][:10].to_list(), pupils["pupil_id"][10:20].to_list()
    unpaired = frame(
        marks_for(first, "Tarix", Q1.start, 0, 7) + marks_for(second, "Tarix", Q2.start, -1.5, 8)
    )
    result = row(class_subject_changes(unpaired, pupils, Q2, Q1), "B7", "Tarix")
    assert (result["test"], result["pupils_paired"]) == (UNPAIRED_TEST, None)
    assert result["slipping"] is True


def test_tied_differences_in_a_small_class_get_scipys_exact_p_value() -> None:
    pupils = roster(C5=8)
    ids = pupils["pupil_id"].to_list()
    before = [4, 4, 3, 5, 4, 3, 4, 5]
    now = [3, 3, 3, 4, 3, 3, 4, 3]  # differences -1 five times, 0 twice, -2 once: ties and zeros
    rows = [(p, "Tarix", Q1.start + timedelta(days=3), "daily", m) for p, m in zip(ids, before, strict=True)]
    rows += [(p, "Tarix", Q2.start + timedelta(days=3), "daily", m) for p, m in zip(ids, now, strict=True)]
    result = row(class_subject_changes(frame(rows), pupils, Q2, Q1), "C5", "Tarix")
    differences = [n - b for n, b in zip(now, before, strict=True)]
    expected = stats.wilcoxon(differences, zero_method="pratt").pvalue  # SciPy's exhaustive permutations
    assert result["p_value"] == pytest.approx(expected, rel=1e-12)


def test_no_change_at_all_gives_p_one_not_an_error() -> None:
    pupils = roster(C5=6)
    ids = pupils["pupil_id"].to_list()
    rows = [(p, "Adabiyot", q.start + timedelta(days=3), "daily", 4) for p in ids for q in (Q1, Q2)]
    result = row(class_subject_changes(frame(rows), pupils, Q2, Q1), "C5", "Adabiyot")
    assert (result["p_value"], result["change"], result["slipping"]) == (1.0, 0.0, False)


def test_a_small_group_is_suppressed_in_every_aggregate() -> None:
    pupils = roster(S9=4, B7=6)
    small = pupils.filter(pl.col("class_id") == "S9")["pupil_id"].to_list()
    big = pupils.filter(pl.col("class_id") == "B7")["pupil_id"].to_list()
    marks = frame(
        marks_for(small + big, "Kimyo", Q1.start, 1, 9) + marks_for(small + big, "Kimyo", Q2.start, -1, 10)
    )
    hidden = row(class_subject_changes(marks, pupils, Q2, Q1), "S9", "Kimyo")
    assert hidden["suppressed"] is True
    assert all(hidden[column] is None for column in NUMBERS)
    assert hidden["slipping"] is False
    assert recommend_support(class_subject_changes(marks, pupils, Q2, Q1))[0].class_id == "B7"

    absent = pl.DataFrame(
        {"pupil_id": [small[0]], "date": [Q2.start], "subject": [""], "status": ["absent_unexcused"]}
    )
    logins = pl.DataFrame(
        {"pupil_id": small, "timestamp": [datetime(2025, 11, 12, 18)] * 4, "event": ["login"] * 4}
    )
    scores = pl.DataFrame({"pupil_id": small + big, "tier": ["high"] * 10})
    for result in (
        attendance_by_class(absent, pupils, Q2, Q1),
        lms_by_class(logins, pupils, Q2, Q1),
        flagged_by_class(scores, pupils),
    ):
        (hidden,) = result.filter(pl.col("class_id") == "S9").to_dicts()
        assert hidden["suppressed"] is True
        assert set(hidden.values()) == {"S9", True, None}
        (shown,) = result.filter(pl.col("class_id") == "B7").to_dicts()
        assert shown["suppressed"] is False
        assert shown["pupils"] == 6


def test_attendance_counts_whole_day_absences_on_teaching_days() -> None:
    pupils = roster(B7=5)
    days = [d for d in school_days(2025) if d in Q2]
    through = days[19]  # the quarter is twenty teaching days old
    rows = [("B7-00", d, "", "absent_excused") for d in days[:4]]
    rows += [
        ("B7-00", days[0], "Fizika", "absent_unexcused"),  # the same day, one lesson: still one day
        ("B7-01", days[1], "", "late"),  # late is present
        ("B7-02", date(2025, 11, 16), "", "absent_unexcused"),  # a Sunday: a diary mistake
        ("B7-03", days[25], "", "absent_unexcused"),  # after `through`
        ("B7-04", Q1.start, "", "absent_unexcused"),
    ]
    schema = {"pupil_id": pl.String, "date": pl.Date, "subject": pl.String, "status": pl.String}
    attendance = pl.DataFrame(rows, schema=schema, orient="row")
    (result,) = attendance_by_class(attendance, pupils, Q2, Q1, through=through).to_dicts()
    q1_days = sum(1 for d in school_days(2025) if d in Q1)
    assert result["rate_now"] == pytest.approx(1 - 4 / (5 * 20))
    assert result["rate_before"] == pytest.approx(1 - 1 / (5 * q1_days))
    assert result["change"] == pytest.approx(result["rate_now"] - result["rate_before"])


def test_lms_logins_are_per_pupil_week_and_silent_pupils_count_as_zero() -> None:
    pupils = roster(B7=5)
    q1_weeks = ((Q1.end - Q1.start).days + 1) / 7
    stamps = [
        datetime.combine(Q1.start, datetime.min.time()) + timedelta(hours=20 + 24 * k) for k in range(40)
    ]
    lms = pl.DataFrame(
        {
            "pupil_id": ["B7-00"] * 40 + ["B7-01"] * 2,
            "timestamp": [*stamps, datetime(2025, 11, 11, 19), datetime(2025, 11, 11, 19, 5)],
            "event": ["login"] * 40 + ["login", "submit"],
        }
    )
    (result,) = lms_by_class(lms, pupils, Q2, Q1, through=date(2025, 11, 23)).to_dicts()
    assert result["logins_before"] == pytest.approx(40 / (5 * q1_weeks))
    assert result["logins_now"] == pytest.approx(1 / (5 * 2))


def test_flagged_counts_each_flagged_tier_among_scored_pupils() -> None:
    pupils = roster(B7=8)
    scores = pl.DataFrame(
        {"pupil_id": [f"B7-0{i}" for i in range(6)], "tier": ["high", "medium", "low", "low", "low", "high"]}
    )
    (result,) = flagged_by_class(scores, pupils).to_dicts()
    assert result == {
        "class_id": "B7",
        "pupils": 8,
        "scored": 6,
        "flagged": 3,
        "high": 2,
        "medium": 1,
        "suppressed": False,
    }


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("uz", "7-B Matematika: o'qituvchiga metodik yordam"),
        ("ru", "7-B Matematika: методическая поддержка учителя"),
        ("en", "7-B Matematika: methodological support for the teacher"),
    ],
)
def test_recommendations_name_the_class_and_subject_in_each_language(
    seventh: tuple[pl.DataFrame, pl.DataFrame], lang: str, words: str
) -> None:
    changes = class_subject_changes(*seventh, Q2, Q1)
    (advice,) = recommend_support(changes, {"B7": "7-B", "A7": "7-A"}, lang=lang)
    assert advice.text.startswith(words)
    assert (advice.class_id, advice.subject) == ("B7", "Matematika")
    assert f"{advice.mean_before:.2f} → {advice.mean_now:.2f}" in advice.text


def test_uzbek_is_the_default_and_an_unknown_language_is_refused(
    seventh: tuple[pl.DataFrame, pl.DataFrame],
) -> None:
    changes = class_subject_changes(*seventh, Q2, Q1)
    assert "metodik yordam" in recommend_support(changes)[0].text
    with pytest.raises(ValueError, match="uz, ru, en"):
        recommend_support(changes, lang="de")
