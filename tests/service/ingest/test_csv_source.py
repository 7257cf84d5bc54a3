"""Reading bundle files the way schools export them: BOMs, CRLF, quoted multi-line notes, stray bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.ingest.csv_source import HeaderError, read_records

COLUMNS = ("note_id", "pupil_id", "text")


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_byte_order_mark_and_crlf_line_ends_are_fine(tmp_path: Path) -> None:
    path = write(
        tmp_path / "notes.csv", "\ufeffnote_id,pupil_id,text\r\nN1,P1,salom\r\nN2,P2,xayr\r\n".encode()
    )
    records = list(read_records(path, COLUMNS))
    assert [(r.line, r.values) for r in records] == [(2, ["N1", "P1", "salom"]), (3, ["N2", "P2", "xayr"])]


def test_a_multi_line_note_is_reported_at_the_line_it_starts_on(tmp_path: Path) -> None:
    data = b'note_id,pupil_id,text\nN1,P1,"bir\nikki\nuch"\nN2,P2\nN3,P3,oxiri\n'
    records = list(read_records(write(tmp_path / "notes.csv", data), COLUMNS))
    assert [(r.line, r.problem) for r in records] == [
        (2, None),
        (5, "expected 3 fields, found 2"),
        (6, None),
    ]
    assert records[0].values == ["N1", "P1", "bir\nikki\nuch"]


def test_columns_may_come_in_any_order_with_extras(tmp_path: Path) -> None:
    data = b"text,extra,pupil_id,note_id\nsalom,x,P1,N1\n"
    (record,) = read_records(write(tmp_path / "notes.csv", data), COLUMNS)
    assert record.values == ["N1", "P1", "salom"]


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    data = b"note_id,pupil_id,text\n\nN1,P1,a\n   \nN2,P2,b\n"
    assert [r.line for r in read_records(write(tmp_path / "notes.csv", data), COLUMNS)] == [3, 5]


def test_an_empty_file_and_a_missing_column_are_header_errors(tmp_path: Path) -> None:
    with pytest.raises(HeaderError, match="empty"):
        list(read_records(write(tmp_path / "a.csv", b""), COLUMNS))
    with pytest.raises(HeaderError, match="lacks column\\(s\\): text"):
        list(read_records(write(tmp_path / "b.csv", b"note_id,pupil_id\nN1,P1\n"), COLUMNS))


def test_a_bad_byte_deep_in_a_big_file_costs_only_its_own_record(tmp_path: Path) -> None:
    rows = [f"N{i},P{i},matn {i} o'qish".encode() for i in range(20_000)]
    rows[12_345] = b"N12345,P12345,bad \xff byte"
    data = b"note_id,pupil_id,text\n" + b"\n".join(rows) + b"\n"
    records = list(read_records(write(tmp_path / "notes.csv", data), COLUMNS))
    assert [r.line for r in records] == list(range(2, 20_002))  # every record once, in order
    bad = [r for r in records if r.problem]
    assert [(r.line, r.problem) for r in bad] == [(12_347, "invalid UTF-8 in column text")]


line_noise = st.binary(max_size=40).filter(lambda b: not set(b) & set(b'"\r\n'))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.lists(st.tuples(st.integers(0, 30), line_noise), max_size=8))
def test_noise_lines_never_cost_a_valid_record(tmp_path: Path, noise: list[tuple[int, bytes]]) -> None:
    lines = [f"N{i},P{i},matn {i}".encode() for i in range(30)]
    for position, junk in sorted(noise, reverse=True):
        lines.insert(position, junk)
    path = write(tmp_path / "notes.csv", b"note_id,pupil_id,text\n" + b"\n".join(lines) + b"\n")
    records = list(read_records(path, COLUMNS))
    good = {tuple(r.values) for r in records if r.values is not None}
    assert {(f"N{i}", f"P{i}", f"matn {i}") for i in range(30)} <= good
    assert len({r.line for r in records}) == len(records)
