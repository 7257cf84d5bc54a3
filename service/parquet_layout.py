"""What a Parquet conversion of a bundle holds: its files, their columns and dtypes, and their names.

Shared by the writer (`service.parquet_bundle`) and the readers (`service.parquet_scoring`, a Dask worker),
so a folder one of them writes is a folder the others read. A partition is `part=NNNN/`, whole schools of
about `PARTITION_PUPILS` pupils; `manifest.json` at the top lists the partitions and is written last.
"""

from __future__ import annotations

from typing import Final

import polars as pl

FORMAT: Final = "erta-parquet-1"
MANIFEST: Final = "manifest.json"
PARTITION_PUPILS: Final = 50_000
ROSTER: Final = "pupils"  # pupil_id, class_id, school_id (categoricals), grade_level
RESULTS: Final = "risk_scores.parquet"  # what a scoring run writes into each partition's folder of OUT
# Bundle file → the columns scoring reads and how each is parsed (the bundle's text, strictly).
RECORD_FILES: Final[dict[str, tuple[str, dict[str, pl.Expr]]]] = {
    "grades": (
        "grades.csv",
        {
            "pupil_id": pl.col("pupil_id").cast(pl.Categorical),
            "subject": pl.col("subject").cast(pl.Categorical),
            "date": pl.col("date").str.to_date("%Y-%m-%d"),
            "kind": pl.col("kind").cast(pl.Categorical),
            "mark": pl.col("mark").cast(pl.Int8),
        },
    ),
    "attendance": (
        "attendance.csv",
        {
            "pupil_id": pl.col("pupil_id").cast(pl.Categorical),
            "date": pl.col("date").str.to_date("%Y-%m-%d"),
            "subject": pl.col("subject").cast(pl.Categorical),
            "status": pl.col("status").cast(pl.Categorical),
        },
    ),
    "lms_events": (
        "lms_events.csv",
        {
            "pupil_id": pl.col("pupil_id").cast(pl.Categorical),
            "timestamp": pl.col("timestamp").str.to_datetime("%Y-%m-%dT%H:%M:%S", time_unit="us"),
            "subject": pl.col("subject").cast(pl.Categorical),
            "event": pl.col("event").cast(pl.Categorical),
            "score": pl.col("score").cast(pl.Float32),
        },
    ),
    "notes": (
        "notes.csv",
        {"pupil_id": pl.col("pupil_id").cast(pl.Categorical), "date": pl.col("date").str.to_date("%Y-%m-%d")},
    ),
}


def part_name(part: int) -> str:
    return f"part={part:04d}"
