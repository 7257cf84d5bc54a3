"""The pupil records features and labels are computed from, as columnar frames.

Training reads them from the database, serving from the database or Parquet; both hand `model/` the same
shape, checked here once so that a missing column fails with its name rather than deep inside a query.
Identifiers may be pseudonyms: nothing in `model/` needs a real name or PINFL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import polars as pl

# Ids and short labels repeat millions of times: as categoricals they cost 4 bytes a row instead of a string
# each, which is most of the memory a district's marks take (polars shares categories across frames).
ID = pl.Categorical
LABEL = pl.Categorical
SCHEMAS: dict[str, dict[str, type[pl.DataType]]] = {
    "pupils": {"pupil_id": ID, "class_id": ID, "grade_level": pl.Int64},
    "marks": {"pupil_id": ID, "subject": LABEL, "date": pl.Date, "kind": LABEL, "mark": pl.Int8},
    "attendance": {"pupil_id": ID, "date": pl.Date, "subject": LABEL, "status": LABEL},
    "lms": {"pupil_id": ID, "timestamp": pl.Datetime, "subject": LABEL, "event": LABEL},
    "notes": {"pupil_id": ID, "date": pl.Date},
}
OPTIONAL_COLUMNS = {"lms": {"score": pl.Float32}}


@dataclass(frozen=True)
class PupilRecords:
    """Who the pupils are (class, grade) and everything recorded about them, any period."""

    pupils: pl.DataFrame
    marks: pl.DataFrame
    attendance: pl.DataFrame
    lms: pl.DataFrame
    notes: pl.DataFrame

    @classmethod
    def from_frames(cls, **frames: pl.DataFrame) -> PupilRecords:
        """Check and cast each frame to the schema; extra columns (e.g. note text) are dropped."""
        checked = {name: conform(name, frames[name]) for name in SCHEMAS}
        return cls(**checked)

    def before(self, cutoff: date) -> PupilRecords:
        """Only records dated strictly before `cutoff` (a date): what was known that morning."""
        return PupilRecords(
            pupils=self.pupils,
            marks=self.marks.filter(pl.col("date") < cutoff),
            attendance=self.attendance.filter(pl.col("date") < cutoff),
            lms=self.lms.filter(pl.col("timestamp").dt.date() < cutoff),
            notes=self.notes.filter(pl.col("date") < cutoff),
        )


def conform(name: str, frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with exactly the schema's columns in its dtypes, or a ValueError naming what is missing."""
    schema = SCHEMAS[name] | OPTIONAL_COLUMNS.get(name, {})
    required = SCHEMAS[name]
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ValueError(f"{name} records lack column(s): {', '.join(missing)}")
    columns = [column for column in schema if column in frame.columns]
    casts = [pl.col(c).cast(schema[c]) for c in columns]
    result = frame.select(casts)
    for column, dtype in schema.items():
        if column not in result.columns:
            result = result.with_columns(pl.lit(None, dtype=dtype).alias(column))
    return result
