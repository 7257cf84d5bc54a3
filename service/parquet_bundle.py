"""A canonical CSV bundle as Parquet partitioned by school group: what a nationwide scoring run reads.

`OUT/part=0007/{pupils,grades,attendance,lms_events,notes}.parquet` holds every record of one group of
whole schools (about `PARTITION_PUPILS` pupils), so a partition fits in memory on its own, is a natural task
for a Dask worker, and gives each pupil the features a school-by-school run gives (class comparisons stay
inside the class). Only what scoring reads is copied, in the dtypes `model.records` expects, ids and labels
as categoricals: no name, PINFL, contact, address or note text, and nothing of a pupil whose consent is
revoked. Each file is streamed through polars (`scan_csv` → `sink_parquet` by partition), so memory stays
bounded by a few row groups whatever the bundle's size. `OUT/manifest.json` is written last: a folder
without it is an unfinished conversion.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

import polars as pl

from service.parquet_layout import FORMAT, MANIFEST, PARTITION_PUPILS, RECORD_FILES, ROSTER, part_name

LEFT_OUT: Final = -1  # the partition key of rows whose pupil is unknown, revoked or in no known class
LEFT_OUT_FOLDER: Final = ".left-out"  # where they go to be counted, then deleted


class ParquetBundleError(ValueError):
    """The bundle cannot be converted; the message names the file (and never a personal value)."""


@dataclass(frozen=True)
class ConversionSummary:
    out_dir: Path
    partitions: int
    schools: int
    pupils: int
    rows: dict[str, int]  # Parquet file → rows written, over every partition
    left_out: dict[str, int]  # Parquet file → rows of its bundle file not copied (unknown or revoked pupils)
    seconds: dict[str, float]  # Parquet file → wall time of its conversion
    latest_mark: date | None


def convert_bundle(
    bundle: Path,
    out_dir: Path,
    *,
    partition_pupils: int = PARTITION_PUPILS,
    overwrite: bool = False,
    on_file: Callable[[str, int, float], None] | None = None,
) -> ConversionSummary:
    """Write `bundle` to `out_dir` as partitioned Parquet; `on_file(name, rows, seconds)` after each file."""
    if partition_pupils < 1:
        raise ParquetBundleError("a partition needs room for at least one pupil")
    _check_target(out_dir, overwrite)
    staging = out_dir.parent / f".{out_dir.name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        summary = _convert(bundle, staging, out_dir, partition_pupils, on_file)
        shutil.rmtree(out_dir, ignore_errors=True)
        staging.rename(out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _convert(
    bundle: Path,
    staging: Path,
    out_dir: Path,
    partition_pupils: int,
    on_file: Callable[[str, int, float], None] | None,
) -> ConversionSummary:
    started = time.perf_counter()
    roster, left_out_pupils = read_roster(bundle, partition_pupils)
    if roster.is_empty():
        raise ParquetBundleError(f"{bundle}: no consenting pupil in a known class, nothing to convert")
    count = roster["part"].n_unique()
    for key, pupils in roster.partition_by("part", as_dict=True, include_key=False).items():
        folder = staging / part_name(int(key[0]))
        folder.mkdir(parents=True)
        pupils.write_parquet(folder / f"{ROSTER}.parquet")
    rows = {ROSTER: roster.height}
    seconds = {ROSTER: round(time.perf_counter() - started, 2)}
    left_out = {ROSTER: left_out_pupils}
    mapping = roster.select(pl.col("pupil_id").cast(pl.String), "part")
    for stem, (file_name, columns) in RECORD_FILES.items():
        started = time.perf_counter()
        left_out[stem] = _sink_records(bundle / file_name, staging, stem, columns, mapping, count)
        rows[stem] = _rows_written(staging, stem)
        seconds[stem] = round(time.perf_counter() - started, 2)
        if on_file is not None:
            on_file(stem, rows[stem], seconds[stem])
    shutil.rmtree(staging / LEFT_OUT_FOLDER, ignore_errors=True)
    latest = _latest_mark(staging)
    summary = ConversionSummary(
        out_dir, count, roster["school_id"].n_unique(), roster.height, rows, left_out, seconds, latest
    )
    _write_manifest(staging, bundle, roster, summary, partition_pupils)
    return summary


def read_roster(bundle: Path, partition_pupils: int) -> tuple[pl.DataFrame, int]:
    """Consenting pupils with class, school, grade and partition; schools in id order, filled greedily up
    to `partition_pupils` each (a bigger school gets a partition of its own). Also how many pupils were
    left out: revoked, repeated ids, or a class `classes.csv` does not know."""
    classes = _read_csv(
        bundle / "classes.csv",
        {
            "class_id": pl.col("class_id"),
            "school_id": pl.col("school_id"),
            "grade_level": pl.col("grade_level").cast(pl.Int64),
        },
    )
    every = _read_csv(
        bundle / "pupils.csv",
        {"pupil_id": pl.col("pupil_id"), "class_id": pl.col("class_id"), "consent": pl.col("consent")},
    )
    pupils = every.unique("pupil_id", keep="first", maintain_order=True).filter(
        pl.col("consent") != "revoked"
    )
    pupils = pupils.join(classes.unique("class_id", keep="first"), on="class_id", how="inner")
    sizes = pupils.group_by("school_id").len().sort("school_id")
    parts, filled, part = [], 0, 0
    for size in sizes["len"].to_list():
        if filled and filled + size > partition_pupils:
            part, filled = part + 1, 0
        parts.append(part)
        filled += size
    sizes = sizes.with_columns(pl.Series("part", parts, dtype=pl.Int32))
    roster = (
        pupils.join(sizes.select("school_id", "part"), on="school_id")
        .sort("part", "school_id", "class_id", "pupil_id")
        .select(
            pl.col("pupil_id", "class_id", "school_id").cast(pl.Categorical),
            "grade_level",
            "part",
        )
    )
    return roster, every.height - roster.height


def _sink_records(
    path: Path,
    staging: Path,
    stem: str,
    columns: Mapping[str, pl.Expr],
    mapping: pl.DataFrame,
    partitions: int,
) -> int:
    """Stream one bundle file into its partitions; returns how many rows were left out."""
    _check_header(path, set(columns))
    scan = pl.scan_csv(path, infer_schema=False).select(pl.col(c) for c in columns)
    keyed = scan.join(mapping.lazy(), on="pupil_id", how="left").select(
        *(expression.alias(name) for name, expression in columns.items()),
        pl.col("part").fill_null(LEFT_OUT),
    )

    def file_of(args: Any) -> Path:
        part = int(args.partition_keys["part"][0])
        folder = LEFT_OUT_FOLDER if part == LEFT_OUT else part_name(part)
        return Path(folder) / f"{stem}.parquet"

    try:
        keyed.sink_parquet(
            pl.PartitionBy(
                staging,
                key="part",
                include_key=False,
                file_path_provider=file_of,
                approximate_bytes_per_file=None,
            ),
            mkdir=True,
        )
    except pl.exceptions.PolarsError as error:
        raise ParquetBundleError(f"{path}: {_first_line(error)}") from None
    empty = pl.DataFrame(schema=pl.LazyFrame(schema=scan.collect_schema()).select(**columns).collect_schema())
    for part in range(partitions):
        target = staging / part_name(part) / f"{stem}.parquet"
        if not target.exists():
            empty.write_parquet(target)
    left_out = staging / LEFT_OUT_FOLDER / f"{stem}.parquet"
    if not left_out.exists():
        return 0
    rows = pl.scan_parquet(left_out).select(pl.len()).collect().item()
    left_out.unlink()
    return int(rows)


def _read_csv(path: Path, columns: Mapping[str, pl.Expr]) -> pl.DataFrame:
    """A small bundle file read whole: only `columns`, each parsed by its expression."""
    _check_header(path, set(columns))
    try:
        frame = pl.read_csv(path, columns=list(columns), infer_schema=False)
        return frame.select(expression.alias(name) for name, expression in columns.items())
    except pl.exceptions.PolarsError as error:
        raise ParquetBundleError(f"{path}: {_first_line(error)}") from None


def _check_header(path: Path, required: set[str]) -> None:
    if not path.is_file():
        raise ParquetBundleError(f"{path}: no such file in the bundle")
    try:
        header = pl.read_csv(path, n_rows=0, infer_schema=False).columns
    except (pl.exceptions.PolarsError, UnicodeDecodeError) as error:
        raise ParquetBundleError(f"{path}: cannot read the header: {_first_line(error)}") from None
    missing = sorted(required - set(header))
    if missing:
        raise ParquetBundleError(f"{path}: the header lacks column(s) {', '.join(missing)}")


def _rows_written(staging: Path, stem: str) -> int:
    return int(pl.scan_parquet(staging / f"part=*/{stem}.parquet").select(pl.len()).collect().item())


def _latest_mark(staging: Path) -> date | None:
    latest = pl.scan_parquet(staging / "part=*/grades.parquet").select(pl.col("date").max()).collect().item()
    return latest if isinstance(latest, date) else None


def _write_manifest(
    staging: Path, bundle: Path, roster: pl.DataFrame, summary: ConversionSummary, partition_pupils: int
) -> None:
    per_part = roster.group_by("part").agg(
        pl.len().alias("pupils"), pl.col("school_id").n_unique().alias("schools")
    )
    manifest = {
        "format": FORMAT,
        "source": str(bundle.resolve()),
        "partition_pupils": partition_pupils,
        "partitions": [
            {"name": part_name(row["part"]), "pupils": row["pupils"], "schools": row["schools"]}
            for row in per_part.sort("part").iter_rows(named=True)
        ],
        "latest_mark": summary.latest_mark.isoformat() if summary.latest_mark else None,
        "rows": summary.rows,
        "left_out": summary.left_out,
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def _check_target(out_dir: Path, overwrite: bool) -> None:
    """An existing folder is replaced only when it is empty, or an earlier conversion and `overwrite`."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ParquetBundleError(f"{out_dir}: exists and is not a folder")
    if not any(out_dir.iterdir()):
        return
    if not (out_dir / MANIFEST).is_file():
        raise ParquetBundleError(f"{out_dir}: holds files that are not an Erta Parquet conversion")
    if not overwrite:
        raise ParquetBundleError(f"{out_dir}: already holds a conversion; pass --overwrite to replace it")


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def summary_json(summary: ConversionSummary) -> dict[str, Any]:
    found = asdict(summary)
    found["out_dir"] = str(summary.out_dir)
    found["latest_mark"] = summary.latest_mark.isoformat() if summary.latest_mark else None
    return found
