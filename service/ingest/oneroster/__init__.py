"""Loading a OneRoster 1.2 CSV export (what e-diaries and LMSs exchange) by mapping it onto the canonical
bundle; the mapping is described in docs/ONEROSTER.md."""

from service.ingest.oneroster.loader import ingest_oneroster
from service.ingest.oneroster.reader import OneRosterFolderError
from service.ingest.oneroster.report import OneRosterReport, SourceFileReport

__all__ = ["OneRosterFolderError", "OneRosterReport", "SourceFileReport", "ingest_oneroster"]
