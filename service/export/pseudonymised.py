"""`export_pseudonymised`: a folder of CSV files for data scientists in which nobody is named.

The files mirror the canonical bundle with every id a keyed pseudonym, no names, PINFL or contacts, birth
years instead of birth dates and notes through the anonymiser (see `tables.py`); pupils whose consent is
revoked are absent with all their records. A `k_anonymity.json` says how well school × grade × sex ×
birth year hides each pupil, and `manifest.json` what the folder holds. Everything is written into a
hidden folder beside the target and renamed at the end, so an interrupted export leaves no half-written
folder behind, and every table is read in one snapshot of the database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from privacy.k_anonymity import DEFAULT_THRESHOLD, KAnonymityReport, assess, small_cells
from privacy.pseudonyms import Pseudonymizer
from service.export.sorted_csv import write_sorted_csv
from service.export.tables import PREFIXES, ExportPseudonyms, ExportTable, export_tables

FORMAT = "erta-pseudonymised-export/1"
READ_BATCH = 10_000
QUASI_IDENTIFIERS = ("school_id", "grade_level", "sex", "birth_year")

# Told the file name, the rows written to it so far, and whether the file is complete.
ExportProgress = Callable[[str, int, bool], None]


class ExportError(RuntimeError):
    """The export cannot be written where asked; the message names the folder, never a pupil."""


@dataclass(frozen=True)
class ExportReport:
    out_dir: Path
    rows: dict[str, int]  # file name → data rows
    k_anonymity: KAnonymityReport
    created_at: datetime


def export_pseudonymised(
    engine: Engine,
    out_dir: Path,
    pseudonymizer: Pseudonymizer,
    anonymize_text: Callable[[str], str],
    progress: ExportProgress | None = None,
    *,
    k_threshold: int = DEFAULT_THRESHOLD,
) -> ExportReport:
    """Write the pseudonymised export into `out_dir`, which must not exist yet or be empty."""
    check_export_folder(out_dir)
    target = out_dir.absolute()  # `.` has no name to put the hidden folder beside
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.parent / f".{target.name}.partial-{uuid.uuid4().hex[:8]}"
    partial.mkdir()
    try:
        created_at = datetime.now(UTC)
        names = ExportPseudonyms(pseudonymizer)
        rows, cells = _write_tables(engine, partial, export_tables(names, anonymize_text), progress)
        report = ExportReport(out_dir, rows, assess(cells, k_threshold), created_at)
        _write_json(partial / "k_anonymity.json", _k_document(report.k_anonymity, cells))
        _write_json(partial / "manifest.json", _manifest(report, partial))
        _move_into_place(partial, target)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return report


def check_export_folder(out_dir: Path) -> None:
    """Refuse a target that is a file or a folder already holding something (raises `ExportError`)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise ExportError(f"{out_dir} exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()):
        raise ExportError(f"{out_dir} is not empty; export into a new or empty folder")


def _write_tables(
    engine: Engine, folder: Path, tables: list[ExportTable], progress: ExportProgress | None
) -> tuple[dict[str, int], Counter[tuple[Hashable, ...]]]:
    """Every file from one snapshot, streamed in batches; also counts the pupils' quasi-identifier cells."""
    rows: dict[str, int] = {}
    cells: Counter[tuple[Hashable, ...]] = Counter()
    report = progress or _quiet
    with engine.connect() as connection:
        _begin_snapshot(connection)
        for table in tables:
            result = connection.execute(table.query, execution_options={"yield_per": READ_BATCH})
            converted = _converted(table, result, cells, _advancing(report, table.name))
            rows[table.name] = write_sorted_csv(folder / table.name, table.columns, converted)
            report(table.name, rows[table.name], True)
    return rows, cells


def _converted(
    table: ExportTable,
    result: Any,
    cells: Counter[tuple[Hashable, ...]],
    advance: Callable[[int], None],
) -> Iterator[tuple[str, ...]]:
    for done, row in enumerate(result, start=1):
        if table.cell is not None:
            cells[table.cell(row)] += 1
        yield table.convert(row)
        if done % READ_BATCH == 0:
            advance(done)


def _advancing(report: ExportProgress, name: str) -> Callable[[int], None]:
    return lambda done: report(name, done, False)


def _begin_snapshot(connection: Connection) -> None:
    """Read all tables as of one moment, so a consent changed mid-export cannot split a pupil's records."""
    if connection.dialect.name == "postgresql":
        connection.execution_options(isolation_level="REPEATABLE READ")
    else:
        connection.exec_driver_sql("BEGIN")  # pysqlite opens no transaction for reads by itself


def _k_document(report: KAnonymityReport, cells: Counter[tuple[Hashable, ...]]) -> dict[str, Any]:
    small = sorted(small_cells(cells, report.threshold).items(), key=lambda item: (item[1], str(item[0])))
    return {
        "quasi_identifiers": list(QUASI_IDENTIFIERS),
        **report.as_dict(),
        "cells_below_threshold": [
            dict(zip(QUASI_IDENTIFIERS, cell, strict=True)) | {"pupils": n} for cell, n in small
        ],
    }


def _manifest(report: ExportReport, folder: Path) -> dict[str, Any]:
    """What the folder holds, for whoever receives it; counts and digests only."""
    return {
        "format": FORMAT,
        "created_at": report.created_at.isoformat(timespec="seconds"),
        "erta_version": _erta_version(),
        "files": {name: {"rows": n, "sha256": _sha256(folder / name)} for name, n in report.rows.items()},
        "pseudonym_prefixes": {kind: f"{prefix}_" for kind, prefix in PREFIXES.items()},
        "k_anonymity": report.k_anonymity.as_dict(),
    }


def _move_into_place(partial: Path, out_dir: Path) -> None:
    _fsync(partial)
    try:
        os.rename(partial, out_dir)  # atomic; replaces `out_dir` only while it is an empty folder
    except OSError as error:
        raise ExportError(f"cannot move the export into {out_dir}: {error.strerror or error}") from None
    _fsync(out_dir.parent)


def _write_json(path: Path, document: dict[str, Any]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _fsync(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _erta_version() -> str:
    try:
        return version("erta")
    except PackageNotFoundError:
        return "unknown"


def _quiet(_name: str, _rows: int, _done: bool) -> None:
    pass
