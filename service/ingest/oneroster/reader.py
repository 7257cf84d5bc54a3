"""Reading a OneRoster 1.2 CSV folder into an `Export`: the manifest's word on which files to read, each
row with its line (through the bundle's own CSV reader), rows marked `tobedeleted` set aside and counted.

results.csv, by far the largest file, is not held in memory: it is read while it is mapped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from service.ingest.bundle_loader import BundleNotFoundError, ProgressCallback
from service.ingest.csv_source import HeaderError, read_records
from service.ingest.oneroster.export import Export, SourceRow
from service.ingest.oneroster.files import FILES, INDEXED, MANIFEST, STATUS, TO_BE_DELETED

VERSION = "1.2"
STREAMED = "results.csv"


class OneRosterFolderError(BundleNotFoundError):
    """The folder does not exist, holds no OneRoster file, or its manifest names another version."""


def read_export(folder: Path, on_progress: ProgressCallback | None = None) -> Export:
    """Every OneRoster file of `folder` the manifest (if any) does not declare absent."""
    if not folder.is_dir() or not any((folder / name).is_file() for name in FILES):
        raise OneRosterFolderError(f"{folder}: no OneRoster files found (expected any of {', '.join(FILES)})")
    export = Export(folder)
    declared = _read_manifest(export) if (folder / MANIFEST).is_file() else {}
    for name in FILES:
        mode, line = declared.get(name, ("", 0))
        present = (folder / name).is_file()
        if mode in ("bulk", "delta") and not present:
            export.reject(MANIFEST, line, f"file.{name[:-4]} is {mode} but {name} is missing")
        if mode == "absent" or not present:
            continue
        rows = _read_rows(export, name, on_progress)
        if name == STREAMED:
            export.streamed[name] = rows
            continue
        export.rows[name] = list(rows)
        if name in INDEXED:
            _index(export, name)
    if not export.rows and not export.streamed:
        raise OneRosterFolderError(f"{folder}: the manifest declares every OneRoster file here absent")
    return export


def _read_manifest(export: Export) -> dict[str, tuple[str, int]]:
    """`file.<name>` modes (absent, bulk, delta) by file name, with their line; refuses another version."""
    path = export.folder / MANIFEST
    source = export.source(MANIFEST)
    declared: dict[str, tuple[str, int]] = {}
    try:
        for record in read_records(path, ("propertyName", "value")):
            source.read += 1
            if record.values is None:
                export.reject(MANIFEST, record.line, record.problem or "unreadable row")
                continue
            prop, value = (v.strip() for v in record.values)
            if prop == "oneroster.version" and value != VERSION:
                raise OneRosterFolderError(
                    f"{path}:{record.line}: oneroster.version is {value!r}; Erta reads OneRoster {VERSION}"
                )
            name = f"{prop.removeprefix('file.')}.csv"
            if prop.startswith("file.") and name in FILES:
                mode = value.casefold()
                if mode not in ("absent", "bulk", "delta"):
                    export.reject(MANIFEST, record.line, f"{prop} {value!r} is not absent, bulk or delta")
                    continue
                declared[name] = (mode, record.line)
    except HeaderError as error:
        export.reject(MANIFEST, 1, f"{error}; the manifest is ignored")
    return declared


def _read_rows(export: Export, name: str, on_progress: ProgressCallback | None) -> Iterator[SourceRow]:
    path = export.folder / name
    source = export.source(name)
    columns = FILES[name]
    present = _header(path)
    expected = columns.required + tuple(c for c in (STATUS, *columns.optional) if c in present)
    size = path.stat().st_size

    def progress(done: int) -> None:
        if on_progress is not None:
            on_progress(f"oneroster/{name}", done, size)

    try:
        for record in read_records(path, expected, progress):
            source.read += 1
            if record.values is None:
                export.reject(name, record.line, record.problem or "unreadable row")
                continue
            row = SourceRow(name, record.line, dict(zip(expected, record.values, strict=True)))
            status = row.get(STATUS).casefold()
            if status == TO_BE_DELETED:
                source.skipped += 1
                export.deleted.setdefault(name, set()).add(row.id)
            elif status not in ("", "active"):
                export.reject_row(row, f"status {status!r} is neither active nor tobedeleted")
            else:
                yield row
    except HeaderError as error:
        export.reject(name, 1, f"{error}; nothing loaded from this file")
    progress(size)


def _header(path: Path) -> set[str]:
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        return {column.strip() for column in next(csv.reader(handle), [])}


def _index(export: Export, name: str) -> None:
    """Look rows up by sourcedId; a repeated one is reported and only its first row kept."""
    index: dict[str, SourceRow] = {}
    kept: list[SourceRow] = []
    for row in export.rows[name]:
        if not row.id:
            export.reject_row(row, "sourcedId is empty")
        elif row.id in index:
            export.reject_row(row, f"sourcedId {row.id!r} repeats line {index[row.id].line}; first kept")
        else:
            index[row.id] = row
            kept.append(row)
    export.rows[name] = kept
    export.ids[name] = index
