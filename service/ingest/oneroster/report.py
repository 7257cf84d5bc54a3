"""What a OneRoster load did: the bundle files it became (as any ingest reports them), plus, for each
OneRoster file, the rows read, skipped as `tobedeleted` and rejected while mapping."""

from __future__ import annotations

from dataclasses import dataclass, field

from service.ingest.report import IngestReport


@dataclass
class SourceFileReport:
    name: str
    read: int = 0
    skipped: int = 0  # status tobedeleted: neither loaded nor a problem
    rejected: int = 0


@dataclass
class OneRosterReport(IngestReport):
    """`files` are the bundle files the folder was mapped to; `sources` the OneRoster files read."""

    sources: dict[str, SourceFileReport] = field(default_factory=dict)

    @property
    def rejected(self) -> int:
        return super().rejected + sum(source.rejected for source in self.sources.values())

    @property
    def skipped(self) -> int:
        return sum(source.skipped for source in self.sources.values())

    def counts(self) -> dict[str, dict[str, int]]:
        """As `IngestReport.counts`, with each OneRoster file under `oneroster/<name>` before them."""
        sources = {
            f"oneroster/{name}": {"read": s.read, "skipped": s.skipped, "rejected": s.rejected}
            for name, s in self.sources.items()
        }
        return sources | super().counts()
