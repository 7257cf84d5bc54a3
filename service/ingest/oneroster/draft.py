"""The canonical bundle a OneRoster folder maps to, written to a private temporary folder so that the bundle
loader applies every one of its rules to it.

Each bundle row remembers the OneRoster line it was made from: whatever the loader rejects is reported at
that file and line, never at the temporary bundle, which no user ever sees.
"""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Iterable
from pathlib import Path

from service.bundle import BUNDLE_FILES
from service.ingest.bundle_loader import SPECS, stored_widths, too_long
from service.ingest.oneroster.export import BundleRow, Export
from service.ingest.report import Problem

# The OneRoster file each bundle file is made from.
ORIGIN = {
    "schools.csv": "orgs.csv",
    "staff.csv": "users.csv",
    "classes.csv": "classes.csv",
    "pupils.csv": "users.csv",
    "grades.csv": "results.csv",
}
WIDTHS = {spec.name: stored_widths(spec.table) for spec in SPECS}
# The loader's reason for a repeated natural key names the earlier bundle line; it is translated too.
_DUPLICATE = re.compile(r"^duplicate of line (\d+)")


class BundleDraft:
    def __init__(self, folder: Path, source: Path) -> None:
        self.folder = folder
        self.source = source
        self.origins: dict[str, array[int]] = {}  # bundle file → OneRoster line, indexed by bundle line

    def write(self, name: str, rows: Iterable[BundleRow], export: Export) -> None:
        """Write bundle file `name`; a row with a value too long to store is reported to `export` instead."""
        columns, widths = BUNDLE_FILES[name], WIDTHS[name]
        origins = array("q", [1, 1])  # no line 0; the header stands for the OneRoster header
        with (self.folder / name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            for line, row in rows:
                # Refused here rather than by the loader, so it is told in the order of the OneRoster rows.
                reason = too_long(row, widths)
                if reason is not None:
                    export.reject(ORIGIN[name], line, f"{reason} (mapped to {name})")
                    continue
                values = [row[column] for column in columns]
                writer.writerow(values)
                origins.extend([line] * (1 + _line_breaks(values)))
        self.origins[name] = origins

    @property
    def written(self) -> bool:
        return bool(self.origins)

    def translate(self, problem: Problem) -> Problem:
        """The loader's problem with a draft row, told at the OneRoster line that row came from."""
        name = Path(problem.path).name
        origin, lines = ORIGIN[name], self.origins[name]
        reason = _DUPLICATE.sub(lambda match: f"duplicate of {origin}:{lines[int(match[1])]}", problem.reason)
        return Problem(str(self.source / origin), lines[problem.line], f"{reason} (mapped to {name})")


def _line_breaks(values: list[str]) -> int:
    """Line breaks inside values, as the CSV reader counts lines (\\n, \\r and \\r\\n each end one)."""
    text = "".join(values)
    if "\n" not in text and "\r" not in text:
        return 0
    return sum(value.count("\n") + value.count("\r") - value.count("\r\n") for value in values)
