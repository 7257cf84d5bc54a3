"""Exports of Erta's data for people outside the service: for now, the pseudonymised folder for data
scientists."""

from service.export.pseudonymised import (
    ExportError,
    ExportProgress,
    ExportReport,
    check_export_folder,
    export_pseudonymised,
)

__all__ = ["ExportError", "ExportProgress", "ExportReport", "check_export_folder", "export_pseudonymised"]
