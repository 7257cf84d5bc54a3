"""Build the labelled evaluation corpus of teachers' notes (notes.jsonl) and its roster (roster/*.csv).

The notes come from the hand-written frames in `frames.py`, filled with the people of a small made-up
district. Because this script writes every slot itself, it knows the exact character offsets of each
personal-data item, so the spans are right by construction rather than by annotation.

Run `python -m tests.privacy.corpus.build_corpus` to rewrite the files; a fixed seed makes the output
byte-identical on every run, and tests/privacy/test_corpus.py checks that it is.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Final

from privacy.pinfl import make_pinfl
from tests.privacy.corpus import frames
from tests.privacy.corpus import lexicon as lx
from tests.privacy.corpus.lexicon import Word

SEED: Final = 20260314
OUT_DIR: Final = Path(__file__).parent
NOTE_COUNTS: Final = {"uz_latn": 315, "uz_cyrl": 140, "ru": 175, "mixed": 70}
FAMILIES: Final = 176
ROSTER_PUPILS: Final = 150
SCHOOLS: Final = {"S0001": "uz", "S0002": "ru", "S0003": "uz"}
TEACHERS_PER_SCHOOL: Final = 10  # besides the principal and the psychologist
STAFF_LEFT_OUT_PER_SCHOOL: Final = 2  # teachers the notes mention but staff.csv lacks

SCRIPT_INDEX: Final = {"latn": 0, "cyrl": 1, "ru": 2}
LANGUAGE_SCRIPT: Final = {"uz_latn": "latn", "uz_cyrl": "cyrl", "ru": "ru"}
CASES: Final = ("gen", "dat", "acc", "ins", "pre")

# A teacher types one apostrophe throughout a note; "proper" is ʻ after o/g and ʼ elsewhere.
APOSTROPHES: Final = (("'", 40), ("‘", 12), ("’", 12), ("ʻ", 10), ("ʼ", 6), ("`", 8), ("proper", 12))
NAME_FORMS_FOR_ANY: Final = (("full", 30), ("gs", 15), ("fullp", 20), ("sinit", 20), ("init", 15))

TOKEN: Final = re.compile(r"\{([^{}]+)\}|\[(\w+):([^|\[\]]*)\|([^\[\]]*)\]")
ROLE_SLOT: Final = re.compile(r"^(\w+)\.(\w+)(?:\+(\w+)|@(\w+))?$")


@dataclass(frozen=True)
class Person:
    """Someone a note can mention, with the identifiers a note can quote."""

    key: str
    surname: Word  # the male form; a woman's surname adds -a
    given: Word
    father: Word  # the source of the patronymic
    sex: str
    uz_patronymic: bool  # "Akmal o'g'li" rather than "Akmalovich" in Uzbek scripts
    birth: date
    pinfl: str
    phone: str  # operator code and 7 digits
    passport: str
    stir: str
    email: str
    in_roster: bool


@dataclass(frozen=True)
class Address:
    """A home address: a street house (maybe a flat) or a flat in a numbered Tashkent block."""

    block: bool
    street: Word
    mahalla: Word
    district: Word
    city: Word
    house: int
    flat: int | None
    block_no: int


@dataclass(frozen=True)
class Family:
    """A pupil with the relatives notes talk about; the roster knows the pupil and one guardian."""

    pupil_id: str
    school_id: str
    language: str
    grade: int
    letter: int
    pupil: Person
    father: Person
    mother: Person
    grandfather: Person
    grandmother: Person
    uncle: Person
    guardian_is_father: bool
    address: Address
    consent: str

    @property
    def guardian(self) -> Person:
        return self.father if self.guardian_is_father else self.mother

    @property
    def other_parent(self) -> Person:
        return self.mother if self.guardian_is_father else self.father


@dataclass(frozen=True)
class Staff:
    """A school employee as staff.csv lists them."""

    person: Person
    staff_id: str
    school_id: str
    roles: tuple[str, ...]
    subjects: tuple[int, ...]
    mentor_capacity: int


@dataclass(frozen=True)
class World:
    """Everyone the notes can mention."""

    families: tuple[Family, ...]
    staff: tuple[Staff, ...]
    doctors: tuple[Person, ...]
    outsiders: tuple[Person, ...]
    school_days: tuple[date, ...]


@dataclass(frozen=True)
class Cast:
    """The people one note is about."""

    family: Family
    family2: Family
    teacher: Person
    teacher2: Person
    psychologist: Person
    principal: Person
    doctor: Person
    outsider: Person
    author_sex: str

    def person(self, role: str) -> Person:
        """The person a frame's role letter stands for."""
        by_role = {
            "p": self.family.pupil,
            "g": self.family.guardian,
            "o": self.family.other_parent,
            "f": self.family.father,
            "m": self.family.mother,
            "gf": self.family.grandfather,
            "gm": self.family.grandmother,
            "un": self.family.uncle,
            "p2": self.family2.pupil,
            "g2": self.family2.guardian,
            "t": self.teacher,
            "t2": self.teacher2,
            "psy": self.psychologist,
            "dir": self.principal,
            "d": self.doctor,
            "x": self.outsider,
        }
        return by_role[role]


@dataclass(frozen=True)
class Note:
    """A rendered note; `mentioned` is kept to measure how much of the notes the roster covers."""

    text: str
    spans: tuple[tuple[int, int, str], ...]
    language: str
    mentioned: tuple[Person, ...]


def weighted(rnd: random.Random, options: tuple[tuple[Any, int], ...]) -> Any:
    """One option drawn by weight; a helper because the corpus draws styles this way everywhere."""
    values = [value for value, _ in options]
    return rnd.choices(values, weights=[weight for _, weight in options])[0]


class Issuer:
    """Hands out identifiers unique across the corpus, so that one value always names one person."""

    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.used: set[str] = set()

    def _unique(self, draw: Callable[[], str]) -> str:
        while True:
            value = draw()
            if value not in self.used:
                self.used.add(value)
                return value

    def digits(self, count: int) -> str:
        return "".join(str(self.rnd.randint(0, 9)) for _ in range(count))

    def pinfl(self, birth: date, sex: str) -> str:
        rnd = self.rnd
        return self._unique(lambda: make_pinfl(birth, sex, rnd.randint(1, 999), rnd.randint(1, 999)))

    def phone(self) -> str:
        """Mobile numbers mostly; about one in twelve is a Tashkent landline (71)."""
        landline = self.rnd.random() < 0.08
        operator = lx.TASHKENT_LANDLINE if landline else self.rnd.choice(lx.PHONE_OPERATORS)
        return self._unique(lambda: operator + str(self.rnd.randint(1, 9)) + self.digits(6))

    def passport(self) -> str:
        return self._unique(lambda: self.rnd.choice(lx.PASSPORT_SERIES) + self.digits(7))

    def stir(self) -> str:
        return self._unique(lambda: str(self.rnd.randint(2, 6)) + self.digits(8))


def ascii_latin(word: str) -> str:
    """A Latin name as people type it into an e-mail address: no apostrophes, lower case."""
    return word.replace("'", "").lower()


def make_email(rnd: random.Random, given: str, surname: str, birth: date) -> str:
    """A personal address in one of the shapes Uzbek parents and pupils use."""
    g, s, yy = ascii_latin(given), ascii_latin(surname), f"{birth.year % 100:02d}"
    local = rnd.choice(
        (f"{g}.{s}", f"{s}.{g}", f"{g[0]}_{s}{yy}", f"{g}{yy}", f"{s}{g[0]}{rnd.randint(1, 99)}", f"{g}_{s}")
    )
    return f"{local}@{weighted(rnd, lx.EMAIL_DOMAINS)}"


def female_form(surname: str, script: str) -> str:
    """Karimov → Karimova: every surname of the lexicon takes -a for a woman."""
    return surname + ("a" if script == "latn" else "а")


def make_person(
    issuer: Issuer,
    key: str,
    sex: str,
    birth: date,
    surname: Word | None = None,
    given: Word | None = None,
    father: Word | None = None,
    uz_patronymic: bool | None = None,
    in_roster: bool = False,
) -> Person:
    """A person with fresh identifiers; unspecified name parts are drawn from the lexicon."""
    rnd = issuer.rnd
    surname = surname or rnd.choice(lx.SURNAMES)
    given = given or rnd.choice(lx.MALE_NAMES if sex == "M" else lx.FEMALE_NAMES)
    father = father or name_other_than(rnd, "M", given)
    latin_surname = surname[0] if sex == "M" else female_form(surname[0], "latn")
    return Person(
        key=key,
        surname=surname,
        given=given,
        father=father,
        sex=sex,
        uz_patronymic=rnd.random() < 0.65 if uz_patronymic is None else uz_patronymic,
        birth=birth,
        pinfl=issuer.pinfl(birth, sex),
        phone=issuer.phone(),
        passport=issuer.passport(),
        stir=issuer.stir(),
        email=make_email(rnd, given[0], latin_surname, birth),
        in_roster=in_roster,
    )


def random_birth(rnd: random.Random, first: date, days: int) -> date:
    """A birth date in a window, so that ages fit the role (a pupil's grade, a parent's generation)."""
    return first + timedelta(days=rnd.randrange(days))


def new_address(rnd: random.Random) -> Address:
    """About a third of families live in a Tashkent block of flats, the rest in a street house."""
    block = rnd.random() < 0.35
    street_flat = rnd.randint(1, 60) if rnd.random() < 0.4 else None
    return Address(
        block=block,
        street=rnd.choice(lx.STREETS),
        mahalla=rnd.choice(lx.MAHALLAS),
        district=rnd.choice(lx.BLOCK_DISTRICTS),
        city=lx.CITIES[0] if block or rnd.random() < 0.4 else rnd.choice(lx.CITIES),
        house=rnd.randint(1, 60) if block else rnd.randint(1, 150),
        flat=rnd.randint(1, 80) if block else street_flat,
        block_no=rnd.randint(1, 19),
    )


def make_family(issuer: Issuer, index: int, in_roster: bool) -> Family:
    """A pupil (grade 2-11 in 2025/26), both parents, paternal grandparents and an uncle."""
    rnd = issuer.rnd
    language = "ru" if rnd.random() < 0.3 else "uz"
    school_id = "S0002" if language == "ru" else rnd.choice(("S0001", "S0003"))
    grade = rnd.randint(2, 11)
    surname = lx.SURNAMES[index % len(lx.SURNAMES)]  # every surname of the lexicon has a family
    uz_style = language == "uz" and rnd.random() < 0.65
    pupil_birth = random_birth(rnd, date(2019 - grade, 9, 1), 365)
    father_birth = random_birth(rnd, date(pupil_birth.year - 40, 1, 1), 365 * 15)
    mother_birth = random_birth(rnd, date(pupil_birth.year - 36, 1, 1), 365 * 14)
    grand_birth = random_birth(rnd, date(father_birth.year - 32, 1, 1), 365 * 8)
    key = f"F{index:03d}"
    grandfather = make_person(issuer, key + "gf", "M", grand_birth, surname, uz_patronymic=uz_style)
    father_given = name_other_than(rnd, "M", grandfather.given)
    father = make_person(
        issuer, key + "f", "M", father_birth, surname, father_given, grandfather.given, uz_style
    )
    mother_surname = surname if rnd.random() < 0.7 else None
    mother = make_person(issuer, key + "m", "F", mother_birth, mother_surname, uz_patronymic=uz_style)
    sex = rnd.choice("MF")
    pupil_given = name_other_than(rnd, sex, father.given)
    pupil = make_person(issuer, key + "p", sex, pupil_birth, surname, pupil_given, father.given, uz_style)
    guardian_is_father = rnd.random() < 0.6
    uncle_birth = random_birth(rnd, date(father_birth.year - 6, 1, 1), 365 * 12)
    grandmother_birth = random_birth(rnd, date(grand_birth.year + 1, 1, 1), 365 * 6)
    return Family(
        pupil_id=f"P{index + 1:07d}",
        school_id=school_id,
        language=language,
        grade=grade,
        letter=rnd.randrange(len(lx.CLASS_LETTERS)),
        pupil=_with_roster(pupil, in_roster),
        father=_with_roster(father, in_roster and guardian_is_father),
        mother=_with_roster(mother, in_roster and not guardian_is_father),
        grandfather=grandfather,
        grandmother=make_person(issuer, key + "gm", "F", grandmother_birth, surname, uz_patronymic=uz_style),
        uncle=make_person(
            issuer,
            key + "un",
            "M",
            uncle_birth,
            surname,
            name_other_than(rnd, "M", father.given),
            grandfather.given,
            uz_style,
        ),
        guardian_is_father=guardian_is_father,
        address=new_address(rnd),
        consent="revoked" if rnd.random() < 0.03 else "granted",
    )


def name_other_than(rnd: random.Random, sex: str, taken: Word) -> Word:
    """A given name unlike `taken`: a son is rarely named after his father, brothers never alike."""
    names = [name for name in (lx.MALE_NAMES if sex == "M" else lx.FEMALE_NAMES) if name != taken]
    return rnd.choice(names)


def _with_roster(person: Person, in_roster: bool) -> Person:
    return replace(person, in_roster=in_roster)


def make_staff(issuer: Issuer) -> tuple[Staff, ...]:
    """Each school: a principal, a psychologist and ten teachers, two of whom staff.csv leaves out."""
    rnd = issuer.rnd
    staff: list[Staff] = []
    for school_id in SCHOOLS:
        roles = [("principal",), ("psychologist",)]
        roles += [("class_teacher", "subject_teacher")] * 6 + [("subject_teacher", "mentor")] * 2
        roles += [("subject_teacher",)] * (TEACHERS_PER_SCHOOL - 8)
        left_out = set(rnd.sample(range(2, len(roles)), STAFF_LEFT_OUT_PER_SCHOOL))
        for position, role in enumerate(roles):
            number = len(staff) + 1
            sex = "F" if rnd.random() < 0.7 else "M"
            birth = random_birth(rnd, date(1965, 1, 1), 365 * 33)
            uz_style = SCHOOLS[school_id] == "uz" and rnd.random() < 0.65
            person = make_person(
                issuer,
                f"T{number:06d}",
                sex,
                birth,
                uz_patronymic=uz_style,
                in_roster=position not in left_out,
            )
            subjects = () if role[0] in ("principal", "psychologist") else _teacher_subjects(rnd)
            capacity = rnd.randint(3, 8) if "mentor" in role else 0
            staff.append(Staff(person, f"T{number:06d}", school_id, role, subjects, capacity))
    return tuple(staff)


def _teacher_subjects(rnd: random.Random) -> tuple[int, ...]:
    """One or two subjects; mathematics teachers usually also teach algebra and geometry."""
    first = rnd.randrange(len(lx.SUBJECTS))
    if first == 0:
        return (0, 1, 2)
    return (first,) if rnd.random() < 0.7 else (first, rnd.randrange(len(lx.SUBJECTS)))


def school_days() -> tuple[date, ...]:
    """Monday to Saturday from 2 September 2025 to 23 May 2026 (holidays are not worth modelling)."""
    day, last, days = date(2025, 9, 2), date(2026, 5, 23), []
    while day <= last:
        if day.weekday() != 6:
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def make_world(rnd: random.Random) -> World:
    """The made-up district: 176 families (150 in the roster), 36 staff, doctors and outsiders."""
    issuer = Issuer(rnd)
    in_roster = set(rnd.sample(range(FAMILIES), ROSTER_PUPILS))
    families = tuple(make_family(issuer, i, i in in_roster) for i in range(FAMILIES))
    staff = make_staff(issuer)
    doctors = tuple(
        make_person(issuer, f"D{i:02d}", rnd.choice("MF"), random_birth(rnd, date(1960, 1, 1), 365 * 35))
        for i in range(10)
    )
    outsiders = tuple(
        make_person(issuer, f"X{i:02d}", rnd.choice("MMF"), random_birth(rnd, date(1958, 1, 1), 365 * 40))
        for i in range(16)
    )
    return World(families, staff, doctors, outsiders, school_days())


# --- names ------------------------------------------------------------------------------------------


def russian_patronymic(father: str, sex: str, script: str) -> str:
    """Akmal → Akmalovich / Акмаловна; a father's name ending in a vowel takes -yevich / -евич."""
    vowel_end = father[-1].lower() in "aeiouаеиоуэюяё"
    if script == "latn":
        suffix = ("yev" if vowel_end else "ov") + ("ich" if sex == "M" else "na")
    else:
        suffix = ("ев" if vowel_end else "ов") + ("ич" if sex == "M" else "на")
    return father + suffix


def patronymic_parts(person: Person, script: str, uzbek_style: bool) -> list[tuple[str, str]]:
    """The patronymic as (token, kind) pairs: Uzbek style is two tokens, Russian style one."""
    father = person.father[SCRIPT_INDEX[script]]
    if script != "ru" and uzbek_style:
        words = {"latn": ("o'g'li", "qizi"), "cyrl": ("ўғли", "қизи")}[script]
        return [(father, "uz_patronymic"), (words[0] if person.sex == "M" else words[1], "uz_patronymic")]
    return [(russian_patronymic(father, person.sex, script), "patronymic")]


def initial(word: str, script: str) -> str:
    """The initial as Uzbeks write it: Sh., Ch., O'., G'. keep their digraph in Latin."""
    if script == "latn" and (word[:2] in ("Sh", "Ch") or word[1:2] == "'"):
        return word[:2] + "."
    return word[0] + "."


def name_parts(person: Person, form: str, script: str) -> list[tuple[str, str]]:
    """The tokens of one way of writing a name, each tagged with its kind for Russian declension."""
    i = SCRIPT_INDEX[script]
    surname = person.surname[i] if person.sex == "M" else female_form(person.surname[i], script)
    given = (person.given[i], "given")
    sur = (surname, "surname")
    if form == "given":
        return [given]
    if form == "sur":
        return [sur]
    if form == "full":
        return [sur, given]
    if form == "gs":
        return [given, sur]
    if form == "fullp":
        return [sur, given, *patronymic_parts(person, script, person.uz_patronymic)]
    if form == "gp":
        return [given, *patronymic_parts(person, script, person.uz_patronymic)]
    if form == "gpr":
        return [given, *patronymic_parts(person, script, uzbek_style=False)]
    if form == "init":
        return [(initial(person.given[i], script), "initial"), sur]
    if form == "sinit":
        return [sur, (initial(person.given[i], script) + initial(person.father[i], script), "initial")]
    if form == "sinit1":
        return [sur, (initial(person.given[i], script), "initial")]
    raise ValueError(f"unknown name form {form!r}")


def russian_case(word: str, kind: str, sex: str, case: str) -> str:
    """A Russian name token in an oblique case (Каримов → Каримову, Дильноза → Дильнозы)."""
    if kind == "initial":
        return word
    if kind == "surname":
        if sex == "M":
            return word + {"gen": "а", "acc": "а", "dat": "у", "ins": "ым", "pre": "е"}[case]
        return word[:-1] + {"gen": "ой", "dat": "ой", "ins": "ой", "pre": "ой", "acc": "у"}[case]
    if kind == "patronymic":
        if sex == "M":
            return word + {"gen": "а", "acc": "а", "dat": "у", "ins": "ем", "pre": "е"}[case]
        return word[:-1] + {"gen": "ы", "dat": "е", "acc": "у", "ins": "ой", "pre": "е"}[case]
    return _russian_given_case(word, sex, case)


def _russian_given_case(word: str, sex: str, case: str) -> str:
    """Given names: -а and -ия decline; a woman's name ending otherwise (Нилуфар, Барно) does not."""
    if word.endswith("ия"):
        return word[:-1] + {"gen": "и", "dat": "и", "acc": "ю", "ins": "ей", "pre": "и"}[case]
    if word.endswith("а"):
        stem = word[:-1]
        genitive = "и" if stem[-1] in "гкхжшщч" else "ы"
        instrumental = "ей" if stem[-1] in "жшщчц" else "ой"
        return stem + {"gen": genitive, "dat": "е", "acc": "у", "ins": instrumental, "pre": "е"}[case]
    if sex == "F" or word[-1] in "аеиоуыэюя":
        return word
    instrumental = "ем" if word[-1] in "жшщчц" else "ом"
    return word + {"gen": "а", "acc": "а", "dat": "у", "ins": instrumental, "pre": "е"}[case]


def glue_suffix(name: str, suffix: str) -> str:
    """Uzbek dative assimilates after k and q: Ulug'bekka, Тўлқинга stays -га only after other letters."""
    if suffix in ("ga", "га"):
        last = name[-1]
        if last in "kк":
            return "ka" if suffix == "ga" else "ка"
        if last in "qқ":
            return "qa" if suffix == "ga" else "қа"
    return suffix


def render_name(person: Person, form: str, script: str, case: str | None) -> str:
    """The name as it stands in the note; each token is declined on its own in Russian."""
    parts = name_parts(person, form, script)
    if case is not None:
        parts = [(russian_case(token, kind, person.sex, case), kind) for token, kind in parts]
    return " ".join(token for token, _ in parts)


# --- identifiers and addresses ----------------------------------------------------------------------

PHONE_STYLES: Final = (
    "+998 {op} {a}-{b}-{c}", "+998{op}{a}{b}{c}", "998 ({op}) {a} {b} {c}", "{op} {a}{b}{c}",
    "({op}) {a} {b} {c}", "{op}-{a}-{b}-{c}", "8 {op} {a} {b} {c}", "+998({op}){a}{b}{c}",
    "+998 {op} {a} {b} {c}", "{op} {a} {b} {c}", "+998-{op}-{a}-{b}-{c}", "8 ({op}) {a}-{b}-{c}",
    "{op}{a}{b}{c}", "998{op}{a}{b}{c}", "+998 ({op}) {a}-{b}-{c}",
)  # fmt: skip


def format_phone(digits: str, rnd: random.Random) -> str:
    """One of the many ways Uzbek numbers are written; the span is the whole number."""
    style = rnd.choice(PHONE_STYLES)
    return style.format(op=digits[:2], a=digits[2:5], b=digits[5:7], c=digits[7:])


def format_passport(passport: str, rnd: random.Random) -> str:
    """AA1234567, or with a space after the series as some people type it (AB 1234567)."""
    return passport[:2] + " " + passport[2:] if rnd.random() < 0.25 else passport


ADDRESS_PATTERNS: Final = {
    ("latn", False): (
        "{street} ko'chasi {h}-uy",
        "{street} ko'chasi, {h}-uy, {f}-xonadon",
        "{mahalla} mahallasi, {street} ko'chasi, {h}-uy",
        "{mahalla} MFY, {street} ko'chasi {h}-uy",
        "{city} shahri, {street} ko'chasi, {h}-uy",
        "{street} ko'chasi {h}/{f}",
        "{mahalla} mahallasi, {street} ko'chasi, {h}-uy, {f}-xonadon",
    ),
    ("latn", True): (
        "{district} tumani {b}-kvartal {h}-uy {f}-xonadon",
        "{district} {b}-mavze, {h}-uy",
        "{district} {b}-mavze, {h}-uy, {f}-xonadon",
        "{district} {b}-kvartal, {h}-uy, {f}-xonadon",
    ),
    ("cyrl", False): (
        "{street} кўчаси {h}-уй",
        "{street} кўчаси, {h}-уй, {f}-хонадон",
        "{mahalla} маҳалласи, {street} кўчаси, {h}-уй",
        "{mahalla} МФЙ, {street} кўчаси {h}-уй",
        "{city} шаҳри, {street} кўчаси, {h}-уй",
    ),
    ("cyrl", True): (
        "{district} тумани {b}-мавзе {h}-уй {f}-хонадон",
        "{district} {b}-мавзе, {h}-уй",
        "{district} тумани, {b}-квартал, {h}-уй, {f}-хонадон",
    ),
    ("ru", False): (
        "ул. {street}, дом {h}, кв. {f}",
        "улица {street} {h}, кв. {f}",
        "ул. {street}, д. {h}",
        "махалля {mahalla}, ул. {street}, {h}",
        "г. {city}, ул. {street}, д. {h}",
        "ул. {street} {h}/{f}",
    ),
    ("ru", True): (
        "{district}, квартал {b}, дом {h}, кв. {f}",
        "массив {district}-{b}, д. {h}, кв. {f}",
        "{district}-{b}, дом {h}, кв. {f}",
    ),
}

ROSTER_ADDRESS: Final = {
    ("uz", False): "{city} shahri, {mahalla} mahallasi, {street} ko'chasi, {h}-uy",
    ("uz", True): "{city} shahri, {district} tumani, {b}-kvartal, {h}-uy, {f}-xonadon",
    ("ru", False): "г. {city}, ул. {street}, д. {h}",
    ("ru", True): "г. {city}, {district}, квартал {b}, д. {h}, кв. {f}",
}


def fill_address(pattern: str, address: Address, script: str) -> str:
    """One address pattern filled in one script; the whole result is one ADDRESS span."""
    i = SCRIPT_INDEX[script]
    return pattern.format(
        street=address.street[i],
        mahalla=address.mahalla[i],
        district=address.district[i],
        city=address.city[i],
        h=address.house,
        f=address.flat,
        b=address.block_no,
    )


def format_address(address: Address, script: str, rnd: random.Random) -> str:
    """A note's rendering of an address: any pattern of its kind that the address can fill."""
    patterns = ADDRESS_PATTERNS[(script, address.block)]
    if address.flat is None:
        patterns = tuple(p for p in patterns if "{f}" not in p)
    return fill_address(rnd.choice(patterns), address, script)


def roster_address(family: Family) -> str:
    """The roster's one canonical address: Uzbek Latin for Uzbek families, Russian for Russian ones."""
    pattern = ROSTER_ADDRESS[(family.language, family.address.block)]
    if family.address.flat is not None and not family.address.block:
        pattern += ", {f}-xonadon" if family.language == "uz" else ", кв. {f}"
    return fill_address(pattern, family.address, "latn" if family.language == "uz" else "ru")


# --- unlabelled hard negatives ----------------------------------------------------------------------


def format_date(day: date, script: str, rnd: random.Random) -> str:
    style = rnd.randrange(4)
    if style == 0:
        return f"{day:%d.%m.%Y}"
    if style == 1:
        return day.isoformat()
    if style == 2:
        return f"{day:%d.%m}"
    month = day.month - 1
    if script == "ru":
        return f"{day.day} {lx.MONTHS_RU_GENITIVE[month]}"
    return f"{day.day}-{(lx.MONTHS_LATN if script == 'latn' else lx.MONTHS_CYRL)[month]}"


def class_label(family: Family, script: str, rnd: random.Random) -> str:
    """7-B, 7-Б or 7 «Б»: a class name is a hard negative that looks like an identifier."""
    letter = lx.CLASS_LETTERS[family.letter][SCRIPT_INDEX[script]]
    if script == "ru" and rnd.random() < 0.3:
        return f"{family.grade} «{letter}»"
    return f"{family.grade}-{letter}"


def subject(index: int, script: str, dative: bool = False) -> str:
    """A subject's name; Russian frames write "по математике", so they need the dative too."""
    latin, cyrillic, russian, russian_dative = lx.SUBJECTS[index]
    if script == "ru":
        return russian_dative if dative else russian
    return latin if script == "latn" else cyrillic


def plain_value(name: str, script: str, cast: Cast, world: World, rnd: random.Random) -> str:
    """The value of a slot that is deliberately not personal data."""
    if name in ("subj", "subj2", "subj_dat"):
        return subject(rnd.randrange(len(lx.SUBJECTS)), script, dative=name == "subj_dat")
    values = {
        "class": lambda: class_label(cast.family, script, rnd),
        "low": lambda: rnd.choice("2223"),
        "high": lambda: rnd.choice("45"),
        "school": lambda: str(rnd.randint(1, 320)),
        "school2": lambda: str(rnd.randint(1, 320)),
        "time": lambda: rnd.choice(("8:30", "09:00", "10:15", "13:30", "14:00", "15:00", "16:30", "17:00")),
        "room": lambda: str(rnd.randint(101, 315)),
        "score": lambda: str(rnd.randint(38, 97)),
        "pct": lambda: str(rnd.randint(62, 98)),
        "q": lambda: str(rnd.randint(1, 4)),
        "qr": lambda: rnd.choice(("I", "II", "III", "IV")),
        "n": lambda: str(rnd.randint(2, 4)),
        "nn": lambda: str(rnd.choice((10, 15, 20, 25, 30, 40))),
        "record": lambda: f"{rnd.choice(world.school_days):%Y%m%d}{rnd.randint(1, 9999):04d}",
        "order": lambda: str(rnd.randint(12, 987)),
        "city": lambda: rnd.choice(lx.CITIES)[SCRIPT_INDEX[script]],
        "region": lambda: rnd.choice(lx.REGIONS)[0 if script == "latn" else 1],
        "district": lambda: rnd.choice(lx.DISTRICTS)[SCRIPT_INDEX[script]],
    }
    return values[name]()


def school_email(rnd: random.Random) -> str:
    """An institution's address: not a person's, but an e-mail address all the same, so labelled."""
    number = rnd.randint(1, 320)
    return rnd.choice((f"info@maktab{number}.uz", f"maktab{number}@umail.uz", f"school{number}@mail.ru"))


# --- rendering a frame ------------------------------------------------------------------------------


class NoteWriter:
    """Renders one frame for one cast, recording the span of every personal-data slot it fills."""

    def __init__(self, script: str, cast: Cast, world: World, rnd: random.Random) -> None:
        self.script, self.cast, self.world, self.rnd = script, cast, world, rnd
        self.text = ""
        self.spans: list[tuple[int, int, str]] = []
        self.cache: dict[str, str] = {}
        self.mentioned: list[Person] = []
        self.first_day: int | None = None

    def emit(self, value: str, entity: str | None = None, labelled_length: int | None = None) -> None:
        """Append text; a labelled value records its span (the first `labelled_length` characters)."""
        if entity is not None:
            start = len(self.text)
            self.spans.append((start, start + (labelled_length or len(value)), entity))
        self.text += value

    def render(self, frame: str) -> None:
        """Copy the frame, replacing each slot and each [role:male|female] choice."""
        position = 0
        for match in TOKEN.finditer(frame):
            self.emit(frame[position : match.start()])
            if match.group(1) is not None:
                self.slot(match.group(1))
            else:
                sex = self.cast.author_sex if match.group(2) == "a" else self.cast.person(match.group(2)).sex
                self.emit(match.group(3) if sex == "M" else match.group(4))
            position = match.end()
        self.emit(frame[position:])

    def slot(self, slot: str) -> None:
        """Fill one {slot}: a person's name or data, an address, or an unlabelled value."""
        role_slot = ROLE_SLOT.match(slot)
        if role_slot is not None:
            self.person_slot(*role_slot.groups())
        elif slot in ("addr", "addr2"):
            self.emit(self.cached(slot, self.address_value), "ADDRESS")
        elif slot in ("date", "date2"):
            self.emit(self.cached(slot, self.date_value))
        elif slot == "schoolmail":
            self.emit(self.cached(slot, lambda _: school_email(self.rnd)), "EMAIL_ADDRESS")
        else:
            value = self.cached(slot, self.plain)
            self.emit(self.subject_case(value) if slot in ("subj", "subj2") else value)

    def plain(self, slot: str) -> str:
        """An unlabelled slot: marks, classes, rooms and other hard negatives."""
        return plain_value(slot, self.script, self.cast, self.world, self.rnd)

    def subject_case(self, value: str) -> str:
        """Mid-sentence, Uzbek teachers write "matematika" as often as the e-diary's "Matematika"."""
        sentence_start = self.text == "" or self.text.endswith((". ", ": ", "— "))
        if self.script == "ru" or sentence_start or self.rnd.random() < 0.5:
            return value
        return value[0].lower() + value[1:]

    def cached(self, key: str, make: Callable[[str], str]) -> str:
        """A slot repeated in one frame repeats its value (the same date, the same phone number)."""
        if key not in self.cache:
            self.cache[key] = make(key)
        return self.cache[key]

    def date_value(self, slot: str) -> str:
        """`date2` falls a few days after `date`: a retake follows its test."""
        days = self.world.school_days
        if slot == "date2" and self.first_day is not None:
            index = min(self.first_day + self.rnd.randint(2, 12), len(days) - 1)
        else:
            index = self.rnd.randrange(len(days) - 12)
            self.first_day = index if slot == "date" else self.first_day
        return format_date(days[index], self.script, self.rnd)

    def address_value(self, slot: str) -> str:
        address = self.cast.family.address if slot == "addr" else new_address(self.rnd)
        return format_address(address, self.script, self.rnd)

    def person_slot(self, role: str, attribute: str, suffix: str | None, case: str | None) -> None:
        """A name (span on the name, not on a glued suffix) or one of the person's identifiers."""
        person = self.cast.person(role)
        identifiers = {
            "pinfl": ("UZ_PINFL", lambda _: person.pinfl),
            "phone": ("UZ_PHONE", lambda _: format_phone(person.phone, self.rnd)),
            "passport": ("UZ_PASSPORT", lambda _: format_passport(person.passport, self.rnd)),
            "stir": ("UZ_STIR", lambda _: person.stir),
            "email": ("EMAIL_ADDRESS", lambda _: person.email),
        }
        if attribute in identifiers:
            entity, make = identifiers[attribute]
            self.emit(self.cached(f"{role}.{attribute}", make), entity)
            return
        if case is not None and case not in CASES:
            raise ValueError(f"unknown Russian case {case!r}")
        form = weighted(self.rnd, NAME_FORMS_FOR_ANY) if attribute == "any" else attribute
        if form == "sinit" and self.rnd.random() < 0.3:
            form = "sinit1"  # Karimov A. rather than Karimov A.A.
        if form == "gp" and self.rnd.random() < 0.7:
            form = "gpr"  # "Dilnoza Rustamovna" is how teachers and parents are addressed, even in Uzbek
        name = render_name(person, form, self.script, case)
        self.mentioned.append(person)
        self.emit(name + (glue_suffix(name, suffix) if suffix else ""), "PERSON", len(name))


def apply_apostrophe(text: str, style: str) -> str:
    """Swap the ASCII apostrophe for the note's variant; one character for one, so spans stay put."""
    if style == "proper":
        return re.sub(r"(?<=[oOgG])'", "ʻ", text).replace("'", "ʼ")
    return text.replace("'", style)


# --- choosing who a note is about -------------------------------------------------------------------


def pick_cast(frame: str, language: str, world: World, usage: Counter[str], rnd: random.Random) -> Cast:
    """Russian notes are about Russian-class pupils, Uzbek ones about Uzbek-class pupils; only pupils
    old enough for an ID card (grade 10-11) have their own passport quoted. The pupil is one of those
    a language's notes have mentioned least, so every family (and every surname) turns up in each script.
    """
    group = {"uz_latn": "uz", "uz_cyrl": "uz", "ru": "ru"}.get(language)
    pool = [f for f in world.families if group is None or f.language == group]
    candidates = [f for f in pool if f.grade >= 10] if "{p.passport" in frame else pool
    fewest = min(usage[f.pupil_id] for f in candidates)
    family = rnd.choice([f for f in candidates if usage[f.pupil_id] == fewest])
    usage[family.pupil_id] += 1
    family2 = rnd.choice([f for f in pool if f is not family])
    school_staff = [s for s in world.staff if s.school_id == family.school_id]
    teachers = [s.person for s in school_staff if s.subjects]
    teacher, teacher2 = rnd.sample(teachers, 2)
    return Cast(
        family=family,
        family2=family2,
        teacher=teacher,
        teacher2=teacher2,
        psychologist=next(s.person for s in school_staff if "psychologist" in s.roles),
        principal=next(s.person for s in school_staff if "principal" in s.roles),
        doctor=rnd.choice(world.doctors),
        outsider=rnd.choice(world.outsiders),
        author_sex="F" if rnd.random() < 0.75 else "M",
    )


def render_note(
    frame: str, language: str, script: str, world: World, usage: Counter[str], rnd: random.Random
) -> Note:
    """One frame filled for a freshly chosen cast, in the note's apostrophe style."""
    writer = NoteWriter(script, pick_cast(frame, language, world, usage, rnd), world, rnd)
    writer.render(frame)
    text = apply_apostrophe(writer.text, weighted(rnd, APOSTROPHES)) if "'" in writer.text else writer.text
    return Note(text, tuple(sorted(writer.spans)), language, tuple(writer.mentioned))


def frames_by_language() -> dict[str, list[tuple[str, str]]]:
    """(script of the names, frame) for each language label."""
    return {
        "uz_latn": [("latn", f) for f in frames.UZ_LATN],
        "uz_cyrl": [("cyrl", f) for f in frames.UZ_CYRL],
        "ru": [("ru", f) for f in frames.RU],
        "mixed": [("latn", f) for f in frames.MIXED_LATN] + [("ru", f) for f in frames.MIXED_RU],
    }


def make_notes(world: World, rnd: random.Random) -> list[Note]:
    """Each language's frames in turn until its share is reached, every note distinct, then shuffled."""
    notes: list[Note] = []
    seen: set[str] = set()
    for language, pairs in frames_by_language().items():
        usage: Counter[str] = Counter()
        for index in range(NOTE_COUNTS[language]):
            script, frame = pairs[index % len(pairs)]
            note = render_note(frame, language, script, world, usage, rnd)
            while note.text in seen:
                note = render_note(frame, language, script, world, usage, rnd)
            seen.add(note.text)
            notes.append(note)
    rnd.shuffle(notes)
    return notes


# --- writing ----------------------------------------------------------------------------------------


def note_line(note: Note) -> str:
    """One JSON line, keys in a fixed order and non-ASCII kept, so rebuilds compare byte for byte."""
    spans = [{"start": start, "end": end, "entity_type": entity} for start, end, entity in note.spans]
    return json.dumps({"text": note.text, "spans": spans, "language": note.language}, ensure_ascii=False)


def roster_name(person: Person) -> str:
    """The bundle's spelling of a name: "Surname Given Patronymic" in Latin."""
    return " ".join(token for token, _ in name_parts(person, "fullp", "latn"))


def pupil_rows(world: World) -> list[list[str]]:
    """pupils.csv: only the families chosen for the roster, so some pupils in the notes are unknown."""
    rows = []
    for family in world.families:
        if not family.pupil.in_roster:
            continue
        letter = lx.CLASS_LETTERS[family.letter][0]
        rows.append(
            [
                family.pupil_id,
                family.pupil.pinfl,
                roster_name(family.pupil),
                family.pupil.birth.isoformat(),
                family.pupil.sex,
                f"{family.school_id}-{family.grade}{letter}",
                family.language,
                roster_name(family.guardian),
                "+998" + family.guardian.phone,
                roster_address(family),
                family.consent,
            ]
        )
    return rows


def staff_rows(world: World) -> list[list[str]]:
    """staff.csv: all staff but the few left out on purpose."""
    rows = []
    for member in world.staff:
        if not member.person.in_roster:
            continue
        subjects = ";".join(lx.SUBJECTS[i][0] for i in member.subjects)
        capacity = str(member.mentor_capacity) if member.mentor_capacity else ""
        rows.append(
            [
                member.staff_id,
                roster_name(member.person),
                member.school_id,
                ";".join(member.roles),
                subjects,
                capacity,
            ]
        )
    return rows


PUPIL_HEADER: Final = (
    "pupil_id", "pinfl", "full_name", "birth_date", "sex", "class_id", "language", "guardian_name",
    "guardian_phone", "address", "consent",
)  # fmt: skip
STAFF_HEADER: Final = ("staff_id", "full_name", "school_id", "roles", "subjects", "mentor_capacity")


def write_csv(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    """UTF-8 with \\n line ends whatever the platform, so the files are reproducible byte for byte."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def summary(notes: list[Note]) -> dict[str, Any]:
    """Counts the README quotes, and how much of who the notes mention the roster knows."""
    entities = Counter(entity for note in notes for _, _, entity in note.spans)
    mentions = [person for note in notes for person in note.mentioned]
    people = {person.key: person for person in mentions}
    return {
        "notes": len(notes),
        "languages": dict(Counter(note.language for note in notes)),
        "entities": dict(sorted(entities.items())),
        "notes_without_personal_data": sum(1 for note in notes if not note.spans),
        "person_mentions_in_roster": round(sum(p.in_roster for p in mentions) / len(mentions), 3),
        "people_mentioned": len(people),
        "people_in_roster": round(sum(p.in_roster for p in people.values()) / len(people), 3),
    }


def build(out_dir: Path) -> dict[str, Any]:
    """Write notes.jsonl and roster/{pupils,staff}.csv under `out_dir`; return the summary counts."""
    rnd = random.Random(SEED)
    world = make_world(rnd)
    notes = make_notes(world, rnd)
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = "".join(note_line(note) + "\n" for note in notes)
    (out_dir / "notes.jsonl").write_text(lines, encoding="utf-8", newline="\n")
    write_csv(out_dir / "roster" / "pupils.csv", PUPIL_HEADER, pupil_rows(world))
    write_csv(out_dir / "roster" / "staff.csv", STAFF_HEADER, staff_rows(world))
    return summary(notes)


if __name__ == "__main__":
    print(json.dumps(build(OUT_DIR), ensure_ascii=False, indent=2))
