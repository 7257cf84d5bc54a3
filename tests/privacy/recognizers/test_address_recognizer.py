"""AddressRecognizer alone: streets, mahallas and numbered units in Uzbek Latin, Uzbek Cyrillic and Russian.

A district or a school on its own ("Chilonzor tumani", "45-maktab") says nothing about where a pupil lives,
and the numbered words of school life ("2-chorak", "7-B sinf", "uy vazifasi") are not addresses either.
"""

from __future__ import annotations

import pytest

from privacy.recognizers.address_recognizer import AddressRecognizer
from privacy.text_folding import APOSTROPHES
from tests.privacy.recognizers.conftest import LANGUAGE, assert_spans

ENTITY = "ADDRESS"


@pytest.fixture(scope="module")
def recognizer() -> AddressRecognizer:
    return AddressRecognizer(LANGUAGE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Uzbek Latin: the forms of the recognizer's docstring.
        ("Manzili: Navoiy ko'chasi 12-uy, 34-xonadon", ["Navoiy ko'chasi 12-uy, 34-xonadon"]),
        ("Navoiy ko'chasi", ["Navoiy ko'chasi"]),
        ("Navoiy ko'chasida yashaydi", ["Navoiy ko'chasida"]),
        ("Bog'ishamol mahallasida yashaydi", ["Bog'ishamol mahallasida"]),
        ("12-uy", ["12-uy"]),
        (
            "Chilonzor tumani, 9-kvartal, 12-uy, 34-xonadon",
            ["Chilonzor tumani, 9-kvartal, 12-uy, 34-xonadon"],
        ),
        ("uy 12, xonadon 5", ["uy 12, xonadon 5"]),
        ("Yangi hayot ko'chasi 5-uy", ["Yangi hayot ko'chasi 5-uy"]),
        ("Mustaqillik prospekti 45", ["Mustaqillik prospekti 45"]),
        ("Amir Temur xiyoboni", ["Amir Temur xiyoboni"]),
        ("Olmazor MFY, 3-uy", ["Olmazor MFY, 3-uy"]),
        ("Yunusobod 19-kvartal, 5-uy", ["Yunusobod 19-kvartal, 5-uy"]),
        ("Sergeli 7-mavze, 14-uy, 56-xonadon", ["Sergeli 7-mavze, 14-uy, 56-xonadon"]),
        ("Abdulla Qodiriy ko'chasi, 7-uy", ["Abdulla Qodiriy ko'chasi, 7-uy"]),
        (
            "Toshkent shahri, Yunusobod tumani, Amir Temur shoh ko'chasi 108",
            ["Toshkent shahri, Yunusobod tumani, Amir Temur shoh ko'chasi 108"],
        ),
        (
            "Samarqand viloyati, Urgut tumani, Qoratepa qishlog'i",
            ["Samarqand viloyati, Urgut tumani, Qoratepa qishlog'i"],
        ),
        ("Navoiy ko'chasi 12a-uy", ["Navoiy ko'chasi 12a-uy"]),
        ("Chilonzor tumani 9-kvartal 12-uy 34-xonadon", ["Chilonzor tumani 9-kvartal 12-uy 34-xonadon"]),
        ("Navoiy ko'chasi, 12-uy, 34-xonadon. Otasi ishlaydi.", ["Navoiy ko'chasi, 12-uy, 34-xonadon"]),
        ("Uning uyi Navoiy ko'chasida", ["Navoiy ko'chasida"]),
        # Every apostrophe a keyboard gives, in the street word and in the name.
        *[(f"Navoiy ko{a}chasi 12-uy", [f"Navoiy ko{a}chasi 12-uy"]) for a in APOSTROPHES],
        *[(f"Bog{a}ishamol mahallasi", [f"Bog{a}ishamol mahallasi"]) for a in APOSTROPHES],
        *[(f"Ulug{a}bek ko{a}chasi 3-uy", [f"Ulug{a}bek ko{a}chasi 3-uy"]) for a in APOSTROPHES],
        *[(f"Bo{a}ston MFY", [f"Bo{a}ston MFY"]) for a in APOSTROPHES],
        *[(f"Qoratepa qishlog{a}i", [f"Qoratepa qishlog{a}i"]) for a in APOSTROPHES],
        # Uzbek Cyrillic.
        ("Навоий кўчаси 12-уй", ["Навоий кўчаси 12-уй"]),
        ("Навоий кўчаси, уй 12", ["Навоий кўчаси, уй 12"]),
        ("Янги ҳаёт кўчаси 5-уй", ["Янги ҳаёт кўчаси 5-уй"]),
        ("Боғишамол маҳалласи", ["Боғишамол маҳалласи"]),
        ("Навоий кўчасида яшайди", ["Навоий кўчасида"]),
        ("уй 12, хонадон 5", ["уй 12, хонадон 5"]),
        ("Чилонзор тумани, 9-квартал, 12-уй", ["Чилонзор тумани, 9-квартал, 12-уй"]),
        (
            "Тошкент шаҳри, Чилонзор тумани, Бунёдкор кўчаси 7-уй",
            ["Тошкент шаҳри, Чилонзор тумани, Бунёдкор кўчаси 7-уй"],
        ),
        # Russian.
        ("ул. Навои, дом 12, кв. 5", ["ул. Навои, дом 12, кв. 5"]),
        ("г. Ташкент, ул. Навои, д. 12, кв. 5", ["г. Ташкент, ул. Навои, д. 12, кв. 5"]),
        ("Проживает: улица Бабура 15, кв. 3", ["улица Бабура 15, кв. 3"]),
        ("ул. Амира Темура, 15", ["ул. Амира Темура, 15"]),
        ("пр. Мустакиллик, 5", ["пр. Мустакиллик, 5"]),
        (
            "Мирабадский район, ул. Афросиаб, д. 4, кв. 17",
            ["Мирабадский район, ул. Афросиаб, д. 4, кв. 17"],
        ),
        ("дом 12", ["дом 12"]),
        ("дом № 12", ["дом № 12"]),
        ("переулок Чехова 3", ["переулок Чехова 3"]),
        ("мкр. Юнусабад-19, дом 5", ["мкр. Юнусабад-19, дом 5"]),
        ("массив Карасу, д. 6", ["массив Карасу, д. 6"]),
        ("махалля Бешагач", ["махалля Бешагач"]),
        ("кв. 5", ["кв. 5"]),
        # Not addresses: an area alone, schools, quarters, homework, classes.
        ("Chilonzor tumani", []),
        ("Chilonzor tumanida yashaydi", []),
        ("Toshkent shahri", []),
        ("Samarqand viloyati", []),
        ("Mirzo Ulug'bek tumani", []),
        ("45-maktab", []),
        ("45-maktabda o'qiydi", []),
        ("2-chorak", []),
        ("2-chorakda baholari pasaydi", []),
        ("uy vazifasi", []),
        ("Uy vazifasini bajarmadi", []),
        ("uyga vazifa berildi", []),
        ("uyda 5 kishi yashaydi", []),
        ("7-B sinf", []),
        ("7-B sinfda o'qiydi", []),
        ("5-sinf", []),
        ("10-dars", []),
        ("Чилонзор тумани", []),
        ("45-мактаб", []),
        ("2-чорак", []),
        ("уй вазифаси", []),
        ("Уй вазифасини бажармади", []),
        ("7-Б синф", []),
        ("Болел, был дома 3 дня", []),
        ("Домашнее задание не сделал", []),
        ("Дом культуры", []),
        ("", []),
    ],
)
def test_address(recognizer: AddressRecognizer, text: str, expected: list[str]) -> None:
    assert_spans(recognizer, ENTITY, text, expected)
