"""One small two-year district, generated once per test session and read back as polars frames.

Seed 19 with four schools gives urban and rural schools and a Russian-language one, so locality and
script effects can be checked on the same bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest

from service.synthetic import GenerationSummary, generate_bundle

SEED = 19
PUPILS = 1400
SCHOOLS = 4
YEARS = (2024, 2025)

_TYPES = {
    "birth_date": pl.Date,
    "date": pl.Date,
    "mark": pl.Int8,
    "grade_level": pl.Int8,
    "mentor_capacity": pl.Int16,
    "score": pl.Int16,
}


@dataclass
class Bundle:
    path: Path
    summary: GenerationSummary
    _frames: dict[str, pl.DataFrame] = field(default_factory=dict)

    def read(self, name: str) -> pl.DataFrame:
        """The file as strings (ids, PINFLs stay text), with dates and numbers cast where they occur."""
        if name not in self._frames:
            frame = pl.read_csv(self.path / name, infer_schema_length=0)
            casts = {c: t for c, t in _TYPES.items() if c in frame.columns}
            self._frames[name] = frame.with_columns(
                pl.col(c).str.to_date() if t == pl.Date else pl.col(c).cast(t) for c, t in casts.items()
            )
        return self._frames[name]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    out = tmp_path_factory.mktemp("district")
    summary = generate_bundle(out, seed=SEED, pupils=PUPILS, schools=SCHOOLS, academic_years=YEARS)
    return Bundle(out, summary)


@pytest.fixture(scope="session")
def last_year(bundle: Bundle) -> dict[str, pl.DataFrame]:
    """grades, attendance and LMS rows of the last academic year only (September 2025 onwards)."""
    start = pl.date(YEARS[-1], 9, 1)
    lms = bundle.read("lms_events.csv").with_columns(
        pl.col("timestamp").str.to_datetime("%Y-%m-%dT%H:%M:%S").alias("ts")
    )
    return {
        "grades": bundle.read("grades.csv").filter(pl.col("date") >= start),
        "attendance": bundle.read("attendance.csv").filter(pl.col("date") >= start),
        "lms": lms.filter(pl.col("ts") >= start),
    }
