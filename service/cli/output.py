"""Terminal output shared by the commands: one console for messages, progress bars on stderr."""

from __future__ import annotations

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
