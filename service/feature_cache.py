"""Features of recently read classes, kept for a few minutes so that reading a class's pupils one after
another scores each from features computed once.

Reading a class's records and building its features costs tens of milliseconds; scoring and explaining one
pupil from them costs a few. A class teacher going down the flagged list, or the console drawing a page,
asks for the same class many times in a row. Entries expire after `ttl_seconds`, so a load of new marks is
seen within that time; `clear()` drops everything at once (after an ingest). Thread-safe: FastAPI runs the
handlers in a thread pool.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import polars as pl
from numpy.typing import NDArray

Key = tuple[str, date | None, date]  # class, asked-for day (None: the default), today


@dataclass(frozen=True)
class ClassFeatures:
    """A class's features as of `day`, with each pupil's model row at hand once first asked for.

    Finding one pupil's row in the frame (a filter and a select) cost more than scoring it; the matrix and
    the index are built once per entry and model feature list, then a row is a dictionary lookup."""

    day: date
    frame: pl.DataFrame
    _matrices: dict[tuple[str, ...], tuple[dict[str, int], NDArray[np.float64]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def row_of(self, pupil_id: str, names: Sequence[str]) -> NDArray[np.float64] | None:
        """The pupil's feature values in `names` order (NaN where missing), or None when not in the class."""
        key = tuple(names)
        found = self._matrices.get(key)
        if found is None:  # two threads may build it at once; both build the same thing
            index = {str(p): i for i, p in enumerate(self.frame["pupil_id"].to_list())}
            matrix = self.frame.select(key).to_numpy().astype(np.float64)
            found = self._matrices[key] = (index, matrix)
        index, matrix = found
        position = index.get(pupil_id)
        return None if position is None else matrix[position]


class ClassFeatureCache:
    def __init__(self, ttl_seconds: float = 300.0, most_classes: int = 2_000) -> None:
        self.ttl_seconds = ttl_seconds
        self.most_classes = most_classes
        self._entries: OrderedDict[Key, tuple[float, ClassFeatures]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Key, build: Callable[[], ClassFeatures]) -> ClassFeatures:
        """The class's features, built by `build` when absent or expired."""
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
            if found is not None and now - found[0] < self.ttl_seconds:
                self._entries.move_to_end(key)
                self.hits += 1
                return found[1]
            self.misses += 1
        features = build()  # outside the lock: two threads may build the same class once each
        with self._lock:
            self._entries[key] = (now, features)
            self._entries.move_to_end(key)
            while len(self._entries) > self.most_classes:
                self._entries.popitem(last=False)
        return features

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
