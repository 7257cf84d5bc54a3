"""Teachers' notes carry the personal data a privacy layer must find, in the forms real notes use."""

from __future__ import annotations

import re

import polars as pl
import pytest

from privacy.pinfl import is_valid_pinfl
from service.synthetic.notes import ru_cases, uz_cases

from .conftest import PUPILS, YEARS, Bundle

CYRILLIC = re.compile(r"[А-Яа-яЁёЎўҚқҒғҲҳ]")


@pytest.fixture(scope="module")
def notes(bundle: Bundle) -> pl.DataFrame:
    pupils = bundle.read("pupils.csv").select("pupil_id", "pinfl", "full_name", "guardian_name")
    return bundle.read("notes.csv").join(pupils, on="pupil_id")


def test_note_volume_is_a_few_per_ten_pupil_years(notes: pl.DataFrame) -> None:
    assert 0.15 <= notes.height / (PUPILS * len(YEARS)) <= 0.6


def test_a_pinfl_in_a_note_is_the_pupils_own(notes: pl.DataFrame) -> None:
    found = notes.with_columns(quoted=pl.col("text").str.extract(r"\b(\d{14})\b", 1)).drop_nulls("quoted")
    assert found.height > 0
    assert (found["quoted"] == found["pinfl"]).all()
    assert all(is_valid_pinfl(p) for p in found["quoted"])


def test_notes_hold_phones_in_several_formats(notes: pl.DataFrame) -> None:
    texts = notes["text"]
    assert texts.str.contains(r"\+998\d{9}").any()
    assert texts.str.contains(r"\+998 \d{2} \d{3}-\d{2}-\d{2}").any()
    assert texts.str.contains(r"\(\d{2}\) \d{3} \d{2} \d{2}").any()


def test_notes_inflect_names_and_name_guardians(notes: pl.DataFrame) -> None:
    def inflected(text: str, full_name: str) -> bool:
        given = full_name.split()[1]
        return re.search(rf"{re.escape(given)}(ning|ga|ka|qa|ni|dan|da)\b", text) is not None

    hits = sum(inflected(t, n) for t, n in notes.select("text", "full_name").iter_rows())
    assert hits >= 10
    assert sum(g in t for t, g in notes.select("text", "guardian_name").iter_rows()) >= 5


def test_notes_mix_scripts_languages_and_apostrophes(notes: pl.DataFrame) -> None:
    texts = notes["text"].to_list()
    cyrillic = sum(bool(CYRILLIC.search(t)) for t in texts) / len(texts)
    assert 0.15 < cyrillic < 0.75  # high when a big Russian-language school dominates
    assert any("ko'chasi" in t or "mahallasi" in t for t in texts)
    assert any("ул." in t or "кўчаси" in t for t in texts)
    variants = {mark for mark in ("'", "‘", "’", "ʻ", "ʼ", "`") if any(f"o{mark}" in t for t in texts)}
    assert len(variants) >= 3


def test_a_few_notes_use_wording_the_guardrail_must_flag(notes: pl.DataFrame) -> None:
    rude = notes["text"].str.contains(r"(?i)dangasa|tentak|aqli past|ленивый|тупой|дангаса|тентак")
    assert 0 < rude.mean() < 0.08


def test_pupils_with_trouble_get_more_notes(bundle: Bundle) -> None:
    absent = (
        bundle.read("attendance.csv")
        .filter(pl.col("subject").is_null() & pl.col("status").str.starts_with("absent"))
        .group_by("pupil_id")
        .len()
    )
    counts = bundle.read("notes.csv").group_by("pupil_id").agg(notes=pl.len())
    pupils = bundle.read("pupils.csv").select("pupil_id").join(absent, on="pupil_id", how="left")
    pupils = pupils.join(counts, on="pupil_id", how="left").fill_null(0)
    heavy = pupils.filter(pl.col("len") >= 30)["notes"].mean()
    light = pupils.filter(pl.col("len") < 10)["notes"].mean()
    assert heavy > 1.5 * light


@pytest.mark.parametrize(
    ("name", "case", "form"),
    [
        ("Dilnoza", "name_gen", "Dilnozaning"),
        ("Rustam", "name_dat", "Rustamga"),
        ("Ulug'bek", "name_dat", "Ulug'bekka"),
        ("Rustam", "name_acc", "Rustamni"),
        ("Jasur", "name_abl", "Jasurdan"),
    ],
)
def test_uzbek_case_suffixes(name: str, case: str, form: str) -> None:
    assert uz_cases(name)[case] == form


@pytest.mark.parametrize(
    ("name", "sex", "case", "form"),
    [
        ("Рустам", "M", "ru_gen", "Рустама"),
        ("Рустам", "M", "ru_ins", "Рустамом"),
        ("Дилноза", "F", "ru_dat", "Дилнозе"),
        ("Малика", "F", "ru_gen", "Малики"),
        ("Ширин", "F", "ru_gen", "Ширин"),
        ("Барно", "F", "ru_dat", "Барно"),
    ],
)
def test_russian_name_cases(name: str, sex: str, case: str, form: str) -> None:
    assert ru_cases(name, sex)[case] == form
