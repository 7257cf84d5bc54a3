"""`erta score --parquet DIR --out DIR`: the nightly run over a Parquet conversion, partition by partition.

Each partition of `service.parquet_bundle` (whole schools, about 50,000 pupils) is read into the same
records a school-by-school run reads from the database, its features are built at the as-of date, and its
pupils are scored, explained through the tabulated TreeSHAP and worded with the drivers `score_all`
writes; the rows go to `OUT/part=NNNN/risk_scores.parquet` with the columns of `risk_scores` (drivers as the
JSON the table stores) plus the school. Memory is bounded by one partition, and a partition is also one Dask
task (`service.parquet_dask`). `OUT/manifest.json`, written last, says which day and model the run was.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import polars as pl

from model.alert_policy import TierThresholds
from model.features import build_features
from model.records import PupilRecords
from service.explain import default_as_of
from service.parquet_layout import FORMAT, MANIFEST, ROSTER
from service.parquet_results import result_rows, with_schools, write_results
from service.scoring_job import DEFAULT_THRESHOLDS, ScoringError

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel

STAGES: Final = ("read", "features", "score", "shap", "drivers", "write")
# Parquet file of a partition → the records `model.records` calls it.
RECORDS: Final = {"grades": "marks", "attendance": "attendance", "lms_events": "lms", "notes": "notes"}


class ParquetScoringError(ScoringError):
    """The folder is not a finished Parquet conversion, or a partition cannot be read or written."""


@dataclass(frozen=True)
class PartitionScored:
    name: str
    pupils: int
    tiers: dict[str, int]
    records: int  # marks, attendance, LMS and note rows read
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage (STAGES)
    cpu_seconds: dict[str, float] = field(default_factory=dict)  # this process's CPU time (all threads)


@dataclass(frozen=True)
class ParquetRun:
    as_of: date
    model_version: str
    partitions: list[PartitionScored]

    @property
    def pupils(self) -> int:
        return sum(p.pupils for p in self.partitions)

    @property
    def records(self) -> int:
        return sum(p.records for p in self.partitions)

    def tiers(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for partition in self.partitions:
            total.update(partition.tiers)
        return dict(sorted(total.items()))

    def seconds(self, cpu: bool = False) -> dict[str, float]:
        """Each stage's wall (or CPU) time summed over partitions (on a cluster, over workers: more than the
        run took)."""
        return {
            stage: round(
                sum((p.cpu_seconds if cpu else p.seconds).get(stage, 0.0) for p in self.partitions), 2
            )
            for stage in STAGES
        }


def score_parquet(
    folder: Path,
    out_dir: Path,
    model: CalibratedRiskModel,
    version: str,
    *,
    as_of: date | None = None,
    thresholds: TierThresholds = DEFAULT_THRESHOLDS,
    on_partition: Callable[[PartitionScored], None] | None = None,
    today: date | None = None,
    overlap: bool = True,
) -> ParquetRun:
    """Score every pupil of the conversion in `folder` as of `as_of` (by default the day after its latest
    mark when that is before today, as `score_all` chooses) into `out_dir`, partition after partition.

    With `overlap`, a partition's drivers are worded and written on a second thread while the next one is
    read, featurised, scored and explained: the wording is Python and holds one core, the rest is polars
    and numba, which leave the interpreter's lock, so on two cores neither waits for the other."""
    names, day = plan_parquet_run(folder, as_of=as_of, today=today)
    model.fast_shap()  # the tables once for the whole run
    done: list[PartitionScored] = []

    def finished(scored: PartitionScored) -> None:
        done.append(scored)
        if on_partition is not None:
            on_partition(scored)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="erta-words") as words:
        pending: Future[PartitionScored] | None = None
        for name in names:
            computed = compute_partition(folder, name, model, day)
            if not overlap:
                finished(finish_partition(computed, out_dir, model, version, day, thresholds))
                continue
            if pending is not None:
                finished(pending.result())
            pending = words.submit(finish_partition, computed, out_dir, model, version, day, thresholds)
        if pending is not None:
            finished(pending.result())
    run = ParquetRun(day, version, done)
    finish_run(folder, out_dir, run)
    return run


def plan_parquet_run(folder: Path, *, as_of: date | None, today: date | None) -> tuple[list[str], date]:
    """The partitions to score and the day, decided once for the run (on a cluster too)."""
    manifest = read_manifest(folder)
    names = [str(p["name"]) for p in manifest["partitions"]]
    latest = manifest.get("latest_mark")
    day = as_of or default_as_of(date.fromisoformat(latest) if latest else None, today or date.today())
    return names, day


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParquetScoringError(
            f"{folder} is not a finished Parquet conversion (no {MANIFEST}); "
            f"write one with `erta parquet BUNDLE {folder}`"
        ) from None
    except (OSError, ValueError) as error:
        raise ParquetScoringError(f"{path}: cannot be read: {error}") from None
    if manifest.get("format") != FORMAT:
        raise ParquetScoringError(f"{path}: not a conversion this version of Erta reads ({FORMAT})")
    return manifest


def score_partition(
    folder: Path,
    out_dir: Path,
    name: str,
    model: CalibratedRiskModel,
    version: str,
    day: date,
    thresholds: TierThresholds,
) -> PartitionScored:
    """One partition read, featurised, scored, explained, worded and written; its stages timed."""
    computed = compute_partition(folder, name, model, day)
    return finish_partition(computed, out_dir, model, version, day, thresholds)


@dataclass(frozen=True)
class ComputedPartition:
    """A partition scored and explained in numbers, waiting to be put into words and written."""

    name: str
    features: pl.DataFrame
    matrix: np.ndarray[Any, Any]
    probabilities: np.ndarray[Any, Any]
    contributions: np.ndarray[Any, Any]
    schools: pl.DataFrame
    records: int
    seconds: dict[str, float]
    cpu_seconds: dict[str, float]


def compute_partition(folder: Path, name: str, model: CalibratedRiskModel, day: date) -> ComputedPartition:
    """Read, features, probabilities and exact SHAP values of one partition."""
    seconds: dict[str, float] = {}
    cpu: dict[str, float] = {}
    timed = _stopwatch(seconds, cpu)
    with timed("read"):
        records, schools = read_partition(folder / name)
    with timed("features"):
        features = build_features(records, day)
        matrix = features.select(model.feature_names).to_numpy().astype(np.float64)
    with timed("score"):
        probabilities = model.risk(matrix) if len(matrix) else np.zeros(0)
    with timed("shap"):
        contributions = model.contributions(matrix) if len(matrix) else np.zeros((0, matrix.shape[1] + 1))
    count = sum(getattr(records, table).height for table in RECORDS.values())
    return ComputedPartition(
        name, features, matrix, probabilities, contributions, schools, count, seconds, cpu
    )


def finish_partition(
    computed: ComputedPartition,
    out_dir: Path,
    model: CalibratedRiskModel,
    version: str,
    day: date,
    thresholds: TierThresholds,
) -> PartitionScored:
    """The partition's drivers in words and its results written; the counts and times of all its stages."""
    seconds, cpu = dict(computed.seconds), dict(computed.cpu_seconds)
    timed = _stopwatch(seconds, cpu)
    c = computed
    with timed("drivers"):
        results = result_rows(
            model, c.features, c.matrix, c.probabilities, c.contributions, version, day, thresholds
        )
        results = with_schools(results, c.schools)
    with timed("write"):
        try:
            write_results(out_dir / c.name, results)
        except OSError as error:
            raise ParquetScoringError(f"{out_dir / c.name}: cannot write the results: {error}") from None
    tiers = dict(sorted(Counter(results["tier"].to_list()).items()))
    return PartitionScored(c.name, results.height, tiers, c.records, seconds, cpu)


def read_partition(folder: Path) -> tuple[PupilRecords, pl.DataFrame]:
    """The partition's records as `model.records` shapes them, and each pupil's school."""
    try:
        roster = pl.read_parquet(folder / f"{ROSTER}.parquet")
        frames = {table: pl.read_parquet(folder / f"{stem}.parquet") for stem, table in RECORDS.items()}
        records = PupilRecords.from_frames(pupils=roster, **frames)
    except (OSError, pl.exceptions.PolarsError, ValueError) as error:
        raise ParquetScoringError(f"{folder}: {str(error).strip().splitlines()[0]}") from None
    schools = roster.select(pl.col("pupil_id", "school_id").cast(pl.String))
    return records, schools


def finish_run(folder: Path, out_dir: Path, run: ParquetRun) -> None:
    """`OUT/manifest.json`: the day, the model and every partition's counts, written after all results."""
    manifest = {
        "format": FORMAT,
        "source": str(folder.resolve()),
        "as_of": run.as_of.isoformat(),
        "model_version": run.model_version,
        "pupils": run.pupils,
        "tiers": run.tiers(),
        "partitions": [{"name": p.name, "pupils": p.pupils, "tiers": p.tiers} for p in run.partitions],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _stopwatch(seconds: dict[str, float], cpu: dict[str, float]) -> Callable[[str], Any]:
    @contextmanager
    def timed(stage: str) -> Iterator[None]:
        started, used = time.perf_counter(), time.process_time()
        yield
        seconds[stage] = round(time.perf_counter() - started, 3)
        cpu[stage] = round(time.process_time() - used, 3)

    return timed
