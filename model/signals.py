"""Trend signals: plain rules that watch the diary and the LMS and say what changed, between model runs.

The model's flag says "at risk"; a signal says why a teacher should look today: marks in one subject falling
steadily, days absent in a row, a pupil gone quiet in the LMS, marks dropping in many subjects at once. Each
rule runs on the whole school's records at once, sees only records dated before the as-of date, and keeps
the numbers it fired on as facts, so a teacher can check them against the diary.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from model.features.marks import LESSON_KINDS
from model.features.windows import year_start
from model.records import PupilRecords
from model.school_calendar import academic_year_of, quarters, school_days
from model.theil_sen import theil_sen_slopes

REASONS = ("marks_falling", "absence_streak", "lms_disengaged", "sudden_drop")
NOT_ABSENT = ("present", "late")


@dataclass(frozen=True)
class Signal:
    """One rule firing for a pupil (and subject, for subject rules); severity ≥ 1: how far past the line."""

    pupil_id: str
    reason: str
    subject: str | None
    facts: dict[str, float]
    severity: float


@dataclass(frozen=True)
class SignalRules:
    """Where each rule draws its line; defaults are what a class teacher would call worth a look."""

    falling_weeks: int = 6
    falling_slope_per_week: float = -0.15
    falling_min_marks: int = 5
    absence_streak_days: int = 3
    lms_silent_days: int = 14
    lms_active_weeks: int = 4
    lms_active_min_logins: int = 3
    lms_missed_weeks: int = 2
    lms_missed_submissions: int = 3
    drop_recent_weeks: int = 2
    drop_baseline_weeks: int = 6
    drop_min_fall: float = 0.7
    drop_min_subjects: int = 3
    drop_min_marks: int = 2  # in each window, for a subject's means to count


def detect_signals(records: PupilRecords, as_of: date, rules: SignalRules = SignalRules()) -> list[Signal]:
    """Every rule over every pupil on the roster, as known the morning of `as_of`, in a stable order."""
    known = records.before(as_of)
    roster = known.pupils.select("pupil_id")
    found = (
        ("marks_falling", falling_marks(known.marks, as_of, rules)),
        ("absence_streak", absence_streaks(known.attendance, as_of, rules)),
        ("lms_disengaged", lms_disengagement(known.lms, as_of, rules)),
        ("sudden_drop", sudden_drops(known.marks, as_of, rules)),
    )
    signals = [
        signal
        for reason, frame in found
        for signal in _to_signals(frame.join(roster, on="pupil_id", how="semi"), reason)
    ]
    return sorted(signals, key=lambda s: (s.pupil_id, s.reason, s.subject or ""))


def falling_marks(marks: pl.DataFrame, as_of: date, rules: SignalRules) -> pl.DataFrame:
    """Pupil × subject whose Theil–Sen slope (marks per week) over the window is below the threshold.

    Theil–Sen (the median of pairwise slopes) is used rather than least squares so that one bad day does
    not make a steady pupil look like a falling one. The window stops at 1 September: last May says nothing.
    """
    start = max(as_of - timedelta(weeks=rules.falling_weeks), year_start(as_of))
    middle = start + timedelta(days=(as_of - start).days // 2)
    window = marks.filter(
        pl.col("kind").is_in(LESSON_KINDS) & (pl.col("date") >= start) & pl.col("subject").is_not_null()
    ).select(
        _pupil_subject_key(),
        "pupil_id",
        "subject",
        ((pl.col("date") - pl.lit(as_of)).dt.total_days() / 7.0).alias("x"),
        pl.col("mark").cast(pl.Float64).alias("y"),
        (pl.col("date") < middle).alias("early"),
    )
    threshold = rules.falling_slope_per_week
    falling = theil_sen_slopes(window, "key", rules.falling_min_marks).filter(pl.col("slope") < threshold)
    # Only the few falling groups need their facts, so the per-group filters below stay cheap.
    stats = (
        window.join(falling, on="key", how="semi")
        .group_by("key")
        .agg(
            pl.col("pupil_id").first(),
            pl.col("subject").first().cast(pl.String),
            pl.col("y").filter(pl.col("early")).mean().alias("first_half_mean"),
            pl.col("y").filter(~pl.col("early")).mean().alias("last_half_mean"),
            pl.len().cast(pl.Float64).alias("marks_count"),
        )
    )
    return (
        falling.join(stats, on="key")
        .with_columns((pl.col("slope") / threshold).alias("severity"))
        .drop("key")
    )


def absence_streaks(attendance: pl.DataFrame, as_of: date, rules: SignalRules) -> pl.DataFrame:
    """Pupils absent the whole of each of the last K or more teaching days before `as_of`, without a break.

    Teaching days come from the school calendar, so a Sunday or a holiday inside the run neither breaks nor
    lengthens it; only this academic year counts, so a run that ended in May does not ring in September.
    """
    days = [day for day in school_days(academic_year_of(as_of)) if day < as_of]
    back = range(len(days) - 1, -1, -1)
    numbers = pl.DataFrame({"date": days, "back": back}, schema={"date": pl.Date, "back": pl.Int64})
    absent = (
        attendance.filter(
            (pl.col("subject").cast(pl.String).fill_null("") == "") & ~pl.col("status").is_in(NOT_ABSENT)
        )
        .join(numbers, on="date")
        .group_by("pupil_id", "back")
        .agg((pl.col("status") == "absent_unexcused").any().alias("unexcused"))
        .sort("pupil_id", "back")
    )
    # `back` counts teaching days before today (0 = the last one); the streak is the unbroken run 0, 1, 2…
    in_run = pl.col("back") == pl.int_range(pl.len())
    streaks = absent.group_by("pupil_id").agg(
        in_run.sum().cast(pl.Float64).alias("streak_days"),
        (in_run & pl.col("unexcused")).sum().cast(pl.Float64).alias("unexcused_days"),
    )
    return _subjectless(
        streaks.filter(pl.col("streak_days") >= rules.absence_streak_days).with_columns(
            (pl.col("streak_days") / rules.absence_streak_days).alias("severity")
        )
    )


def lms_disengagement(lms: pl.DataFrame, as_of: date, rules: SignalRules) -> pl.DataFrame:
    """Pupils who were logging in and then fell silent for D term days, or who miss many submissions.

    Silence is counted in days inside quarters, so the winter break does not flag the whole school on the
    first day back; "active before" means enough logins in the weeks before the silence began.
    """
    term_day, today = _term_day_numbers(as_of)
    silent_from = today - rules.lms_silent_days
    active_from = silent_from - 7 * rules.lms_active_weeks
    missed_from = max(as_of - timedelta(weeks=rules.lms_missed_weeks), year_start(as_of))
    events = lms.with_columns(pl.col("timestamp").dt.date().alias("date")).join(term_day, on="date")
    login = pl.col("event") == "login"
    per_pupil = events.group_by("pupil_id").agg(
        (today - pl.col("term_day").filter(login).max()).cast(pl.Float64).alias("days_since_login"),
        (login & pl.col("term_day").is_between(active_from, silent_from)).sum().alias("logins_before"),
        ((pl.col("event") == "missed") & (pl.col("date") >= missed_from)).sum().alias("missed_submissions"),
    )
    silent = (pl.col("days_since_login") >= rules.lms_silent_days) & (
        pl.col("logins_before") >= rules.lms_active_min_logins
    )
    missing = pl.col("missed_submissions") >= rules.lms_missed_submissions
    severity = pl.max_horizontal(
        pl.when(silent).then(pl.col("days_since_login") / rules.lms_silent_days),
        pl.when(missing).then(pl.col("missed_submissions") / rules.lms_missed_submissions),
    )
    fired = per_pupil.filter(silent | missing).with_columns(
        severity.alias("severity"), pl.col("logins_before", "missed_submissions").cast(pl.Float64)
    )
    return _subjectless(fired)


def sudden_drops(marks: pl.DataFrame, as_of: date, rules: SignalRules) -> pl.DataFrame:
    """Pupils whose last two weeks' mean fell by the threshold or more below the six weeks before, in many
    subjects at once: a family event or illness looks like this, a hard topic in one subject does not."""
    first_day = year_start(as_of)
    recent_from = max(as_of - timedelta(weeks=rules.drop_recent_weeks), first_day)
    baseline_from = max(recent_from - timedelta(weeks=rules.drop_baseline_weeks), first_day)
    recent = pl.col("date") >= recent_from
    mark = pl.col("mark").cast(pl.Float64)
    # Masked columns rather than filters inside the aggregation: polars then takes its vectorised path.
    lessons = marks.filter(pl.col("kind").is_in(LESSON_KINDS) & (pl.col("date") >= baseline_from)).select(
        "pupil_id",
        "subject",
        pl.when(recent).then(mark).alias("recent"),
        pl.when(~recent).then(mark).alias("baseline"),
    )
    per_subject = (
        lessons.group_by("pupil_id", "subject")
        .agg(
            (pl.col("baseline").mean() - pl.col("recent").mean()).alias("fall"),
            pl.col("recent").count().alias("recent_n"),
            pl.col("baseline").count().alias("baseline_n"),
        )
        .filter(
            (pl.col("recent_n") >= rules.drop_min_marks)
            & (pl.col("baseline_n") >= rules.drop_min_marks)
            & (pl.col("fall") >= rules.drop_min_fall)
        )
    )
    per_pupil = per_subject.group_by("pupil_id").agg(
        pl.len().cast(pl.Float64).alias("subjects_dropped"),
        pl.col("fall").mean().alias("mean_drop"),
        pl.col("fall").max().alias("largest_drop"),
    )
    return _subjectless(
        per_pupil.filter(pl.col("subjects_dropped") >= rules.drop_min_subjects).with_columns(
            (pl.col("mean_drop") / rules.drop_min_fall).alias("severity")
        )
    )


def _term_day_numbers(as_of: date) -> tuple[pl.DataFrame, int]:
    """Every date from 1 September to `as_of`, numbered by how many days inside quarters (breaks excluded)
    have passed by then, and the number of `as_of` itself (0 in the summer, when there are no rows)."""
    first_day = year_start(as_of)
    terms = quarters(academic_year_of(as_of))
    dates, numbers, count = [], [], 0
    for offset in range((as_of - first_day).days + 1):
        day = first_day + timedelta(days=offset)
        count += any(day in quarter for quarter in terms)
        dates.append(day)
        numbers.append(count)
    frame = pl.DataFrame({"date": dates, "term_day": numbers}, schema={"date": pl.Date, "term_day": pl.Int64})
    return frame, count


def _pupil_subject_key() -> pl.Expr:
    """One integer per pupil × subject (their category codes side by side): sorting and grouping by it is
    several times cheaper than by two categorical columns."""
    pupil, subject = (
        pl.col(c).cast(pl.Categorical).to_physical().cast(pl.UInt64) for c in ("pupil_id", "subject")
    )
    return (pupil * (1 << 32) + subject).alias("key")


def _subjectless(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.lit(None, dtype=pl.String).alias("subject"))


def _to_signals(frame: pl.DataFrame, reason: str) -> list[Signal]:
    """Rows to Signals: every column besides the keys is a fact; a fact the window cannot give is left out."""
    fact_columns = [c for c in frame.columns if c not in ("pupil_id", "subject", "severity")]
    rows = frame.with_columns(pl.col("pupil_id").cast(pl.String)).iter_rows(named=True)
    return [
        Signal(
            pupil_id=row["pupil_id"],
            reason=reason,
            subject=row["subject"],
            facts={c: float(row[c]) for c in fact_columns if row[c] is not None},
            severity=float(row["severity"]),
        )
        for row in rows
    ]
