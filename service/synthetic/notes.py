"""Teachers' free-text notes: tied to the hidden causes, and full of the personal data rosters hold.

Pupils with a hidden cause get more notes and notes on that cause (absences, homework, family, illness),
dated after it shows. Text is Uzbek Latin, Uzbek Cyrillic, Russian or mixed, with the pupil's name
inflected, guardians' names, phones in assorted formats, addresses, sometimes the PINFL, and every
apostrophe variant. A few notes use unprofessional wording for the guardrail to catch.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from privacy.transliteration import to_cyrillic
from service.synthetic.calendar_arrays import YearCalendar, from_epoch_day
from service.synthetic.contacts import MAHALLAS, format_phone, random_phone
from service.synthetic.hidden_causes import SUBJECTS, PupilTraits, YearEvents
from service.synthetic.lessons import ClassYear
from service.synthetic.note_templates import MIXED, RU, RU_SUBJECTS, UZ
from service.synthetic.roster import Pupils
from service.synthetic.staff import SchoolStaff

_NOTE_APOSTROPHES = ("'", "‘", "’", "ʻ", "ʼ", "`")
_APOSTROPHE_WEIGHTS = (40, 15, 15, 15, 8, 7)


@dataclass(frozen=True)
class NoteSources:
    """What one school-year offers the note writer; arrays are indexed by the year's pupil rows."""

    pupils: Pupils
    pupil_of_row: np.ndarray
    class_of_row: np.ndarray
    classes: dict[int, ClassYear]
    staff: SchoolStaff
    traits: PupilTraits
    events: YearEvents
    absent: np.ndarray
    illness_start: np.ndarray
    calendar: YearCalendar
    school_language: str


def uz_cases(name: str) -> dict[str, str]:
    """Uzbek case forms: Dilnozaning, Rustamga (Ulug'bekka, Ishoqqa), Rustamni, Jasurdan, Jasurda."""
    dative = "ka" if name.endswith("k") else ("qa" if name.endswith("q") else "ga")
    return {f"name_{case}": name + suffix for case, suffix in
            (("gen", "ning"), ("dat", dative), ("acc", "ni"), ("abl", "dan"), ("loc", "da"))}  # fmt: skip


def ru_cases(name: str, sex: str) -> dict[str, str]:
    """Russian cases of a Cyrillic given name (Рустама, Дилнозе, Рустамом); indeclinable ones stay."""
    forms = {"gen": name, "dat": name, "acc": name, "ins": name}
    if name.endswith("а"):
        stem = name[:-1]
        hush = stem[-1:] in "жчшщц"
        forms = {"gen": stem + ("и" if stem[-1:] in "гкхжчшщ" else "ы"), "dat": stem + "е",
                 "acc": stem + "у", "ins": stem + ("ей" if hush else "ой")}  # fmt: skip
    elif sex == "M" and name[-1:] not in "оиуеюяэ":
        ending = "ем" if name[-1:] in "жчшщц" else "ом"
        forms = {"gen": name + "а", "dat": name + "у", "acc": name + "а", "ins": name + ending}
    return {"ru_name": name} | {f"ru_{case}": form for case, form in forms.items()}


def _restyle_phone(rnd: random.Random, phone: str) -> str:
    digits = re.sub(r"\D", "", phone)[-9:]
    return format_phone(digits[:2], digits[2:], rnd.randrange(6))


def _topic(rnd: random.Random, src: NoteSources, row: int, chronic: bool) -> str:
    """Mostly the pupil's actual trouble; about 3% of notes are unprofessional whatever the topic."""
    if rnd.random() < 0.03:
        return "unprofessional"
    weights = {
        "absence": 0.5 + 3.0 * chronic,
        "homework": 0.5 + 3.0 * src.events.disengaged[row] + 1.0 * (src.traits.ability[row] < -1.0),
        "family": 0.1 + 5.0 * src.events.family[row],
        "illness": 0.2 + 0.8 * (src.illness_start[row] >= 0),
        "praise": 0.2 + 1.5 * (src.traits.ability[row] > 0.8),
        "general": 1.0,
    }
    return rnd.choices(list(weights), weights=list(weights.values()))[0]


def _day(rnd: random.Random, src: NoteSources, row: int, topic: str) -> int:
    """A school day after the cause became visible to the teacher."""
    events, n_days = src.events, src.calendar.n_days
    if topic == "family" and events.family[row]:
        day = events.family_onset[row] + rnd.randint(2, 15)
    elif topic == "homework" and events.disengaged[row]:
        day = events.diseng_onset[row] + rnd.randint(5, 30)
    elif topic == "illness" and src.illness_start[row] >= 0:
        day = src.illness_start[row] + rnd.randint(1, 5)
    elif topic == "absence" and src.absent[row].any():
        day = rnd.choice(np.flatnonzero(src.absent[row]).tolist()) + 1
    else:
        day = rnd.randrange(n_days)
    return int(min(day, n_days - 1))


def _author(rnd: random.Random, src: NoteSources, class_idx: int, topic: str, subject: int) -> int:
    """The class teacher usually; the psychologist for family matters; the subject teacher for homework."""
    staff, cls = src.staff, src.classes[class_idx]
    if topic == "family" and staff.psychologist is not None and rnd.random() < 0.4:
        return staff.psychologist
    if (topic == "homework" and rnd.random() < 0.5) or rnd.random() < 0.15:
        return int(cls.teachers[list(cls.subjects).index(subject)])
    return staff.class_teacher[class_idx]


def _language(rnd: random.Random, school_language: str) -> str:
    weights = (15, 10, 60, 15) if school_language == "ru" else (62, 13, 13, 12)
    return rnd.choices(("uz", "uz_cyrl", "ru", "mixed"), weights=weights)[0]


def _russian_values(pupils: Pupils, i: int, subject: str) -> dict[str, str]:
    """Cyrillic, Russian-declined values; only computed for notes that need them (transliteration costs)."""
    name = pupils.names[i]
    guardian = pupils.guardian_name[i]
    return ru_cases(to_cyrillic(name.given, russian=True), pupils.sex[i]) | {
        "ru_full": to_cyrillic(f"{name.surname} {name.given}", russian=True),
        "ru_guardian": to_cyrillic(guardian, russian=True),
        "ru_address": to_cyrillic(pupils.address[i], russian=True),
        "ru_parent": "Отец" if pupils.guardian_sex[i] == "M" else "Мать",
        "ru_subject": RU_SUBJECTS[subject],
    }


def _fill(rnd: random.Random, src: NoteSources, row: int, day: int, topic: str, subject: int) -> str:
    """A note on `topic` in a language fitting the school, with the pupil's data filled in."""
    pupils, i = src.pupils, int(src.pupil_of_row[row])
    name = pupils.names[i]
    language = _language(rnd, src.school_language)
    values = uz_cases(name.given) | {
        "name": name.given, "full": f"{name.surname} {name.given}", "guardian": pupils.guardian_name[i],
        "phone": _restyle_phone(rnd, pupils.guardian_phone[i]) if rnd.random() < 0.8 else random_phone(rnd),
        "pinfl": pupils.pinfl[i], "address": pupils.address[i], "mahalla": rnd.choice(MAHALLAS),
        "subject": SUBJECTS[subject], "days": str(max(2, int(src.absent[row, :day].sum()))),
        "mark": rnd.choice(("2", "2", "3")), "birth": f"{pupils.birth_date[i]:%d.%m.%Y}",
        "parent": "otasi" if pupils.guardian_sex[i] == "M" else "onasi",
    }  # fmt: skip
    if language in ("ru", "mixed"):
        values |= _russian_values(pupils, i, SUBJECTS[subject])
    templates = {"uz": UZ, "uz_cyrl": UZ, "ru": RU, "mixed": MIXED}[language][topic]
    text = rnd.choice(templates).format(**values)
    if language == "uz_cyrl":
        return to_cyrillic(text)
    apostrophe = rnd.choices(_NOTE_APOSTROPHES, weights=_APOSTROPHE_WEIGHTS)[0]
    return text.replace("'", apostrophe)


def draw_notes(
    rng: np.random.Generator, rnd: random.Random, src: NoteSources, first_number: int
) -> pl.DataFrame:
    """Notes of one school-year; `first_number` continues the district-wide N0000001 numbering."""
    chronic = src.absent.mean(axis=1) >= 0.1
    rate = (
        0.12
        + 0.9 * src.events.disengaged
        + 1.0 * src.events.family
        + 0.5 * chronic
        + 0.1 * (src.illness_start >= 0)
        + 0.1 * (src.traits.ability > 1.0)
    )
    rows = np.repeat(np.arange(len(rate)), rng.poisson(rate)).tolist()
    cols: dict[str, list[Any]] = {"note_id": [], "pupil_id": [], "author_id": [], "date": [], "text": []}
    for row in rows:
        class_idx = int(src.class_of_row[row])
        cls = src.classes[class_idx]
        topic = _topic(rnd, src, row, bool(chronic[row]))
        day = _day(rnd, src, row, topic)
        subject = int(rnd.choice(cls.subjects.tolist()))
        cols["note_id"].append(f"N{first_number + len(cols['note_id']):07d}")
        cols["pupil_id"].append(src.pupils.ids[int(src.pupil_of_row[row])])
        cols["author_id"].append(src.staff.ids[_author(rnd, src, class_idx, topic, subject)])
        cols["date"].append(from_epoch_day(int(src.calendar.days[day])))
        cols["text"].append(_fill(rnd, src, row, day, topic, subject))
    schema = {
        "note_id": pl.String,
        "pupil_id": pl.String,
        "author_id": pl.String,
        "date": pl.Date,
        "text": pl.String,
    }
    return pl.DataFrame(cols, schema=schema)
