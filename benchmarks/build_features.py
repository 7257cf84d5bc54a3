"""Feature building speed: `model.features.build_features` for every pupil of a district at one as-of date.

Generates the two-year district `train_million` uses at this size, reads it the way training does, and
builds all pupils' features at the last as-of date training would use (the most history behind it),
`--repeat` times; the median run gives pupils/s and mark rows/s (marks known before that morning). Snapshot
building calls the same function once per as-of date, so this is the unit cost behind training's largest
stage. Run: `python -m benchmarks.build_features [--pupils 20000] [--repeat 3] [--json PATH]`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.train_million import YEARS, read_bundle
from model.features import build_features
from service.synthetic import generate_bundle
from training.pipeline import TrainingConfig
from training.snapshots import as_of_dates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/build_features.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        bundle = Path(scratch) / "bundle"
        generate_bundle(
            bundle,
            seed=5,
            pupils=args.pupils,
            schools=None,
            academic_years=YEARS,
            on_school_done=lambda _: None,
        )
        records = read_bundle(bundle).records
    plan = TrainingConfig().plan
    first, last = records.marks["date"].min(), records.marks["date"].max()
    assert isinstance(first, date)
    assert isinstance(last, date)
    as_of = as_of_dates(first, last, plan)[-1]
    known_marks = records.before(as_of).marks.height
    seconds = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        features = build_features(records, as_of, plan.windows)
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    result = {
        "pupils": features.height,
        "as_of": as_of.isoformat(),
        "mark_rows_known": known_marks,
        "feature_columns": features.width - 2,
        "seconds": [round(s, 3) for s in seconds],
        "median_seconds": round(median, 3),
        "pupils_per_s": round(features.height / median),
        "mark_rows_per_s": round(known_marks / median),
    }
    print(
        f"{features.height:,} pupils at {as_of} ({known_marks:,} marks known): median {median:.2f} s, "
        f"{result['pupils_per_s']:,} pupils/s, {result['mark_rows_per_s']:,} mark rows/s"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
