"""`generate_bundle` as the CLI calls it: deterministic, exact in size, reporting progress per school."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from service.bundle import BUNDLE_FILES
from service.synthetic import generate_bundle
from service.synthetic.district import plan_district, split_exactly
from service.synthetic.writer import BundleWriter


def _contents(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in BUNDLE_FILES}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("small")
    generate_bundle(out, seed=3, pupils=300, schools=2)
    return out


def test_same_arguments_give_byte_identical_files(small: Path, tmp_path: Path) -> None:
    generate_bundle(tmp_path, seed=3, pupils=300, schools=2)
    assert _contents(tmp_path) == _contents(small)


def test_another_seed_gives_other_data(small: Path, tmp_path: Path) -> None:
    generate_bundle(tmp_path, seed=4, pupils=300, schools=2)
    first, second = _contents(small), _contents(tmp_path)
    # classes.csv may coincide: two small schools have one class per grade whatever the seed.
    people_and_records = (
        "staff.csv",
        "pupils.csv",
        "grades.csv",
        "attendance.csv",
        "lms_events.csv",
        "notes.csv",
    )
    assert all(first[name] != second[name] for name in people_and_records)


def test_on_school_done_reports_each_school_and_sums_to_pupils(tmp_path: Path) -> None:
    sizes: list[int] = []
    summary = generate_bundle(tmp_path, seed=1, pupils=1400, on_school_done=sizes.append)
    assert len(sizes) == summary.schools == round(1400 / 650)
    assert sum(sizes) == 1400 == summary.pupils
    assert all(size > 0 for size in sizes)


def test_tiny_district_still_gets_one_school(tmp_path: Path) -> None:
    summary = generate_bundle(tmp_path, seed=2, pupils=40)
    assert summary.schools == 1
    assert summary.pupils == 40
    assert summary.rows["pupils.csv"] == 40
    assert summary.rows["grades.csv"] > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"pupils": 10, "schools": 11}, "schools"),
        ({"pupils": 100, "schools": 0}, "schools"),
        ({"academic_years": (2023, 2025)}, "consecutive"),
        ({"academic_years": ()}, "consecutive"),
    ],
)
def test_impossible_requests_are_refused(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        generate_bundle(tmp_path, **({"pupils": 100} | kwargs))


def test_school_sizes_add_up_exactly_and_urban_schools_are_bigger() -> None:
    plans = plan_district(11, 200_000, None)
    assert sum(p.pupils for p in plans) == 200_000
    assert len(plans) == round(200_000 / 650)
    assert {p.region for p in plans} == {p.region for p in plans[:14]}
    urban = np.mean([p.pupils for p in plans if p.urban])
    rural = np.mean([p.pupils for p in plans if not p.urban])
    assert urban > 1.5 * rural
    assert 0.3 < np.mean([p.urban for p in plans]) < 0.6


def test_split_exactly_hits_the_total() -> None:
    counts = split_exactly(1001, np.array([1.0, 2.0, 3.0]), minimum=1)
    assert counts.sum() == 1001
    assert counts.min() >= 1
    assert list(counts) == sorted(counts)


def test_writer_refuses_a_frame_with_the_wrong_columns(tmp_path: Path) -> None:
    with BundleWriter(tmp_path) as writer, pytest.raises(ValueError, match="columns"):
        writer.append("schools.csv", pl.DataFrame({"school_id": ["S0001"]}))
    assert (tmp_path / "schools.csv").read_text() == ",".join(BUNDLE_FILES["schools.csv"]) + "\n"
