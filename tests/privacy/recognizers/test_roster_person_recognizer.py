"""RosterPersonRecognizer alone, on a small roster: known names in any script and apostrophe, with Uzbek
suffixes and Russian endings, and never an ordinary word or a piece of a longer word."""

from __future__ import annotations

import pytest

from privacy.name_index import NameIndex, RosterPerson, bundled_names
from privacy.recognizers.roster_person_recognizer import (
    SCORE_DICTIONARY,
    SCORE_ROSTER,
    RosterPersonRecognizer,
)
from privacy.text_folding import APOSTROPHES
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans, found

ENTITY = "PERSON"
ROSTER = (
    RosterPerson("pupil:P001", "Karimov Alisher Akmal o'g'li"),
    RosterPerson("guardian:P001", "Karimova Dilnoza Rustamovna"),
    RosterPerson("pupil:P002", "Toshpo'latova Lola Baxtiyor qizi"),
    RosterPerson("pupil:P003", "Rahimov Umid"),
    RosterPerson("pupil:P004", "G‘ulomova Nigora"),  # the roster itself uses ‘
    RosterPerson("staff:T01", "Ғофуров Шерзод Абдуллаевич"),  # a teacher known in Cyrillic
)


@pytest.fixture(scope="module")
def recognizer() -> RosterPersonRecognizer:
    return RosterPersonRecognizer(NameIndex(ROSTER), LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Alisher darsga kelmadi", ["Alisher"]),
        ("Karimov Alisher", ["Karimov", "Alisher"]),  # the analyzer joins the parts
        ("Karimova Dilnoza keldi", ["Karimova", "Dilnoza"]),
        ("KARIMOV", ["KARIMOV"]),
        # Uzbek suffixes and diminutives stay outside the name.
        ("Alisherning onasi keldi", ["Alisher"]),
        ("Alisherga aytdim", ["Alisher"]),
        ("Alisherni chaqirdim", ["Alisher"]),
        ("Alisherda kitob bor", ["Alisher"]),
        ("Alisherdan so'radim", ["Alisher"]),
        ("Alisherjon yaxshi o'qiydi", ["Alisher"]),
        ("Alisherjonning daftari", ["Alisher"]),
        ("Dilnozaxon", ["Dilnoza"]),
        ("Lolaxonning", ["Lola"]),
        ("Nigorani", ["Nigora"]),
        ("Karimovlarning uyi", ["Karimov"]),
        ("Toshpo'latovaning", ["Toshpo'latova"]),
        ("Umidi", ["Umid"]),
        # Russian endings on a Cyrillic stem.
        ("Дилнозы не было", ["Дилноз"]),
        ("Дилнозе сказали", ["Дилноз"]),
        ("Каримовой позвонили", ["Каримов"]),
        ("Алишера не было", ["Алишер"]),
        ("Алишеру", ["Алишер"]),
        ("Лолы не было", ["Лол"]),
        ("Нигоры не было", ["Нигор"]),
        ("Шерзоду позвонили", ["Шерзод"]),
        ("Встреча с Шерзодом", ["Шерзод"]),
        # Uzbek suffixes in Cyrillic.
        ("Алишернинг", ["Алишер"]),
        ("Алишерга", ["Алишер"]),
        # The other script than the roster's.
        ("Алишер", ["Алишер"]),
        ("Алишер Каримов", ["Алишер", "Каримов"]),
        ("Тошпўлатова Лола", ["Тошпўлатова", "Лола"]),
        ("Ғуломова Нигора", ["Ғуломова", "Нигора"]),
        ("Гуломова", ["Гуломова"]),
        ("G'ofurov Sherzod", ["G'ofurov", "Sherzod"]),
        ("Sherzod Abdullayevich", ["Sherzod", "Abdullayevich"]),
        ("Гофуров", ["Гофуров"]),
        # Whichever apostrophe the note uses, whichever the roster used.
        *[(f"Toshpo{a}latova Lola", [f"Toshpo{a}latova", "Lola"]) for a in APOSTROPHES],
        *[(f"G{a}ulomova", [f"G{a}ulomova"]) for a in APOSTROPHES],
        *[(f"G{a}ofurov keldi", [f"G{a}ofurov"]) for a in APOSTROPHES],
        # Lower-case words that equal a name are words.
        ("umid bilan yashaydi", []),
        ("lola gullari ochildi", []),
        ("karimov", []),
        # A name inside a longer word is not that name.
        ("Zilola keldi", []),
        ("Hilolaning daftari", []),
        ("Umidaga aytdim", []),
        ("Alisherov", []),
        ("Алишеров", []),
        ("Karimovich", []),
        ("Shahnigora", []),
        ("", []),
    ],
)
def test_roster_person(recognizer: RosterPersonRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Alisher", {"pupil:P001"}),
        ("Karimov", {"pupil:P001"}),
        ("Karimova", {"guardian:P001"}),
        ("Dilnozaning", {"guardian:P001"}),
        ("Дилнозы", {"guardian:P001"}),
        ("Алишера", {"pupil:P001"}),
        ("Toshpo‘latova", {"pupil:P002"}),
        ("Umid", {"pupil:P003"}),
        ("Gʻulomova", {"pupil:P004"}),
        ("G'ofurov", {"staff:T01"}),
        ("Шерзод", {"staff:T01"}),
    ],
)
def test_a_roster_name_carries_whose_it_is(
    recognizer: RosterPersonRecognizer, text: str, people: set[str]
) -> None:
    (result,) = found(recognizer, ENTITY, text)
    assert result.recognition_metadata["people"] == people
    assert result.score == SCORE_ROSTER


def test_a_shared_surname_names_everyone_who_has_it() -> None:
    roster = [RosterPerson("pupil:P010", "Rahimov Bobur"), RosterPerson("pupil:P011", "Rahimov Sardor")]
    (result,) = found(RosterPersonRecognizer(NameIndex(roster), LANGUAGE), ENTITY, "Rahimov keldi")
    assert result.recognition_metadata["people"] == {"pupil:P010", "pupil:P011"}


def test_a_dictionary_name_is_a_name_of_nobody_known() -> None:
    recognizer = RosterPersonRecognizer(NameIndex(ROSTER, bundled_names("given_names.txt")), LANGUAGE)
    (result,) = assert_spans(recognizer, ENTITY, "Bekzod darsga kelmadi", ["Bekzod"])
    assert result.recognition_metadata["people"] == frozenset()
    assert result.score == SCORE_DICTIONARY < SCORE_ROSTER
    assert_spans(recognizer, ENTITY, "umid qilamiz, lola gullari", [])
