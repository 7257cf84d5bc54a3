"""The pupils of one school as the roster (pupils.csv) knows them: names, PINFL, guardian, contacts.

Numbers are drawn with numpy in bulk; the per-pupil loop only composes strings. Besides the rows, the roster
keeps what teachers' notes later quote (given name, guardian, phone, address, PINFL) so that the personal
data leaking into free text is the same as the roster's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from privacy.pinfl import make_pinfl
from service.bundle import REGIONS
from service.synthetic.calendar_arrays import epoch_day, from_epoch_day
from service.synthetic.classes import SchoolClasses
from service.synthetic.contacts import random_address, random_phone
from service.synthetic.district import SchoolPlan
from service.synthetic.names import (
    PersonName,
    Script,
    as_russian_style,
    random_person,
    roster_apostrophe,
    surname_for,
    write_name,
)

AREAS_PER_REGION = 70


@dataclass(frozen=True)
class Pupils:
    """Roster columns (lists, in pupils.csv order) plus the Latin name parts notes inflect."""

    ids: list[str]
    pinfl: list[str]
    full_name: list[str]
    birth_date: list[date]
    sex: list[str]
    class_idx: np.ndarray
    language: list[str]
    guardian_name: list[str]
    guardian_sex: list[str]
    guardian_phone: list[str]
    address: list[str]
    consent: list[str]
    names: list[PersonName]
    script: list[Script]

    def __len__(self) -> int:
        return len(self.ids)


def _script(rnd: random.Random, school_language: str) -> Script:
    """Russian-language schools write names in Cyrillic; elsewhere about one pupil in ten is Cyrillic."""
    draw = rnd.random()
    if school_language == "ru":
        return "ru_cyrl" if draw < 0.7 else ("uz_cyrl" if draw < 0.85 else "latin")
    return "latin" if draw < 0.9 else ("uz_cyrl" if draw < 0.97 else "ru_cyrl")


def _guardian(rnd: random.Random, name: PersonName, family: str) -> tuple[PersonName, str]:
    """The father (same surname, his name is the patronymic's source) or the mother, with their sex."""
    if rnd.random() < 0.6:
        grandfather = random_person(rnd, "M", surname=family)
        patronymic = grandfather.patronymic if rnd.random() < 0.3 else ""
        return PersonName(family, name.father, grandfather.father, patronymic), "M"
    mother = random_person(rnd, "F", surname=family if rnd.random() < 0.75 else None)
    return PersonName(mother.surname, mother.given, mother.father, ""), "F"


def _birth_dates(rng: np.random.Generator, grades: np.ndarray, last_year: int) -> np.ndarray:
    """Grade g in year Y: born September Y-7-g to August Y-6-g; a few pupils are a year older."""
    starts = np.array([epoch_day(date(last_year - 7 - g, 9, 1)) for g in range(12)])
    born: np.ndarray = starts[grades] + rng.integers(0, 365, len(grades))
    born -= 365 * (rng.random(len(grades)) < 0.04)
    return born


def _unique_pinfl(rnd: random.Random, born: date, sex: str, region: int, issued: set[int]) -> str:
    """A valid PINFL not yet issued anywhere in the district (collisions are re-drawn)."""
    while True:
        area = region * AREAS_PER_REGION + rnd.randint(1, AREAS_PER_REGION)
        pinfl = make_pinfl(born, sex, area, rnd.randint(1, 999))
        if int(pinfl) not in issued:
            issued.add(int(pinfl))
            return pinfl


def _pupil(rnd: random.Random, plan: SchoolPlan, sex: str, birth: date, issued: set[int]) -> dict[str, Any]:
    """One pupil's roster fields besides id and consent, written in the pupil's script."""
    script = _script(rnd, plan.language)
    name = random_person(rnd, sex)
    if script == "ru_cyrl":
        name = as_russian_style(name, sex)
    family = name.surname if sex == "M" else name.surname[:-1]
    guardian, guardian_sex = _guardian(rnd, name, surname_for(family, "M"))
    apostrophe = roster_apostrophe(rnd)
    address_style = {"ru_cyrl": "ru", "uz_cyrl": "uz_cyrl"}.get(script, "uz")
    return {
        "pinfl": _unique_pinfl(rnd, birth, sex, REGIONS.index(plan.region), issued),
        "full_name": write_name(name.full(), script, apostrophe),
        "birth_date": birth,
        "sex": sex,
        "language": plan.language if rnd.random() < 0.94 else rnd.choice(("uz", "ru")),
        "guardian_name": write_name(guardian.full().strip(), script, apostrophe),
        "guardian_sex": guardian_sex,
        "guardian_phone": random_phone(rnd),
        "address": random_address(rnd, plan.region, plan.district, plan.urban, address_style),
        "names": name,
        "script": script,
    }


def build_pupils(
    plan: SchoolPlan,
    classes: SchoolClasses,
    last_year: int,
    first_number: int,
    issued: set[int],
    rng: np.random.Generator,
    rnd: random.Random,
) -> Pupils:
    """Roster of one school; `first_number` continues the district-wide P0000001 numbering."""
    class_idx = np.repeat(np.arange(len(classes)), classes.sizes)
    n = len(class_idx)
    born = _birth_dates(rng, classes.grades[class_idx], last_year).tolist()
    male = (rng.random(n) < 0.51).tolist()
    revoked = (rng.random(n) < 0.02).tolist()
    columns: dict[str, list[Any]] = {k: [] for k in Pupils.__dataclass_fields__ if k != "class_idx"}
    for i in range(n):
        fields = _pupil(rnd, plan, "M" if male[i] else "F", from_epoch_day(born[i]), issued)
        fields |= {"ids": f"P{first_number + i:07d}", "consent": "revoked" if revoked[i] else "granted"}
        for key, value in fields.items():
            columns[key].append(value)
    return Pupils(class_idx=class_idx, **columns)
