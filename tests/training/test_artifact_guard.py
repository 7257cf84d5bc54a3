from __future__ import annotations

import json
from datetime import date

import pytest

from privacy.pinfl import has_valid_structure, make_pinfl
from training.artifact_guard import PersonalDataInArtifactError, check_artifact

PINFL = make_pinfl(date(2012, 3, 14), "F", 26, 123)
PINFL_BAD_CHECKSUM = PINFL[:13] + str((int(PINFL[13]) + 1) % 10)
PUPIL_NAME = "Dilnoza Karimova"
KNOWN = (PUPIL_NAME, "UZ-SCH-0042-0117")


@pytest.mark.parametrize(
    ("text", "kind", "offending"),
    [
        pytest.param(f"pupil {PINFL} failed", "PINFL", PINFL, id="PINFL"),
        pytest.param(f'{{"id": "{PINFL}"}}', "PINFL", PINFL, id="PINFL in JSON"),
        pytest.param(f"pupil,{PINFL}\n", "PINFL", PINFL, id="PINFL in CSV"),
        pytest.param(f"x {PINFL_BAD_CHECKSUM} x", "PINFL", PINFL_BAD_CHECKSUM, id="PINFL, wrong check digit"),
        pytest.param("call +998 90 123-45-67 today", "phone", "123-45-67", id="phone, spaces and dashes"),
        pytest.param("parent: +998 (99) 123 45 67", "phone", "123 45 67", id="phone, brackets"),
        pytest.param("tel:+998901234567", "phone", "901234567", id="phone, no separators"),
        pytest.param("998-93-555-12-34", "phone", "555-12-34", id="phone, no plus"),
        pytest.param("write to ota-ona.karimova@maktab.uz", "e-mail", "karimova@maktab.uz", id="e-mail"),
        pytest.param("pasport AB 1234567 yo'qolgan", "passport", "1234567", id="passport"),
        pytest.param("ИНН: 301234567", "STIR", "301234567", id="taxpayer number"),
        pytest.param(f"top risk: {PUPIL_NAME} (0.91)", "pupil identifier", PUPIL_NAME, id="known name"),
        pytest.param("row UZ-SCH-0042-0117 flagged", "pupil identifier", "0117", id="known pupil id"),
    ],
)
def test_personal_data_is_refused_without_echoing_it(text: str, kind: str, offending: str) -> None:
    with pytest.raises(PersonalDataInArtifactError) as raised:
        check_artifact("report.json", text, KNOWN)
    message = str(raised.value)
    assert "report.json" in message
    assert kind in message
    assert offending not in message


METRICS_JSON = json.dumps(
    {
        "metrics": {"xgboost": {"roc_auc": 0.8123, "brier": 0.1234, "ece": 0.021}},
        "split": {"train": {"rows": 123456}, "test": {"rows": 4567}},
        "as_of_dates": ["2024-09-23", "2024-10-14"],
        "registered": "models:/erta-risk@champion",
    }
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("code 50003120261234", id="14 digits, day 00"),
        pytest.param("code 51413120261234", id="14 digits, month 13"),
        pytest.param("code 61403120001234", id="14 digits, area 000"),
        pytest.param("code 91403120261234", id="14 digits, century digit 9"),
        pytest.param(f"code 9{PINFL}", id="PINFL inside a 15-digit number"),
        pytest.param(METRICS_JSON, id="metrics JSON"),
        pytest.param("pupil p_3f9a1c0be27d44a1 flagged with risk 0.91", id="pseudonym"),
        pytest.param("schools: 998, pupils: 12", id="short number 998"),
        pytest.param("Dilnoza", id="part of a known name"),
    ],
)
def test_ordinary_text_passes(text: str) -> None:
    check_artifact("report.json", text, KNOWN)


def test_negative_numbers_really_are_invalid_structure() -> None:
    assert has_valid_structure(PINFL)
    for number in ("50003120261234", "51413120261234", "61403120001234", "91403120261234"):
        assert not has_valid_structure(number)


def test_empty_known_identifier_is_ignored() -> None:
    check_artifact("features.json", '["absence_share", "failing_marks"]', ("",))


@pytest.mark.parametrize("value", [0.1998901234567, 0.998901234567, 12.998901234567])
def test_metric_values_are_not_phone_numbers(value: float) -> None:
    check_artifact("report.json", json.dumps({"xgboost": {"fnr_ratio": value}}))


def test_metric_values_are_not_pinfls() -> None:
    check_artifact("report.json", json.dumps({"xgboost": {"fnr_ratio": 0.51403120261231}}))
