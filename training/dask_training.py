"""`erta train --dask ADDR`: the risk model's trees grown by `xgboost.dask` on a cluster, from Parquet.

The training and early-stopping rows are written as partitioned Parquet under Erta's home, holding the
features and the label only (no pupil pseudonym, school, date or sensitive attribute), read by the workers
with dask.dataframe and deleted as soon as the trees are grown. The classifier keeps every parameter the
single-machine path gives it (monotone constraints and early stopping included) except its thread count:
each worker uses its own threads. The booster comes back as a plain `XGBClassifier`, so calibration, SHAP,
MLflow, the registry and serving are the single-machine path's. Workers need xgboost, dask and pyarrow, not
Erta, but they open the files by path: on several machines, Erta's home must be on storage they share.
Imported only when a cluster is asked for, so `erta` starts without loading dask.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Final

import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import xgboost as xgb
from distributed import Client, wait
from numpy.typing import NDArray
from xgboost.dask import DaskXGBClassifier

# Big enough that a file's overhead is noise, small enough that a worker reads several files, not one
# country-sized one: 100,000 snapshots × 143 float32 features is about 57 MB.
ROWS_PER_PARTITION: Final = 100_000
LABEL: Final = "label"
SCRATCH: Final = "scratch"


@dataclass(frozen=True)
class DaskBoosterFitter:
    """A `BoosterFitter` (model.risk_model) that grows the trees on `client`'s cluster, staging the rows in a
    private folder under `home/scratch` that lives only as long as the fit."""

    client: Client
    home: Path

    def __call__(
        self,
        classifier: xgb.XGBClassifier,
        X: pd.DataFrame,
        y: NDArray[np.int64],
        X_stop: pd.DataFrame,
        y_stop: NDArray[np.int64],
    ) -> xgb.XGBClassifier:
        workers = max(1, len(self.client.nthreads()))
        names = [str(column) for column in X.columns]
        root = (self.home / SCRATCH).resolve()  # absolute: a worker started elsewhere opens the same files
        root.mkdir(parents=True, exist_ok=True)
        # `distributed.get_client()` is what xgboost.dask asks, even when handed a client; `as_current`
        # answers it with ours without making it every later computation's default.
        with tempfile.TemporaryDirectory(dir=root, prefix="train-") as scratch, self.client.as_current():
            train = read_partitions(self.client, write_partitions(X, y, Path(scratch) / "train", workers))
            stop = read_partitions(
                self.client, write_partitions(X_stop, y_stop, Path(scratch) / "stop", workers)
            )
            remote = DaskXGBClassifier(**(classifier.get_params() | {"n_jobs": None}))
            remote.client = self.client
            remote.fit(train[names], train[LABEL], eval_set=[(stop[names], stop[LABEL])], verbose=False)
        # The same trees, best iteration and feature names in the classifier the model was going to fit.
        classifier.load_model(bytearray(remote.get_booster().save_raw("json")))
        return classifier


def write_partitions(X: pd.DataFrame, y: NDArray[np.int64], folder: Path, workers: int) -> Path:
    """The rows, in order, as Parquet files of at most about `ROWS_PER_PARTITION` rows each; a multiple of
    `workers` files, so every worker can be given a share."""
    if LABEL in X.columns:
        raise ValueError(f"a feature may not be called {LABEL!r}: that column holds the label")
    files = workers * math.ceil(len(X) / (workers * ROWS_PER_PARTITION))
    bounds = np.linspace(0, len(X), max(1, min(files, len(X))) + 1).astype(int)
    table = pa.Table.from_pandas(X, preserve_index=False).append_column(LABEL, pa.array(y))
    folder.mkdir()
    for part, (start, end) in enumerate(pairwise(bounds)):
        pq.write_table(table.slice(start, end - start), folder / f"part-{part:05d}.parquet")
    return folder


def read_partitions(client: Client, folder: Path) -> dd.DataFrame:
    """The files read into the workers' memory, one partition a file. Persisted before any column is picked:
    dask would otherwise plan the label's read separately and merge its small partitions, and xgboost.dask
    needs the features and the label cut into the same partitions."""
    frame: dd.DataFrame = client.persist(dd.read_parquet(str(folder)))
    wait(frame)
    return frame
