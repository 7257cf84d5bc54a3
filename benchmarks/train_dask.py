"""The risk model's booster grown on a Dask cluster beside this machine: wall time and test AUC per setting.

Generates (or reuses) a two-year district, reads it as `benchmarks.train_million` does (CSV files, ids
pseudonymised), builds the snapshots and splits them as `erta train` does, then fits the calibrated model on
the same rows four ways: in this process with two threads (the default) and with one, and through
`training.dask_training` on a LocalCluster of worker processes, one worker and then two, one thread each.
A Dask fit's time includes writing the Parquet files, the workers reading them and the booster's way back;
starting the cluster is timed apart. Every setting is compared with the default fit on the test snapshots.
Run: `python -m benchmarks.train_dask [--pupils 50000] [--bundle DIR] [--json PATH]`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
from distributed import Client, LocalCluster
from numpy.typing import NDArray
from sklearn.metrics import roc_auc_score

from benchmarks.train_million import YEARS, read_bundle
from model.features import feature_names
from model.features.names import monotone_constraints
from model.risk_model import BoosterFitter, BoosterParams, CalibratedRiskModel, fit_here
from service.synthetic import generate_bundle
from training.dask_training import DaskBoosterFitter, write_partitions
from training.snapshots import SnapshotPlan, as_of_dates, build_snapshot_frame, temporal_split

Rows = tuple[NDArray[np.float32], NDArray[np.int64]]


def split_rows(snapshots: pl.DataFrame, plan: SnapshotPlan) -> dict[str, Rows]:
    """Training, validation and test rows as `training.pipeline` cuts them."""
    names = list(feature_names())
    split = temporal_split(snapshots, plan, seed=0)
    return {
        part: (frame.select(names).to_numpy().astype(np.float32), frame["label"].to_numpy().astype(np.int64))
        for part, frame in (("train", split.train), ("validation", split.validation), ("test", split.test))
    }


def fit(rows: dict[str, Rows], params: BoosterParams, fit_booster: BoosterFitter) -> CalibratedRiskModel:
    model = CalibratedRiskModel(params, monotone_constraints=monotone_constraints())
    return model.fit(
        *rows["train"], *rows["validation"], feature_names=list(feature_names()), fit_booster=fit_booster
    )


def measure(
    name: str, rows: dict[str, Rows], params: BoosterParams, fit_booster: BoosterFitter, **extra: Any
) -> tuple[dict[str, Any], CalibratedRiskModel]:
    started = time.perf_counter()
    model = fit(rows, params, fit_booster)
    seconds = time.perf_counter() - started
    X_test, y_test = rows["test"]
    figures = {
        "setting": name,
        "fit_seconds": round(seconds, 1),
        "trees": (model.best_iteration or 0) + 1,
        "roc_auc": round(float(roc_auc_score(y_test, model.risk(X_test))), 4),
        **extra,
    }
    print(f"{name:<34} {seconds:>7.1f} s  {figures['trees']:>4} trees  AUC {figures['roc_auc']:.4f}")
    return figures, model


def on_cluster(
    workers: int, rows: dict[str, Rows], params: BoosterParams, home: Path
) -> tuple[dict[str, Any], CalibratedRiskModel]:
    started = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        start_seconds = round(time.perf_counter() - started, 1)
        return measure(
            f"Dask, {workers} worker(s) x 1 thread",
            rows,
            params,
            DaskBoosterFitter(client, home),
            cluster_start_seconds=start_seconds,
        )


def compare(
    figures: dict[str, Any], model: CalibratedRiskModel, reference: CalibratedRiskModel, X: Any
) -> None:
    """How far a setting's test scores are from the default fit's, and whether it grew the same trees."""
    risk, expected = model.risk(X), reference.risk(X)
    figures["same_trees_as_default"] = model.booster.get_dump() == reference.booster.get_dump()
    figures["max_abs_risk_difference"] = float(np.max(np.abs(risk - expected)))
    figures["risk_correlation"] = round(float(np.corrcoef(risk, expected)[0, 1]), 4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=50_000)
    parser.add_argument("--bundle", type=Path, help="reuse a generated two-year bundle")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/train_dask.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        rows = training_rows(
            args.bundle or Path(scratch) / "bundle", args.pupils, generate=args.bundle is None
        )
        params, home = BoosterParams(), Path(scratch) / "home"
        parquet_seconds = staging_seconds(rows, Path(scratch) / "parquet")
        fit(rows, replace(params, n_estimators=5), fit_here)  # first-call costs stay out of the first figure
        default, reference = measure("this machine, 2 threads (default)", rows, params, fit_here)
        others = [
            measure("this machine, 1 thread", rows, replace(params, n_jobs=1), fit_here),
            on_cluster(1, rows, params, home),
            on_cluster(2, rows, params, home),
        ]
    for figures, model in others:
        compare(figures, model, reference, rows["test"][0])
    summary = {
        "pupils": args.pupils,
        **{f"{part}_rows": len(labels) for part, (_, labels) in rows.items()},
        "parquet_write_seconds": parquet_seconds,
        "settings": [default, *(figures for figures, _ in others)],
    }
    print(json.dumps(summary, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")


def training_rows(bundle: Path, pupils: int, generate: bool) -> dict[str, Rows]:
    if generate:
        generate_bundle(
            bundle, seed=5, pupils=pupils, schools=None, academic_years=YEARS, on_school_done=lambda _: None
        )
    data = read_bundle(bundle)
    plan = SnapshotPlan()
    marks = data.records.marks["date"]
    rows = split_rows(build_snapshot_frame(data, as_of_dates(marks.min(), marks.max(), plan), plan), plan)
    print(", ".join(f"{len(labels):,} {part}" for part, (_, labels) in rows.items()) + " snapshots")
    return rows


def staging_seconds(rows: dict[str, Rows], folder: Path) -> float:
    """Writing the training rows as Parquet on their own: the part of a Dask fit this machine pays alone."""
    X, y = rows["train"]
    frame = pd.DataFrame(X, columns=list(feature_names()))
    folder.mkdir()
    started = time.perf_counter()
    write_partitions(frame, y, folder / "train", workers=2)
    return round(time.perf_counter() - started, 1)


if __name__ == "__main__":
    main()
