"""Ids a bundle's rows may refer to: those already in the database plus those accepted so far.

Held in memory as sets and dicts: a district of a million pupils costs about a hundred megabytes, and
a lookup here is far cheaper than a query per row.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from service.db.models import Pupil, School, SchoolClass, Staff


@dataclass
class KnownIds:
    schools: set[str] = field(default_factory=set)
    staff_school: dict[str, str] = field(default_factory=dict)
    class_school: dict[str, str] = field(default_factory=dict)
    pupils: set[str] = field(default_factory=set)
    pinfl_owner: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, connection: Connection) -> KnownIds:
        known = cls()
        known.schools.update(connection.scalars(select(School.school_id)))
        known.staff_school.update(connection.execute(select(Staff.staff_id, Staff.school_id)).all())
        known.class_school.update(
            connection.execute(select(SchoolClass.class_id, SchoolClass.school_id)).all()
        )
        for pupil_id, pinfl in connection.execute(select(Pupil.pupil_id, Pupil.pinfl)):
            known.pupils.add(pupil_id)
            if pinfl:
                known.pinfl_owner[pinfl] = pupil_id
        return known
