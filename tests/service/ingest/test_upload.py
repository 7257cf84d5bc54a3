"""Unpacking an upload: only known CSV names land in the folder, by base name, and the bytes written are
bounded however small the archive is."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from service.ingest.upload import UploadError, unpack


def archive(members: dict[str, bytes]) -> io.BytesIO:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, content in members.items():
            bundle.writestr(name, content)
    data.seek(0)
    return data


def test_members_land_by_base_name_and_strangers_are_set_aside(tmp_path: Path) -> None:
    upload = archive({"../../grades.csv": b"pupil_id\n", "a/b/pupils.csv": b"x\n", "evil.sh": b"rm"})
    unpacked = unpack(
        [("bundle.zip", upload), ("C:\\exports\\staff.csv", io.BytesIO(b"s\n"))], tmp_path, 1000
    )
    assert sorted(unpacked.files) == ["grades.csv", "pupils.csv", "staff.csv"]
    assert unpacked.ignored == ["bundle.zip/evil.sh"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades.csv", "pupils.csv", "staff.csv"]


def test_an_archive_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    bomb = archive({"grades.csv": b"0" * 5_000_000})  # a few kilobytes compressed
    assert len(bomb.getvalue()) < 50_000
    with pytest.raises(UploadError, match=r"grades\.csv: the upload unpacks past the size limit"):
        unpack([("small.zip", bomb)], tmp_path, 1_000_000)


def test_a_file_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UploadError, match=r"grades\.csv is in the upload twice"):
        unpack(
            [("grades.csv", io.BytesIO(b"a\n")), ("x.zip", archive({"grades.csv": b"b\n"}))], tmp_path, 100
        )
