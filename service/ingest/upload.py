"""An uploaded bundle unpacked into a folder the loaders can read: CSV files, or a .zip holding them.

Uploads come from outside, so nothing in them decides where a file lands: only the base name of each CSV
is kept (a member `../../etc/x.csv` becomes `x.csv`), names outside the expected files are set aside, and
the bytes written are counted against a limit as they are written, so a small archive cannot unpack into a
huge one.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Final

from service.bundle import BUNDLE_FILES
from service.ingest.oneroster.files import FILES as ONEROSTER_FILES
from service.ingest.oneroster.files import MANIFEST

KNOWN_FILES: Final = frozenset({*BUNDLE_FILES, *ONEROSTER_FILES, MANIFEST})
_CSV_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,80}\.csv$")
CHUNK: Final = 1 << 20


class UploadError(ValueError):
    """The upload cannot be unpacked; the message names the file and what is wrong with it."""


@dataclass
class _Budget:
    """Bytes the upload may still unpack to."""

    left: int

    def take(self, size: int, origin: str) -> None:
        self.left -= size
        if self.left < 0:
            raise UploadError(f"{origin}: the upload unpacks past the size limit; load it with `erta ingest`")


@dataclass
class Unpacked:
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)


def unpack(uploads: Iterable[tuple[str, IO[bytes]]], folder: Path, most_bytes: int) -> Unpacked:
    """Write each uploaded CSV (or each CSV inside an uploaded .zip) into `folder`."""
    unpacked = Unpacked()
    budget = _Budget(most_bytes)
    for name, stream in uploads:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base.lower().endswith(".zip"):
            _unpack_zip(base, stream, folder, budget, unpacked)
        elif base.lower().endswith(".csv"):
            _keep(base, stream, folder, budget, unpacked, origin=base)
        else:
            raise UploadError(f"{base or 'a file'}: send CSV files, or a .zip archive of them")
    if not unpacked.files:
        expected = ", ".join(sorted(BUNDLE_FILES))
        raise UploadError(f"the upload holds none of the files Erta loads (a bundle has {expected})")
    return unpacked


def _unpack_zip(name: str, stream: IO[bytes], folder: Path, budget: _Budget, unpacked: Unpacked) -> None:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError):
        raise UploadError(f"{name}: not a readable .zip archive") from None
    with archive:
        for member in archive.infolist():
            if member.is_dir():
                continue
            base = PurePosixPath(member.filename.replace("\\", "/")).name
            if not base.lower().endswith(".csv"):
                unpacked.ignored.append(f"{name}/{member.filename}")
                continue
            try:
                with archive.open(member) as inner:
                    _keep(base, inner, folder, budget, unpacked, origin=f"{name}/{member.filename}")
            except (zipfile.BadZipFile, NotImplementedError, RuntimeError):
                raise UploadError(f"{name}/{member.filename}: cannot be read from the archive") from None


def _keep(
    base: str, stream: IO[bytes], folder: Path, budget: _Budget, unpacked: Unpacked, origin: str
) -> None:
    if not _CSV_NAME.match(base) or base not in KNOWN_FILES:
        unpacked.ignored.append(origin)
        return
    if base in unpacked.files:
        raise UploadError(f"{origin}: {base} is in the upload twice; send each file once")
    with (folder / base).open("wb") as out:
        while chunk := stream.read(CHUNK):
            budget.take(len(chunk), origin)
            out.write(chunk)
    unpacked.files.append(base)
