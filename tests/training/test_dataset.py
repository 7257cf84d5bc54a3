"""Training reads pupil records from either database, pseudonymised, without revoked pupils or text."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine

from privacy.pseudonyms import Pseudonymizer
from service.ingest import ingest_bundle
from tests.service.ingest.conftest import MARKS_PER_PUPIL, PUPILS, build_bundle
from training.dataset import load_training_records

KEY = Pseudonymizer(b"t" * 32)


def test_records_arrive_pseudonymised_typed_and_without_revoked_pupils(
    engine: Engine, tmp_path: Path
) -> None:
    ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    with engine.connect() as connection:
        data = load_training_records(connection, KEY)
    records = data.records
    assert data.pupils == PUPILS - 1  # P0003 revoked consent
    revoked = KEY.pseudonym("P0003", "p")
    assert revoked not in records.pupils["pupil_id"].cast(pl.String).to_list()
    assert records.marks.height == (PUPILS - 1) * MARKS_PER_PUPIL
    assert revoked not in records.marks["pupil_id"].cast(pl.String).to_list()
    every_id = pl.concat([getattr(records, n).select("pupil_id") for n in ("pupils", "marks", "attendance")])
    assert every_id["pupil_id"].cast(pl.String).str.starts_with("p_").all()
    assert not records.pupils["class_id"].cast(pl.String).str.starts_with("S").any()
    assert records.marks.schema["date"] == pl.Date
    assert records.lms.schema["timestamp"] == pl.Datetime("us")
    assert records.notes.columns == ["pupil_id", "date"]  # the text never leaves the database
    assert set(data.attributes.columns) == {"pupil_id", "school", "sex", "language", "region", "locality"}
    assert data.attributes["school"].str.starts_with("s_").all()
    assert set(data.attributes["locality"].to_list()) == {"urban", "rural"}


def test_an_empty_database_is_a_clear_error(engine: Engine) -> None:
    with engine.connect() as connection, pytest.raises(ValueError, match="no pupils"):
        load_training_records(connection, KEY)
