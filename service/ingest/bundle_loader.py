"""`erta ingest DIR`: validate and load a canonical bundle, file by file, in dependency order.

Each file is committed on its own: a bad row is reported as `file:line: reason` and skipped while every
valid row of the file is loaded. Files absent from the folder are simply not loaded, so a bundle may be
a daily delta holding only grades.csv.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, String, Table, insert

from service.bundle import BUNDLE_FILES
from service.db.models import Base, IngestRun
from service.ingest import row_rules
from service.ingest.csv_source import HeaderError, read_records
from service.ingest.fields import FieldError
from service.ingest.known_ids import KnownIds
from service.ingest.report import FileReport, IngestReport, Problem
from service.ingest.staging import Stage

BATCH_ROWS = 50_000
TABLES = Base.metadata.tables

# file name, bytes read so far, file size
ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class FileSpec:
    name: str
    table: Table
    key: tuple[str, ...]
    parse: row_rules.RowParser


SPECS: tuple[FileSpec, ...] = (
    FileSpec("schools.csv", TABLES["schools"], ("school_id",), row_rules.parse_school),
    FileSpec("staff.csv", TABLES["staff"], ("staff_id",), row_rules.parse_staff),
    FileSpec("classes.csv", TABLES["classes"], ("class_id",), row_rules.parse_class),
    FileSpec("pupils.csv", TABLES["pupils"], ("pupil_id",), row_rules.parse_pupil),
    FileSpec("grades.csv", TABLES["marks"], ("pupil_id", "subject", "date", "kind"), row_rules.parse_mark),
    FileSpec(
        "attendance.csv", TABLES["attendance"], ("pupil_id", "date", "subject"), row_rules.parse_attendance
    ),
    FileSpec(
        "lms_events.csv",
        TABLES["lms_events"],
        ("pupil_id", "timestamp", "subject", "event"),
        row_rules.parse_lms_event,
    ),
    FileSpec("notes.csv", TABLES["notes"], ("note_id",), row_rules.parse_note),
)
assert tuple(spec.name for spec in SPECS) == tuple(BUNDLE_FILES), "load order must follow the bundle contract"


class BundleNotFoundError(FileNotFoundError):
    """The folder does not exist or holds none of the bundle's files."""


def ingest_bundle(
    folder: Path,
    engine: Engine,
    on_progress: ProgressCallback | None = None,
    source_format: str = "bundle",
) -> IngestReport:
    """Load every bundle file present in `folder`; the report lists what was loaded and each problem.

    `source_format` is what `ingest_runs` records as the run's origin (a OneRoster folder is mapped onto a
    bundle first, and its run says so)."""
    present = [spec for spec in SPECS if (folder / spec.name).is_file()]
    if not folder.is_dir() or not present:
        expected = ", ".join(BUNDLE_FILES)
        raise BundleNotFoundError(f"{folder}: no bundle files found (expected any of {expected})")
    report = IngestReport()
    started = datetime.now(UTC)
    with engine.connect() as connection:
        known = KnownIds.load(connection)
        connection.commit()
        for spec in present:
            report.files[spec.name] = _load_file(
                connection, folder / spec.name, spec, known, report, on_progress
            )
        _record_run(connection, started, report, source_format)
    return report


def _load_file(
    connection: Connection,
    path: Path,
    spec: FileSpec,
    known: KnownIds,
    report: IngestReport,
    on_progress: ProgressCallback | None,
) -> FileReport:
    file_report = FileReport(spec.name)
    size = path.stat().st_size

    def progress(done: int) -> None:
        if on_progress is not None:
            on_progress(spec.name, done, size)

    with connection.begin():
        if connection.dialect.name == "postgresql":
            # A load is idempotent and is simply run again after a crash, so it need not wait for each
            # commit to reach the disk; the database itself stays consistent either way.
            connection.exec_driver_sql("SET LOCAL synchronous_commit = off")
        stage = Stage(connection, spec.table, spec.key)
        widths = stored_widths(spec.table)
        columns = BUNDLE_FILES[spec.name]
        batch: list[tuple[int, dict[str, object]]] = []
        try:
            for record in read_records(path, columns, progress):
                file_report.read += 1
                if record.values is None:
                    _reject(report, file_report, path, record.line, record.problem or "unreadable row")
                    continue
                refused = too_long(dict(zip(columns, record.values, strict=True)), widths)
                if refused is not None:
                    _reject(report, file_report, path, record.line, refused)
                    continue
                try:
                    batch.append((record.line, spec.parse(record.values, known)))
                except FieldError as error:
                    _reject(report, file_report, path, record.line, str(error))
                    continue
                if len(batch) >= BATCH_ROWS:
                    stage.add(batch)
                    batch = []
        except HeaderError as error:
            _reject(report, file_report, path, 1, f"{error}; nothing loaded from this file")
            stage.drop()
            return file_report
        stage.add(batch)
        for line, first_line in stage.remove_duplicates():
            key = ", ".join(spec.key)
            _reject(
                report, file_report, path, line, f"duplicate of line {first_line} (same {key}); first kept"
            )
        counts = stage.merge()
        stage.drop()
    progress(size)
    file_report.inserted, file_report.updated, file_report.unchanged = (
        counts.inserted,
        counts.updated,
        counts.unchanged,
    )
    return file_report


# Values stored as given (ids, names, labels, subjects, an address): a longer one than its column (a
# 36-character GUID as an id) would make PostgreSQL refuse the whole file, so its row is refused. The other
# text columns hold what the parsers check or rewrite (a choice, a PINFL, a phone), never longer.
_AS_GIVEN = ("name", "district", "full_name", "label", "guardian_name", "subject", "address")


def stored_widths(table: Table) -> dict[str, int]:
    """The most characters each as-given column of `table` holds."""
    return {
        column.name: column.type.length
        for column in table.c
        if isinstance(column.type, String)
        and column.type.length
        and (column.name.endswith("_id") or column.name in _AS_GIVEN)
    }


def too_long(row: Mapping[str, str], widths: Mapping[str, int]) -> str | None:
    """Why the row cannot be stored as it is, or None: checked before the row is parsed, so that its id is
    never recorded as known and a later row cannot refer to it."""
    for column, width in widths.items():
        if len(row.get(column, "").strip()) > width:
            return f"{column} is longer than the {width} characters Erta stores"
    return None


def _reject(report: IngestReport, file_report: FileReport, path: Path, line: int, reason: str) -> None:
    file_report.rejected += 1
    report.problems.append(Problem(str(path), line, reason))


def _record_run(
    connection: Connection, started: datetime, report: IngestReport, source_format: str = "bundle"
) -> None:
    with connection.begin():
        connection.execute(
            insert(IngestRun).values(
                started_at=started,
                finished_at=datetime.now(UTC),
                source_format=source_format,
                counts=report.counts(),
                rejected_rows=report.rejected,
            )
        )
