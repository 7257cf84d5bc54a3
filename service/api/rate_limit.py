"""Requests per user (or integration token) per minute, as token buckets kept in the process.

Each caller may send `per_minute` requests a minute on average and up to `burst` at once; past that the API
answers 429 with `Retry-After`, so a runaway integration or script slows down instead of starving the
teachers. Sign-in attempts have their own, smaller bucket per username, against password guessing.
Buckets live in one process: with several workers each counts its own share.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, per_minute: int, burst: int, most_keys: int = 100_000) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.most_keys = most_keys
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def wait_seconds(self, key: str) -> int:
        """Take one request from `key`'s bucket: 0 when allowed, else whole seconds until it would be."""
        now = time.monotonic()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.most_keys:
                    self._buckets.clear()  # a flood of new keys: forget old buckets rather than grow
                bucket = self._buckets[key] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0
            return max(1, math.ceil((1.0 - bucket.tokens) / self.rate)) if self.rate > 0 else 60
