"""Labels: a failing quarter mark or chronic absence between the as-of date and the horizon's end."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import polars as pl
import pytest

from model.labels import LabelConfig, build_labels, horizon_end
from model.records import PupilRecords
from model.school_calendar import school_days, school_days_between

AS_OF = date(2025, 12, 3)  # inside Q2 of 2025-26
END = date(2026, 3, 20)  # the last day of Q3, where the default two-quarter horizon ends
HORIZON_DAYS = [day for day in school_days(2025) if AS_OF <= day <= END]


def records(
    marks: Sequence[tuple[str, date, int, str]] = (), absences: Sequence[tuple[str, date, str | None]] = ()
) -> PupilRecords:
    """Two pupils of 5-A; marks (pupil, date, mark, kind) in Matematika; absences (pupil, day, subject)."""
    return PupilRecords.from_frames(
        pupils=pl.DataFrame({"pupil_id": ["ali", "bek"], "class_id": ["5-A", "5-A"], "grade_level": [5, 5]}),
        marks=pl.DataFrame(
            [(p, "Matematika", d, kind, m) for p, d, m, kind in marks],
            schema=["pupil_id", "subject", "date", "kind", "mark"],
            orient="row",
        ),
        attendance=pl.DataFrame(
            [(p, d, s, "absent_unexcused") for p, d, s in absences],
            schema={"pupil_id": pl.String, "date": pl.Date, "subject": pl.String, "status": pl.String},
            orient="row",
        ),
        lms=pl.DataFrame(
            schema={"pupil_id": pl.String, "timestamp": pl.Datetime, "subject": pl.String, "event": pl.String}
        ),
        notes=pl.DataFrame(schema={"pupil_id": pl.String, "date": pl.Date}),
    )


def label_of(pupil: str, recs: PupilRecords, config: LabelConfig | None = None) -> dict[str, Any]:
    return build_labels(recs, AS_OF, config).filter(pl.col("pupil_id") == pupil).row(0, named=True)


@pytest.mark.parametrize(
    ("as_of", "end"),
    [
        (date(2025, 9, 15), date(2025, 12, 27)),  # Q1: to the end of Q2
        (AS_OF, END),  # Q2: to the end of Q3
        (date(2025, 12, 27), END),  # the last day of Q2 is still Q2
        (date(2025, 11, 5), END),  # the autumn holiday: Q2 is the first quarter of the horizon
        (date(2026, 1, 5), date(2026, 5, 25)),  # the winter holiday: Q3 first
        (date(2026, 2, 10), date(2026, 5, 25)),  # Q3: to the end of Q4
        (date(2026, 4, 15), date(2026, 11, 1)),  # Q4: to the end of next year's Q1
        (date(2026, 7, 1), date(2026, 12, 27)),  # the summer: Q1 and Q2 of the coming year
    ],
)
def test_horizon_end(as_of: date, end: date) -> None:
    assert horizon_end(as_of, LabelConfig()) == end


@pytest.mark.parametrize(("quarters", "end"), [(1, date(2025, 12, 27)), (3, date(2026, 5, 25))])
def test_horizon_length_is_configurable(quarters: int, end: date) -> None:
    assert horizon_end(AS_OF, LabelConfig(horizon_quarters=quarters)) == end


@pytest.mark.parametrize(
    ("day", "mark", "kind", "label"),
    [
        (date(2025, 12, 27), 2, "quarter", 1),  # Q2's mark, inside the horizon
        (END, 1, "quarter", 1),  # the horizon's last day
        (AS_OF, 2, "quarter", 1),  # the as-of day itself is the future
        (date(2026, 5, 25), 2, "quarter", 0),  # after the horizon
        (date(2025, 11, 1), 2, "quarter", 0),  # before as-of: already known, a feature
        (date(2025, 12, 27), 3, "quarter", 0),  # a 3 passes
        (date(2025, 12, 10), 2, "daily", 0),  # a lesson 2 is not a quarter mark
        (date(2025, 12, 27), 2, "annual", 0),
    ],
)
def test_failing_quarter_mark(day: date, mark: int, kind: str, label: int) -> None:
    ali = label_of("ali", records(marks=[("ali", day, mark, kind)]))
    assert (ali["label"], ali["failing_mark"], ali["event_date"]) == (
        label,
        bool(label),
        day if label else None,
    )
    assert label_of("bek", records(marks=[("ali", day, mark, kind)]))["label"] == 0


def test_event_date_is_the_first_failing_quarter_mark() -> None:
    marks = [("ali", END, 2, "quarter"), ("ali", date(2025, 12, 27), 1, "quarter")]
    assert label_of("ali", records(marks=marks))["event_date"] == date(2025, 12, 27)


def test_horizon_has_eighty_school_days() -> None:
    assert len(HORIZON_DAYS) == school_days_between(AS_OF, END + timedelta(days=1)) == 80


@pytest.mark.parametrize(("days_away", "label"), [(8, 1), (7, 0)])  # 10% of 80 school days is 8
def test_chronic_absence_threshold(days_away: int, label: int) -> None:
    ali = label_of("ali", records(absences=[("ali", day, None) for day in HORIZON_DAYS[:days_away]]))
    assert (ali["label"], ali["chronic_absence"], ali["failing_mark"]) == (label, bool(label), False)


@pytest.mark.parametrize(
    "eighth",
    [
        ("ali", HORIZON_DAYS[7], "Matematika"),  # a missed lesson is not a missed day
        ("ali", HORIZON_DAYS[0], None),  # the same day twice counts once
        ("ali", AS_OF - timedelta(days=1), None),  # before as-of
        ("ali", date(2026, 3, 30), None),  # after the horizon
    ],
)
def test_only_whole_days_inside_the_horizon_count(eighth: tuple[str, date, str | None]) -> None:
    absences = [("ali", day, None) for day in HORIZON_DAYS[:7]]
    absences += [eighth] + [("ali", day, "Ona tili") for day in HORIZON_DAYS[10:30]]
    assert label_of("ali", records(absences=absences))["label"] == 0


def test_each_part_can_be_switched_off() -> None:
    both = records(
        marks=[("ali", date(2025, 12, 27), 2, "quarter")],
        absences=[("bek", day, None) for day in HORIZON_DAYS[:8]],
    )
    marks_only = build_labels(both, AS_OF, LabelConfig(use_chronic_absence=False))
    absence_only = build_labels(both, AS_OF, LabelConfig(use_failing_mark=False))
    assert build_labels(both, AS_OF)["label"].to_list() == [1, 1]
    assert marks_only["label"].to_list() == [1, 0]
    assert absence_only["label"].to_list() == [0, 1]


def test_one_row_per_pupil_with_its_parts() -> None:
    labels = build_labels(records(), AS_OF)
    assert labels.columns == ["pupil_id", "as_of", "label", "failing_mark", "chronic_absence", "event_date"]
    assert labels["pupil_id"].to_list() == ["ali", "bek"]
    assert labels["as_of"].to_list() == [AS_OF, AS_OF]
    assert labels["label"].to_list() == [0, 0]


@pytest.mark.parametrize(
    "config",
    [
        {"horizon_quarters": 0},
        {"use_failing_mark": False, "use_chronic_absence": False},
        {"chronic_absence_share": 0.0},
        {"chronic_absence_share": 1.5},
    ],
)
def test_invalid_configs_are_refused(config: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match=r"horizon_quarters|needs|chronic_absence_share"):
        LabelConfig(**config)
