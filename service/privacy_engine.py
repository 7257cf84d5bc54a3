"""The note analyzer as the service uses it: built once from the roster Erta holds, or from a bundle folder.

Building the analyzer compiles every known name into an automaton (about a second per 100,000 names), so
callers build one and reuse it for all the notes of a run.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine, select

from privacy.analyzer import NoteAnalyzer
from privacy.anonymizer import anonymize
from privacy.name_index import RosterPerson
from service.db.models import Pupil, Staff


class RosterError(ValueError):
    """A roster folder that cannot be read; says which file and why."""


def pupil_key(pupil_id: str) -> str:
    return f"pupil:{pupil_id}"


def guardian_key(pupil_id: str) -> str:
    return f"guardian:{pupil_id}"


def staff_key(staff_id: str) -> str:
    return f"staff:{staff_id}"


def roster_from_bundle(folder: Path) -> list[RosterPerson]:
    """Pupils, guardians and staff named in a bundle folder; it may hold only pupils.csv and/or staff.csv."""
    if not folder.is_dir():
        raise RosterError(f"{folder}: not a folder")
    pupils, staff = folder / "pupils.csv", folder / "staff.csv"
    if not pupils.exists() and not staff.exists():
        raise RosterError(f"{folder}: holds neither pupils.csv nor staff.csv")
    people: list[RosterPerson] = []
    for row in _rows(pupils, ("pupil_id", "full_name")):
        people.append(RosterPerson(pupil_key(row["pupil_id"]), row["full_name"]))
        if row.get("guardian_name"):
            people.append(RosterPerson(guardian_key(row["pupil_id"]), row["guardian_name"]))
    for row in _rows(staff, ("staff_id", "full_name")):
        people.append(RosterPerson(staff_key(row["staff_id"]), row["full_name"]))
    return people


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[dict[str, str]]:
    if not path.exists():
        return
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [column for column in required if column not in (reader.fieldnames or ())]
            if missing:
                raise RosterError(f"{path}: the header lacks {', '.join(missing)}")
            for row in reader:
                if row.get("full_name") or row.get("guardian_name"):
                    yield row
    except UnicodeDecodeError as error:
        raise RosterError(f"{path}: not UTF-8 (byte {error.start})") from None


def roster_from_database(engine: Engine) -> list[RosterPerson]:
    """Every pupil, guardian and staff member in the database, revoked consent included: a revoked
    pupil's name must still be masked wherever it appears."""
    people: list[RosterPerson] = []
    with engine.connect() as connection:
        for pupil_id, full_name, guardian in connection.execute(
            select(Pupil.pupil_id, Pupil.full_name, Pupil.guardian_name)
        ):
            people.append(RosterPerson(pupil_key(pupil_id), full_name))
            if guardian:
                people.append(RosterPerson(guardian_key(pupil_id), guardian))
        for staff_id, full_name in connection.execute(select(Staff.staff_id, Staff.full_name)):
            people.append(RosterPerson(staff_key(staff_id), full_name))
    return people


def note_analyzer(engine: Engine) -> NoteAnalyzer:
    return NoteAnalyzer(roster_from_database(engine))


def note_anonymizer(engine: Engine) -> Callable[[str], str]:
    """A function masking the personal data of one note, knowing every name in `engine`'s roster."""
    analyzer = note_analyzer(engine)

    def anonymize_note(text: str) -> str:
        return anonymize(text, analyzer.analyze(text))

    return anonymize_note
