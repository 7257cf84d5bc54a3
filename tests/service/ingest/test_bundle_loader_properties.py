"""Property: junk lines among valid rows never cost a valid row, and every problem names a junk line."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.db.models import Mark
from service.ingest import ingest_bundle
from tests.service.ingest.conftest import build_bundle, rows_in

line_noise = st.one_of(
    st.binary(max_size=60),
    st.lists(st.text(max_size=12), min_size=6, max_size=6).map(
        lambda f: ",".join(f).encode("utf-8", "replace")
    ),
).filter(lambda b: not set(b) & set(b'"\r\n'))


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("template")
    bundle = build_bundle(folder / "bundle")
    database = folder / "erta.db"
    engine = make_engine(f"sqlite:///{database}")
    upgrade(engine)
    engine.dispose()  # closing the last connection checkpoints the WAL into the file copied below
    return bundle, database


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=st.lists(st.tuples(st.integers(0, 120), line_noise), min_size=1, max_size=6))
def test_junk_never_costs_a_valid_mark(template: tuple[Path, Path], noise: list[tuple[int, bytes]]) -> None:
    bundle, database = template
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        shutil.copytree(bundle, work / "bundle")
        shutil.copy(database, work / "erta.db")
        grades = work / "bundle" / "grades.csv"
        header, *lines = grades.read_bytes().splitlines()
        valid = len(lines)
        junk_at = set()
        for position, junk in sorted(noise, key=lambda item: item[0]):
            index = min(position + len(junk_at), len(lines))
            lines.insert(index, junk)
            junk_at = {i + (i >= index) for i in junk_at} | {index}
        grades.write_bytes(b"\n".join([header, *lines]) + b"\n")

        engine = make_engine(f"sqlite:///{work / 'erta.db'}")
        report = ingest_bundle(work / "bundle", engine)
        with engine.connect() as connection:
            marks = connection.scalar(select(func.count()).select_from(Mark))
        engine.dispose()

    grade_problems = [p for p in report.problems if p.path.endswith("grades.csv")]
    assert {p.line for p in grade_problems} <= {i + 2 for i in junk_at}  # line 1 is the header
    assert marks >= valid == rows_in(bundle, "grades.csv")
    assert [p for p in report.problems if not p.path.endswith("grades.csv")] == []
