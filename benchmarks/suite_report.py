"""What `make bench` writes: one JSON with every figure and one Markdown table between markers in the docs.

Kept apart from running the benchmarks so the output can be checked on a made-up result set in a test.
"""

from __future__ import annotations

import json
import os
import platform
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


@dataclass(frozen=True)
class Figure:
    """One measured figure, and the peer measured beside it in the same program on the same data.

    `ratio` is figure ÷ peer (None where the peer is not from this run); `ratio_reads` says how to read it
    where "×" alone would not (scoring ÷ explaining is an explanation's cost in scorings). `detail` holds
    what a reader needs to trust the figure: sizes, seconds, checks.
    """

    what: str
    value: float
    unit: str
    detail: str = ""
    peer: str = ""
    peer_value: float | None = None
    ratio: float | None = None
    ratio_reads: str = ""


@dataclass
class StepResult:
    """One benchmark program's run: its figures, or why it failed."""

    name: str
    title: str
    command: str
    seconds: float
    figures: list[Figure] = field(default_factory=list)
    error: str | None = None
    result: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def machine() -> dict[str, Any]:
    """Cores, memory and CPU model: figures from a 2-core machine and a 64-core one are not comparable."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        models = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line
        ]
        cpu = models[0] if models else cpu
    ram_gib = None
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kib = next(
            int(line.split()[1]) for line in meminfo.read_text().splitlines() if line.startswith("MemTotal")
        )
        ram_gib = round(total_kib / 1024**2, 1)
    return {"cores": os.cpu_count(), "ram_gib": ram_gib, "cpu": cpu, "load_average_at_start": load_average()}


def load_average() -> float | None:
    """The 1-minute load average: on a shared machine it says how much the absolute figures are worth."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def suite_document(
    steps: list[StepResult], host: dict[str, Any], wall_seconds: float, quick: bool
) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": host,
        "quick": quick,
        "wall_seconds": round(wall_seconds, 1),
        "failed": [step.name for step in steps if not step.ok],
        "steps": [
            {
                "name": step.name,
                "title": step.title,
                "command": step.command,
                "status": "ok" if step.ok else "failed",
                "seconds": round(step.seconds, 1),
                "error": step.error,
                "figures": [
                    asdict(figure)
                    | {
                        "ratio": None if figure.ratio is None else round(figure.ratio, 3),
                        "command": step.command,
                    }
                    for figure in step.figures
                ],
                "result": step.result,
            }
            for step in steps
        ],
    }


def write_json(document: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def number(value: float) -> str:
    """Thousands separated; one decimal below 100, where the decimal still carries information."""
    return f"{value:,.1f}" if abs(value) < 100 and value != int(value) else f"{value:,.0f}"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_rows(step: StepResult) -> list[str]:
    command = f"`{step.command}`"
    if not step.ok:
        lines = (step.error or "unknown").strip().splitlines() or ["unknown"]
        return [f"| {_cell(step.title)} | **failed**: {_cell(lines[-1])} | — | — | {command} |"]
    rows = []
    for figure in step.figures:
        shown = f"**{number(figure.value)} {figure.unit}**" + (f" ({figure.detail})" if figure.detail else "")
        ratio = "—" if figure.ratio is None else f"{figure.ratio:.3g}×"
        if figure.ratio is not None and figure.ratio_reads:
            ratio += f" {figure.ratio_reads}"
        cells = (figure.what, shown, figure.peer or "—", ratio, command)
        rows.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    return rows


def markdown_table(document: dict[str, Any], steps: list[StepResult], json_path: str) -> str:
    host = document["machine"]
    minutes, seconds = divmod(int(document["wall_seconds"]), 60)
    start, end = host.get("load_average_at_start"), host.get("load_average_at_end")
    header = (
        f"Measured {document['date'][:10]} by `make bench` (`python -m benchmarks.suite"
        f"{' --quick' if document['quick'] else ''}`) in {minutes} min {seconds:02d} s on "
        f"{host['cores']} cores ({host['cpu']}), {host['ram_gib']} GiB"
        + (f", 1-minute load average {start:.1f} at the start" if start is not None else "")
        + (f" and {end:.1f} at the end" if end is not None else "")
        + f"; every figure is in `{json_path}`. The ratio is figure ÷ peer; each peer ran in the same "
        "program on the same data, except the last full runs quoted from the sections above."
    )
    lines = [
        header,
        "",
        "| what | figure | peer in the same run | ratio | command |",
        "|---|---|---|---|---|",
    ]
    for step in steps:
        lines.extend(table_rows(step))
    return "\n".join(lines)


def replace_between_markers(text: str, block: str) -> str:
    """`text` with what lies between the bench markers replaced by `block`; appended at the end if absent."""
    if START not in text or END not in text:
        return text.rstrip("\n") + f"\n\n{START}\n{block}\n{END}\n"
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{block}\n{END}{after}"


def write_table(block: str, path: Path) -> None:
    existing = path.read_text(encoding="utf-8") if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(replace_between_markers(existing, block).lstrip("\n"), encoding="utf-8")
