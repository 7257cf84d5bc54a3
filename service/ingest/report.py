"""What an ingest did: per file, rows new / updated / unchanged / rejected, and each problem found."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """A row (or a whole file, line 1) that was not loaded, and why, as `file:line: reason`."""

    path: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass
class FileReport:
    name: str
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class IngestReport:
    files: dict[str, FileReport] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(report.rejected for report in self.files.values())

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, dict[str, int]]:
        return {
            name: {
                "read": r.read,
                "inserted": r.inserted,
                "updated": r.updated,
                "unchanged": r.unchanged,
                "rejected": r.rejected,
            }
            for name, r in self.files.items()
        }
