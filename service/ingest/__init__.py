"""Loading data into Erta: the canonical CSV bundle, validated row by row and upserted in bulk."""

from service.ingest.bundle_loader import ingest_bundle
from service.ingest.oneroster import ingest_oneroster
from service.ingest.report import FileReport, IngestReport, Problem

__all__ = ["FileReport", "IngestReport", "Problem", "ingest_bundle", "ingest_oneroster"]
