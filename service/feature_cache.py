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
from collections.abc import Callable
from datetime import date

import polars as pl

Key = tuple[str, date | None, date]  # class, asked-for day (None: the default), today


class ClassFeatureCache:
    def __init__(self, ttl_seconds: float = 300.0, most_classes: int = 2_000) -> None:
        self.ttl_seconds = ttl_seconds
        self.most_classes = most_classes
        self._entries: OrderedDict[Key, tuple[float, date, pl.DataFrame]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Key, build: Callable[[], tuple[date, pl.DataFrame]]) -> tuple[date, pl.DataFrame]:
        """The class's (as-of day, features), built by `build` when absent or expired."""
        now = time.monotonic()
        with self._lock:
            found = self._entries.get(key)
            if found is not None and now - found[0] < self.ttl_seconds:
                self._entries.move_to_end(key)
                self.hits += 1
                return found[1], found[2]
            self.misses += 1
        day, features = build()  # outside the lock: two threads may build the same class once each
        with self._lock:
            self._entries[key] = (now, day, features)
            self._entries.move_to_end(key)
            while len(self._entries) > self.most_classes:
                self._entries.popitem(last=False)
        return day, features

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
