"""`ingest_oneroster`: read a OneRoster 1.2 CSV folder, map it onto the canonical bundle, and load that
through the bundle loader, so that every rule of a bundle load holds (upsert on natural keys, unknown
references rejected, idempotent reloads, an `ingest_runs` record).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import Engine, func, select, update

from service.db.models import IngestRun
from service.ingest.bundle_loader import ProgressCallback, ingest_bundle
from service.ingest.oneroster.classes import map_classes
from service.ingest.oneroster.draft import BundleDraft
from service.ingest.oneroster.enrolments import index_enrolments
from service.ingest.oneroster.marks import map_marks
from service.ingest.oneroster.people import map_people
from service.ingest.oneroster.reader import OneRosterFolderError, read_export
from service.ingest.oneroster.report import OneRosterReport
from service.ingest.oneroster.schools import map_schools
from service.ingest.report import IngestReport

SOURCE_FORMAT = "oneroster"


def ingest_oneroster(
    folder: Path, engine: Engine, on_progress: ProgressCallback | None = None
) -> IngestReport:
    """Load the OneRoster files of `folder`; problems name the OneRoster file and line they concern.

    Raises `OneRosterFolderError` (a `BundleNotFoundError`) when the folder holds nothing to load.
    """
    export = read_export(folder, on_progress)
    # 0700 by default: the draft holds names and PINFLs for as long as the load takes.
    with tempfile.TemporaryDirectory(prefix="erta-oneroster-") as temporary:
        draft = BundleDraft(Path(temporary), folder)
        enrolments = index_enrolments(export)
        classes = map_classes(export, enrolments)
        if export.has("orgs.csv"):
            draft.write("schools.csv", map_schools(export), export)
        if export.has("classes.csv"):
            draft.write("classes.csv", classes.rows, export)
        if export.has("users.csv"):
            people = map_people(export, enrolments, classes)
            draft.write("staff.csv", people.staff, export)
            draft.write("pupils.csv", people.pupils, export)
        if export.has("results.csv"):
            draft.write("grades.csv", map_marks(export, classes, enrolments), export)
        if not draft.written:
            raise OneRosterFolderError(
                f"{folder}: nothing to load (Erta loads orgs.csv, users.csv, classes.csv and results.csv)"
            )
        loaded = ingest_bundle(Path(temporary), engine, on_progress, source_format=SOURCE_FORMAT)
    report = export.report
    report.files = loaded.files
    report.problems.extend(draft.translate(problem) for problem in loaded.problems)
    _complete_run_record(engine, report)
    return report


def _complete_run_record(engine: Engine, report: OneRosterReport) -> None:
    """The bundle loader recorded the run with what it loaded; add what was read, skipped and rejected
    while mapping, so that the record counts every row of the folder. The run is the newest OneRoster one:
    this load's, unless two OneRoster loads into one database finish at the same moment."""
    with engine.begin() as connection:
        run = connection.scalar(
            select(func.max(IngestRun.id)).where(IngestRun.source_format == SOURCE_FORMAT)
        )
        connection.execute(
            update(IngestRun)
            .where(IngestRun.id == run)
            .values(counts=report.counts(), rejected_rows=report.rejected)
        )
