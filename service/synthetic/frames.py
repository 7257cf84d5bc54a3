"""Turn integer-coded numpy arrays into polars columns by gathering from small lookup series.

String columns of hundreds of thousands of rows are never built in Python: a school's pupil ids, the subject
names and the status words live in short series, and each row only carries an index into them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from service.synthetic.hidden_causes import SUBJECTS

NO_SUBJECT = -1
_SUBJECT_LOOKUP = (*SUBJECTS, None)


def lookup(values: Sequence[str | None]) -> pl.Series:
    return pl.Series(values, dtype=pl.String)


def gather(table: pl.Series, index: np.ndarray) -> pl.Series:
    """table[index] as a new series; `index` is any integer array."""
    return table.gather(pl.Series(index.astype(np.int64, copy=False)))


def subject_column(codes: np.ndarray) -> pl.Series:
    """Subject names from SUBJECTS codes; NO_SUBJECT becomes an empty (null) cell."""
    codes = np.where(codes == NO_SUBJECT, len(SUBJECTS), codes)
    return gather(lookup(_SUBJECT_LOOKUP), codes)


def date_column(epoch_days: np.ndarray) -> pl.Series:
    return pl.Series(epoch_days.astype(np.int32, copy=False)).cast(pl.Date)


def timestamp_column(epoch_seconds: np.ndarray) -> pl.Series:
    return pl.from_epoch(pl.Series(epoch_seconds.astype(np.int64, copy=False)), time_unit="s")


def sort_order(*keys: np.ndarray) -> np.ndarray:
    """Row order by the given non-negative integer keys (first most significant), ties kept in place.

    The keys are packed into one int64 (a mixed-radix number) because one argsort is several times
    faster than numpy's lexsort over the separate keys.
    """
    packed = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        radix = int(key.max()) + 1 if len(key) else 1
        packed = packed * radix + key
    return np.argsort(packed, kind="stable")
