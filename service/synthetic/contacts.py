"""Phone numbers and home addresses written the many ways Uzbek rosters and notes write them.

The variety is deliberate: the privacy layer must recognise "+998 90 123-45-67", "901234567" and
"(99) 123 45 67" alike, and both Uzbek ("ko'chasi, 12-uy") and Russian ("ул., дом 12, кв. 5") addresses.
"""

from __future__ import annotations

import random
from typing import Final

from privacy.transliteration import to_cyrillic

OPERATOR_CODES: Final = ("90", "91", "93", "94", "95", "97", "98", "99", "33", "88", "77", "50")
STREETS: Final = (
    "Amir Temur", "Mustaqillik", "Alisher Navoiy", "Bobur", "Istiqlol", "Bunyodkor", "Do'stlik",
    "Yangi hayot", "Beruniy", "Ibn Sino", "Mirzo Ulug'bek", "Nurafshon", "Bog'ishamol", "Guliston",
    "Paxtakor", "Farobiy",
    "Ahmad Yassaviy", "Shota Rustaveli", "Navro'z", "Mehrjon", "Qo'shariq", "Bog'bon", "Sharof Rashidov",
    "Abdulla Qodiriy", "Cho'lpon", "Zarafshon", "Chinor", "Bahor",
)  # fmt: skip
MAHALLAS: Final = (
    "Navbahor", "Bog'bon", "Obod", "Tinchlik", "Ko'kcha", "Qoraqamish", "Olmazor", "Yangiobod", "Nurli yo'l",
    "Do'stlik", "Chinor", "Bahor", "Ittifoq", "Sharq", "Mehrobod", "Istiqlol", "Beshyog'och", "Oqtepa",
    "Gulzor", "Navro'z", "Ziyokor", "Xalqobod", "Qo'rg'ontepa", "Yangi asr",
)  # fmt: skip
# The administrative centre a Russian-style address names for each region.
REGION_CITIES: Final = {
    "Qoraqalpog'iston Respublikasi": "Nukus",
    "Andijon": "Andijon",
    "Buxoro": "Buxoro",
    "Jizzax": "Jizzax",
    "Qashqadaryo": "Qarshi",
    "Navoiy": "Navoiy",
    "Namangan": "Namangan",
    "Samarqand": "Samarqand",
    "Surxondaryo": "Termiz",
    "Sirdaryo": "Guliston",
    "Toshkent viloyati": "Nurafshon",
    "Farg'ona": "Farg'ona",
    "Xorazm": "Urganch",
    "Toshkent shahri": "Toshkent",
}


def random_phone_digits(rnd: random.Random) -> tuple[str, str]:
    """An operator code and a 7-digit subscriber number."""
    return rnd.choice(OPERATOR_CODES), f"{rnd.randrange(10_000_000):07d}"


def format_phone(code: str, number: str, style: int) -> str:
    """One of six real-world ways to write the same +998 number."""
    a, b, c = number[:3], number[3:5], number[5:]
    formats = (
        f"+998 {code} {a}-{b}-{c}",
        f"+998{code}{number}",
        f"{code} {number}",
        f"({code}) {a} {b} {c}",
        f"+998 ({code}) {a}-{b}-{c}",
        f"8 {code} {a} {b} {c}",
    )
    return formats[style % len(formats)]


def random_phone(rnd: random.Random) -> str:
    code, number = random_phone_digits(rnd)
    return format_phone(code, number, rnd.choices(range(6), weights=(30, 25, 15, 15, 10, 5))[0])


def uzbek_address(rnd: random.Random, region: str, district: str, urban: bool) -> str:
    """ "Toshkent sh., Yunusobod tumani, Amir Temur ko'chasi, 12-uy, 5-xonadon" or a mahalla address."""
    street = rnd.choice(STREETS)
    house = rnd.randint(1, 120)
    if urban:
        city = REGION_CITIES[region]
        flat = rnd.randint(1, 80)
        return f"{city} sh., {district}, {street} ko'chasi, {house}-uy, {flat}-xonadon"
    mahalla = rnd.choice(MAHALLAS)
    return f"{district}, {mahalla} mahallasi, {street} ko'chasi {house}-uy"


def russian_address(rnd: random.Random, region: str) -> str:
    """ "г. Ташкент, ул. Навои, дом 12, кв. 5" in Russian-style Cyrillic."""
    city = to_cyrillic(REGION_CITIES[region], russian=True)
    street = to_cyrillic(rnd.choice(STREETS), russian=True)
    house, flat = rnd.randint(1, 120), rnd.randint(1, 80)
    return f"г. {city}, ул. {street}, дом {house}, кв. {flat}"


def random_address(rnd: random.Random, region: str, district: str, urban: bool, style: str) -> str:
    """An address in `style`: "uz" (Latin), "uz_cyrl" (Uzbek Cyrillic) or "ru" (Russian)."""
    if style == "ru":
        return russian_address(rnd, region)
    text = uzbek_address(rnd, region, district, urban)
    return to_cyrillic(text) if style == "uz_cyrl" else text
