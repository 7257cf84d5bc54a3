"""Builds the held-out privacy corpus: teachers' notes with labelled personal data, and a school roster.

Every note comes from a hand-written frame (the FRAMES table below) whose slots the builder fills with
names, phone numbers, PINFLs and the rest, recording the exact character offsets of what it inserts. The
output is deterministic: `python -m tests.privacy.holdout.build_holdout` rewrites notes.jsonl and
roster/*.csv byte for byte. Written independently of Erta's analyzer and of its development corpus; see
README.md for the labelling rules.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Final

from privacy.pinfl import make_pinfl

SEED: Final = 20250611
HERE: Final = Path(__file__).resolve().parent

# Notes per language: 40% Uzbek Latin, 20% Uzbek Cyrillic, 30% Russian, 10% mixed Uzbek/Russian.
TARGETS: Final = {"uz_latn": 160, "uz_cyrl": 80, "ru": 120, "mixed": 40}
LATN, UZC, RU = 0, 1, 2
LANG_SCRIPT: Final = {"uz_latn": LATN, "uz_cyrl": UZC, "ru": RU, "mixed": LATN}

N_PUPILS: Final = 120
N_OFF_ROSTER_PUPILS: Final = 14
P_ROSTER_PUPIL: Final = 0.9


def _triples(block: str) -> tuple[tuple[str, str, str], ...]:
    """`latin | uzbek cyrillic | russian` rows."""
    rows = []
    for line in block.strip().splitlines():
        latn, uzc, ru = (cell.strip() for cell in line.split("|"))
        rows.append((latn, uzc, ru))
    return tuple(rows)


MALE_NAMES: Final = _triples("""
Jasur | Жасур | Жасур
Jamshid | Жамшид | Джамшид
Baxtiyor | Бахтиёр | Бахтиёр
Ilhom | Илҳом | Ильхом
Shamsiddin | Шамсиддин | Шамсиддин
Bekmurod | Бекмурод | Бекмурад
Xushnud | Хушнуд | Хушнуд
Tolib | Толиб | Толиб
Mirkomil | Миркомил | Миркамил
Sardor | Сардор | Сардор
Sanjar | Санжар | Санжар
Azizbek | Азизбек | Азизбек
Doniyor | Дониёр | Даниёр
Sherzod | Шерзод | Шерзод
Abdulaziz | Абдулазиз | Абдулазиз
Javohir | Жавоҳир | Джавохир
Islom | Ислом | Ислам
Muhammadali | Муҳаммадали | Мухаммадали
G'ulom | Ғулом | Гулям
To'lqin | Тўлқин | Тулкин
O'tkir | Ўткир | Уткир
Shuhrat | Шуҳрат | Шухрат
Rustam | Рустам | Рустам
Farrux | Фаррух | Фаррух
Ulug'bek | Улуғбек | Улугбек
Behruz | Беҳруз | Бехруз
Diyor | Диёр | Диёр
Nodir | Нодир | Надир
Zafar | Зафар | Зафар
Akmal | Акмал | Акмаль
Kamron | Камрон | Камрон
Asadbek | Асадбек | Асадбек
Shavkat | Шавкат | Шавкат
Anvar | Анвар | Анвар
Dilshod | Дилшод | Дильшод
Bobur | Бобур | Бабур
Mansur | Мансур | Мансур
Hasan | Ҳасан | Хасан
Ravshan | Равшан | Равшан
Odil | Одил | Адыл
Sobir | Собир | Сабир
Elyor | Элёр | Эльёр
Murod | Мурод | Мурад
G'ayrat | Ғайрат | Гайрат
Ruslan | Руслан | Руслан
Denis | Денис | Денис
Artur | Артур | Артур
Damir | Дамир | Дамир
""")

FEMALE_NAMES: Final = _triples("""
Nigina | Нигина | Нигина
Oydin | Ойдин | Ойдин
Gulruh | Гулруҳ | Гульрух
Marhabo | Марҳабо | Мархабо
Zumrad | Зумрад | Зумрад
O'g'iloy | Ўғилой | Угилой
Dilnoza | Дилноза | Дильноза
Gulnora | Гулнора | Гульнара
Malika | Малика | Малика
Shahzoda | Шаҳзода | Шахзода
Madina | Мадина | Мадина
Sevara | Севара | Севара
Feruza | Феруза | Феруза
Mohira | Моҳира | Мохира
Nodira | Нодира | Надира
Barno | Барно | Барно
Yulduz | Юлдуз | Юлдуз
Zarina | Зарина | Зарина
Kamola | Камола | Камола
Sabina | Сабина | Сабина
Munisa | Муниса | Муниса
Shoira | Шоира | Шоира
Laylo | Лайло | Лайло
Dildora | Дилдора | Дильдора
Mavluda | Мавлуда | Мавлюда
G'uncha | Ғунча | Гунча
Xurshida | Хуршида | Хуршида
Robiya | Робия | Робия
Ziyoda | Зиёда | Зиёда
Maftuna | Мафтуна | Мафтуна
Dilfuza | Дилфуза | Дильфуза
Nilufar | Нилуфар | Нилуфар
Sitora | Ситора | Ситора
Umida | Умида | Умида
Hilola | Ҳилола | Хилола
Mohinur | Моҳинур | Мохинур
Durdona | Дурдона | Дурдона
Charos | Чарос | Чарос
Shahnoza | Шаҳноза | Шахноза
Go'zal | Гўзал | Гузаль
Kamila | Камила | Камила
Diana | Диана | Диана
Viktoriya | Виктория | Виктория
Elvira | Эльвира | Эльвира
Renata | Рената | Рената
""")

# Male forms; the female form adds -a / -а (Kim and Pak do not change).
SURNAMES: Final = _triples("""
Abdullayev | Абдуллаев | Абдуллаев
Karimov | Каримов | Каримов
Yo'ldoshev | Йўлдошев | Юлдашев
Xo'jayev | Хўжаев | Ходжаев
Qodirov | Қодиров | Кадыров
G'aniyev | Ғаниев | Ганиев
To'xtayev | Тўхтаев | Тухтаев
Bo'riyev | Бўриев | Буриев
Mo'minov | Мўминов | Муминов
Ro'ziyev | Рўзиев | Рузиев
Sharipov | Шарипов | Шарипов
Nazarov | Назаров | Назаров
Rahimov | Раҳимов | Рахимов
Tursunov | Турсунов | Турсунов
Ergashev | Эргашев | Эргашев
Mirzayev | Мирзаев | Мирзаев
Saidov | Саидов | Саидов
Aliyev | Алиев | Алиев
Hasanov | Ҳасанов | Хасанов
Umarov | Умаров | Умаров
Yusupov | Юсупов | Юсупов
Ismoilov | Исмоилов | Исмаилов
Jo'rayev | Жўраев | Джураев
Sultonov | Султонов | Султанов
Xolmatov | Холматов | Холматов
Normatov | Норматов | Норматов
Qosimov | Қосимов | Касымов
Rahmonov | Раҳмонов | Рахманов
Ahmedov | Аҳмедов | Ахмедов
Mahmudov | Маҳмудов | Махмудов
Abdurahmonov | Абдураҳмонов | Абдурахманов
Toshpo'latov | Тошпўлатов | Ташпулатов
Sodiqov | Содиқов | Садыков
Murodov | Муродов | Мурадов
Haydarov | Ҳайдаров | Хайдаров
Fayzullayev | Файзуллаев | Файзуллаев
Nurmatov | Нурматов | Нурматов
Boboyev | Бобоев | Бабаев
Eshonqulov | Эшонқулов | Эшанкулов
Shukurov | Шукуров | Шукуров
Olimov | Олимов | Алимов
Zokirov | Зокиров | Закиров
Valiyev | Валиев | Валиев
Usmonov | Усмонов | Усманов
Davronov | Давронов | Давронов
Jumayev | Жумаев | Джумаев
Po'latov | Пўлатов | Пулатов
Qurbonov | Қурбонов | Курбанов
Egamberdiyev | Эгамбердиев | Эгамбердиев
Tojiyev | Тожиев | Таджиев
Xudoyberdiyev | Худойбердиев | Худайбердиев
Salimov | Салимов | Салимов
Ibragimov | Ибрагимов | Ибрагимов
Musayev | Мусаев | Мусаев
Ortiqov | Ортиқов | Артыков
O'rinboyev | Ўринбоев | Уринбаев
Qo'chqorov | Қўчқоров | Кучкаров
Mamatqulov | Маматқулов | Маматкулов
Sattorov | Сатторов | Саттаров
Kim | Ким | Ким
Pak | Пак | Пак
""")

# Fathers' names make patronymics (-ovich / -ovna): names ending in a plain consonant, fathers' generation.
FATHER_NAMES: Final = tuple(
    n for n in MALE_NAMES if n[RU][-1] not in "аеёиоуыэюяйь" and n[LATN] not in ("Denis", "Artur")
)

DISTRICTS: Final = _triples("""
Chilonzor | Чилонзор | Чиланзарский
Yunusobod | Юнусобод | Юнусабадский
Mirobod | Миробод | Мирабадский
Yakkasaroy | Яккасарой | Яккасарайский
Sergeli | Сергели | Сергелийский
Uchtepa | Учтепа | Учтепинский
Yashnobod | Яшнобод | Яшнабадский
Olmazor | Олмазор | Алмазарский
Shayxontohur | Шайхонтоҳур | Шайхантахурский
""")

STREETS: Final = _triples("""
Qatortol | Қатортол | Катартал
Bog'ishamol | Боғишамол | Богишамол
Sharq | Шарқ | Шарк
Gulzor | Гулзор | Гульзар
Navoiy | Навоий | Навои
Bobur | Бобур | Бабура
Muqimiy | Муқимий | Мукими
Furqat | Фурқат | Фурката
Lutfiy | Лутфий | Лутфи
Chimboy | Чимбой | Чимбай
Sebzor | Себзор | Себзар
Nurafshon | Нурафшон | Нурафшан
Zarqaynar | Зарқайнар | Заркайнар
Amir Temur | Амир Темур | Амира Темура
Beshyog'och | Бешёғоч | Бешагач
Do'mbirobod | Дўмбиробод | Домбрабад
""")

MAHALLAS: Final = _triples("""
Navro'z | Наврўз | Навруз
Ittifoq | Иттифоқ | Иттифак
Bog'bon | Боғбон | Богбон
Oqtepa | Оқтепа | Актепа
Do'stlik | Дўстлик | Дустлик
Yangiobod | Янгиобод | Янгиабад
Mustaqillik | Мустақиллик | Мустакиллик
Guliston | Гулистон | Гулистан
""")

MASSIVS: Final = _triples("""
Qoraqamish | Қорақамиш | Каракамыш
Yunusobod | Юнусобод | Юнусабад
Sergeli | Сергели | Сергели
Qo'yliq | Қўйлиқ | Куйлюк
Olmazor | Олмазор | Алмазар
Ko'kcha | Кўкча | Кукча
TTZ | ТТЗ | ТТЗ
""")

CLASS_LETTERS: Final = (("A", "B", "V", "G"), ("А", "Б", "В", "Г"), ("А", "Б", "В", "Г"))
MOBILE_CODES: Final = ("90", "91", "93", "94", "95", "97", "98", "99", "33", "88", "77", "50")
PASSPORT_SERIES: Final = ("AA", "AB", "AC", "AD", "AE", "FA", "KA")
EMAIL_DOMAINS: Final = ("gmail.com", "mail.ru", "inbox.ru", "yandex.ru", "umail.uz", "list.ru", "bk.ru")

STAFF_PLAN: Final = (
    ("director", ""),
    ("deputy_director", "mathematics"),
    ("deputy_director", "history"),
    ("deputy_director", ""),
    ("psychologist", ""),
    ("psychologist", ""),
    ("social_pedagogue", ""),
    ("nurse", ""),
    *(
        ("class_teacher;subject_teacher", subject)
        for subject in (
            "mathematics",
            "uzbek_language;literature",
            "russian_language",
            "english",
            "physics",
            "chemistry;biology",
            "primary",
            "primary",
            "geography",
            "informatics",
        )
    ),
    *(
        ("subject_teacher", subject)
        for subject in (
            "physical_education",
            "history",
            "mathematics",
            "english",
            "music",
            "uzbek_language",
            "biology",
        )
    ),
)

# -- Russian declension of names ---------------------------------------------------------------------

_RU_CASES: Final = ("gen", "dat", "acc", "ins", "pre")


def _ru_given(name: str, sex: str, case: str) -> str:
    if sex == "F":
        if name.endswith("ия"):
            return name[:-2] + {"gen": "ии", "dat": "ии", "acc": "ию", "ins": "ией", "pre": "ии"}[case]
        if name.endswith("я"):
            return name[:-1] + {"gen": "и", "dat": "е", "acc": "ю", "ins": "ей", "pre": "е"}[case]
        if name.endswith("ь"):
            return name[:-1] + {"gen": "и", "dat": "и", "acc": "ь", "ins": "ью", "pre": "и"}[case]
        if name.endswith("а"):
            stem = name[:-1]
            gen = "и" if stem[-1] in "гкхжшчщ" else "ы"
            ins = "ей" if stem[-1] in "жшчщц" else "ой"
            return stem + {"gen": gen, "dat": "е", "acc": "у", "ins": ins, "pre": "е"}[case]
        return name  # Зумрад, Мархабо, Нилуфар: female names not in -а/-я do not decline
    if name[-1] in "аеёиоуыэюя":
        return name  # Мухаммадали
    if name[-1] in "йь":
        return name[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "pre": "е"}[case]
    ins = "ем" if name[-1] in "жшчщц" else "ом"
    return name + {"gen": "а", "dat": "у", "acc": "а", "ins": ins, "pre": "е"}[case]


def _ru_surname(name: str, sex: str, case: str) -> str:
    if sex == "M":
        if name.endswith(("ов", "ев", "ин")):
            return name + {"gen": "а", "dat": "у", "acc": "а", "ins": "ым", "pre": "е"}[case]
        return name + {"gen": "а", "dat": "у", "acc": "а", "ins": "ом", "pre": "е"}[case]  # Ким, Пак
    if name.endswith(("ова", "ева", "ина")):
        return name[:-1] + {"gen": "ой", "dat": "ой", "acc": "у", "ins": "ой", "pre": "ой"}[case]
    return name


def _ru_patronymic(name: str, case: str) -> str:
    if name.endswith("ич"):
        return name + {"gen": "а", "dat": "у", "acc": "а", "ins": "ем", "pre": "е"}[case]
    return name[:-1] + {"gen": "ы", "dat": "е", "acc": "у", "ins": "ой", "pre": "е"}[case]


# -- people -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    kind: str  # block (mavze/kvartal), street, mahalla, massiv
    district: int
    place: int
    street: int
    number: int
    house: int
    flat: int | None


@dataclass
class Household:
    address: Address
    mother: Person | None = None
    father: Person | None = None
    guardian: Person | None = None
    father_given: tuple[str, str, str] = ("", "", "")
    surname_m: tuple[str, str, str] = ("", "", "")


@dataclass
class Person:
    pid: str
    given: tuple[str, str, str]
    surname: tuple[str, str, str]
    patronymic: tuple[str, str, str]
    sex: str
    birth: date
    on_roster: bool
    grade: int = 0
    letter: int = 0
    roles: str = ""
    household: Household | None = None
    attrs: dict[str, str] = field(default_factory=dict)


def _female(surname: tuple[str, str, str]) -> tuple[str, str, str]:
    if surname[LATN] in ("Kim", "Pak"):
        return surname
    return (surname[LATN] + "a", surname[UZC] + "а", surname[RU] + "а")


def _patronymic(father: tuple[str, str, str], sex: str) -> tuple[str, str, str]:
    ending = ("ovich", "ович") if sex == "M" else ("ovna", "овна")
    return (father[LATN] + ending[0], father[UZC] + ending[1], father[RU] + ending[1])


def _initial(word: str, script: int) -> str:
    if script == LATN and (word[:2] in ("Sh", "Ch") or word[1:2] == "'"):
        return word[:2] + "."
    return word[0] + "."


def name_form(person: Person, form: str, script: int, case: str | None = None) -> str:
    """One way of writing a person's name: g given, s surname, p patronymic and their combinations;
    ig "N. Abdullayeva", si "Abdullayeva N.", sii "Abdullayeva N.R.", iis "N.R. Abdullayeva"."""
    given, surname, patronymic = person.given[script], person.surname[script], person.patronymic[script]
    ini_g, ini_p = _initial(given, script), _initial(patronymic, script)
    if case is not None:
        given = _ru_given(given, person.sex, case)
        surname = _ru_surname(surname, person.sex, case)
        patronymic = _ru_patronymic(patronymic, case)
    return {
        "g": given,
        "s": surname,
        "p": patronymic,
        "gs": f"{given} {surname}",
        "sg": f"{surname} {given}",
        "sgp": f"{surname} {given} {patronymic}",
        "gp": f"{given} {patronymic}",
        "ig": f"{ini_g} {surname}",
        "si": f"{surname} {ini_g}",
        "sii": f"{surname} {ini_g}{ini_p}",
        "iis": f"{ini_g}{ini_p} {surname}",
    }[form]


def _ascii(word: str) -> str:
    return word.replace("'", "").lower()


def _address_text(addr: Address, script: int, rng: random.Random) -> str:
    d, h, f, n = DISTRICTS[addr.district], addr.house, addr.flat, addr.number
    with_district = addr.kind != "massiv" and rng.random() < 0.45
    city = rng.random() < 0.12
    if script == LATN:
        prefix = ("Toshkent shahri, " if city else "") + (f"{d[LATN]} tumani, " if with_district else "")
        flat = f", {f}-xonadon" if f else ""
        if addr.kind == "block":
            unit = rng.choice(("mavze", "kvartal"))
            return f"{prefix}{n}-{unit}, {h}-uy{flat}"
        if addr.kind == "street":
            sep = rng.choice((", ", " "))
            return f"{prefix}{STREETS[addr.street][LATN]} ko'chasi{sep}{h}-uy{flat}"
        if addr.kind == "mahalla":
            m = MAHALLAS[addr.place][LATN]
            head = rng.choice((f"{m} mahallasi", f"{m} MFY"))
            return f"{prefix}{head}, {STREETS[addr.street][LATN]} ko'chasi, {h}-uy{flat}"
        return f"{prefix}{MASSIVS[addr.place][LATN]}-{n} massivi, {h}-uy{flat}"
    if script == UZC:
        prefix = ("Тошкент шаҳри, " if city else "") + (f"{d[UZC]} тумани, " if with_district else "")
        flat = f", {f}-хонадон" if f else ""
        if addr.kind == "block":
            unit = rng.choice(("мавзе", "квартал"))
            return f"{prefix}{n}-{unit}, {h}-уй{flat}"
        if addr.kind == "street":
            return f"{prefix}{STREETS[addr.street][UZC]} кўчаси, {h}-уй{flat}"
        if addr.kind == "mahalla":
            m = MAHALLAS[addr.place][UZC]
            head = rng.choice((f"{m} маҳалласи", f"{m} МФЙ"))
            return f"{prefix}{head}, {STREETS[addr.street][UZC]} кўчаси, {h}-уй{flat}"
        return f"{prefix}{MASSIVS[addr.place][UZC]}-{n} массиви, {h}-уй{flat}"
    prefix = ("г. Ташкент, " if city else "") + (f"{d[RU]} район, " if with_district else "")
    short = rng.random() < 0.6
    flat = (f", кв. {f}" if short else f", квартира {f}") if f else ""
    house = f"д. {h}" if short else f"дом {h}"
    if addr.kind == "block":
        return f"{prefix}" + rng.choice((f"{n}-й квартал, {house}", f"квартал {n}, {house}")) + flat
    if addr.kind == "street":
        street = f"ул. {STREETS[addr.street][RU]}" if short else f"улица {STREETS[addr.street][RU]}"
        return f"{prefix}{street}, {house}{flat}"
    if addr.kind == "mahalla":
        m = MAHALLAS[addr.place][RU]
        head = rng.choice((f"махалля «{m}»", f"махалля {m}"))
        return f"{prefix}{head}, ул. {STREETS[addr.street][RU]}, {house}{flat}"
    return f"{prefix}массив {MASSIVS[addr.place][RU]}-{n}, {house}{flat}"


def _format_phone(number: str, rng: random.Random) -> str:
    code, rest = number[:2], number[2:]
    a, b, c = rest[:3], rest[3:5], rest[5:]
    return rng.choice(
        (
            f"+998 {code} {a} {b} {c}",
            f"+998{code}{rest}",
            f"998{code}{rest}",
            f"({code}) {a}-{b}-{c}",
            f"{code} {rest}",
            f"8 ({code}) {a} {b} {c}",
            f"+998 ({code}) {a}-{b}-{c}",
            f"{code}-{a}-{b}-{c}",
            f"{code} {a} {b} {c}",
            f"+998-{code}-{a}-{b}-{c}",
        )
    )


class World:
    """The school: a roster of pupils and staff, their families, and people outside the roster."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.taken: set[tuple[str, str]] = set()
        self.counter = 0
        self.pupils = [self._pupil(on_roster=True) for _ in range(N_PUPILS)]
        self.staff = [self._staff(roles, subjects) for roles, subjects in STAFF_PLAN]
        self.off_pupils = [self._pupil(on_roster=False) for _ in range(N_OFF_ROSTER_PUPILS)]

    # construction
    def _pid(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter:04d}"

    def _name(
        self, sex: str, surname: tuple[str, str, str] | None = None
    ) -> tuple[tuple[str, str, str], ...]:
        pool = MALE_NAMES if sex == "M" else FEMALE_NAMES
        while True:
            given = self.rng.choice(pool)
            sur = surname or self.rng.choice(SURNAMES)
            sur = sur if sex == "M" else _female(sur)
            if (given[LATN], sur[LATN]) not in self.taken:
                self.taken.add((given[LATN], sur[LATN]))
                return given, sur

    def _birth(self, first_year: int, last_year: int) -> date:
        start = date(first_year, 1, 1)
        return start + timedelta(days=self.rng.randrange((date(last_year, 12, 31) - start).days))

    def _address(self) -> Address:
        rng = self.rng
        kind = rng.choice(("block", "block", "street", "street", "mahalla", "massiv"))
        flat = rng.randint(1, 80) if kind in ("block", "massiv") or rng.random() < 0.3 else None
        return Address(
            kind=kind,
            district=rng.randrange(len(DISTRICTS)),
            place=rng.randrange(len(MAHALLAS) if kind == "mahalla" else len(MASSIVS)),
            street=rng.randrange(len(STREETS)),
            number=rng.randint(1, 19) if kind == "block" else rng.randint(1, 5),
            house=rng.randint(1, 120),
            flat=flat,
        )

    def _adult(
        self,
        sex: str,
        *,
        surname: tuple[str, str, str] | None = None,
        given: tuple[str, str, str] | None = None,
        on_roster: bool = False,
        address: Address | None = None,
    ) -> Person:
        if given is None:
            given, sur = self._name(sex, surname)
        else:
            sur = surname if sex == "M" or surname is None else _female(surname)
            sur = sur or self.rng.choice(SURNAMES)
            self.taken.add((given[LATN], sur[LATN]))
        person = Person(
            pid=self._pid("A"),
            given=given,
            surname=sur,
            patronymic=_patronymic(self.rng.choice([n for n in FATHER_NAMES if n != given]), sex),
            sex=sex,
            birth=self._birth(1966, 1994),
            on_roster=on_roster,
        )
        person.household = Household(address=address or self._address())
        return person

    def _pupil(self, *, on_roster: bool) -> Person:
        rng = self.rng
        sex = rng.choice("MF")
        surname_m = rng.choice(SURNAMES)
        given, surname = self._name(sex, surname_m)
        father_given = rng.choice([n for n in FATHER_NAMES if n != given])
        grade = rng.randint(1, 11)
        household = Household(address=self._address(), father_given=father_given, surname_m=surname_m)
        pupil = Person(
            pid=self._pid("P"),
            given=given,
            surname=surname,
            patronymic=_patronymic(father_given, sex),
            sex=sex,
            birth=self._birth(2018 - grade, 2018 - grade),
            on_roster=on_roster,
            grade=grade,
            letter=rng.randrange(4),
            household=household,
        )
        if rng.random() < 0.6:
            own = surname_m if rng.random() < 0.5 else rng.choice(SURNAMES)
            household.mother = self._adult("F", surname=own, on_roster=on_roster, address=household.address)
            household.guardian = household.mother
        else:
            household.father = self._adult(
                "M", surname=surname_m, given=father_given, on_roster=on_roster, address=household.address
            )
            household.guardian = household.father
        return pupil

    def _staff(self, roles: str, subjects: str) -> Person:
        sex = "F" if roles == "nurse" else self.rng.choice("MF")
        person = self._adult(sex, on_roster=True)
        person.roles, person.attrs["subjects"] = roles, subjects
        return person

    # casting
    def pupil(self, rng: random.Random, sex: str | None, guardian_sex: str | None, new: bool) -> Person:
        pool = self.off_pupils if new or rng.random() > P_ROSTER_PUPIL else self.pupils
        pool = [p for p in pool if sex is None or p.sex == sex]
        if guardian_sex is not None and rng.random() < 0.9:
            matching = [p for p in pool if p.household and p.household.guardian.sex == guardian_sex]
            pool = matching or pool
        return rng.choice(pool)

    def mother(self, child: Person) -> Person:
        hh = child.household
        if hh.mother is None:
            own = hh.surname_m if self.rng.random() < 0.5 else self.rng.choice(SURNAMES)
            hh.mother = self._adult("F", surname=own, address=hh.address)
        return hh.mother

    def father(self, child: Person) -> Person:
        hh = child.household
        if hh.father is None:
            hh.father = self._adult("M", surname=hh.surname_m, given=hh.father_given, address=hh.address)
        return hh.father

    def staff_member(self, rng: random.Random, role: str | None) -> Person:
        pool = [s for s in self.staff if role is None or role in s.roles.split(";")]
        return rng.choice(pool)

    # personal data, drawn once per person
    def _attr(self, person: Person, key: str, make: Callable[[], str]) -> str:
        if key not in person.attrs:
            person.attrs[key] = make()
        return person.attrs[key]

    def phone(self, person: Person) -> str:
        return self._attr(
            person, "phone", lambda: self.rng.choice(MOBILE_CODES) + str(self.rng.randint(2000000, 9999999))
        )

    def pinfl(self, person: Person) -> str:
        return self._attr(
            person,
            "pinfl",
            lambda: make_pinfl(person.birth, person.sex, self.rng.randint(1, 999), self.rng.randint(1, 999)),
        )

    def passport(self, person: Person) -> str:
        return self._attr(
            person,
            "passport",
            lambda: self.rng.choice(PASSPORT_SERIES) + str(self.rng.randint(1000000, 9999999)),
        )

    def stir(self, person: Person) -> str:
        return self._attr(
            person, "stir", lambda: str(self.rng.randint(4, 6)) + f"{self.rng.randrange(10**8):08d}"
        )

    def email(self, person: Person) -> str:
        def make() -> str:
            g, s = _ascii(person.given[LATN]), _ascii(person.surname[LATN])
            yy, nn = f"{person.birth.year % 100:02d}", str(self.rng.randint(1, 99))
            local = self.rng.choice(
                (f"{g}.{s}{yy}", f"{g}{s}", f"{g[0]}.{s}", f"{s}_{g}", f"{g}{yy}{nn}", f"{g}_{s}{nn}")
            )
            return f"{local}@{self.rng.choice(EMAIL_DOMAINS)}"

        return self._attr(person, "email", make)


# -- frames -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    lang: str
    text: str
    roles: tuple[tuple[str, str], ...]
    uses: int | None = None


def F(lang: str, text: str, uses: int | None = None, **roles: str) -> Frame:  # noqa: N802
    return Frame(lang, " ".join(text.split()), tuple(roles.items()), uses)


SLOT_RE: Final = re.compile(r"\{([^{}]+)\}")
PERSON_SLOT: Final = re.compile(
    r"^([A-F])\.(g|s|p|gs|sg|sgp|gp|ig|si|sii|iis)(?:@(gen|dat|acc|ins|pre))?(?:\+(\w+))?$"
)
GENDER_SLOT: Final = re.compile(r"^([A-F])\?([^|]*)\|([^|]*)$")
NUMBER_SLOT: Final = re.compile(r"^N:(\d+)-(\d+)$")
DATA_SLOT: Final = re.compile(r"^(PHONE|PINFL|PASS|STIR|EMAIL|ADDR)(?::([A-F]))?$")
ENTITY: Final = {
    "PHONE": "UZ_PHONE",
    "LANDLINE": "UZ_PHONE",
    "PINFL": "UZ_PINFL",
    "PASS": "UZ_PASSPORT",
    "STIR": "UZ_STIR",
    "EMAIL": "EMAIL_ADDRESS",
    "ADDR": "ADDRESS",
}

# Apostrophe styles of Uzbek Latin: (after o/g, elsewhere). None picks one at random for every apostrophe.
APOSTROPHES: Final = ("'", "ʻ", "‘", "’", "ʼ", "`")
APOSTROPHE_STYLES: Final = (
    ("'", "'"),
    ("ʻ", "ʼ"),
    ("‘", "’"),
    ("’", "’"),
    ("`", "`"),
    ("ʼ", "ʼ"),
    ("ʻ", "'"),
    None,
)


def _suffix(name: str, suffix: str) -> str:
    """Uzbek -ga becomes -ka after k and -qa after q."""
    if suffix[:2] in ("ga", "га"):
        last = name[-1]
        if last in "kк":
            return ("ka" if last == "k" else "ка") + suffix[2:]
        if last in "qқ":
            return ("qa" if last == "q" else "қа") + suffix[2:]
    return suffix


def _apostrophes(text: str, rng: random.Random) -> str:
    style = rng.choice(APOSTROPHE_STYLES)
    out = []
    for i, ch in enumerate(text):
        if ch != "'":
            out.append(ch)
        elif style is None:
            out.append(rng.choice(APOSTROPHES))
        else:
            out.append(style[0] if i and text[i - 1] in "oOgG" else style[1])
    return "".join(out)


def _cast(frame: Frame, world: World, rng: random.Random) -> dict[str, Person]:
    cast: dict[str, Person] = {}
    wanted_guardian: dict[str, str] = {}
    for _, role in frame.roles:
        kind, _, arg = role.partition(":")
        if kind in ("mother", "father"):
            wanted_guardian[arg] = "F" if kind == "mother" else "M"
    for letter, role in frame.roles:
        kind, _, arg = role.partition(":")
        used = {p.pid for p in cast.values()}
        for _attempt in range(50):
            if kind in ("pupil", "newpupil"):
                person = world.pupil(rng, arg or None, wanted_guardian.get(letter), kind == "newpupil")
            elif kind == "mother":
                person = world.mother(cast[arg])
            elif kind == "father":
                person = world.father(cast[arg])
            elif kind == "guardian":
                person = cast[arg].household.guardian
            elif kind == "staff":
                person = world.staff_member(rng, arg or None)
            elif kind == "adult":
                person = world._adult(arg or rng.choice("MF"))
            else:
                raise ValueError(f"unknown role {role!r}")
            if person.pid not in used:
                break
        else:
            raise ValueError(f"cannot cast {role!r} distinct from the others")
        cast[letter] = person
    return cast


def _render(frame: Frame, world: World, rng: random.Random) -> dict[str, object]:
    cast = _cast(frame, world, rng)
    script = LANG_SCRIPT[frame.lang]
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0

    def emit(value: str, entity: str | None = None, suffix: str = "") -> None:
        nonlocal pos
        if entity is not None:
            spans.append((pos, pos + len(value), entity))
        parts.append(value + suffix)
        pos += len(value) + len(suffix)

    last = 0
    for match in SLOT_RE.finditer(frame.text):
        emit(frame.text[last : match.start()])
        last = match.end()
        slot = match.group(1)
        if m := PERSON_SLOT.match(slot):
            letter, form, case, suffix = m.groups()
            if case is not None and script != RU:
                raise ValueError(f"Russian case outside a Russian note: {slot}")
            name = name_form(cast[letter], form, script, case)
            emit(name, "PERSON", _suffix(name, suffix) if suffix else "")
        elif m := GENDER_SLOT.match(slot):
            letter, masculine, feminine = m.groups()
            emit(masculine if cast[letter].sex == "M" else feminine)
        elif m := DATA_SLOT.match(slot):
            kind, letter = m.groups()
            person = cast[letter] if letter else world._adult(rng.choice("MF"))
            if kind == "PHONE":
                value = _format_phone(world.phone(person), rng)
            elif kind == "PINFL":
                value = world.pinfl(person)
            elif kind == "PASS":
                value = world.passport(person)
                value = f"{value[:2]} {value[2:]}" if rng.random() < 0.3 else value
            elif kind == "STIR":
                value = world.stir(person)
            elif kind == "EMAIL":
                value = world.email(person)
            else:
                addr_script = rng.choice((LATN, RU)) if frame.lang == "mixed" else script
                value = _address_text(person.household.address, addr_script, rng)
            emit(value, ENTITY[kind])
        elif slot == "LANDLINE":
            rest = str(rng.randint(2000000, 2999999))
            emit(_format_phone("71" + rest, rng), "UZ_PHONE")
        elif slot.endswith(".class") or slot == "CLASS":
            if slot == "CLASS":
                grade, letter_index = rng.randint(1, 11), rng.randrange(4)
            else:
                grade, letter_index = cast[slot[0]].grade, cast[slot[0]].letter
            emit(f"{grade}-{CLASS_LETTERS[script][letter_index]}")
        elif m := NUMBER_SLOT.match(slot):
            emit(str(rng.randint(int(m.group(1)), int(m.group(2)))))
        elif slot == "SCHOOL":
            emit(str(rng.randint(1, 320)))
        elif slot == "DATE":
            day = date(2024, 9, 2) + timedelta(days=rng.randrange(265))
            emit(f"{day:%d.%m.%Y}")
        elif slot == "REC":
            length = rng.randint(10, 13)
            emit(str(rng.randint(1, 2)) + "".join(str(rng.randrange(10)) for _ in range(length - 1)))
        else:
            raise ValueError(f"unknown slot {{{slot}}} in {frame.text[:60]!r}")
    emit(frame.text[last:])
    text = "".join(parts)
    if script == LATN:
        text = _apostrophes(text, rng)
    words = len(text.split())
    if not 15 <= words <= 70:
        raise ValueError(f"{words} words: {text!r}")
    return {
        "text": text,
        "spans": [{"start": s, "end": e, "entity_type": t} for s, e, t in spans],
        "language": frame.lang,
        "_people": [p.pid for p in cast.values()],
    }


# -- output -------------------------------------------------------------------------------------------


def _allocate(frames: Sequence[Frame], target: int, rng: random.Random) -> list[Frame]:
    fixed = [f for f in frames if f.uses is not None]
    free = [f for f in frames if f.uses is None]
    remaining = target - sum(f.uses for f in fixed)
    base, extra = divmod(remaining, len(free))
    order = list(range(len(free)))
    rng.shuffle(order)
    bonus = set(order[:extra])
    chosen = [f for f in fixed for _ in range(f.uses)]
    for i, f in enumerate(free):
        chosen.extend([f] * (base + (i in bonus)))
    return chosen


def _pupil_rows(world: World, rng: random.Random) -> list[list[str]]:
    rows = []
    for i, p in enumerate(world.pupils, start=1):
        language = "ru" if rng.random() < 0.3 else "uz"
        script = LATN
        if language == "ru" and rng.random() < 0.6:
            script = RU
        elif language == "uz" and rng.random() < 0.1:
            script = UZC
        apostrophe = rng.choice(("'", "'", "ʻ", "’"))
        guardian = p.household.guardian
        rows.append(
            [
                f"P{i:04d}",
                world.pinfl(p),
                name_form(p, "sgp", script).replace("'", apostrophe),
                p.birth.isoformat(),
                p.sex,
                f"{p.grade}-{CLASS_LETTERS[LATN][p.letter]}",
                language,
                name_form(guardian, "sgp", script).replace("'", apostrophe),
                "+998" + world.phone(guardian),
                _address_text(p.household.address, script, rng).replace("'", apostrophe),
                "yes" if rng.random() < 0.85 else "no",
            ]
        )
    return rows


def _staff_rows(world: World, rng: random.Random) -> list[list[str]]:
    rows = []
    for i, s in enumerate(world.staff, start=1):
        script = RU if rng.random() < 0.2 else LATN
        teaches = "subject_teacher" in s.roles
        rows.append(
            [
                f"S{i:03d}",
                name_form(s, "sgp", script),
                "SCH-045",
                s.roles,
                s.attrs["subjects"],
                str(rng.randint(1, 5) if teaches else 0),
            ]
        )
    return rows


def _csv(header: str, rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header.split(","))
    writer.writerows(rows)
    return buffer.getvalue()


PUPILS_HEADER: Final = (
    "pupil_id,pinfl,full_name,birth_date,sex,class_id,language,guardian_name,guardian_phone,address,consent"
)
STAFF_HEADER: Final = "staff_id,full_name,school_id,roles,subjects,mentor_capacity"


def build(out_dir: Path = HERE) -> dict[str, object]:
    """Write notes.jsonl and roster/{pupils,staff}.csv under out_dir; return counts."""
    world = World(random.Random(SEED))
    rng = random.Random(SEED + 1)
    roster_rows = _pupil_rows(world, random.Random(SEED + 2)), _staff_rows(world, random.Random(SEED + 3))
    notes = []
    seen: set[object] = set()
    for lang, target in TARGETS.items():
        frames = [f for f in FRAMES if f.lang == lang]
        for frame in _allocate(frames, target, rng):
            for _attempt in range(30):
                note = _render(frame, world, rng)
                cast_key = (frame.text, tuple(note["_people"][:1]))  # never twice about the same person
                if note["text"] not in seen and (not note["_people"] or cast_key not in seen):
                    break
            else:
                raise ValueError(f"cannot vary frame {frame.text[:60]!r}")
            seen.update((note["text"], cast_key))
            notes.append(note)
    rng.shuffle(notes)

    mentioned: dict[str, bool] = {}
    everyone = [*world.pupils, *world.staff, *world.off_pupils]
    everyone += [
        m for p in [*world.pupils, *world.off_pupils] for m in (p.household.mother, p.household.father)
    ]
    on_roster = {p.pid: p.on_roster for p in everyone if p is not None}
    for note in notes:
        for pid in note.pop("_people"):
            mentioned[pid] = on_roster.get(pid, False)

    (out_dir / "roster").mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(n, ensure_ascii=False) for n in notes]
    (out_dir / "notes.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out_dir / "roster" / "pupils.csv").write_text(_csv(PUPILS_HEADER, roster_rows[0]), encoding="utf-8")
    (out_dir / "roster" / "staff.csv").write_text(_csv(STAFF_HEADER, roster_rows[1]), encoding="utf-8")

    entities = Counter(s["entity_type"] for n in notes for s in n["spans"])
    return {
        "notes": len(notes),
        "frames": len(FRAMES),
        "languages": dict(Counter(n["language"] for n in notes)),
        "entities": dict(sorted(entities.items())),
        "without_personal_data": sum(not n["spans"] for n in notes),
        "people_mentioned": len(mentioned),
        "people_on_roster": sum(mentioned.values()),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="directory to write into (default: here)")
    stats = build(parser.parse_args(argv).out)
    print(json.dumps(stats, ensure_ascii=False, indent=2))


# -- the frames: hand-written notes with slots ------------------------------------------------------
# {A.g} given name, {A.sg} surname + given, {A.sgp} full name, {A.gp} given + patronymic, {A.ig} "N. Surname",
# {A.si} / {A.sii} "Surname N." / "Surname N.R."; {A.g+ning} glues an Uzbek suffix outside the span;
# {A.g@gen} declines a Russian name; {A?he|she} agrees with A's sex; {PHONE:B} B's phone, and likewise
# PINFL, PASS, STIR, EMAIL, ADDR; {A.class}, {CLASS}, {SCHOOL}, {DATE}, {REC}, {N:lo-hi} are unlabelled.

_LATN: Final = (
    F(
        "uz_latn",
        "{A.sg} ({A.class}) 3-chorakda matematikadan ikkita nazorat ishini 2 bahoga yozdi. Onasi {B.g} opa "
        "bilan telefon orqali gaplashdim ({PHONE:B}), ertaga soat 14:00 da maktabga kelishini aytdi.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Bugun {A.g+ning} otasi {B.sg} maktabga keldi va o'g'lining davomati bo'yicha tushuntirish xati "
        "yozib berdi. O'tgan haftada 4 kun shamollash sababli darsga kelmagan, shifokor ma'lumotnomasi "
        "keyinroq olib kelinadi.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Psixolog sifatida {A.g} bilan ikkinchi suhbatni o'tkazdim. Sinfdoshlari bilan munosabati "
        "yaxshilangan, lekin uyda ukalariga qarash unga og'irlik qilyapti. Keyingi suhbat uch haftadan "
        "so'ng bo'ladi, unda onasi {B.gs} ham qatnashadi.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "{A.sgp}, JShShIR {PINFL:A}, Namangan shahridagi 12-maktabdan bizning maktabga ko'chirildi. Shaxsiy "
        "ish jildi qabul qilindi, tibbiy kartasi hali kelmagan. Sinfga biriktirish to'g'risidagi buyruq "
        "raqami {REC}.",
        A="pupil",
    ),
    F(
        "uz_latn",
        "Bepul tushlik ro'yxatiga {A.sg} qo'shildi, oila kam ta'minlanganlar reestrida turadi. Onasining "
        "pasporti {PASS:B}, JShShIR {PINFL:B}. Hujjatlar nusxasi ijtimoiy pedagog {C.ig+ga} topshirildi.",
        A="pupil",
        B="mother:A",
        C="staff:social_pedagogue",
    ),
    F(
        "uz_latn",
        "{A.g+jon} fizikadan viloyat olimpiadasida 2-o'rinni egalladi, tabriklaymiz! Uni fan o'qituvchisi "
        "{C.gp} tayyorlagan. Diplom nusxasi o'quv ishlari bo'yicha direktor o'rinbosari {D.ig+ga} berildi, "
        "maktab saytiga ham joylanadi.",
        A="pupil",
        C="staff:subject_teacher",
        D="staff:deputy_director",
    ),
    F(
        "uz_latn",
        "Samarqandga 3 kunlik ekskursiya uchun ruxsatnomalar: {A.gs} — otasi imzoladi, tel. {PHONE:B}; "
        "{C.gs} — onasi imzoladi, tel. {PHONE:D}. Qolgan 18 nafar o'quvchining ruxsatnomasi payshanbagacha "
        "yig'iladi.",
        A="pupil",
        B="father:A",
        C="pupil",
        D="mother:C",
    ),
    F(
        "uz_latn",
        "{A.g} bugun ham birinchi darsga kechikib keldi, bu oyda yettinchi marta. Onasi {B.sg+ga} "
        "qo'ng'iroq qildim, raqami {PHONE:B}, lekin javob bo'lmadi. Ertaga darsdan keyin uyiga borib "
        "kelaman: {ADDR:A}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Ota-onalar majlisi bayonnomasi, {A.class} sinf. Qatnashdi: 21 nafar. Chorak yakunlari va bahorgi "
        "ta'til rejasi muhokama qilindi. {A.g+ning} onasi {B.g} opa sinfga yangi jalyuzi olib berishni "
        "taklif qildi. Keyingi majlis 2-may kuni soat 17:30 da.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Maktab hamshirasi {C.gs} ma'lumot berdi: {A.sg} ({A.class}) qandli diabet bilan hisobda turadi, "
        "dars paytida shirinlik olib yurishiga ruxsat berilsin. Endokrinolog {D.sii} imzolagan ma'lumotnoma "
        "shaxsiy ishga tikildi.",
        A="pupil",
        C="staff:nurse",
        D="adult",
    ),
    F(
        "uz_latn",
        "Katta tanaffusda {A.g} bilan {B.g} urishib qolishdi, {B.g+ning} burnidan qon ketdi. Ikkala "
        "o'quvchining ota-onasi maktabga chaqirildi. Navbatchi o'qituvchi {C.sg} tushuntirish xati yozdi, "
        "voqea jurnalga qayd etildi.",
        A="pupil:M",
        B="pupil:M",
        C="staff",
    ),
    F(
        "uz_latn",
        "O'quv ishlari bo'yicha direktor o'rinbosariga bildirishnoma. {A.class} sinf o'quvchisi {A.sgp} "
        "2-chorakda beshta fandan qoniqarsiz baho olgan. Qo'shimcha darslar jadvali tuzildi, ota-onasi "
        "bilan suhbat {DATE} kuni bo'lib o'tdi.",
        A="pupil",
    ),
    F(
        "uz_latn",
        "Ijtimoiy pedagog qaydi: {A.g+ning} oilasi {ADDR:A} manzilida ijarada yashaydi. Otasi Rossiyada "
        "ishlaydi, bolalarga buvisi {B.g} xola qaraydi. Buvisining telefoni {PHONE:B}, kunduzi uyda "
        "bo'ladi.",
        A="pupil",
        B="adult:F",
    ),
    F(
        "uz_latn",
        "{A.sg} uch haftadan beri maktabga kelmayapti. Qo'shnilarning aytishicha, oila Qozog'istonga "
        "ketgan. Onasining raqami {PHONE:B} o'chirilgan. Mahalla raisi {C.gs} bilan birga uyiga ({ADDR:A}) "
        "bordik, eshikni hech kim ochmadi.",
        A="pupil",
        B="mother:A",
        C="adult",
    ),
    F(
        "uz_latn",
        "Informatika o'qituvchisi {C.gp} maktab gazetasiga yozgan maqolasi uchun {A.g+ni} maqtadi. "
        "Ota-onasiga rahmatnoma elektron pochta orqali yuboriladi: {EMAIL:B}. Maqola may sonida chiqadi.",
        A="pupil",
        B="guardian:A",
        C="staff:class_teacher",
    ),
    F(
        "uz_latn",
        "Ekskursiya to'lovi bo'yicha: {A.g+ning} otasi {B.sgp} homiy sifatida 12 nafar o'quvchining yo'l "
        "haqini to'ladi. Kvitansiyada to'lovchi STIR {STIR:B} ko'rsatilgan. Bolalar ro'yxati buxgalteriyaga "
        "topshirildi.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_latn",
        "{A.g} so'nggi paytda darslarda juda jim, tanaffusda ham yolg'iz o'tiradi. Psixologga yo'llanma "
        "berdim. Onasi {B.g} opa bilan gaplashdim, uyda ota-onasi ajrashish arafasida ekan. Qizning "
        "holatini kuzatib boraman.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Yangi o'quv yili uchun ma'lumotlar yangilandi: o'quvchi {A.sg}, JShShIR {PINFL:A}; vasiy {B.sgp}, "
        "telefon {PHONE:B}, yashash manzili {ADDR:A}. Shaxsga doir ma'lumotlarni qayta ishlashga rozilik "
        "xati imzolangan.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_latn",
        "{A.sg} ona tilidan chorak nazorat ishida 5 oldi, 50 balldan 48 ball. Sinf rahbari {C.ig} uni tuman "
        "fan olimpiadasiga tavsiya qildi. Olimpiada 15-dekabr kuni 110-maktabda bo'ladi.",
        A="pupil",
        C="staff:class_teacher",
    ),
    F(
        "uz_latn",
        "Otasi {B.gs} o'g'li {A.g+ning} telefonini darsda olib qo'yganimizdan norozi bo'lib keldi. Maktab "
        "ichki tartib qoidalarini tushuntirdim, telefon direktor xonasida qaytarib berildi. Suhbat tinch "
        "yakunlandi.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Matematika to'garagiga qatnashuvchilar: {A.gs}, {B.gs}, {C.gs}. Mashg'ulotlar seshanba va "
        "payshanba kunlari soat 15:00 da, 214-xonada bo'ladi. Har bir o'quvchi katak daftar va chizg'ich "
        "olib kelsin.",
        A="pupil",
        B="pupil",
        C="pupil",
    ),
    F(
        "uz_latn",
        "Onasi {B.sgp} ariza yozdi: qizi {A.g} oilaviy sharoit tufayli 10 kun darsga kela olmaydi. Ariza "
        "direktor nomiga, kiruvchi raqami {REC}. Topshiriqlar onasining elektron pochtasiga yuboriladi: "
        "{EMAIL:B}.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Psixolog {C.sg} bilan kelishildi: {A.g+ga} haftada bir marta individual mashg'ulot o'tkaziladi. "
        "Bola imtihon oldidan kuchli xavotirga tushadi, nazorat ishlarida qo'li titraydi. Ota-onaga "
        "tavsiyalar yozma berildi.",
        A="pupil",
        C="staff:psychologist",
    ),
    F(
        "uz_latn",
        "{A.sg+ning} otasi {B.g} aka ko'chib ketishlarini aytdi: oila Toshkent viloyatiga, Chirchiq "
        "shahriga o'tadi. Yangi manzil hali aniq emas, hozirgisi {ADDR:A}. Hujjatlarni 25-maygacha olib "
        "ketishadi.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Tibbiy ko'rik natijalari: {A.g} ({A.class}) ko'rish qobiliyati pasaygan, oldingi partaga "
        "o'tkazildi. Onasi {B.g} opaga ko'z shifokoriga borish kerakligi aytildi, telefoni {PHONE:B}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "{A.gs} va {B.gs} respublika «Zakovat» tanloviga tayyorlanmoqda. Direktor o'rinbosari {C.gp} ularga "
        "kutubxonadan alohida xona ajratdi. Mashg'ulotlar kuniga 2 soat, dam olish kunlari ham.",
        A="pupil",
        B="pupil",
        C="staff:deputy_director",
    ),
    F(
        "uz_latn",
        "Vasiylik hujjatlari bo'yicha: {A.sgp} onasini yo'qotgan, vasiysi — xolasi {B.sgp}. Vasiyning "
        "pasporti {PASS:B}, STIR {STIR:B}. Hujjatlar tuman maktabgacha va maktab ta'limi bo'limiga "
        "yuborildi.",
        A="pupil",
        B="adult:F",
    ),
    F(
        "uz_latn",
        "{A.g} 3 kundan beri maktabga kelmayapti, sinf rahbari {C.sg} bilan uyiga bordik. Bola gripp bilan "
        "yotibdi, oilaviy shifokor chaqirilgan. Uy manzili: {ADDR:A}. Topshiriqlar sinfdoshi orqali "
        "beriladi.",
        A="pupil",
        C="staff:class_teacher",
    ),
    F(
        "uz_latn",
        "Onasi {B.sg} qizi {A.g+dan} shikoyat qildi: kechqurun uyga kech qaytayotgan emish. {A.g} bilan "
        "alohida gaplashdim, u ingliz tili kurslariga qatnashishini aytdi. Kurs manzilini onasiga "
        "yetkazdim.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "{A.g} futbol bo'yicha tuman terma jamoasiga tanlandi, mashg'ulotlar sabab oxirgi darslardan ozod "
        "qilinishini so'rashdi. Otasi {B.sgp} ariza yozdi, telefon {PHONE:B}. Masala pedagogik kengashda "
        "ko'riladi.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Yangi o'quvchi {A.sgp} Farg'onadan keldi, {A.class} sinfga qabul qilindi. Otasi telefon raqamini "
        "qoldirdi: {PHONE:B}. JShShIR {PINFL:A}. Darsliklar kutubxonadan berildi.",
        A="newpupil",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Bugun 7-darsda {A.g} o'qituvchi {C.ig+ga} qo'pollik qildi. Voqea bo'yicha tushuntirish xati "
        "olindi, ota-onasi ertaga soat 9:00 da kelishadi. O'quvchining xulq bahosi chorakda pasaytiriladi.",
        A="pupil",
        C="staff",
    ),
    F(
        "uz_latn",
        "Bugungi davomat ({A.class}): yo'q — {A.sg} (kasal), {B.sg} (sababsiz), {C.sg} (to'y sababli, "
        "ota-onasi ogohlantirgan). Kechikdi — {D.g}. Jami 27 nafardan 23 nafar keldi.",
        A="pupil",
        B="pupil",
        C="pupil",
        D="pupil",
    ),
    F(
        "uz_latn",
        "{A.g+ning} onasi {B.gs} bepul tushlik uchun ariza berdi. Oila a'zolari 6 nafar, otasida nogironlik "
        "bor. Ma'lumotnomalar ijtimoiy himoya bo'limidan olinadi. Onaning JShShIR: {PINFL:B}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Otaning elektron pochtasi o'zgargan, yangi manzil: {EMAIL:B}. {A.sg} haqidagi chorak baholari shu "
        "manzilga yuboriladi. Otasi {B.g} aka ish safarida, savollar bo'lsa {PHONE:B} raqamiga yozish "
        "mumkin.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Psixologik test natijalari (8-sinflar): 64 nafardan 9 nafarida xavotir darajasi yuqori. Ulardan "
        "{A.sg} bilan individual ish boshlandi. Mas'ul: psixolog {C.gs}. Natijalar ota-onalarga faqat "
        "shaxsan aytiladi.",
        A="pupil",
        C="staff:psychologist",
    ),
    F(
        "uz_latn",
        "{A.g} va {B.g} o'rtasida ijtimoiy tarmoqdagi haqoratli xabarlar sabab janjal chiqdi. Ikkala qiz "
        "bilan psixolog xonasida suhbat o'tkazildi, kechirim so'rashdi. Ota-onalar xabardor qilindi, sinf "
        "soatida kiberbulling mavzusi o'tiladi.",
        A="pupil:F",
        B="pupil:F",
    ),
    F(
        "uz_latn",
        "Sinf rahbari {C.sgp}: {A.g+ning} onasi {B.sg} bugun maktabga kelib, o'g'lining matematika "
        "daftarini ko'rdi. Uy vazifalari bajarilmayotgani aytildi. Onasi har kuni kechqurun tekshirib "
        "turishga va'da berdi.",
        A="pupil:M",
        B="mother:A",
        C="staff:class_teacher",
    ),
    F(
        "uz_latn",
        "{A.sg} ({A.class}) Turkiyaga ko'chib ketyapti, otasi {B.sg} hujjatlarni so'rab ariza yozdi. "
        "Pasport: {PASS:B}. O'quvchining shaxsiy ish jildi, baholar varaqasi va tibbiy kartasi 3 kunda "
        "tayyorlanadi.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_latn",
        "{A.g+jon} qo'lini sindirib olgan, 1 oy jismoniy tarbiya darsidan ozod. Travmatolog ma'lumotnomasi "
        "bor. Onasi {B.g} opa yozma ishlarni keyinroq topshirishga ruxsat so'radi. Ruxsat berildi.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Chorak yakuni bo'yicha a'lochilar: {A.sg} va {B.sg}, ikkalasi ham barcha fanlardan 5. Ularning "
        "suratlari «Faxriylar taxtasi»ga osiladi. Rag'batlantirish uchun direktor nomiga taqdimnoma "
        "yozildi.",
        A="pupil",
        B="pupil",
    ),
    F(
        "uz_latn",
        "Onasi {B.gs} aytishicha, {A.g+ning} epilepsiya tashxisi bor. Xuruj bo'lsa qanday yordam berish "
        "bo'yicha yo'riqnoma hamshiraga berildi. Davolovchi shifokor — nevropatolog {C.si}, telefon "
        "{PHONE:C}.",
        A="pupil",
        B="mother:A",
        C="adult",
    ),
    F(
        "uz_latn",
        "Direktor o'rinbosari {C.sg} buyrug'i bilan {A.sg} 9-sinf yakuniy attestatsiyasidan uy sharoitida "
        "o'tadi. Sababi — uzoq muddatli davolanish. Imtihon komissiyasi 3 nafar o'qituvchidan iborat.",
        A="pupil",
        C="staff:deputy_director",
    ),
    F(
        "uz_latn",
        "Qishki ta'tilda {A.g} «Yosh kitobxon» tanlovining tuman bosqichida ishtirok etdi va 1-o'rinni "
        "oldi. Onasi {B.g} opa tabriknomani oldi. Keyingi bosqich viloyatda, fevral oyida bo'ladi.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Maktab formasi bo'yicha yordam: {A.sg} oilasi homiylar tomonidan forma va poyabzal bilan "
        "ta'minlandi. Vasiysi {B.sgp}, manzil {ADDR:A}, telefon {PHONE:B}. Tilxat olindi.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_latn",
        "{A.g+ning} otasi {B.sg} o'g'lini boshqa sinfga o'tkazishni so'radi, sababi sinfdoshlari bilan "
        "kelishmovchilik. Direktor o'rinbosari bilan maslahatlashdik, avval psixolog bilan uchrashuv "
        "tayinlandi. Otaning raqami {PHONE:B}.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Ota-ona bilan individual uchrashuv: {B.sgp}. O'g'li {A.g} chet tili fanidan orqada qolmoqda, "
        "repetitor tavsiya qilindi. Onasi maktabdagi bepul to'garakka yozdirishni afzal ko'rdi.",
        A="pupil:M",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Ijtimoiy pedagog {C.gs}: {A.sg} «Temir daftar»ga kiritilgan oiladan. Otasi ishsiz, onasi uy "
        "bekasi. Qishki kiyim va o'quv qurollari bilan yordam berildi, dalolatnoma tuzildi.",
        A="pupil",
        C="staff:social_pedagogue",
    ),
    F(
        "uz_latn",
        "{A.g+ni} maktabdan tog'asi {B.gs} olib ketishiga ota-onasi yozma ruxsat berdi. Tog'asining "
        "pasporti {PASS:B}, telefoni {PHONE:B}. Boshqa shaxslarga bola berilmaydi.",
        A="pupil",
        B="adult:M",
    ),
    F(
        "uz_latn",
        "{A.sg} kutubxonadan olgan 4 ta kitobini qaytarmagan. Kutubxonachi sinf rahbari {C.ig+ga} xabar "
        "berdi. O'quvchi juma kunigacha qaytarishga va'da berdi, aks holda ota-onasi chaqiriladi.",
        A="pupil",
        C="staff:class_teacher",
    ),
    F(
        "uz_latn",
        "{A.sg} bo'yicha qabul hujjatlari: onasi {B.sg} tug'ilganlik haqidagi guvohnoma nusxasi, 086 tibbiy "
        "ma'lumotnoma va 4 ta suratni topshirdi. Bolaning JShShIR: {PINFL:A}. Aloqa: {PHONE:B}, {EMAIL:B}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Sinf soatida «Mening oilam» mavzusida insho yozildi. Eng yaxshi inshoni {A.g} yozdi, {B.g+ning} "
        "inshosi ham maktab devoriy gazetasiga tanlandi. Keyingi sinf soati 10-mart kuni.",
        A="pupil",
        B="pupil",
    ),
    F(
        "uz_latn",
        "O'g'il bolalar orasidagi janjaldan so'ng {A.sg+ning} onasi {B.gs} maktabga keldi. Bolaning ko'zi "
        "ostida ko'karish bor. Tibbiy ko'rik o'tkazildi, hamshira dalolatnoma tuzdi. Voqea bo'yicha "
        "tekshiruv davom etmoqda.",
        A="pupil:M",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Moddiy yordam uchun ariza: ariza beruvchi {B.sgp}, pasport {PASS:B}, STIR {STIR:B}, JShShIR "
        "{PINFL:B}. Farzandi {A.sg}, {A.class} sinf. Yashash manzili: {ADDR:A}. Ariza kasaba uyushmasi "
        "qo'mitasiga yuborildi.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Onasi {B.g} opaning iltimosi: {A.g+ning} baholari haqidagi xabarlarni {EMAIL:B} pochtasiga yuborib "
        "turish. Telegramdagi raqami {PHONE:B}. Elektron kundalikka kirish paroli qayta tiklandi.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Chet elga chiqish uchun notarial ruxsatnoma nusxasi topshirildi: {A.sg} ota-onasidan biri {B.sgp} "
        "(pasport {PASS:B}) bilan Qozonga boradi, 10 kun darsga kelmaydi. Topshiriqlar ro'yxati berildi.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_latn",
        "O'z-o'zini band qilgan ota {B.sgp} (STIR {STIR:B}) maktab oshxonasiga 200 kg kartoshka homiylik "
        "qildi. Dalolatnoma tuzildi, o'g'li {A.g} {A.class} sinfda o'qiydi. Uy telefoni {LANDLINE}.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "uz_latn",
        "{A.sgp} ({PINFL:A}) hujjatlari bo'yicha: tug'ilgan sanasi {DATE} deb noto'g'ri yozilgan, elektron "
        "jurnalda tuzatildi. Shaxsiy ish raqami {REC}. O'zgarish onasi {B.iis} bilan kelishildi.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_latn",
        "Adabiyot darsida «O'tkan kunlar» romanidan parcha o'qildi, Otabek va Kumush obrazlari bo'yicha "
        "bahs bo'ldi. {A.g} Abdulla Qodiriy hayoti haqida qo'shimcha ma'lumot tayyorlab keldi, 5 baho "
        "qo'yildi.",
        uses=2,
        A="pupil",
    ),
    F(
        "uz_latn",
        "Tarix fanidan ochiq dars: «Amir Temur davlati». {CLASS} sinf o'quvchilari taqdimotlar tayyorladi, "
        "Mirzo Ulug'bek rasadxonasi haqida video ko'rsatildi. Darsni tuman metodisti kuzatdi, umumiy baho — "
        "a'lo.",
        uses=2,
    ),
    F(
        "uz_latn",
        "{CLASS} sinfda algebradan nazorat ishi o'tkazildi: 26 nafardan 5 baho — 6, 4 baho — 11, 3 baho — "
        "7, 2 baho — 2. O'zlashtirish 92%, sifat 65%. Qayta topshirish 14-aprelda, 305-xonada.",
    ),
    F(
        "uz_latn",
        "{DATE} kuni 8-sinflar uchun ekskursiya: Toshkentdagi Tabiat muzeyiga. Yig'ilish soat 8:30 da "
        "maktab hovlisida. Avtobus 2 ta, har birida 2 nafar o'qituvchi. Bolalar tushlik va suv olib kelsin.",
    ),
    F(
        "uz_latn",
        "Bepul tushlik bo'yicha oylik hisobot: 1–4-sinflarda 412 nafar o'quvchi ovqatlandi, menyu "
        "sanitariya talablariga mos. Oshxonada 2 ta yangi qozon o'rnatildi. Shikoyatlar tushmadi. Hisobot "
        "raqami {REC}.",
    ),
    F(
        "uz_latn",
        "Chorak yakunlari: maktab bo'yicha o'zlashtirish 96,4%, sifat 58%. Eng yuqori ko'rsatkich 4-A "
        "sinfda, eng pasti 9-V sinfda. Pedagogik kengash {DATE} kuni soat 15:00 da majlislar zalida.",
    ),
    F(
        "uz_latn",
        "Ota-onalar uchun eslatma: 5-sinflarda davomat {N:84-92}% ga tushdi. Sababsiz qoldirilgan darslar "
        "asosan dushanba kunlari. Sinf rahbarlari har kuni soat 10:00 gacha davomat jadvalini to'ldirib, "
        "direktor o'rinbosariga topshirsin.",
    ),
    F(
        "uz_latn",
        "Tuman fan olimpiadasi natijalari: maktabimizdan {N:12-18} nafar o'quvchi qatnashdi, 5 nafari "
        "sovrinli o'rinni egalladi — matematikadan 2 ta, kimyodan 1 ta, ingliz tilidan 2 ta. Viloyat "
        "bosqichi 20-yanvarda Samarqandda.",
    ),
    F(
        "uz_latn",
        "Navbatchilik jadvali o'zgardi: 2-qavat — 10-A sinf, 3-qavat — 11-B sinf. Navbatchi o'qituvchilar "
        "soat 7:45 da kelishi shart. Ish yuritish daftari 112-xonada saqlanadi, buyruq raqami {REC}.",
    ),
    F(
        "uz_latn",
        "{SCHOOL}-maktab bilan hamkorlikda 9-sinflar uchun kasbga yo'naltirish kuni o'tkazildi. 48 nafar "
        "o'quvchi test topshirdi, o'rtacha natija 71 ball. Natijalar ota-onalar majlisida e'lon qilinadi.",
    ),
    F(
        "uz_latn",
        "Tuman maktabgacha va maktab ta'limi bo'limiga ma'lumot: o'quvchi {A.sgp}, JShShIR {PINFL:A}, "
        "manzil {ADDR:A}. Ota-onasi bilan aloqa: {EMAIL:B}, {PHONE:B}. Ma'lumot faqat xizmat doirasida "
        "foydalanish uchun.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_latn",
        "Ustozlar diqqatiga: {C.gp} pochtasi o'zgardi, endi {EMAIL:C}. Olimpiadaga tayyorlanayotgan {A.sg} "
        "va {B.sg} uy vazifalarini shu manzilga yuborsin. Savollar bo'yicha 214-xonaga murojaat qiling.",
        A="pupil",
        B="pupil",
        C="staff:subject_teacher",
    ),
    F(
        "uz_latn",
        "Ota {B.sgp}, STIR {STIR:B}, yakka tartibdagi tadbirkor, {A.g+ning} sinfiga 10 ta kompyuter stoli "
        "sovg'a qildi. Rahmatnoma {EMAIL:B} manziliga yuborildi, asl nusxasi {ADDR:A} manziliga eltiladi.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_latn",
        "Yozgi oromgohga yo'llanma uchun: {A.sg}, JShShIR {PINFL:A}. Ota-onasidan biri {B.sgp}, pasport "
        "{PASS:B}, JShShIR {PINFL:B}. Yo'llanma 50% chegirma bilan, qolgan to'lov iyun oyining "
        "1-sanasigacha.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_latn",
        "Psixolog xulosasi. {A.sgp} ({A.class}) bilan oktyabr oyidan beri 6 ta mashg'ulot o'tkazildi. "
        "Boshida qiz sinfda gapirishdan qo'rqardi, doskaga chiqmasdi, tanaffuslarni kutubxonada o'tkazardi. "
        "Hozir guruh ishlarida qatnashyapti, ikki dugonasi bor. Onasi {B.sg} bilan uch marta uchrashdik, "
        "uyda ham o'zgarish sezilgan. Sinf rahbari {C.gp+ga} tavsiya: qizni og'zaki javobga majburlamaslik, "
        "yozma topshiriqlarni ko'proq berish. Keyingi baholash mart oyida.",
        A="pupil:F",
        B="mother:A",
        C="staff:class_teacher",
    ),
    F(
        "uz_latn",
        "Buxoroga ekskursiya bo'yicha hisobot. 9-sinflardan 34 nafar o'quvchi va 3 nafar o'qituvchi bordi, "
        "guruh rahbari — {C.sg}. Ikkinchi kuni {A.g+ning} harorati ko'tarildi, mahalliy poliklinikada "
        "ko'rikdan o'tkazildi, jiddiy narsa topilmadi. Onasi {B.gs} bilan darhol bog'landik, telefoni "
        "{PHONE:B}. Qolgan dastur to'liq bajarildi. Kelgusida har bir avtobusda dori qutisi bo'lishi kerak, "
        "mas'ul — {D.ig}.",
        A="pupil",
        B="mother:A",
        C="staff:class_teacher",
        D="staff:nurse",
    ),
    F(
        "uz_latn",
        "Ijtimoiy pedagogning uyga tashrifi, {DATE}. Manzil: {ADDR:A}. Oila 2 xonali ijara uyda yashaydi, 5 "
        "nafar bola. {A.g} kichik ukalariga qaraydi, shu sababli darsga kech qoladi. Onasi {B.sgp} bozorda "
        "ishlaydi, otasi 2 yildan beri Rossiyada. Mahalla raisi {C.gs} oila uchun moddiy yordam so'rab "
        "hokimlikka murojaat qilishga va'da berdi. Bolaga bepul tushlik va darsliklar berildi.",
        A="pupil",
        B="mother:A",
        C="adult",
    ),
    F(
        "uz_latn",
        "Pedagogik kengash qarori. Birinchi masala: 9- va 11-sinflarning yakuniy attestatsiyaga "
        "tayyorgarligi. O'quv ishlari bo'yicha direktor o'rinbosari hisobotiga ko'ra, matematikadan sinov "
        "testlarida o'rtacha natija {N:52-61}%, ona tilidan 71%. Qaror: shanba kunlari qo'shimcha "
        "mashg'ulotlar tashkil etilsin, har oy sinov testi o'tkazilsin. Ikkinchi masala: davomat. Sababsiz "
        "dars qoldirish 3% dan oshgan sinflar rahbarlari {DATE} gacha tushuntirish xati topshirsin.",
    ),
)

_CYRL: Final = (
    F(
        "uz_cyrl",
        "{A.sg} ({A.class}) 2-чоракда кимёдан назорат ишини 2 баҳога ёзди. Онаси {B.g} опа билан телефонда "
        "гаплашдим ({PHONE:B}), шанба куни мактабга келишини айтди.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_cyrl",
        "Бугун {A.g+нинг} отаси {B.sgp} мактабга келиб, ўғлининг давомати бўйича тушунтириш хати ёзди. "
        "Ўтган ҳафтада 3 кун тоби қочгани сабабли дарсга келмаган, маълумотнома эртага олиб келинади.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "uz_cyrl",
        "Психолог {C.sg} билан келишилди: {A.g+га} ҳафтада бир марта алоҳида машғулот ўтказилади. Бола "
        "назорат ишларидан олдин кучли хавотирга тушади. Ота-онасига ёзма тавсиялар берилди.",
        A="pupil",
        C="staff:psychologist",
    ),
    F(
        "uz_cyrl",
        "{A.sgp}, ЖШШИР {PINFL:A}, Андижон шаҳридаги 5-мактабдан бизнинг мактабга кўчирилди. Шахсий иш "
        "жилди қабул қилинди, тиббий картаси ҳали келмаган. Буйруқ рақами {REC}.",
        A="pupil",
    ),
    F(
        "uz_cyrl",
        "Бепул тушлик рўйхатига {A.sg} киритилди. Онасининг паспорти {PASS:B}, ЖШШИР {PINFL:B}. Оила кам "
        "таъминланганлар реестрида туради, манзил: {ADDR:A}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_cyrl",
        "{A.g+жон} математикадан вилоят олимпиадасида 3-ўринни олди. Уни фан ўқитувчиси {C.gp} тайёрлаган. "
        "Диплом нусхаси шахсий ишга тикилди, мактаб сайтида эълон қилинади.",
        A="pupil",
        C="staff:subject_teacher",
    ),
    F(
        "uz_cyrl",
        "{A.g} бугун ҳам биринчи дарсга кечикди, бу ойда олтинчи марта. Онаси {B.sg+га} қўнғироқ қилдим, "
        "рақами {PHONE:B}. Эртага дарсдан кейин уйига бораман: {ADDR:A}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_cyrl",
        "Ота-оналар мажлиси, {A.class} синф. Қатнашди: 19 нафар. Чорак якунлари муҳокама қилинди. "
        "{A.g+нинг} отаси {B.g} ака синфга янги доска олиб беришни таклиф қилди. Кейинги мажлис 18-апрель "
        "куни.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_cyrl",
        "Мактаб ҳамшираси {C.gs} маълум қилди: {A.sg} бронхиал астма билан ҳисобда туради, жисмоний тарбия "
        "дарсида юкламани камайтириш керак. Шифокор маълумотномаси илова қилинди.",
        A="pupil",
        C="staff:nurse",
    ),
    F(
        "uz_cyrl",
        "Ижтимоий педагог қайди: {A.g+нинг} оиласи ижарада яшайди, манзил {ADDR:A}. Отаси хорижда ишлайди, "
        "болаларга бувиси {B.g} хола қарайди. Бувисининг телефони {PHONE:B}.",
        A="pupil",
        B="adult:F",
    ),
    F(
        "uz_cyrl",
        "Янги ўқув йили учун маълумотлар: ўқувчи {A.sg}, ЖШШИР {PINFL:A}; васий {B.sgp}, телефон {PHONE:B}, "
        "электрон почта {EMAIL:B}. Розилик хати имзоланган.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_cyrl",
        "Моддий ёрдам учун ариза: ариза берувчи {B.sgp}, паспорт {PASS:B}, СТИР {STIR:B}. Фарзанди {A.sg}, "
        "{A.class} синф. Ариза касаба уюшмасига юборилди.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_cyrl",
        "{A.g} сўнгги пайтда дарсларда жуда жим, танаффусда ёлғиз ўтиради. Психологга йўлланма бердим. "
        "Онаси {B.gs} билан гаплашдим, оилада муаммолар борлиги маълум бўлди. Қизни кузатиб бораман.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "uz_cyrl",
        "Катта танаффусда {A.g} билан {B.g} уришиб қолишди. Навбатчи ўқитувчи {C.sii} тушунтириш хати ёзди. "
        "Иккала ўқувчининг ота-онаси эртага соат 9:00 да мактабга чақирилди.",
        A="pupil",
        B="pupil",
        C="staff",
    ),
    F(
        "uz_cyrl",
        "{A.g+нинг} онаси {B.sg} қизини бошқа мактабга ўтказиш учун ариза берди, оила Сергели туманига "
        "кўчиб ўтган. Янги манзил: {ADDR:A}. Ҳужжатлар 3 кунда тайёрланади.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "uz_cyrl",
        "Тиббий кўрик натижалари: {A.sg} ({A.class}) кўриш қобилияти пасайган, олдинги партага ўтказилди. "
        "Ота-онасига кўз шифокорига бориш кераклиги айтилди, уй телефони {LANDLINE}.",
        A="pupil",
    ),
    F(
        "uz_cyrl",
        "Чорак якуни бўйича аълочилар: {A.sg} ва {B.sg}. Иккаласи ҳам барча фанлардан 5 баҳо олди. "
        "Рағбатлантириш учун директор номига тақдимнома ёзилди.",
        A="pupil",
        B="pupil",
    ),
    F(
        "uz_cyrl",
        "{A.g} футбол бўйича туман терма жамоасига танланди. Отаси {B.sgp} машғулот кунлари охирги дарсдан "
        "озод қилишни сўраб ариза ёзди. Телефон: {PHONE:B}.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "uz_cyrl",
        "Онаси {B.g} опанинг илтимоси: {A.g+нинг} баҳолари ҳақидаги хабарларни {EMAIL:B} почтасига юбориб "
        "туриш. Электрон кундаликка кириш пароли қайта тикланди.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "uz_cyrl",
        "{A.g+ни} мактабдан тоғаси {B.gs} олиб кетишига ота-онаси ёзма рухсат берди. Тоғасининг паспорти "
        "{PASS:B}, телефони {PHONE:B}. Бошқа шахсларга бола берилмайди.",
        A="pupil",
        B="adult:M",
    ),
    F(
        "uz_cyrl",
        "Директор ўринбосари {C.sg} буйруғи билан {A.sg} 9-синф якуний аттестациясидан уй шароитида ўтади. "
        "Сабаби — узоқ муддатли даволаниш. Имтиҳон комиссияси 3 нафар ўқитувчидан иборат.",
        A="pupil",
        C="staff:deputy_director",
    ),
    F(
        "uz_cyrl",
        "Ижтимоий педагог {C.sgp}: {A.sg} оиласи «Темир дафтар»га киритилган. Онаси {B.g} опа ёлғиз ўзи 4 "
        "фарзандни боқмоқда. Қишки кийим ва ўқув қуроллари билан ёрдам берилди, далолатнома тузилди.",
        A="pupil",
        B="mother:A",
        C="staff:social_pedagogue",
    ),
    F(
        "uz_cyrl",
        "Экскурсия тўлови: {A.g+нинг} отаси {B.sg} ҳомий сифатида 10 нафар ўқувчининг йўл ҳақини тўлади. "
        "Квитанцияда тўловчи СТИР {STIR:B} кўрсатилган. Рўйхат бухгалтерияга топширилди.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_cyrl",
        "Онаси {B.gs} айтишича, {A.g+нинг} эпилепсия ташхиси бор. Хуруж бўлса қандай ёрдам бериш бўйича "
        "йўриқнома ҳамширага берилди. Даволовчи шифокор — невропатолог {C.si}, телефон {PHONE:C}.",
        A="pupil",
        B="mother:A",
        C="adult",
    ),
    F(
        "uz_cyrl",
        "Ота-она билан учрашув: {B.sgp}. Ўғли {A.g} инглиз тилидан орқада қолмоқда, мактабдаги бепул "
        "тўгаракка ёзилди. Онасининг рақами {PHONE:B}, уй манзили {ADDR:A}.",
        A="pupil:M",
        B="mother:A",
    ),
    F(
        "uz_cyrl",
        "Янги ўқувчи {A.sgp} Бухородан келди, {A.class} синфга қабул қилинди. Отаси {B.sg} телефон рақамини "
        "қолдирди: {PHONE:B}. ЖШШИР {PINFL:A}. Дарсликлар кутубхонадан берилди.",
        A="newpupil",
        B="father:A",
    ),
    F(
        "uz_cyrl",
        "Тоғасининг паспорт маълумотлари: {B.sgp}, {PASS:B}, ЖШШИР {PINFL:B}. У {A.g+ни} Қозонга олиб "
        "кетмоқда, 2 ҳафта дарсга келмайди. Топшириқлар рўйхати берилди, синф раҳбари {C.ig} хабардор.",
        A="pupil",
        B="adult:M",
        C="staff:class_teacher",
    ),
    F(
        "uz_cyrl",
        "Адабиёт дарсида Алишер Навоийнинг «Хамса» асаридан парча ўқилди. {A.g} ғазални ёддан айтиб берди, "
        "5 баҳо қўйилди. Кейинги дарсда «Фарҳод ва Ширин» достони ўрганилади.",
        uses=2,
        A="pupil",
    ),
    F(
        "uz_cyrl",
        "{CLASS} синфда она тилидан назорат иши ўтказилди: 24 нафардан 5 баҳо — 5, 4 баҳо — 10, 3 баҳо — 8, "
        "2 баҳо — 1. Ўзлаштириш 96%, сифат 62%. Хатолар устида ишлаш пайшанба куни.",
    ),
    F(
        "uz_cyrl",
        "{DATE} куни 6-синфлар учун экскурсия: Тошкент ҳайвонот боғига. Йиғилиш соат 9:00 да мактаб "
        "ҳовлисида. 2 та автобус, ҳар бирида 2 нафар ўқитувчи бўлади. Болалар сув ва енгил овқат олиб "
        "келсин.",
    ),
    F(
        "uz_cyrl",
        "Бепул тушлик бўйича ойлик ҳисобот: 1–4-синфларда 388 нафар ўқувчи овқатланди. Ошхонада санитария "
        "кўриги ўтказилди, камчиликлар аниқланмади. Ҳисобот рақами {REC}, туман бўлимига юборилди.",
    ),
    F(
        "uz_cyrl",
        "Педагогик кенгаш қарори ({DATE}): 9-синфлар учун қўшимча машғулотлар жадвали тасдиқланди. "
        "Математика — душанба ва чоршанба, она тили — сешанба ва пайшанба, соат 14:30 дан, 207-хонада.",
    ),
    F(
        "uz_cyrl",
        "Туман фан олимпиадасида мактабимиздан {N:9-15} нафар ўқувчи қатнашди, 4 нафари совринли ўринни "
        "эгаллади. Вилоят босқичи 22-январда Наманганда бўлади. Тайёргарлик машғулотлари шанба кунлари.",
    ),
    F(
        "uz_cyrl",
        "Туман бўлимига маълумот: ўқувчи {A.sgp}, ЖШШИР {PINFL:A}, манзил {ADDR:A}. Ота-онаси билан алоқа: "
        "{EMAIL:B}, {PHONE:B}. Маълумот фақат хизмат доирасида фойдаланиш учун.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_cyrl",
        "Отаси {B.sgp}, СТИР {STIR:B}, якка тартибдаги тадбиркор, {A.g+нинг} синфига 10 та компьютер столи "
        "совға қилди. Миннатдорчилик хати {EMAIL:B} манзилига юборилди.",
        A="pupil",
        B="father:A",
    ),
    F(
        "uz_cyrl",
        "Ёзги оромгоҳга йўлланма: {A.sg}, ЖШШИР {PINFL:A}. Ота-онасидан бири {B.sgp}, паспорт {PASS:B}. "
        "Тиббий маълумотнома 079 шаклида, 25-майгача ҳамширага топширилсин.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "uz_cyrl",
        "Психолог хулосаси. {A.sg} ({A.class}) билан ноябрдан бери 5 та машғулот ўтказилди. Бошида бола "
        "синфдошлари билан тез-тез жанжаллашар, ўқитувчиларга қўполлик қиларди. Ҳозир ўзини тутиши анча "
        "яхшиланган, футбол тўгарагига қатнашяпти. Отаси {B.gs} билан икки марта учрашдик, уйда ҳам назорат "
        "кучайтирилган. Тавсия: боланинг ижобий хулқини мақташ, жазони камайтириш. Масъул психолог {C.sii}.",
        A="pupil:M",
        B="father:A",
        C="staff:psychologist",
    ),
    F(
        "uz_cyrl",
        "Ота-оналар мажлиси баённомаси, {A.class} синф. Қатнашди 23 нафар ота-она. Биринчи масала — чорак "
        "якунлари: ўзлаштириш 94%, сифат 51%. Иккинчи масала — қишки таътилда болалар хавфсизлиги. Учинчи "
        "масала — синф хонасини таъмирлаш. {A.g+нинг} онаси {B.sg} ота-оналар қўмитасига раис этиб "
        "сайланди, унинг рақами {PHONE:B}. Кейинги мажлис учинчи чорак охирида.",
        A="pupil",
        B="mother:A",
    ),
)

_RU: Final = (
    F(
        "ru",
        "{A.sg} ({A.class}) за 3-ю четверть {A?написал|написала} две контрольные по алгебре на «2». "
        "Созвонилась с мамой — {B.gp@ins} ({PHONE:B}), она обещала прийти в четверг к 14:00.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "ru",
        "Сегодня приходил отец {A.g@gen}, {B.sgp}, написал объяснительную по пропускам: на прошлой неделе "
        "сын 4 дня болел. Справку от врача обещал принести до пятницы.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "ru",
        "Психолог {C.sg} {C?провёл|провела} второй разговор с {A.g@ins}. Отношения с одноклассниками стали "
        "лучше, но дома {A?ему|ей} тяжело: присматривает за младшими. Через три недели пригласим маму, "
        "{B.gs@acc}.",
        A="pupil",
        B="mother:A",
        C="staff:psychologist",
    ),
    F(
        "ru",
        "{A.sgp}, ПИНФЛ {PINFL:A}, {A?переведён|переведена} к нам из школы № 64 г. Ташкента. Личное дело "
        "получено, медицинская карта ещё не пришла. Номер приказа о зачислении {REC}.",
        A="pupil",
    ),
    F(
        "ru",
        "В список на бесплатное питание {A?включён|включена} {A.sg}. Семья в реестре малообеспеченных. "
        "Паспорт матери {PASS:B}, ПИНФЛ {PINFL:B}. Копии документов переданы социальному педагогу "
        "{C.sii@dat}.",
        A="pupil",
        B="mother:A",
        C="staff:social_pedagogue",
    ),
    F(
        "ru",
        "{A.g} {A?занял|заняла} 2-е место на областной олимпиаде по физике, поздравляем! "
        "{C?Готовил|Готовила} {A?его|её} {C.gp}. Копия диплома передана завучу {D.sii@dat}, новость "
        "разместим на сайте школы.",
        A="pupil",
        C="staff:subject_teacher",
        D="staff:deputy_director",
    ),
    F(
        "ru",
        "Разрешения на экскурсию в Самарканд: {A.gs} — подписал отец, тел. {PHONE:B}; {C.gs} — подписала "
        "мать, тел. {PHONE:D}. Остальные 17 разрешений собираем до четверга.",
        A="pupil",
        B="father:A",
        C="pupil",
        D="mother:C",
    ),
    F(
        "ru",
        "{A.g} опять {A?опоздал|опоздала} на первый урок, в этом месяце уже седьмой раз. Звонила матери, "
        "{B.sg@dat}, на {PHONE:B} — не берёт трубку. Завтра после уроков схожу домой: {ADDR:A}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "ru",
        "Протокол родительского собрания, {A.class}. Присутствовали 22 человека. Обсудили итоги четверти и "
        "весенние каникулы. Мама {A.g@gen}, {B.gs}, предложила купить в класс новые жалюзи. Следующее "
        "собрание 2 мая в 17:30.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "ru",
        "Медсестра {C.gs} сообщила: {A.sg} ({A.class}) состоит на учёте с сахарным диабетом, нужно "
        "разрешить носить с собой сладкое на уроках. Справка от эндокринолога {D.sii@gen} подшита в личное "
        "дело.",
        A="pupil",
        C="staff:nurse",
        D="adult",
    ),
    F(
        "ru",
        "На большой перемене подрались {A.g} и {B.g}, у {B.g@gen} пошла кровь из носа. Родители обоих "
        "вызваны в школу. Дежурный учитель {C.sg} {C?написал|написала} объяснительную, случай занесён в "
        "журнал.",
        A="pupil:M",
        B="pupil:M",
        C="staff",
    ),
    F(
        "ru",
        "Служебная записка заместителю директора по УВР. {A?Ученик|Ученица} {A.class} класса {A.sgp} по "
        "итогам 2-й четверти имеет неудовлетворительные оценки по пяти предметам. Составлен график "
        "дополнительных занятий, беседа с родителями проведена {DATE}.",
        A="pupil",
    ),
    F(
        "ru",
        "Заметка соцпедагога: семья {A.g@gen} снимает квартиру по адресу {ADDR:A}. Отец работает в России, "
        "за детьми смотрит бабушка {B.g}-опа. Телефон бабушки {PHONE:B}, днём она дома.",
        A="pupil",
        B="adult:F",
    ),
    F(
        "ru",
        "{A.sg} не ходит в школу уже три недели. Соседи говорят, что семья уехала в Казахстан. Номер матери "
        "{PHONE:B} отключён. Вместе с председателем махалли {C.sg@ins} ходили по адресу {ADDR:A}, дверь "
        "никто не открыл.",
        A="pupil",
        B="mother:A",
        C="adult",
    ),
    F(
        "ru",
        "Учитель информатики {C.gp} {C?похвалил|похвалила} {A.g@acc} за статью в школьную газету. "
        "Благодарственное письмо родителям отправим на электронную почту {EMAIL:B}. Статья выйдет в майском "
        "номере.",
        A="pupil",
        B="guardian:A",
        C="staff:class_teacher",
    ),
    F(
        "ru",
        "По оплате экскурсии: отец {A.g@gen}, {B.sgp}, как спонсор оплатил проезд 12 учеников. В квитанции "
        "указан ИНН плательщика {STIR:B}. Список детей сдан в бухгалтерию.",
        A="pupil",
        B="father:A",
    ),
    F(
        "ru",
        "{A.g} в последнее время очень замкнутая, на переменах сидит одна. Дала направление к психологу. "
        "Поговорила с мамой, {B.gp@ins}: дома родители на грани развода. Буду наблюдать за девочкой.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "ru",
        "Обновлены данные на новый учебный год: {A?ученик|ученица} {A.sg}, ПИНФЛ {PINFL:A}; законный "
        "представитель {B.sgp}, телефон {PHONE:B}, адрес проживания {ADDR:A}. Согласие на обработку "
        "персональных данных подписано.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "ru",
        "{A.sg} {A?написал|написала} четвертную контрольную по русскому языку на «5», 48 баллов из 50. "
        "Классный руководитель {C.sii} {C?рекомендовал|рекомендовала} {A?его|её} на районную олимпиаду, "
        "которая пройдёт 15 декабря в школе № 110.",
        A="pupil",
        C="staff:class_teacher",
    ),
    F(
        "ru",
        "Отец, {B.gs}, пришёл недовольный тем, что у сына, {A.g@gen}, на уроке забрали телефон. Объяснила "
        "правила внутреннего распорядка, телефон вернули в кабинете директора. Разговор закончился "
        "спокойно.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "ru",
        "Список кружка по математике: {A.gs}, {B.gs}, {C.gs}. Занятия по вторникам и четвергам в 15:00, "
        "кабинет 214. Каждому принести тетрадь в клетку и линейку.",
        A="pupil",
        B="pupil",
        C="pupil",
    ),
    F(
        "ru",
        "Мать, {B.sgp}, написала заявление: дочь {A.g} по семейным обстоятельствам 10 дней не сможет "
        "посещать школу. Заявление на имя директора, входящий номер {REC}. Задания будем отправлять маме на "
        "почту {EMAIL:B}.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "ru",
        "Договорились с психологом {C.sg@ins}: с {A.g@ins} раз в неделю будут индивидуальные занятия. Перед "
        "контрольными у ребёнка сильная тревога, дрожат руки. Родителям выданы письменные рекомендации.",
        A="pupil",
        C="staff:psychologist",
    ),
    F(
        "ru",
        "Отец {A.sg@gen}, {B.g}-ака, сообщил, что семья переезжает в Чирчик. Новый адрес пока неизвестен, "
        "текущий — {ADDR:A}. Документы заберут до 25 мая.",
        A="pupil",
        B="father:A",
    ),
    F(
        "ru",
        "По итогам медосмотра у {A.g@gen} ({A.class}) снижено зрение, {A?пересажен|пересажена} на первую "
        "парту. Маме, {B.gp@dat}, посоветовали обратиться к окулисту. Её телефон: {PHONE:B}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "ru",
        "{A.gs} и {B.gs} готовятся к республиканскому конкурсу «Заковат». Завуч {C.gp} {C?выделил|выделила} "
        "им отдельный кабинет при библиотеке. Занятия по 2 часа в день, включая выходные.",
        A="pupil",
        B="pupil",
        C="staff:deputy_director",
    ),
    F(
        "ru",
        "По опеке: {A.sgp} {A?потерял|потеряла} мать, опекун — тётя, {B.sgp}. Паспорт опекуна {PASS:B}, ИНН "
        "{STIR:B}. Документы направлены в районный отдел народного образования.",
        A="pupil",
        B="adult:F",
    ),
    F(
        "ru",
        "{A.g} третий день не ходит в школу, вместе с классным руководителем {C.sg@ins} ходили домой. "
        "Ребёнок болеет гриппом, вызван семейный врач. Адрес: {ADDR:A}. Задания передаём через "
        "одноклассника.",
        A="pupil",
        C="staff:class_teacher",
    ),
    F(
        "ru",
        "{A.g} отобран в сборную района по футболу, просят освобождать от последних уроков в дни "
        "тренировок. Отец, {B.sgp}, написал заявление, телефон {PHONE:B}. Вопрос рассмотрим на педсовете.",
        A="pupil:M",
        B="father:A",
    ),
    F(
        "ru",
        "Новый ученик {A.sgp} прибыл из Ферганы, зачислен в {A.class}. Отец оставил номер телефона: "
        "{PHONE:B}. ПИНФЛ {PINFL:A}. Учебники выданы в библиотеке.",
        A="newpupil:M",
        B="father:A",
    ),
    F(
        "ru",
        "Сегодня на 7-м уроке {A.g} {A?нагрубил|нагрубила} учителю {C.si@dat}. Взята объяснительная, "
        "родители придут завтра в 9:00. Оценку за поведение в четверти снижаем.",
        A="pupil",
        C="staff",
    ),
    F(
        "ru",
        "Посещаемость на сегодня ({A.class}): отсутствуют {A.sg} (болеет), {B.sg} (без уважительной "
        "причины), {C.sg} (свадьба, родители предупредили). {D?Опоздал|Опоздала} {D.g}. Всего 23 из 27.",
        A="pupil",
        B="pupil",
        C="pupil",
        D="pupil",
    ),
    F(
        "ru",
        "Мама {A.g@gen}, {B.gs}, подала заявление на бесплатное питание. В семье 6 человек, у отца "
        "инвалидность. Справки возьмём в отделе соцзащиты. ПИНФЛ матери: {PINFL:B}.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "ru",
        "У отца сменилась электронная почта, новая: {EMAIL:B}. Четвертные оценки {A.sg@gen} будем "
        "отправлять туда. Сам {B.gp} в командировке, по вопросам писать на {PHONE:B}.",
        A="pupil",
        B="father:A",
    ),
    F(
        "ru",
        "Результаты психологического тестирования 8-х классов: у 9 из 64 учащихся высокий уровень "
        "тревожности. С {A.sg@ins} начата индивидуальная работа. Ответственный — психолог {C.gs}. "
        "Результаты сообщаем родителям только лично.",
        A="pupil",
        C="staff:psychologist",
    ),
    F(
        "ru",
        "Между {A.g@ins} и {B.g@ins} произошёл конфликт из-за оскорбительных сообщений в соцсетях. С обеими "
        "девочками поговорили в кабинете психолога, они извинились. Родители в курсе, на классном часе "
        "разберём тему кибербуллинга.",
        A="pupil:F",
        B="pupil:F",
    ),
    F(
        "ru",
        "{A.sg} ({A.class}) уезжает в Турцию, отец {B.sg} написал заявление на выдачу документов. Паспорт: "
        "{PASS:B}. Личное дело, ведомость оценок и медкарта будут готовы через 3 дня.",
        A="pupil",
        B="father:A",
    ),
    F(
        "ru",
        "{A.g} {A?сломал|сломала} руку, на месяц {A?освобождён|освобождена} от физкультуры, справка от "
        "травматолога есть. Мама, {B.g}, попросила разрешить сдать письменные работы позже. Разрешили.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "ru",
        "Мать, {B.gs}, сообщила, что у {A.g@gen} эпилепсия. Инструкция по первой помощи при приступе "
        "передана медсестре. Лечащий врач — невролог {C.si}, телефон {PHONE:C}.",
        A="pupil",
        B="mother:A",
        C="adult",
    ),
    F(
        "ru",
        "Заявление на материальную помощь: заявитель {B.sgp}, паспорт {PASS:B}, ИНН {STIR:B}, ПИНФЛ "
        "{PINFL:B}. Ребёнок — {A.sg}, {A.class}. Адрес: {ADDR:A}. Передано в профком.",
        A="pupil",
        B="father:A",
    ),
    F(
        "ru",
        "Родители письменно разрешили забирать {A.g@acc} из школы дяде, {B.sg@dat}. Паспорт дяди {PASS:B}, "
        "телефон {PHONE:B}. Другим лицам ребёнка не отдаём.",
        A="pupil",
        B="adult:M",
    ),
    F(
        "ru",
        "Соцпедагог {C.gs}: семья {A.sg@gen} внесена в «Темир дафтар». Отец без работы, мать домохозяйка. "
        "Оказана помощь зимней одеждой и канцтоварами, составлен акт.",
        A="pupil",
        C="staff:social_pedagogue",
    ),
    F(
        "ru",
        "Выдано разрешение на выезд: {A.sg} с одним из родителей, {B.sgp} (паспорт {PASS:B}), едет в Казань "
        "на 10 дней. Список заданий на период отсутствия выдан.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "ru",
        "Мама {A.g@gen} просит дублировать оценки на почту {EMAIL:B} и в телеграм по номеру {PHONE:B}. "
        "Пароль от электронного дневника восстановлен и отправлен ей.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "ru",
        "Классный час «Моя семья»: лучшее сочинение у {A.g@gen}, сочинение {B.g@gen} тоже отобрано для "
        "стенгазеты. Следующий классный час 10 марта, тема — безопасность в интернете.",
        A="pupil",
        B="pupil",
    ),
    F(
        "ru",
        "По приказу завуча {C.sg@gen} {A?ученик|ученица} {A.sg} будет сдавать итоговую аттестацию за 9 "
        "класс на дому по причине длительного лечения. Комиссия из трёх учителей, график согласован с "
        "родителями.",
        A="pupil",
        C="staff:deputy_director",
    ),
    F(
        "ru",
        "Репетитор {B.sgp}, самозанятый, ИНН {STIR:B}, ведёт у {A.g@gen} подготовку к олимпиаде по химии. "
        "Договор с родителями, школа не участвует. Связь: {EMAIL:B}, {PHONE:B}.",
        A="pupil",
        B="adult:M",
    ),
    F(
        "ru",
        "Медкарта {A.sg@gen} ({PINFL:A}): прививки по календарю, группа по физкультуре основная. Домашний "
        "телефон родителей {LANDLINE}. Номер карты в поликлинике {REC}.",
        A="pupil",
    ),
    F(
        "ru",
        "Открытый урок истории «Эпоха Амира Темура» в {CLASS}. Учащиеся подготовили презентации, показан "
        "фильм об обсерватории Мирзо Улугбека. Урок посетил методист района, общая оценка — отлично.",
        uses=2,
    ),
    F(
        "ru",
        "В {CLASS} проведена пробная контрольная по химии. Средний балл 3,8, двоек нет, пятёрок 7. Кабинет "
        "214 к экзамену подготовлен, расписание консультаций вывешено на стенде у учительской.",
    ),
    F(
        "ru",
        "{DATE} экскурсия для 5-х классов в Музей истории Узбекистана. Сбор в 8:30 во дворе школы, два "
        "автобуса, в каждом по два сопровождающих. Детям взять с собой воду и перекус.",
    ),
    F(
        "ru",
        "Отчёт по бесплатному питанию за март: в 1–4 классах питались 405 учащихся, нарушений санитарных "
        "норм нет. На кухне установлены две новые плиты. Номер отчёта {REC}.",
    ),
    F(
        "ru",
        "Итоги четверти по школе: успеваемость 95,7%, качество 54%. Лучший показатель в 3-А, самый низкий в "
        "10-В. Педсовет {DATE} в 15:00 в актовом зале, явка учителей обязательна.",
    ),
    F(
        "ru",
        "Посещаемость в 6-х классах упала до {N:84-91}%. Большинство пропусков без уважительной причины "
        "приходится на понедельник. Классным руководителям сдавать табель посещаемости завучу ежедневно до "
        "10:00.",
    ),
    F(
        "ru",
        "Результаты районной олимпиады: от школы участвовали {N:14-20} учащихся, призовые места у шестерых "
        "— два по математике, одно по биологии, три по английскому языку. Областной этап 20 января в "
        "Ташкенте.",
    ),
    F(
        "ru",
        "Школа № {SCHOOL} приглашает 9-е классы на день открытых дверей колледжа. Автобус от школы в 13:00, "
        "возвращение к 17:00. Нужны письменные согласия родителей до пятницы, бланки в кабинете 105.",
    ),
    F(
        "ru",
        "Справка для отдела образования: {A?учащийся|учащаяся} {A.sgp}, ПИНФЛ {PINFL:A}, проживает по "
        "адресу {ADDR:A}. Контакты родителей: {EMAIL:B}, {PHONE:B}. Сведения только для служебного "
        "пользования.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "ru",
        "У учителя английского {C.gp@gen} новая почта: {EMAIL:C}. {A.sg} и {B.sg}, которые готовятся к "
        "олимпиаде, присылают задания туда. Консультации по средам в кабинете 312.",
        A="pupil",
        B="pupil",
        C="staff:subject_teacher",
    ),
    F(
        "ru",
        "Индивидуальный предприниматель {B.sgp}, ИНН {STIR:B}, отец {A.g@gen}, подарил классу 10 "
        "компьютерных столов. Благодарственное письмо отправлено на {EMAIL:B}, грамоту доставим по адресу "
        "{ADDR:B}.",
        A="pupil",
        B="father:A",
    ),
    F(
        "ru",
        "Путёвка в летний лагерь: {A.sg}, ПИНФЛ {PINFL:A}. Родитель — {B.sgp}, паспорт {PASS:B}, ПИНФЛ "
        "{PINFL:B}. Скидка 50%, оставшуюся сумму оплатить до 1 июня, квитанцию сдать классному "
        "руководителю.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "ru",
        "Заключение педагога-психолога. С {A.sg@ins} ({A.class}) проведено 7 занятий с октября. В начале "
        "года мальчик отказывался отвечать у доски, плакал на контрольных, жаловался на головные боли. "
        "Сейчас тревога заметно ниже, на последней контрольной по математике получил «4». Мама, {B.gp}, "
        "отмечает, что дома он стал спокойнее. Классному руководителю {D.sii@dat} рекомендовано не вызывать "
        "его к доске без предупреждения. Психолог {C.sg}.",
        A="pupil:M",
        B="mother:A",
        C="staff:psychologist",
        D="staff:class_teacher",
    ),
    F(
        "ru",
        "Акт обследования жилищно-бытовых условий, {DATE}. Адрес: {ADDR:A}. Семья из шести человек живёт в "
        "двухкомнатной квартире, у {A.g@gen} нет отдельного места для занятий. Отец, {B.sgp}, работает "
        "таксистом, мать не работает по состоянию здоровья. Зимней обуви у детей нет. Рекомендовано "
        "включить ребёнка в список на бесплатное питание и материальную помощь. Соцпедагог {C.sii}.",
        A="pupil",
        B="father:A",
        C="staff:social_pedagogue",
    ),
    F(
        "ru",
        "Отчёт по итогам областной олимпиады. Школу представляли 6 учащихся. {A.sg} {A?занял|заняла} 1-е "
        "место по химии и {A?приглашён|приглашена} на республиканский этап в Ташкенте, {B.sg} — 3-е место "
        "по английскому языку. Остальные участники набрали от 40 до 65 баллов из 100. Завуч {C.gp} "
        "предлагает наградить учителей-наставников и провести в марте школьный тур для 8-х классов.",
        A="pupil",
        B="pupil",
        C="staff:deputy_director",
    ),
    F(
        "ru",
        "Справка по итогам внутришкольного контроля в {CLASS}. Проверены тетради по русскому языку и "
        "математике у {N:22-28} учащихся. Записи ведутся регулярно, но работа над ошибками выполняется не у "
        "всех. Объём домашних заданий в основном соответствует нормам, в отдельные дни превышен. "
        "Рекомендовано учителям согласовать график контрольных, чтобы в один день было не более одной. "
        "Повторная проверка в конце четверти.",
    ),
)

_MIXED: Final = (
    F(
        "mixed",
        "{A.g} bugun опять kechikib keldi, за неделю уже 3-marta. Onasi {B.g} opaga qo'ng'iroq qildim "
        "({PHONE:B}), говорит, что на работе, вечером перезвонит.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "mixed",
        "Roditelskoe sobranie bo'ldi, {A.g+ning} papasi {B.sg} keldi. Ocenkalar bo'yicha gaplashdik, "
        "matematikadan двойка bor, dopolnitelniy zanyatiyaga yozdirdik. Papasining nomeri {PHONE:B}.",
        A="pupil",
        B="father:A",
    ),
    F(
        "mixed",
        "Psixolog {C.gs} bilan договорились: {A.g+ga} har seshanba individualno zanyatie bo'ladi. Bola "
        "kontrolnaya oldidan juda volnuetsya. Roditelyam rekomendatsiya berildi.",
        A="pupil",
        C="staff:psychologist",
    ),
    F(
        "mixed",
        "Bepul obed spiskasiga {A.sg} qo'shildi. Mamasining pasporti {PASS:B}, ПИНФЛ {PINFL:B}. Spravkalar "
        "hammasi bor, sotsialniy pedagogga topshirdim.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "mixed",
        "{A.g+ning} mamasi {B.gs} zayavlenie yozdi, оформить перевод в другую школу. Ular Yunusobodga "
        "pereezd qilishdi, новый адрес: {ADDR:A}. Lichnoe delo 3 kunda tayyor bo'ladi.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "mixed",
        "Dannie obnovila: {A.sg}, JShShIR {PINFL:A}; опекун {B.sgp}, tel {PHONE:B}, email {EMAIL:B}. "
        "Soglasie podpisano, папкага tikildi.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "mixed",
        "Ekskursiyaga oplata: {A.g+ning} papasi {B.sgp} sponsor bo'lib 10 ta bolaning проезд to'ladi. "
        "Kvitansiyada ИНН {STIR:B}. Spisok buxgalteriyaga сдала.",
        A="pupil",
        B="father:A",
    ),
    F(
        "mixed",
        "Peremenada {A.g} bilan {B.g} podralis, {B.g+ning} burnidan krov ketdi. Dejurniy uchitel {C.sg} "
        "объяснительная yozdi. Ikkalasining roditellari zavtra soat 9da keladi.",
        A="pupil:M",
        B="pupil:M",
        C="staff",
    ),
    F(
        "mixed",
        "Medsestra {C.gs} aytdi: {A.sg} astma bilan на учёте, fizrada nagruzkani kamaytirish kerak. Spravka "
        "lichnoe deloga tikildi, sinf rahbari в курсе.",
        A="pupil",
        C="staff:nurse",
    ),
    F(
        "mixed",
        "{A.g+ni} maktabdan dyadyasi {B.gs} olib ketishiga разрешение bor, roditeli podpisali. Dyadyasining "
        "pasporti {PASS:B}, tel {PHONE:B}. Boshqa odamga bermaymiz.",
        A="pupil",
        B="adult:M",
    ),
    F(
        "mixed",
        "{CLASS} sinfda kontrolnaya bo'ldi po algebre: 5 — 4 ta, 4 — 12 ta, 3 — 8 ta, 2 — 2 ta. Uspevaemost "
        "92%, kachestvo 61%. Peresdacha chetverg kuni 7-urokda, 305-kabinetda.",
    ),
    F(
        "mixed",
        "{DATE} kuni 9-klasslar uchun ekskursiya в Музей прикладного искусства. Sbor soat 8:30da maktab "
        "dvorida, avtobus ikkita. Bolalar suv va perekus olib kelsin, forma obyazatelno.",
    ),
    F(
        "mixed",
        "Mamasi {B.g} opa просила, {A.g+ning} ocenkalarini {EMAIL:B} pochtaga tashlab turishni. Elektronniy "
        "dnevnik paroli vosstanovlen, telegramga ham yubordim.",
        A="pupil",
        B="mother:A",
    ),
    F(
        "mixed",
        "{A.g} последнее время juda zamknutaya, peremenada yolg'iz o'tiradi. Psixologga napravlenie berdim. "
        "Mamasi {B.gp} bilan gaplashdim, doma problemi bor ekan. Наблюдаю.",
        A="pupil:F",
        B="mother:A",
    ),
    F(
        "mixed",
        "Material yordam uchun zayavlenie: {B.sgp}, pasport {PASS:B}, STIR {STIR:B}. Rebyonok — {A.sg}, "
        "{A.class}. Adres: {ADDR:A}. Профкомга передала.",
        A="pupil",
        B="father:A",
    ),
    F(
        "mixed",
        "{A.g+jon} oblastnoy olimpiadada po fizike 2-o'rin oldi, pozdravlyaem! Ustozi {C.gp} tayyorlagan. "
        "Diplom kopiyasi zavuchga berildi, saytga ham qo'yamiz.",
        A="pupil",
        C="staff:subject_teacher",
    ),
    F(
        "mixed",
        "Noviy uchenik {A.sgp} Samarqanddan keldi, {A.class}ga zachislen. Papasi nomer qoldirdi: {PHONE:B}. "
        "JShShIR {PINFL:A}, uchebniklar kutubxonadan berildi.",
        A="newpupil:M",
        B="father:A",
    ),
    F(
        "mixed",
        "Segodnya {A.sg+ning} babushkasi {B.g} xola keldi, bola 2 kun bolel, spravka yo'q. Babushkaning "
        "nomeri {PHONE:B}, mamasi Moskvada rabotaet. Объяснительную написала.",
        A="pupil",
        B="adult:F",
    ),
    F(
        "mixed",
        "RONOga spravka: {A.sgp}, ПИНФЛ {PINFL:A}, adres {ADDR:A}. Roditellar kontakti: {EMAIL:B}, "
        "{PHONE:B}. Только для служебного пользования, boshqa joyga bermang.",
        A="pupil",
        B="guardian:A",
    ),
    F(
        "mixed",
        "Roditelskoe sobranie protokoli, {A.class}. Kelganlar 20 ta roditel. Birinchi vopros — chorak "
        "itogi, uspevaemost 93%. Ikkinchi — zimnie kanikuly paytida bolalar xavfsizligi, особенно на "
        "дорогах и у водоёмов. Uchinchi — sinfga remont. {A.g+ning} mamasi {B.gs} roditelskiy komitetga "
        "predsedatel bo'ldi, nomeri {PHONE:B}. Sleduyushchee sobranie в конце третьей четверти.",
        A="pupil",
        B="mother:A",
    ),
)

FRAMES: Final = _LATN + _CYRL + _RU + _MIXED

if __name__ == "__main__":
    main()
