"""PersonPatternRecognizer alone: names the roster does not know, told by the shape of Uzbek surnames and
patronymics (-ov, -ova, -yev, -yeva, -ovich, -ovna, "… o'g'li", "… qizi") in Latin and Cyrillic."""

from __future__ import annotations

import pytest

from privacy.recognizers.person_pattern_recognizer import PersonPatternRecognizer
from privacy.text_folding import APOSTROPHES
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans, found

ENTITY = "PERSON"


@pytest.fixture(scope="module")
def recognizer() -> PersonPatternRecognizer:
    return PersonPatternRecognizer(LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Latin surnames.
        ("Karimov darsga kelmadi", ["Karimov"]),
        ("Karimova bilan gaplashdim", ["Karimova"]),
        ("Aliyev va Aliyeva", ["Aliyev", "Aliyeva"]),
        ("Mirzayev, Qodirova, Ergasheva", ["Mirzayev", "Qodirova", "Ergasheva"]),
        ("G'afurov keldi", ["G'afurov"]),
        # A case suffix stays outside the name, as the anonymizer keeps it after the placeholder.
        ("Karimovning onasi keldi", ["Karimov"]),
        ("Karimovaning onasi keldi", ["Karimova"]),
        ("Karimovaga aytdim", ["Karimova"]),
        ("Karimovni chaqirdim", ["Karimov"]),
        ("Karimovdan so'radim", ["Karimov"]),
        ("Karimovlar oilasi", ["Karimov"]),
        # Patronymics.
        ("Akmalovich", ["Akmalovich"]),
        ("Rustamovna", ["Rustamovna"]),
        ("Ergashevich va Ergashevna", ["Ergashevich", "Ergashevna"]),
        ("Akmal o'g'li", ["Akmal o'g'li"]),
        ("Dilnoza qizi", ["Dilnoza qizi"]),
        ("Rustam qizi darsga keldi", ["Rustam qizi"]),
        *[(f"Akmal o{a}g{a}li", [f"Akmal o{a}g{a}li"]) for a in APOSTROPHES],
        *[(f"Toshpo{a}latov", [f"Toshpo{a}latov"]) for a in APOSTROPHES],
        *[(f"O{a}rinboyeva keldi", [f"O{a}rinboyeva"]) for a in APOSTROPHES],
        *[(f"G{a}ofurova", [f"G{a}ofurova"]) for a in APOSTROPHES],
        # Uzbek Cyrillic and Russian.
        ("Каримов", ["Каримов"]),
        ("Каримова", ["Каримова"]),
        ("Каримовой позвонили", ["Каримовой"]),
        ("Алиеву сообщили", ["Алиеву"]),
        ("Встреча с Алиевым", ["Алиевым"]),
        ("Тошпўлатов", ["Тошпўлатов"]),
        ("Аҳмедов, Ғофуров, Қодиров, Ҳасанова", ["Аҳмедов", "Ғофуров", "Қодиров", "Ҳасанова"]),
        ("Ўринбоев ва Ўринбоева", ["Ўринбоев", "Ўринбоева"]),
        ("Акмалович", ["Акмалович"]),
        ("Рустамовна", ["Рустамовна"]),
        ("Сергеевич", ["Сергеевич"]),
        ("Акмал ўғли", ["Акмал ўғли"]),
        ("Акмал угли", ["Акмал угли"]),
        ("Рустам қизи", ["Рустам қизи"]),
        ("Алиев Рустам Акмалович", ["Алиев", "Акмалович"]),  # the analyzer joins the parts
        # Not names.
        ("karimov", []),  # lower case
        ("karimova darsga keldi", []),
        ("sinov natijasi", []),
        ("Sinov natijasi yomon", []),  # Uzbek nouns in -ov
        ("Tanlovda g'olib bo'ldi", []),
        ("So'rovnoma", []),
        ("Уроков не было", []),
        ("уроков не было", []),
        ("Часов было мало", []),
        ("Баллов 5", []),
        ("Lev", []),
        ("Akmal", []),  # a given name alone has no surname shape
        ("", []),
    ],
)
def test_person_pattern(recognizer: PersonPatternRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)


def test_a_patronymic_is_more_certain_than_a_surname_shape(recognizer: PersonPatternRecognizer) -> None:
    (surname,) = found(recognizer, ENTITY, "Karimov")
    (patronymic,) = found(recognizer, ENTITY, "Akmal o'g'li")
    assert 0 < surname.score < patronymic.score
