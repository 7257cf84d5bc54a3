"""ClassFeatureCache: a class's features are built once while fresh, rebuilt when stale, and the least
recently read class leaves first."""

from __future__ import annotations

import time
from datetime import date

import numpy as np
import polars as pl

from service.feature_cache import ClassFeatureCache, ClassFeatures

DAY = date(2026, 3, 2)


def builder(calls: list[str], name: str):  # type: ignore[no-untyped-def]
    def build() -> ClassFeatures:
        calls.append(name)
        return ClassFeatures(DAY, pl.DataFrame({"pupil_id": [name]}))

    return build


def test_a_fresh_class_is_built_once() -> None:
    cache, calls = ClassFeatureCache(ttl_seconds=60), []
    key = ("7-B", None, DAY)
    first = cache.get(key, builder(calls, "a"))
    second = cache.get(key, builder(calls, "b"))
    assert calls == ["a"]
    assert second.frame.equals(first.frame)
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_stale_class_is_built_again() -> None:
    cache, calls = ClassFeatureCache(ttl_seconds=0.05), []
    key = ("7-B", None, DAY)
    cache.get(key, builder(calls, "a"))
    time.sleep(0.06)
    assert cache.get(key, builder(calls, "b")).frame["pupil_id"].to_list() == ["b"]


def test_a_zero_lifetime_never_reuses() -> None:
    cache, calls = ClassFeatureCache(ttl_seconds=0), []
    for _ in range(3):
        cache.get(("7-B", None, DAY), builder(calls, "a"))
    assert len(calls) == 3


def test_the_least_recently_read_class_is_dropped_first() -> None:
    cache, calls = ClassFeatureCache(ttl_seconds=60, most_classes=2), []
    for name in ("a", "b"):
        cache.get((name, None, DAY), builder(calls, name))
    cache.get(("a", None, DAY), builder(calls, "a again"))  # "a" read again: "b" is now the oldest
    cache.get(("c", None, DAY), builder(calls, "c"))
    cache.get(("a", None, DAY), builder(calls, "a third"))
    cache.get(("b", None, DAY), builder(calls, "b again"))
    assert calls == ["a", "b", "c", "b again"]


def test_clear_forgets_everything() -> None:
    cache, calls = ClassFeatureCache(ttl_seconds=60), []
    cache.get(("a", None, DAY), builder(calls, "a"))
    cache.clear()
    cache.get(("a", None, DAY), builder(calls, "a"))
    assert calls == ["a", "a"]


def test_a_pupils_row_is_found_by_id_in_the_asked_order_of_features() -> None:
    frame = pl.DataFrame({"pupil_id": ["a", "b"], "x": [1.0, None], "y": [3.0, 4.0]})
    features = ClassFeatures(DAY, frame)
    assert features.row_of("b", ["y", "x"]).tolist()[0] == 4.0
    assert np.isnan(features.row_of("b", ["y", "x"])[1])
    assert features.row_of("a", ["x"]).tolist() == [1.0]
    assert features.row_of("c", ["x"]) is None
