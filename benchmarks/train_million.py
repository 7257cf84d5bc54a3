"""Training on about a million pupil-snapshots: time and peak memory of every stage.

Generates (or reuses) a two-year district, reads the bundle's CSV files with polars, pseudonymises the
ids, builds as-of snapshots and runs the whole training pipeline (XGBoost with early stopping and
calibration, both baselines, metrics, fairness with bootstrap intervals). The database is left out on
purpose: ingestion has its own benchmark, and here the question is whether training stays bounded.
Run: `python -m benchmarks.train_million [--pupils 100000] [--bundle DIR] [--json PATH]`.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl

from model.records import PupilRecords
from privacy.pseudonyms import Pseudonymizer
from service.synthetic import generate_bundle
from training.dataset import TrainingRecords
from training.pipeline import TrainingConfig, train_risk_model
from training.snapshots import as_of_dates, build_snapshot_frame

YEARS = (2024, 2025)


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(stages: dict[str, dict[str, float]], name: str, step: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = step()
    stages[name] = {"seconds": round(time.perf_counter() - started, 1), "peak_rss_mib": round(peak_rss_mib())}
    print(
        f"{name:<28} {stages[name]['seconds']:>8.1f} s   peak RSS {stages[name]['peak_rss_mib']:>7,.0f} MiB"
    )
    return result


def read_bundle(folder: Path) -> TrainingRecords:
    """The bundle as training sees it: needed columns only, ids pseudonymised, no names or notes' text."""
    pseudonymizer = Pseudonymizer(b"benchmark-key-" + b"0" * 32)
    classes = pl.read_csv(folder / "classes.csv", columns=["class_id", "grade_level", "school_id"])
    schools = pl.read_csv(folder / "schools.csv", columns=["school_id", "region", "locality"])
    pupils = (
        pl.read_csv(folder / "pupils.csv", columns=["pupil_id", "class_id", "sex", "language"])
        .join(classes, on="class_id")
        .join(schools, on="school_id")
    )
    mapping = {p: pseudonymizer.pseudonym(p) for p in pupils["pupil_id"].to_list()}
    pseudonymise = pl.col("pupil_id").replace_strict(mapping)
    text = {"subject": pl.String}

    def records(name: str, columns: list[str], **options: Any) -> pl.DataFrame:
        frame = pl.scan_csv(folder / name, schema_overrides=text, try_parse_dates=True, **options)
        return frame.select(columns).with_columns(pseudonymise).collect()

    frames = {
        "pupils": pupils.with_columns(pseudonymise),
        "marks": records("grades.csv", ["pupil_id", "subject", "date", "kind", "mark"]),
        "attendance": records("attendance.csv", ["pupil_id", "date", "subject", "status"]),
        "lms": records("lms_events.csv", ["pupil_id", "timestamp", "subject", "event", "score"]),
        "notes": records("notes.csv", ["pupil_id", "date"]),
    }
    attributes = frames["pupils"].select("pupil_id", "sex", "language", "region", "locality")
    return TrainingRecords(PupilRecords.from_frames(**frames), attributes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=100_000)
    parser.add_argument("--bundle", type=Path, help="reuse a generated two-year bundle")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/train_million.json"))
    args = parser.parse_args()
    stages: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        bundle = args.bundle or Path(scratch) / "bundle"
        if args.bundle is None:
            timed(
                stages,
                "generate district",
                lambda: generate_bundle(
                    bundle,
                    seed=5,
                    pupils=args.pupils,
                    schools=None,
                    academic_years=YEARS,
                    on_school_done=lambda _: None,
                ),
            )
        data = timed(stages, "read + pseudonymise", lambda: read_bundle(bundle))
        config = TrainingConfig()
        marks = data.records.marks["date"]
        dates = as_of_dates(marks.min(), marks.max(), config.plan)
        snapshots = timed(stages, "build snapshots", lambda: build_snapshot_frame(data, dates, config.plan))
        result = timed(stages, "train + evaluate", lambda: train_risk_model(snapshots, config, print))
    split = result.report["split"]
    summary = {
        "pupils": data.pupils,
        "snapshots": snapshots.height,
        "train_rows": split["train"]["rows"],
        "validation_rows": split["validation"]["rows"],
        "test_rows": split["test"]["rows"],
        "best_iteration": result.report["best_iteration"],
        "roc_auc": result.report["metrics"]["xgboost"]["roc_auc"],
        "stages": stages,
        "peak_rss_mib": round(peak_rss_mib()),
    }
    print(json.dumps(summary, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
