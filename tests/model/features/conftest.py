"""A hand-written diary for feature tests: four pupils in two classes, records added on chosen dates.

Each test starts from an empty diary and writes only what it asserts on, so the expected values can be
worked out by hand from the test itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl
import pytest

from model.features import FeatureWindows, build_features
from model.records import OPTIONAL_COLUMNS, SCHEMAS, PupilRecords

# A Wednesday in Q2 of 2025-26: the day before is a school day, the windows reach back to
# 22 Oct (marks, 6 weeks), 5 Nov (attendance and LMS, 4 weeks) and 8 Oct (slope and notes, 8 weeks).
AS_OF = date(2025, 12, 3)

# pupil, class, grade: three pupils of 5-A and a first-grader, who gets no marks.
ROSTER = (("ali", "5-A", 5), ("bek", "5-A", 5), ("gul", "5-A", 5), ("nur", "1-A", 1))


@dataclass
class Diary:
    pupils: list[tuple[str, str, int]] = field(default_factory=lambda: list(ROSTER))
    marks: list[tuple[Any, ...]] = field(default_factory=list)
    attendance: list[tuple[Any, ...]] = field(default_factory=list)
    lms: list[tuple[Any, ...]] = field(default_factory=list)
    notes: list[tuple[Any, ...]] = field(default_factory=list)

    def pupil(self, pupil: str, class_id: str, grade: int) -> Diary:
        self.pupils.append((pupil, class_id, grade))
        return self

    def mark(self, pupil: str, subject: str, day: date, mark: int, kind: str = "daily") -> Diary:
        self.marks.append((pupil, subject, day, kind, mark))
        return self

    def attend(self, pupil: str, day: date, status: str, subject: str | None = None) -> Diary:
        """An exception in the diary: a whole day when `subject` is None, one lesson otherwise."""
        self.attendance.append((pupil, day, subject, status))
        return self

    def lms_event(
        self, pupil: str, at: datetime, event: str, subject: str | None = None, score: float | None = None
    ) -> Diary:
        self.lms.append((pupil, at, subject, event, score))
        return self

    def note(self, pupil: str, day: date) -> Diary:
        self.notes.append((pupil, day))
        return self

    def frames(self) -> dict[str, pl.DataFrame]:
        rows = {
            "pupils": self.pupils,
            "marks": self.marks,
            "attendance": self.attendance,
            "lms": self.lms,
            "notes": self.notes,
        }
        return {
            name: pl.DataFrame(
                rows[name], schema=SCHEMAS[name] | OPTIONAL_COLUMNS.get(name, {}), orient="row"
            )
            for name in SCHEMAS
        }

    def records(self) -> PupilRecords:
        return PupilRecords.from_frames(**self.frames())

    def features(self, as_of: date = AS_OF, windows: FeatureWindows | None = None) -> pl.DataFrame:
        return build_features(self.records(), as_of, windows)

    def row(self, pupil: str, as_of: date = AS_OF) -> dict[str, Any]:
        """One pupil's features as a dict, for hand-computed expectations."""
        return self.features(as_of).filter(pl.col("pupil_id") == pupil).row(0, named=True)


@pytest.fixture
def diary() -> Diary:
    return Diary()
