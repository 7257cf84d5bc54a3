"""Terminal output shared by the commands: one console for messages, progress bars on stderr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

# soft_wrap: a `file:line: reason` line must stay one line in CI logs and pipes, whatever the width.
console = Console(stderr=True, highlight=False, soft_wrap=True)


def progress_bar(*, counts: bool = True) -> Progress:
    """A progress bar that stays quiet when output is not a terminal (CI logs, pipes)."""
    columns = [TextColumn("{task.description}"), BarColumn(), TaskProgressColumn()]
    if counts:
        columns.append(MofNCompleteColumn())
    columns += [TimeElapsedColumn(), TimeRemainingColumn()]
    return Progress(*columns, console=console, transient=False, disable=not console.is_terminal)


def write_json_report(path: Path, report: dict[str, Any], what: str = "Metrics") -> None:
    """Write a command's figures as JSON, or say in one line why not and exit 2."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    except OSError as error:
        console.print(f"[red]error:[/] cannot write {path}: {error.strerror or error}")
        raise typer.Exit(2) from None
    console.print(f"{what} written to {path}.")
