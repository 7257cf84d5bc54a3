"""Uzbek personal names as schools' rosters write them: surname, given name, patronymic.

Patronymics come in two traditions that coexist in real data: Uzbek ("Akmal o'g'li", "Akmal qizi") and
Russian ("Akmalovich", "Akmalovna"). Names may be written in Latin, Uzbek Cyrillic or Russian-style Cyrillic,
and Latin apostrophes are inconsistent, which is exactly what recognisers downstream must cope with.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final, Literal

from privacy.transliteration import to_cyrillic

Script = Literal["latin", "uz_cyrl", "ru_cyrl"]

MALE_NAMES: Final = (
    "Rustam", "Akmal", "Jahongir", "Sardor", "Bobur", "Jasur", "Otabek", "Sherzod", "Aziz", "Dilshod",
    "Farrux", "Ulug'bek", "Sanjar", "Doniyor", "Javohir", "Islom", "Abdulla", "Azizbek", "Bekzod", "Behruz",
    "Davron", "Elyor", "G'ayrat", "O'tkir", "Sa'dulla", "Husan", "Hasan", "Ibrohim", "Ilhom", "Jamshid",
    "Kamol", "Laziz", "Mansur", "Muhammad", "Murod", "Nodir", "Nurbek", "Oybek", "Po'lat", "Qodir",
    "Rahim", "Ravshan", "Sarvar", "Shavkat", "Shohruh", "Sirojiddin", "Temur", "Tohir", "Umid", "Xurshid",
    "Yusuf", "Zafar", "Anvar", "Alisher", "Asror", "Baxtiyor", "Botir", "Dostonbek", "Erkin", "Fayzulla",
    "Hamid", "Ikrom", "Kamron", "Komil", "Lochin", "Mirjalol", "Nuriddin", "O'ktam", "Rashid", "Ruslan",
    "Samandar", "Shuhrat", "Sobir", "Umar", "Valijon", "Yahyo", "Zokir", "Ergash", "Abror", "Hamza",
    "Ali", "Ma'ruf",
)  # fmt: skip
FEMALE_NAMES: Final = (
    "Dilnoza", "Nodira", "Shahzoda", "Ra'no", "Mas'uda", "Gulnora", "Dilfuza", "Malika", "Madina", "Zarina",
    "Nilufar", "Feruza", "Sevara", "Mohira", "Shahnoza", "Kamola", "Lola", "Munisa", "Sabina", "Sitora",
    "Zulfiya", "Gulbahor", "Dildora", "Aziza", "Barno", "Charos", "Diyora", "Durdona", "Farangiz", "Fotima",
    "Gulchehra", "Gulnoza", "Hilola", "Iroda", "Jasmina", "Kumush", "Laylo", "Lobar", "Maftuna", "Marjona",
    "Mavluda", "Mohinur", "Muazzam", "Muslima", "Nargiza", "Nasiba", "Nigora", "Nozima", "Odina", "Oysha",
    "O'g'iloy", "Ozoda", "Parizoda", "Robiya", "Rayhon", "Ruxsora", "Saida", "Sarvinoz", "Shaxlo", "Shoira",
    "Shirin", "Solmaz", "Surayyo", "Umida", "Xadicha", "Xurshida", "Yulduz", "Zamira", "Zebo", "Zilola",
    "Zuhra", "Gavhar", "Dilorom", "Mahliyo", "Nafisa", "Sohiba", "Mehribon", "Komila", "Ma'mura", "Mukaddas",
)  # fmt: skip
# Male forms; the female form adds "a" (Karimov → Karimova).
SURNAMES: Final = (
    "Karimov", "Yusupov", "Rahimov", "Toshpo'latov", "Ergashev", "Abdullayev", "Aliyev", "Azimov", "Boboyev",
    "Davletov", "Egamberdiyev", "Fayzullayev", "G'aniyev", "G'ofurov", "Haydarov", "Hasanov", "Husanov",
    "Ibragimov", "Ismoilov", "Jo'rayev", "Jumayev", "Kamolov", "Latipov", "Mahmudov", "Mirzayev", "Mo'minov",
    "Nazarov", "Normatov", "Nurmatov", "Olimov", "Ortiqov", "Po'latov", "Qodirov", "Qosimov", "Rasulov",
    "Rustamov", "Sadikov", "Saidov", "Salimov", "Sattorov", "Shodmonov", "Sharipov", "Sobirov", "Sultonov",
    "Tojiyev", "To'xtayev", "Tursunov", "Umarov", "Usmonov", "Valiyev", "Xolmatov", "Xo'jayev", "Yo'ldoshev",
    "Yoqubov", "Zokirov", "Abdurahmonov", "Akbarov", "Alimov", "Bakirov", "Bozorov", "Davronov", "Eshmatov",
    "Eshonqulov", "Fozilov", "Hamroyev", "Ikromov", "Jalilov", "Mamatqulov", "Murodov", "Najmiddinov",
    "Otajonov", "Qurbonov", "Safarov", "Shukurov", "Tillayev", "Umurzoqov", "Xudoyberdiyev", "Yunusov",
    "Zaripov", "Berdiyev", "Sodiqov", "Nabiyev",
)  # fmt: skip
APOSTROPHES: Final = ("'", "‘", "’", "ʻ", "ʼ", "`")
_VOWELS: Final = frozenset("aeiouAEIOU")


@dataclass(frozen=True)
class PersonName:
    """A name in Latin with its parts, so notes can inflect the given name and mention relatives."""

    surname: str  # as written for this person's sex
    given: str
    father: str  # the father's given name, source of the patronymic
    patronymic: str

    def full(self) -> str:
        return f"{self.surname} {self.given} {self.patronymic}"


def surname_for(male_surname: str, sex: str) -> str:
    return male_surname if sex == "M" else male_surname + "a"


def patronymic(father: str, sex: str, style: Literal["uz", "ru"]) -> str:
    """Uzbek style "Akmal o'g'li"/"Akmal qizi" or Russian style "Akmalovich"/"Abdullayevna"."""
    if style == "uz":
        return f"{father} o'g'li" if sex == "M" else f"{father} qizi"
    stem = father.replace("'", "")
    if stem[-1] in _VOWELS:
        stem += "yev"
    elif stem.endswith(("sh", "ch", "j")):
        stem += "ev"
    else:
        stem += "ov"
    return stem + ("ich" if sex == "M" else "na")


def random_person(rnd: random.Random, sex: str, *, surname: str | None = None) -> PersonName:
    """A random Latin name; `surname` (male form) ties relatives to one family."""
    family = surname or rnd.choice(SURNAMES)
    given = rnd.choice(MALE_NAMES if sex == "M" else FEMALE_NAMES)
    father = rnd.choice(MALE_NAMES)
    style: Literal["uz", "ru"] = "uz" if rnd.random() < 0.55 else "ru"
    return PersonName(surname_for(family, sex), given, father, patronymic(father, sex, style))


def write_name(text: str, script: Script, apostrophe: str = "'") -> str:
    """Render a Latin name in the requested script, with the given Latin apostrophe."""
    if script == "latin":
        return text if apostrophe == "'" else text.replace("'", apostrophe)
    return to_cyrillic(text, russian=script == "ru_cyrl")


def roster_apostrophe(rnd: random.Random) -> str:
    """Rosters mostly use the ASCII apostrophe, sometimes the modifier letter or a curly quote."""
    draw = rnd.random()
    if draw < 0.85:
        return "'"
    return "ʻ" if draw < 0.93 else "’"


def as_russian_style(name: PersonName, sex: str) -> PersonName:
    """The same person with a Russian-style patronymic, as Russian-language documents write it."""
    return PersonName(name.surname, name.given, name.father, patronymic(name.father, sex, "ru"))
