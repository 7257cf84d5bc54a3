"""The labelled corpus of teachers' notes (tests/privacy/corpus) is well-formed and labelled consistently.

The corpus is the yardstick the recognizers are measured against, so its own mistakes would show up as
recognizer errors: these tests hold it to its labelling rules (README.md) and check it is reproducible.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from privacy.pinfl import is_valid_pinfl
from tests.privacy.corpus import build_corpus
from tests.privacy.corpus import lexicon as lx

pytestmark = pytest.mark.data

CORPUS = Path(__file__).parent / "corpus"
ENTITY_MINIMUMS = {
    "PERSON": 900,
    "UZ_PINFL": 120,
    "UZ_PHONE": 150,
    "UZ_PASSPORT": 80,
    "UZ_STIR": 50,
    "EMAIL_ADDRESS": 80,
    "ADDRESS": 100,
}
LANGUAGE_SHARES = {"uz_latn": 0.45, "uz_cyrl": 0.20, "ru": 0.25, "mixed": 0.10}
APOSTROPHES = "'‘’ʻʼ`"
# What may be glued to a name: Uzbek case endings, plural and possessive (Alisherning, Karimovaga).
PERSON_SUFFIXES = {
    "ning", "ni", "ga", "ka", "qa", "da", "dan", "niki", "lar", "im", "i",
    "нинг", "ни", "га", "ка", "қа", "да", "дан", "ники", "лар", "им", "и",
}  # fmt: skip
HONORIFICS = {
    "opa", "aka", "ustoz", "domla", "xola", "amaki", "onasi", "otasi", "опа", "ака", "хола", "мама", "папа",
    "учитель", "учительница", "онаси", "отаси",
}  # fmt: skip
STIR_CONTEXT = re.compile(r"(STIR|СТИР|INN|ИНН|soliq raqami|солиқ рақами)\W")
UZBEK_CYRILLIC = set("ўқғҳЎҚҒҲ")
OPERATORS = set(lx.PHONE_OPERATORS) | {lx.TASHKENT_LANDLINE}


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return (CORPUS / "notes.jsonl").read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def notes(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


def spans_of(notes: list[dict[str, Any]], entity: str) -> list[str]:
    return [n["text"][s["start"] : s["end"]] for n in notes for s in n["spans"] if s["entity_type"] == entity]


def uncovered(note: dict[str, Any]) -> str:
    """The note's text with every labelled span blanked out, offsets kept."""
    text = note["text"]
    for span in note["spans"]:
        text = text[: span["start"]] + " " * (span["end"] - span["start"]) + text[span["end"] :]
    return text


def plain_apostrophes(text: str) -> str:
    return re.sub(f"[{APOSTROPHES}]", "'", text)


def test_enough_notes(notes: list[dict[str, Any]]) -> None:
    assert len(notes) >= 600


def test_every_line_is_one_json_object_in_the_schema(lines: list[str], notes: list[dict[str, Any]]) -> None:
    for line, note in zip(lines, notes, strict=True):
        assert set(note) == {"text", "spans", "language"}, line
        assert note["language"] in LANGUAGE_SHARES
        assert isinstance(note["text"], str)
        assert note["text"] == note["text"].strip()
        for span in note["spans"]:
            assert set(span) == {"start", "end", "entity_type"}
            assert isinstance(span["start"], int)
            assert isinstance(span["end"], int)
            assert span["entity_type"] in ENTITY_MINIMUMS
        assert "\\u0" not in line  # written with ensure_ascii=False


def test_notes_are_distinct(notes: list[dict[str, Any]]) -> None:
    assert len({n["text"] for n in notes}) == len(notes)


def test_spans_are_in_bounds_sorted_and_disjoint(notes: list[dict[str, Any]]) -> None:
    for note in notes:
        previous_end = 0
        for span in note["spans"]:
            assert previous_end <= span["start"] < span["end"] <= len(note["text"]), note
            value = note["text"][span["start"] : span["end"]]
            assert value == value.strip(), value
            previous_end = span["end"]


def test_spans_start_and_end_on_word_boundaries(notes: list[dict[str, Any]]) -> None:
    """Only a PERSON span may be followed by letters, and then only by an Uzbek suffix."""
    for note in notes:
        text = note["text"]
        for span in note["spans"]:
            start, end = span["start"], span["end"]
            assert start == 0 or not text[start - 1].isalnum(), (text, span)
            if end == len(text) or not text[end].isalnum():
                continue
            glued = re.match(r"\w+", text[end:])
            assert span["entity_type"] == "PERSON", (text, span)
            assert glued is not None
            assert glued.group() in PERSON_SUFFIXES, (text[start:end], glued.group())


def test_entity_types_reach_their_minimum_counts(notes: list[dict[str, Any]]) -> None:
    counts = Counter(s["entity_type"] for n in notes for s in n["spans"])
    for entity, minimum in ENTITY_MINIMUMS.items():
        assert counts[entity] >= minimum, (entity, counts[entity])


def test_languages_have_their_shares(notes: list[dict[str, Any]]) -> None:
    counts = Counter(n["language"] for n in notes)
    for language, share in LANGUAGE_SHARES.items():
        assert abs(counts[language] / len(notes) - share) <= 0.03, (language, counts[language])


def test_scripts_match_the_language_labels(notes: list[dict[str, Any]]) -> None:
    for note in notes:
        text, language = note["text"], note["language"]
        if language == "uz_latn":
            assert not re.search(r"[А-Яа-яЁёЎўҚқҒғҲҳ]", text), text
        elif language == "uz_cyrl":
            assert UZBEK_CYRILLIC & set(text), text
        elif language == "ru":
            latin_words = re.findall(r"[A-Za-z]{4,}", uncovered(note).replace("e-mail", ""))
            assert not UZBEK_CYRILLIC & set(text), text
            assert not latin_words, text


def test_notes_are_as_long_as_real_ones(notes: list[dict[str, Any]]) -> None:
    words = [len(n["text"].split()) for n in notes]
    assert 20 <= statistics.median(words) <= 60
    assert min(words) >= 12
    assert max(words) <= 80


def test_every_pinfl_is_valid(notes: list[dict[str, Any]]) -> None:
    for pinfl in spans_of(notes, "UZ_PINFL"):
        assert len(pinfl) == 14, pinfl
        assert is_valid_pinfl(pinfl), pinfl


def test_phones_are_uzbek_numbers(notes: list[dict[str, Any]]) -> None:
    for phone in spans_of(notes, "UZ_PHONE"):
        digits = re.sub(r"\D", "", phone)
        local = {9: digits, 10: digits[1:], 12: digits[3:]}.get(len(digits))
        assert local is not None, phone
        assert local[:2] in OPERATORS, phone
        assert len(digits) != 12 or digits.startswith("998"), phone
        assert len(digits) != 10 or digits.startswith("8"), phone
        assert re.fullmatch(r"[+\d(][\d ()+-]*\d", phone), phone


def test_passports_stirs_emails_and_addresses_have_their_shapes(notes: list[dict[str, Any]]) -> None:
    for passport in spans_of(notes, "UZ_PASSPORT"):
        assert re.fullmatch(r"[A-Z]{2} ?\d{7}", passport), passport
    for email in spans_of(notes, "EMAIL_ADDRESS"):
        assert re.fullmatch(r"[a-z0-9._]+@[a-z0-9]+(\.[a-z]+)+", email), email
    for address in spans_of(notes, "ADDRESS"):
        assert re.search(r"\d", address), address  # a house number: a bare district is no address


def test_every_stir_follows_a_context_word(notes: list[dict[str, Any]]) -> None:
    for note in notes:
        for span in note["spans"]:
            if span["entity_type"] == "UZ_STIR":
                value = note["text"][span["start"] : span["end"]]
                assert re.fullmatch(r"[2-6]\d{8}", value), value
                assert STIR_CONTEXT.search(note["text"][max(0, span["start"] - 20) : span["start"]]), note


def test_person_spans_hold_names_only(notes: list[dict[str, Any]]) -> None:
    for name in spans_of(notes, "PERSON"):
        tokens = {plain_apostrophes(token).lower() for token in name.split()}
        assert not tokens & HONORIFICS, name
        assert not re.search(r"(ning|нинг|niki|ники)$", name), name


def test_names_show_every_apostrophe_variant(notes: list[dict[str, Any]]) -> None:
    in_names = "".join(spans_of(notes, "PERSON"))
    for apostrophe in APOSTROPHES:
        assert apostrophe in in_names, apostrophe


def test_names_come_in_latin_uzbek_cyrillic_and_russian_spellings(notes: list[dict[str, Any]]) -> None:
    names = " ".join(spans_of(notes, "PERSON"))
    for spelling in (
        "Тошпўлатов",
        "Ташпулатов",
        "Ғофуров",
        "Гафуров",
        "Рустамовна",
        "o'g'li",
        "qizi",
        "ўғли",
    ):
        assert spelling in plain_apostrophes(names), spelling


def test_no_personal_identifier_is_left_unlabelled(notes: list[dict[str, Any]]) -> None:
    """Outside the spans, nothing looks like a PINFL, an e-mail, a passport or an international number."""
    for note in notes:
        rest = uncovered(note)
        assert not re.search(r"(?<!\d)\d{14}(?!\d)", rest), note["text"]
        assert "@" not in rest, note["text"]
        assert "+998" not in rest, note["text"]
        assert not re.search(r"\b[A-Z]{2} ?\d{7}\b", rest), note["text"]
        assert not re.search(r"(STIR|СТИР|INN|ИНН)\W{0,3}\d", rest), note["text"]


def lexicon_names() -> set[str]:
    """Every given name and surname of the lexicon, in every script and both sexes."""
    names: set[str] = set()
    for word in lx.MALE_NAMES + lx.FEMALE_NAMES:
        names.update(word)
    for word in lx.SURNAMES:
        names.update(word)
        names.update((word[0] + "a", word[1] + "а", word[2] + "а"))
    return names


def test_no_name_is_left_unlabelled(notes: list[dict[str, Any]]) -> None:
    """A lexicon name outside the spans is a frame typing a name by hand: only historical figures may."""
    names = lexicon_names()
    for note in notes:
        rest = plain_apostrophes(uncovered(note))
        for figure in lx.HISTORICAL_FIGURES:
            rest = rest.replace(figure, " " * len(figure))
        leaked = [token for token in re.findall(r"[\w']+", rest) if token in names]
        assert not leaked, (leaked, note["text"])


def test_hard_negatives_are_present(notes: list[dict[str, Any]]) -> None:
    without = [n for n in notes if not n["spans"]]
    assert 45 <= len(without) <= 80
    historical = [
        n for n in notes if any(f in plain_apostrophes(uncovered(n)) for f in lx.HISTORICAL_FIGURES)
    ]
    assert 1 <= len(historical) <= 15
    rest = " ".join(uncovered(n) for n in notes)
    assert re.search(r"(?<!\d)\d{12}(?!\d)", rest)  # diary record numbers
    for negative in ("2 baho", "-chorak", "-maktab", "школы №", "-xona", "Toshkent", "tumani", "четверти"):
        assert negative in rest, negative


def read_roster(name: str) -> list[dict[str, str]]:
    with (CORPUS / "roster" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_roster_is_a_bundle() -> None:
    pupils, staff = read_roster("pupils.csv"), read_roster("staff.csv")
    assert list(pupils[0]) == list(build_corpus.PUPIL_HEADER)
    assert list(staff[0]) == list(build_corpus.STAFF_HEADER)
    assert 140 <= len(pupils) <= 160
    assert 25 <= len(staff) <= 35
    for pupil in pupils:
        assert is_valid_pinfl(pupil["pinfl"]), pupil
        assert re.fullmatch(r"\+998\d{9}", pupil["guardian_phone"]), pupil
        assert len(pupil["full_name"].split()) >= 3, pupil
        assert len(pupil["guardian_name"].split()) >= 3, pupil
        assert pupil["sex"] in ("M", "F")
        assert pupil["consent"] in ("granted", "revoked")
    assert len({p["pinfl"] for p in pupils}) == len(pupils)


def test_roster_names_some_but_not_all_of_the_notes_people(notes: list[dict[str, Any]]) -> None:
    roster_pinfls = {p["pinfl"] for p in read_roster("pupils.csv")}
    note_pinfls = set(spans_of(notes, "UZ_PINFL"))
    assert note_pinfls & roster_pinfls
    assert note_pinfls - roster_pinfls
    surnames = {p["full_name"].split()[0] for p in read_roster("pupils.csv")}
    latin_names = " ".join(spans_of([n for n in notes if n["language"] == "uz_latn"], "PERSON"))
    assert sum(surname in latin_names for surname in surnames) >= len(surnames) // 2


def test_the_script_reproduces_the_corpus_byte_for_byte(tmp_path: Path) -> None:
    build_corpus.build(tmp_path)
    for relative in ("notes.jsonl", "roster/pupils.csv", "roster/staff.csv"):
        assert (tmp_path / relative).read_bytes() == (CORPUS / relative).read_bytes(), relative
