"""Transliteration and name building follow Uzbek orthography and naming customs."""

from __future__ import annotations

import random

import pytest

from privacy.transliteration import to_cyrillic
from service.synthetic.contacts import format_phone
from service.synthetic.names import FEMALE_NAMES, MALE_NAMES, SURNAMES, patronymic, random_person


@pytest.mark.parametrize(
    ("latin", "uzbek", "russian"),
    [
        ("Toshpo'latov", "Тошпўлатов", "Тошпулатов"),
        ("G‘ayrat", "Ғайрат", "Гайрат"),
        ("Ra'no", "Раъно", "Рано"),
        ("Erkin", "Эркин", "Эркин"),
        ("Yo'ldoshev", "Йўлдошев", "Йулдошев"),
        ("Shahzoda", "Шаҳзода", "Шахзода"),
        ("Abdullayev", "Абдуллаев", "Абдуллаев"),
        ("Yusupova Dilnoza Akmal qizi", "Юсупова Дилноза Акмал қизи", "Юсупова Дилноза Акмал кизи"),
        ("ma`lumot", "маълумот", "малумот"),
        ("Qurbonov, 12-uy", "Қурбонов, 12-уй", "Курбонов, 12-уй"),
    ],
)
def test_transliteration(latin: str, uzbek: str, russian: str) -> None:
    assert to_cyrillic(latin) == uzbek
    assert to_cyrillic(latin, russian=True) == russian


@pytest.mark.parametrize(
    ("father", "sex", "style", "expected"),
    [
        ("Akmal", "M", "uz", "Akmal o'g'li"),
        ("Akmal", "F", "uz", "Akmal qizi"),
        ("Akmal", "M", "ru", "Akmalovich"),
        ("Abdulla", "F", "ru", "Abdullayevna"),
        ("Ergash", "M", "ru", "Ergashevich"),
        ("G'ayrat", "F", "ru", "Gayratovna"),
    ],
)
def test_patronymics(father: str, sex: str, style: str, expected: str) -> None:
    assert patronymic(father, sex, style) == expected  # type: ignore[arg-type]


def test_name_lists_are_large_and_distinct() -> None:
    assert len(set(MALE_NAMES)) >= 80
    assert len(set(FEMALE_NAMES)) >= 80
    assert len(set(SURNAMES)) >= 80
    assert not set(MALE_NAMES) & set(FEMALE_NAMES)


def test_women_carry_the_feminine_surname() -> None:
    rnd = random.Random(0)
    for _ in range(50):
        person = random_person(rnd, "F")
        assert person.surname.endswith(("ova", "eva"))
        assert person.patronymic.endswith(("qizi", "vna"))


def test_phone_formats_keep_the_same_digits() -> None:
    written = {format_phone("90", "1234567", style) for style in range(6)}
    assert len(written) == 6
    assert {"".join(c for c in w if c.isdigit())[-9:] for w in written} == {"901234567"}
