"""Data tests for the held-out privacy corpus in tests/privacy/holdout/ (see its README.md).

They check the labels themselves, not Erta: spans in bounds, on word boundaries and of the right shape,
the minimum counts and language shares the corpus promises, and that the builder reproduces it exactly.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from privacy.pinfl import is_valid_pinfl
from tests.privacy.holdout.build_holdout import build

HOLDOUT = Path(__file__).parent / "holdout"
OUTPUTS = ("notes.jsonl", "roster/pupils.csv", "roster/staff.csv")

ENTITIES = frozenset({"PERSON", "UZ_PINFL", "UZ_PHONE", "UZ_PASSPORT", "UZ_STIR", "EMAIL_ADDRESS", "ADDRESS"})
MINIMUM = {
    "PERSON": 450,
    "UZ_PINFL": 50,
    "UZ_PHONE": 70,
    "UZ_PASSPORT": 35,
    "UZ_STIR": 25,
    "EMAIL_ADDRESS": 35,
    "ADDRESS": 50,
}
SHARES = {"uz_latn": (0.36, 0.44), "uz_cyrl": (0.16, 0.24), "ru": (0.26, 0.34), "mixed": (0.07, 0.13)}

# Uzbek case endings and -jon glued to a name stay outside the PERSON span.
UZBEK_SUFFIXES = frozenset(
    f"{jon}{case}"
    for jon, cases in (
        ("", ("ning", "ga", "ka", "qa", "ni", "da", "dan", "lar")),
        ("jon", ("", "ning", "ga", "ni", "da", "dan")),
        ("", ("нинг", "га", "ка", "қа", "ни", "да", "дан", "лар")),
        ("жон", ("", "нинг", "га", "ни", "да", "дан")),
    )
    for case in cases
    if jon or case
)
HONORIFICS = frozenset(
    {"opa", "aka", "xola", "ustoz", "domla", "опа", "ака", "хола", "устоз", "домла"}
    | {"мама", "папа", "бабушка", "дядя", "тётя", "mamasi", "onasi", "otasi"}
)
APOSTROPHES = "'‘’ʻʼ`"
# Historical and literary figures in lessons (unlabelled), looked for outside spans.
FIGURES = (
    "Navoiy",
    "Навоий",
    "Навои",
    "Temur",
    "Темур",
    "Mirzo Ulug'bek",
    "Мирзо Улугбек",
    "Otabek",
    "Kumush",
    "Qodiriy",
)
STIR_CONTEXT = re.compile(r"(STIR|СТИР|INN|ИНН|soliq)\D{0,20}$")
ADDRESS_MARKER = re.compile(
    r"ko'chasi|mavze|kvartal|massivi|mahallasi|MFY|кўчаси|мавзе|квартал|массив|маҳалласи|МФЙ|ул\.|улица|махалля"
)


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def notes() -> list[dict]:
    return _load(HOLDOUT / "notes.jsonl")


def _spans(notes: list[dict], entity: str | None = None) -> list[tuple[dict, str]]:
    return [
        (note, note["text"][s["start"] : s["end"]])
        for note in notes
        for s in note["spans"]
        if entity is None or s["entity_type"] == entity
    ]


def _plain(text: str) -> str:
    return re.sub(f"[{APOSTROPHES}]", "'", text)


def _outside_spans(note: dict) -> str:
    text = note["text"]
    for s in note["spans"]:
        text = text[: s["start"]] + " " * (s["end"] - s["start"]) + text[s["end"] :]
    return text


def test_size_schema_and_lengths(notes: list[dict]) -> None:
    assert len(notes) >= 300
    assert len({n["text"] for n in notes}) == len(notes), "repeated notes"
    for note in notes:
        assert list(note) == ["text", "spans", "language"]
        assert note["language"] in SHARES
        assert 15 <= len(note["text"].split()) <= 70, note["text"]
        for span in note["spans"]:
            assert list(span) == ["start", "end", "entity_type"]
            assert span["entity_type"] in ENTITIES


def test_spans_in_bounds_sorted_and_disjoint(notes: list[dict]) -> None:
    for note in notes:
        end = 0
        for span in note["spans"]:
            assert end <= span["start"] < span["end"] <= len(note["text"]), note["text"]
            value = note["text"][span["start"] : span["end"]]
            assert value, note["text"]
            assert value == value.strip(), note["text"]
            end = span["end"]


def test_spans_on_word_boundaries(notes: list[dict]) -> None:
    for note in notes:
        text = note["text"]
        for span in note["spans"]:
            start, end = span["start"], span["end"]
            assert start == 0 or not text[start - 1].isalnum(), (text, text[start:end])
            if end < len(text) and text[end].isalnum():
                glued = re.match(r"[^\W\d_]+", text[end:])
                assert span["entity_type"] == "PERSON", (text, text[start:end])
                assert glued, (text, text[start:end])
                assert glued.group(0) in UZBEK_SUFFIXES, (text, text[start:end])


def test_person_spans_hold_name_tokens_only(notes: list[dict]) -> None:
    for note, value in _spans(notes, "PERSON"):
        tokens = value.split()
        assert 1 <= len(tokens) <= 3, value
        for token in tokens:
            assert token[0].isupper(), (value, note["text"])
            assert token.lower() not in HONORIFICS, value
            assert not token.isdigit()


def test_identifier_shapes(notes: list[dict]) -> None:
    for note in notes:
        for span in note["spans"]:
            _check_shape(span["entity_type"], note["text"][span["start"] : span["end"]])


def _check_shape(entity: str, value: str) -> None:
    if entity == "UZ_PINFL":
        assert re.fullmatch(r"\d{14}", value), value
        assert is_valid_pinfl(value), value
    elif entity == "UZ_STIR":
        assert re.fullmatch(r"\d{9}", value), value
    elif entity == "UZ_PASSPORT":
        assert re.fullmatch(r"[A-Z]{2} ?\d{7}", value), value
    elif entity == "EMAIL_ADDRESS":
        assert re.fullmatch(r"[a-z0-9._-]+@[a-z0-9-]+(\.[a-z]+)+", value), value
    elif entity == "UZ_PHONE":
        assert re.fullmatch(r"[+\d(][\d ()-]+\d", value), value
        digits = re.sub(r"\D", "", value)
        assert (
            len(digits) == 9
            or (len(digits) == 12 and digits.startswith("998"))
            or (len(digits) == 10 and digits.startswith("8"))
        ), value
    elif entity == "ADDRESS":
        assert ADDRESS_MARKER.search(_plain(value)), value
        assert re.search(r"\d", value), value


def test_stir_label_is_outside_its_span(notes: list[dict]) -> None:
    for note in notes:
        for span in note["spans"]:
            if span["entity_type"] == "UZ_STIR":
                assert STIR_CONTEXT.search(note["text"][: span["start"]]), note["text"]


def test_minimum_counts(notes: list[dict]) -> None:
    counts = Counter(s["entity_type"] for n in notes for s in n["spans"])
    for entity, minimum in MINIMUM.items():
        assert counts[entity] >= minimum, (entity, counts[entity])


def test_language_shares(notes: list[dict]) -> None:
    counts = Counter(n["language"] for n in notes)
    for language, (low, high) in SHARES.items():
        assert low <= counts[language] / len(notes) <= high, (language, counts[language])


def test_hard_negatives(notes: list[dict]) -> None:
    assert sum(not n["spans"] for n in notes) >= 30
    with_figures = [n for n in notes if any(f in _plain(_outside_spans(n)) for f in FIGURES)]
    assert 1 <= len(with_figures) <= 10
    for note in notes:
        # Long numbers left unlabelled are record numbers of 10-13 digits, never a 9- or 14-digit id.
        for run in re.findall(r"\d+", _outside_spans(note)):
            assert len(run) < 9 or 10 <= len(run) <= 13, (run, note["text"])


def test_every_apostrophe_variant_appears_in_names(notes: list[dict]) -> None:
    seen = {ch for _, value in _spans(notes, "PERSON") for ch in value if ch in APOSTROPHES}
    assert seen == set(APOSTROPHES)


def test_roster() -> None:
    with (HOLDOUT / "roster" / "pupils.csv").open(encoding="utf-8", newline="") as f:
        pupils = list(csv.DictReader(f))
    with (HOLDOUT / "roster" / "staff.csv").open(encoding="utf-8", newline="") as f:
        staff = list(csv.DictReader(f))
    assert len(pupils) == 120
    assert len(staff) == 25
    assert len({p["pupil_id"] for p in pupils}) == 120
    assert len({s["staff_id"] for s in staff}) == 25
    for p in pupils:
        pinfl, born = p["pinfl"], p["birth_date"]
        assert is_valid_pinfl(pinfl), pinfl
        assert pinfl[1:7] == born[8:10] + born[5:7] + born[2:4]
        assert int(pinfl[0]) % 2 == (1 if p["sex"] == "M" else 0)
        assert len(p["full_name"].split()) == 3
        assert len(p["guardian_name"].split()) == 3
        assert re.fullmatch(r"\+998\d{9}", p["guardian_phone"])
    cyrillic = [r for r in [*pupils, *staff] if re.match(r"[А-ЯЁЎҚҒҲ]", r["full_name"])]
    assert 10 <= len(cyrillic) <= 60


def test_builder_reproduces_the_corpus(tmp_path: Path) -> None:
    stats = build(tmp_path)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (HOLDOUT / name).read_bytes(), name
    assert 0.6 <= stats["people_on_roster"] / stats["people_mentioned"] <= 0.8
