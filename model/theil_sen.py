"""The Theil–Sen slope for every group of a frame at once: robust to one bad mark a teacher corrects."""

from __future__ import annotations

import polars as pl


def theil_sen_slopes(points: pl.DataFrame, key: str, min_points: int) -> pl.DataFrame:
    """Median slope of y on x over all pairs of points with distinct x, per `key` with ≥ `min_points` points.

    The same estimate as `scipy.stats.theilslopes`, for every group at once: after sorting by key, each row
    is paired with the rows after it in its group by exploding a range of row numbers, so a group of n
    costs n(n-1)/2 pairs and no join. A pair's slope does not depend on its order, so x need not be sorted.
    """
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    first = pl.col(key) != pl.col(key).shift(1)
    last = pl.col(key) != pl.col(key).shift(-1)
    ordered = (
        points.select(key, "x", "y")
        .sort(key)
        .with_columns(
            row.alias("row"),
            pl.when(first.fill_null(True)).then(row).fill_null(strategy="forward").alias("start"),
            pl.when(last.fill_null(True)).then(row + 1).fill_null(strategy="backward").alias("end"),
        )
    )
    pairs = (
        ordered.filter(pl.col("end") - pl.col("start") >= min_points)
        .select(key, "row", pl.int_ranges(pl.col("row") + 1, pl.col("end")).alias("other"))
        .explode("other")
        .drop_nulls("other")
    )
    x, y = ordered.get_column("x"), ordered.get_column("y")
    this, other = pairs.get_column("row"), pairs.get_column("other")
    dx = x.gather(other) - x.gather(this)
    dy = y.gather(other) - y.gather(this)
    return (
        pairs.select(key)
        .with_columns((dy / dx).alias("slope"), dx.alias("dx"))
        .filter(pl.col("dx") != 0)
        .group_by(key)
        .agg(pl.col("slope").median())
    )
