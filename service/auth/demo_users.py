"""One sign-in per role for the laptop demo, each tied to real records of the loaded district.

The `teacher` is the class teacher of the class with the most open alerts (then the most scored pupils,
then the smallest class id), so whoever signs in first sees Erta at work; the school staff are drawn from
that class's school. Demo users share a password anyone can guess, so they exist only in demo mode.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from argon2 import PasswordHasher
from sqlalchemy import Connection, Engine, distinct, func, select

from service.audit_trail import AuditTrail
from service.auth.passwords import DEMO_PASSWORD
from service.auth.user_checks import UserError
from service.auth.users import add_user, list_users
from service.db.models import Alert, Mark, Pupil, RiskScore, School, SchoolClass, Staff
from service.secrets import audit_key
from service.settings import Settings, get_settings

DEMO_ACTOR = "erta demo"


class DemoUsersError(UserError):
    """Demo users refused: not in demo mode, or no district loaded to tie them to."""


class DemoUser(NamedTuple):
    username: str
    role: str
    sees: str


@dataclass(frozen=True)
class _Spec:
    username: str
    role: str
    staff_id: str | None
    school_id: str | None
    sees: str


def create_demo_users(
    engine: Engine,
    password: str = DEMO_PASSWORD,
    *,
    settings: Settings | None = None,
    trail: AuditTrail | None = None,
    hasher: PasswordHasher | None = None,
) -> list[DemoUser]:
    """Create the demo users not made yet (so running it again changes nothing) and describe all of them."""
    settings = settings or get_settings()
    if not settings.demo_mode:
        raise DemoUsersError(
            "demo users are made only in demo mode (ERTA_DEMO_MODE=true): anyone can guess their password"
        )
    trail = trail or AuditTrail(engine, audit_key(settings))
    with engine.connect() as connection:
        specs = _specs(connection)
    existing = {user.username: user for user in list_users(engine)}
    described = []
    for spec in specs:
        user = existing.get(spec.username)
        if user is None:
            add_user(
                engine,
                spec.username,
                password,
                [spec.role],
                staff_id=spec.staff_id,
                school_id=spec.school_id,
                trail=trail,
                actor=DEMO_ACTOR,
                demo_mode=True,
                hasher=hasher,
            )
            sees = spec.sees
        elif spec.role in user.roles and user.staff_id == spec.staff_id:
            sees = spec.sees
        else:
            sees = "kept as it was: made earlier with other roles or another staff record"
        described.append(DemoUser(spec.username, spec.role, sees))
    return described


def _specs(connection: Connection) -> list[_Spec]:
    chosen = _chosen_class(connection)
    class_id, school_id, label, teacher_id = (
        chosen["class_id"],
        chosen["school_id"],
        chosen["label"],
        chosen["teacher"],
    )
    school = connection.scalar(select(School.name).where(School.school_id == school_id)) or school_id
    staff = connection.execute(
        select(Staff.staff_id, Staff.roles, Staff.subjects, Staff.mentor_capacity).where(
            Staff.school_id == school_id
        )
    ).all()
    marked = dict(
        connection.execute(
            select(Mark.teacher_id, func.count())
            .join(Pupil, Pupil.pupil_id == Mark.pupil_id)
            .where(Pupil.class_id == class_id, Mark.teacher_id.is_not(None))
            .group_by(Mark.teacher_id)
        ).all()
    )
    capacity = {row.staff_id: row.mentor_capacity for row in staff}
    subject_teacher = _pick(staff, "subject_teacher", teacher_id, marked)
    mentor = _pick(staff, "mentor", teacher_id, capacity)
    principal = _pick(staff, "principal", None, {})
    psychologist = _pick(staff, "psychologist", None, {})
    subjects = next((", ".join(row.subjects) for row in staff if row.staff_id == subject_teacher), "")
    at, counts = f"at {school}", f"{chosen['pupils']} pupils, {chosen['alerts']} open alerts"
    # A user without a staff record of their role is scoped to the class's school instead.
    return [
        _Spec(
            "teacher", "class_teacher", teacher_id, None, f"identified data of class {label} {at} ({counts})"
        ),
        _Spec(
            "subject_teacher",
            "subject_teacher",
            subject_teacher,
            None if subject_teacher else school_id,
            f"pupils they teach {at} and their own subjects' records ({subjects or 'no subject on file'})",
        ),
        _Spec("mentor", "mentor", mentor, None if mentor else school_id, f"pupils assigned to them {at}"),
        _Spec(
            "principal",
            "principal",
            principal,
            school_id,
            f"aggregates of {school}; a pupil only with a purpose",
        ),
        _Spec(
            "psychologist",
            "psychologist",
            psychologist,
            None if psychologist else school_id,
            f"pupils referred to them for wellbeing support {at}",
        ),
        _Spec(
            "data_scientist",
            "data_scientist",
            None,
            None,
            "pseudonymised data only: no names, PINFL or notes",
        ),
        _Spec("auditor", "auditor", None, None, "access and privacy logs, fairness and model records"),
        _Spec("admin", "admin", None, None, "users, roles, schools and consent records"),
    ]


def _chosen_class(connection: Connection) -> Mapping[str, Any]:
    """The class whose teacher the demo signs in as, ranked by open alerts, then scored pupils, then id."""
    pupils = _per_class(connection, func.count(Pupil.pupil_id), None)
    alerts = _per_class(connection, func.count(Alert.id), Alert, Alert.status == "open")
    scored = _per_class(connection, func.count(distinct(RiskScore.pupil_id)), RiskScore)
    classes = connection.execute(
        select(
            SchoolClass.class_id, SchoolClass.school_id, SchoolClass.label, SchoolClass.class_teacher_id
        ).where(SchoolClass.class_teacher_id.is_not(None))
    ).all()
    candidates = [row for row in classes if pupils.get(row.class_id, 0) > 0]
    if not candidates:
        raise DemoUsersError(
            "no class has both a class teacher and pupils: load a district first (`erta demo`, or "
            "`erta generate` then `erta ingest`)"
        )
    best = min(
        candidates, key=lambda row: (-alerts.get(row.class_id, 0), -scored.get(row.class_id, 0), row.class_id)
    )
    return {
        "class_id": best.class_id,
        "school_id": best.school_id,
        "label": best.label,
        "teacher": best.class_teacher_id,
        "pupils": pupils[best.class_id],
        "alerts": alerts.get(best.class_id, 0),
    }


def _per_class(connection: Connection, count: Any, table: Any, *where: Any) -> dict[str, int]:
    statement = select(Pupil.class_id, count)
    if table is not None:
        statement = statement.join(table, table.pupil_id == Pupil.pupil_id)
    rows = connection.execute(statement.where(*where).group_by(Pupil.class_id))
    return {class_id: int(number) for class_id, number in rows}


def _pick(
    staff: Sequence[Any], role: str, avoid: str | None, preference: Mapping[str | None, int]
) -> str | None:
    """The school's staff member with `role`: someone other than `avoid` first, then the most preferred."""
    holders = [row for row in staff if role in (row.roles or [])]
    if not holders:
        return None
    best = min(
        holders, key=lambda row: (row.staff_id == avoid, -(preference.get(row.staff_id) or 0), row.staff_id)
    )
    return str(best.staff_id)
