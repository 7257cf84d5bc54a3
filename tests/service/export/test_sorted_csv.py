"""Sorted CSV writing gives the same file whether rows fit in memory or spill to disk in many runs."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import pytest

from service.export import sorted_csv
from service.export.sorted_csv import write_sorted_csv

HEADER = ("pupil_id", "text")


def rows(count: int) -> list[tuple[str, str]]:
    rnd = random.Random(4)
    texts = ["", "oddiy", 'qo\u2018shtirnoq "ichida"', "ikki\nqator", "vergul, bilan"]
    return [(f"p_{rnd.randrange(16**6):06x}", rnd.choice(texts)) for _ in range(count)]


def read_back(path: Path) -> list[tuple[str, ...]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [tuple(row) for row in csv.reader(handle)]


@pytest.mark.parametrize(("run_rows", "fan_in"), [(10_000, 64), (7, 64), (3, 2)])
def test_spilled_and_merged_runs_give_the_sorted_rows_and_leave_no_run_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_rows: int, fan_in: int
) -> None:
    monkeypatch.setattr(sorted_csv, "FAN_IN", fan_in)
    data = rows(100)
    path = tmp_path / "notes.csv"
    assert write_sorted_csv(path, HEADER, iter(data), run_rows=run_rows) == len(data)
    assert read_back(path) == [HEADER, *sorted(data)]
    assert [p.name for p in tmp_path.iterdir()] == ["notes.csv"]


def test_an_empty_table_is_a_header_only_file(tmp_path: Path) -> None:
    path = tmp_path / "lms_events.csv"
    assert write_sorted_csv(path, HEADER, iter([])) == 0
    assert read_back(path) == [HEADER]
