"""The generator and ingestion agree on the bundle: a generated district loads whole, on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from service.ingest import ingest_bundle
from service.synthetic import GenerationSummary, generate_bundle


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GenerationSummary]:
    folder = tmp_path_factory.mktemp("district")
    summary = generate_bundle(folder, seed=11, pupils=300, academic_years=(2024, 2025))
    return folder, summary


def test_a_generated_district_loads_without_a_single_rejection(
    engine: Engine, district: tuple[Path, GenerationSummary]
) -> None:
    folder, summary = district
    report = ingest_bundle(folder, engine)
    assert report.problems == []
    assert {name: counts["inserted"] for name, counts in report.counts().items()} == summary.rows
