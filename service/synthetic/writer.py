"""Append-only writer for the canonical CSV bundle: one open file per table, one chunk per school.

Holding the files open and appending polars frames keeps memory bounded by one school's data while the
quoting (commas, quotes and newlines in notes) stays polars' standard CSV quoting. Writing happens on one
background thread (polars releases the GIL while it formats CSV), so the next school is generated while
the previous one is written; a small bounded queue keeps memory to a few schools and the order intact.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

import polars as pl

from service.bundle import BUNDLE_FILES

TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S"
QUEUED_CHUNKS = 8  # about one school's worth of frames (eight files)


class BundleWriter:
    """Writes the header of every bundle file on open, then appends frames and counts data rows."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.rows: dict[str, int] = dict.fromkeys(BUNDLE_FILES, 0)
        self._files: dict[str, IO[bytes]] = {}
        self._queue: queue.Queue[tuple[str, pl.DataFrame] | None] = queue.Queue(maxsize=QUEUED_CHUNKS)
        self._thread = threading.Thread(target=self._drain, name="bundle-writer", daemon=True)
        self._error: BaseException | None = None

    def __enter__(self) -> BundleWriter:
        self.out_dir.mkdir(parents=True, exist_ok=True)
        for name, columns in BUNDLE_FILES.items():
            handle = (self.out_dir / name).open("wb")
            handle.write((",".join(columns) + "\n").encode("utf-8"))
            self._files[name] = handle
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._queue.put(None)
        self._thread.join()
        for handle in self._files.values():
            handle.close()
        self._files.clear()
        if self._error is not None and exc is None:
            raise self._error

    def append(self, name: str, frame: pl.DataFrame) -> None:
        """Queue `frame` (columns in bundle order, checked now) for appending to the file `name`."""
        if self._error is not None:
            raise self._error
        expected = BUNDLE_FILES[name]
        if tuple(frame.columns) != expected:
            raise ValueError(f"{name}: columns {frame.columns} differ from {expected}")
        if frame.height == 0:
            return
        self.rows[name] += frame.height
        self._queue.put((name, frame))

    def _drain(self) -> None:
        """The writer thread: write chunks in arrival order; after a failure, only keep the queue moving."""
        while (item := self._queue.get()) is not None:
            if self._error is not None:
                continue
            name, frame = item
            try:
                frame.write_csv(
                    self._files[name],
                    include_header=False,
                    datetime_format=TIMESTAMP_FORMAT,
                    date_format="%Y-%m-%d",
                )
            except BaseException as error:  # re-raised in the generating thread
                self._error = error
