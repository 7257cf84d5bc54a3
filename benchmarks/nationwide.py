"""A nationwide run on one machine: generate → Parquet → features → score → explain → write, stage by stage.

Generates a one-year district of `--pupils` (or reuses `--bundle`), converts it to Parquet partitioned by
school group (`erta parquet`, timed apart as ingestion), and scores every pupil as `erta score --parquet`
does, with the wall time and CPU time of each stage summed over partitions, pupils/s, peak memory (a thread
samples VmRSS; VmHWM at the end) and the extrapolation to 6.5 million pupils. The model is the risk model of
`erta train` fitted on a small two-year district in a child process (or `--model` reuses a pickled one), so
its memory is not counted here. In the same run: the drivers worded one pupil at a time (what
`erta score --all` does) beside the batch path on the same pupils, and `--dask-workers N` scores the same
folder on a local cluster of N worker processes and checks it writes the same files. JSON to `--json`.
Run: `python -m benchmarks.nationwide [--pupils 1000000] [--bundle DIR] [--model PATH] [--work DIR]`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import platform
import resource
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

NATION = 6_500_000
SEQUENTIAL = "score, stage after stage"
OVERLAPPED = "score, wording overlapped"
TRAIN_YEARS = (2024, 2025)


class MemorySampler(threading.Thread):
    """The process's resident memory, sampled every 50 ms; the peak of each phase named by `phase`."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[str, float] = {}
        self._phase = "start"
        self._done = threading.Event()

    @staticmethod
    def status_mib(field: str) -> float:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def run(self) -> None:
        while not self._done.wait(0.05):
            rss = self.status_mib("VmRSS")
            self.peaks[self._phase] = max(self.peaks.get(self._phase, 0.0), rss)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        self._phase = name
        try:
            yield
        finally:
            self._phase = "between"

    def stop(self) -> float:
        self._done.set()
        self.join()
        return self.status_mib("VmHWM")


def timed(results: dict[str, Any], name: str, memory: MemorySampler, step: Callable[[], Any]) -> Any:
    started, cpu = time.perf_counter(), time.process_time()
    with memory.phase(name):
        value = step()
    results[name] = {
        "seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(time.process_time() - cpu, 1),
        "peak_rss_mib": round(memory.peaks.get(name, 0.0)),
    }
    print(f"{name:<24} {results[name]['seconds']:>8.1f} s   peak RSS {results[name]['peak_rss_mib']:>7,} MiB")
    return value


def train_model(path: Path, pupils: int) -> None:
    """In a child process: the risk model of `erta train` on a small two-year district, pickled to `path`."""
    from benchmarks.train_million import read_bundle
    from service.synthetic import generate_bundle
    from training.pipeline import TrainingConfig, train_risk_model
    from training.snapshots import as_of_dates, build_snapshot_frame

    with tempfile.TemporaryDirectory(dir=path.parent) as scratch:
        bundle = Path(scratch) / "bundle"
        generate_bundle(
            bundle, seed=5, pupils=pupils, academic_years=TRAIN_YEARS, on_school_done=lambda _: None
        )
        data = read_bundle(bundle)
    config = TrainingConfig(bootstrap_samples=20)
    marks = data.records.marks["date"]
    snapshots = build_snapshot_frame(data, as_of_dates(marks.min(), marks.max(), config.plan), config.plan)
    path.write_bytes(pickle.dumps(train_risk_model(snapshots, config).model))


def drivers_peer(parquet: Path, model: Any, day: Any, pupils: int) -> dict[str, Any]:
    """The drivers of the first `pupils` of partition 0 from the same probabilities and SHAP values, worded
    one pupil at a time (`explain_pupil` per row, the loop of `explain_rows` that `erta score --all` runs)
    and as a batch (`result_rows`), each into the stored JSON: time of each, and whether they agree."""
    from model.explanations import explain_pupil
    from model.features import build_features
    from service.explain import INSUFFICIENT_TIER
    from service.parquet_results import result_rows
    from service.parquet_scoring import read_partition
    from service.scoring_job import DEFAULT_THRESHOLDS
    from service.scoring_job import _driver as stored_driver

    records, _ = read_partition(parquet / "part=0000")
    features = build_features(records, day).head(pupils)
    names = list(model.feature_names)
    matrix = features.select(names).to_numpy().astype(np.float64)
    probabilities, contributions = model.risk(matrix), model.contributions(matrix)
    started = time.perf_counter()
    one_at_a_time = []
    for index in range(len(matrix)):
        values = [None if v != v else float(v) for v in matrix[index]]
        explanation = explain_pupil(names, contributions[index], values, float(probabilities[index]))
        tier = (
            INSUFFICIENT_TIER
            if explanation.insufficient_data
            else DEFAULT_THRESHOLDS.tier_of(explanation.probability)
        )
        stored = [stored_driver(d) for d in explanation.drivers]
        one_at_a_time.append((tier, json.dumps(stored, ensure_ascii=False)))
    single = time.perf_counter() - started
    started = time.perf_counter()
    batch = result_rows(model, features, matrix, probabilities, contributions, "v", day, DEFAULT_THRESHOLDS)
    batched = time.perf_counter() - started
    return {
        "pupils": features.height,
        "one_at_a_time_seconds": round(single, 2),
        "one_at_a_time_pupils_per_s": round(features.height / single),
        "batch_seconds": round(batched, 2),
        "batch_pupils_per_s": round(features.height / batched),
        "speed_up": round(single / batched, 2),
        "same_drivers": one_at_a_time == list(zip(batch["tier"], batch["drivers"], strict=True)),
    }


def dask_run(parquet: Path, out: Path, model: Any, version: str, day: Any, workers: int) -> dict[str, Any]:
    """The same folder scored on a local cluster of worker processes (one thread each)."""
    from distributed import Client, LocalCluster

    from service.parquet_dask import score_parquet_on_cluster

    started = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0")
    start_seconds = time.perf_counter() - started
    with cluster, Client(cluster, set_as_default=False) as client:
        started = time.perf_counter()
        run = score_parquet_on_cluster(client, parquet, out, model, version, as_of=day)
        seconds = time.perf_counter() - started
    return {
        "workers": workers,
        "threads_per_worker": 1,
        "cluster_start_seconds": round(start_seconds, 1),
        "seconds": round(seconds, 1),
        "pupils_per_s": round(run.pupils / seconds),
        "stage_seconds_summed_over_workers": run.seconds(),
    }


def same_results(first: Path, second: Path) -> bool:
    parts = sorted(p.name for p in first.glob("part=*"))
    return parts == sorted(p.name for p in second.glob("part=*")) and all(
        pl.read_parquet(first / p / "risk_scores.parquet").equals(
            pl.read_parquet(second / p / "risk_scores.parquet")
        )
        for p in parts
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=1_000_000)
    parser.add_argument("--bundle", type=Path, help="reuse a one-year bundle instead of generating one")
    parser.add_argument(
        "--model", type=Path, help="reuse a pickled CalibratedRiskModel (written here if absent)"
    )
    parser.add_argument("--train-pupils", type=int, default=20_000)
    parser.add_argument("--partition-pupils", type=int, default=50_000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()), help="where scratch goes")
    parser.add_argument("--peer-pupils", type=int, default=20_000)
    parser.add_argument("--dask-workers", type=int, default=0, help="also score on a local cluster of N")
    parser.add_argument("--no-overlap", action="store_true", help="skip the run with the wording overlapped")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/nationwide.json"))
    args = parser.parse_args()
    from service.parquet_bundle import convert_bundle
    from service.parquet_scoring import score_parquet
    from service.synthetic import generate_bundle

    load_start = os.getloadavg()
    memory = MemorySampler()
    memory.start()
    phases: dict[str, Any] = {}
    scratch = Path(tempfile.mkdtemp(prefix="erta-nationwide-", dir=args.work))
    try:
        bundle = args.bundle or scratch / "bundle"
        if args.bundle is None:
            timed(phases, "generate", memory, lambda: generate_bundle(bundle, seed=7, pupils=args.pupils))
        model_path = args.model or scratch / "model.pkl"
        if not model_path.exists():
            child = multiprocessing.get_context("spawn").Process(
                target=train_model, args=(model_path, args.train_pupils)
            )
            timed(phases, "train model (child)", memory, lambda: (child.start(), child.join()))
            if child.exitcode != 0:
                raise SystemExit("training the model failed")
        model = pickle.loads(model_path.read_bytes())
        model.fast_shap()
        parquet = scratch / "parquet"
        conversion = timed(
            phases,
            "ingest: CSV → Parquet",
            memory,
            lambda: convert_bundle(bundle, parquet, partition_pupils=args.partition_pupils),
        )

        def progress(p: Any) -> None:
            print(f"  {p.name}: {p.pupils:,} pupils, {sum(p.seconds.values()):.1f} s", flush=True)

        out = scratch / "results"
        run = timed(
            phases,
            SEQUENTIAL,
            memory,
            lambda: score_parquet(parquet, out, model, "benchmark", on_partition=progress, overlap=False),
        )
        overlapped = None
        if not args.no_overlap:
            timed(
                phases,
                OVERLAPPED,
                memory,
                lambda: score_parquet(
                    parquet, scratch / "overlapped", model, "benchmark", on_partition=progress
                ),
            )
            overlapped = {"same_files": same_results(out, scratch / "overlapped")}
        peer = drivers_peer(parquet, model, run.as_of, args.peer_pupils)
        dask = None
        if args.dask_workers:
            dask = dask_run(parquet, scratch / "dask", model, "benchmark", run.as_of, args.dask_workers)
            dask["same_files"] = same_results(out, scratch / "dask")
        result = _summary(run, conversion, phases, peer, overlapped, dask, memory.stop(), load_start)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)  # a reused --bundle or --model lives elsewhere
    print(json.dumps(result, indent=2))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.json}")


def _summary(
    run: Any,
    conversion: Any,
    phases: dict[str, Any],
    peer: dict[str, Any],
    overlapped: dict[str, Any] | None,
    dask: dict[str, Any] | None,
    peak_mib: float,
    load_start: tuple[float, float, float],
) -> dict[str, Any]:
    pupils = run.pupils
    stages = run.seconds()
    sequential = phases[SEQUENTIAL]["seconds"]
    best = min(sequential, phases[OVERLAPPED]["seconds"]) if overlapped else sequential
    ingest = phases["ingest: CSV → Parquet"]["seconds"]
    scale = NATION / pupils
    if overlapped is not None:
        overlapped |= {"seconds": phases[OVERLAPPED]["seconds"], "speed_up": round(sequential / best, 2)}
    return {
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "load_average_start": [round(x, 2) for x in load_start],
            "load_average_end": [round(x, 2) for x in os.getloadavg()],
        },
        "pupils": pupils,
        "partitions": len(run.partitions),
        "records_read": run.records,
        "rows_converted": conversion.rows,
        "as_of": run.as_of.isoformat(),
        "tiers": run.tiers(),
        "phases": phases,
        "stage_seconds": stages,
        "stage_cpu_seconds": run.seconds(cpu=True),
        "explain_seconds": round(stages["shap"] + stages["drivers"], 1),
        "score_run_seconds": best,
        "score_run_pupils_per_s": round(pupils / best),
        "peak_rss_mib": round(peak_mib),
        "extrapolated_6_5m": {
            "note": f"linear in pupils from this run (× {scale:.2f}); not measured",
            "ingest_seconds": round(ingest * scale),
            "score_run_seconds": round(best * scale),
            "stage_seconds": {stage: round(seconds * scale) for stage, seconds in stages.items()},
        },
        "overlapped": overlapped,
        "drivers_peer": peer,
        "dask": dask,
    }


if __name__ == "__main__":
    main()
