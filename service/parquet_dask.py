"""`erta score --parquet DIR --out DIR --dask ADDR`: the Parquet run with one Dask task per partition.

The client decides the partitions and the day, sends the model to every worker once, and submits one task
per partition; each worker reads its partition, builds the explainer tables once per process
(`service.scoring_dask`), scores it exactly as `service.parquet_scoring.score_partition` does on one
machine, and writes the partition's results itself, so only a few counts travel back. Workers open the
folders by path: on several machines both must be on storage they share. Imported only when a cluster is
asked for: `erta` starts without loading distributed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from distributed import Client, as_completed

from model.alert_policy import TierThresholds
from service.parquet_scoring import (
    ParquetRun,
    ParquetScoringError,
    PartitionScored,
    finish_run,
    plan_parquet_run,
    score_partition,
)
from service.scoring_dask import prepared_model
from service.scoring_job import DEFAULT_THRESHOLDS

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel


def score_parquet_on_cluster(
    client: Client,
    folder: Path,
    out_dir: Path,
    model: CalibratedRiskModel,
    version: str,
    *,
    as_of: date | None = None,
    thresholds: TierThresholds = DEFAULT_THRESHOLDS,
    on_partition: Callable[[PartitionScored], None] | None = None,
    today: date | None = None,
) -> ParquetRun:
    """`score_parquet` with each partition computed and written on the cluster: same files, same day."""
    names, day = plan_parquet_run(folder, as_of=as_of, today=today)
    source, target = folder.resolve(), out_dir.resolve()
    shared = client.scatter(model, broadcast=True, hash=False)
    # A partition's results are a few counts: every task can be in flight at once.
    futures = {
        client.submit(
            _partition_task, source, target, name, shared, version, day, thresholds, pure=False
        ): name
        for name in names
    }
    done: dict[str, PartitionScored] = {}
    for future in as_completed(list(futures), loop=client.loop):
        name = futures.pop(future)
        try:
            scored: PartitionScored = future.result()
        except ParquetScoringError:
            raise
        except Exception as error:  # whatever the worker raised, named by its partition
            raise ParquetScoringError(f"{name}: the worker failed: {error}") from None
        done[name] = scored
        if on_partition is not None:
            on_partition(scored)
    run = ParquetRun(day, version, [done[name] for name in names])
    finish_run(folder, out_dir, run)
    return run


def _partition_task(
    folder: Path,
    out_dir: Path,
    name: str,
    model: CalibratedRiskModel,
    version: str,
    day: date,
    thresholds: TierThresholds,
) -> PartitionScored:
    """On a worker: one partition, through this worker's explainer tables."""
    prepared = prepared_model(model, version)
    return score_partition(folder, out_dir, name, prepared, version, day, thresholds)
