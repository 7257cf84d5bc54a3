"""Which pupils a signed-in user may see, as a WHERE clause: the one place row-level scope is decided.

Every query over identified pupil data in the API filters through `pupil_scope`, so a class teacher's list,
a profile and an explanation obey the same rule (DESIGN, "Who uses it"):
- class teacher: pupils of the classes they lead;
- subject teacher: pupils they have marked (they teach them);
- mentor: pupils whose support they own (any status but declined);
- psychologist: pupils referred to them;
- principal: pupils of their school, and only with a stated purpose;
- data scientist, auditor, admin: no identified pupil at all.
A user with several roles sees the union.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import ColumnElement, false, or_, select

from service.auth.principal import Principal
from service.db.records import Mark
from service.db.school import Pupil, SchoolClass
from service.db.scoped import ReaderScope
from service.db.support import Intervention

STAFF_ROLES: Final = ("class_teacher", "subject_teacher", "mentor", "psychologist", "principal")
REFERRAL: Final = "psychologist_referral"


def pupil_scope(principal: Principal, purpose: str | None) -> ColumnElement[bool]:
    """A condition over `Pupil` true exactly for the pupils this user may read for this request."""
    staff = principal.staff_id
    clauses: list[ColumnElement[bool]] = []
    if staff is not None and principal.has("class_teacher"):
        led = select(SchoolClass.class_id).where(SchoolClass.class_teacher_id == staff)
        clauses.append(Pupil.class_id.in_(led))
    if staff is not None and principal.has("subject_teacher"):
        clauses.append(Pupil.pupil_id.in_(select(Mark.pupil_id).where(Mark.teacher_id == staff)))
    if staff is not None and principal.has("mentor"):
        owned = select(Intervention.pupil_id).where(
            Intervention.owner_staff_id == staff, Intervention.status != "declined"
        )
        clauses.append(Pupil.pupil_id.in_(owned))
    if staff is not None and principal.has("psychologist"):
        referred = select(Intervention.pupil_id).where(
            Intervention.owner_staff_id == staff,
            Intervention.kind == REFERRAL,
            Intervention.status != "declined",
        )
        clauses.append(Pupil.pupil_id.in_(referred))
    if principal.school_id is not None and principal.has("principal") and purpose:
        school = select(SchoolClass.class_id).where(SchoolClass.school_id == principal.school_id)
        clauses.append(Pupil.class_id.in_(school))
    return or_(*clauses) if clauses else false()


def reading_role(principal: Principal) -> str | None:
    """The role a read of identified data is made in, for the audit log: the narrowest the user holds."""
    return next((role for role in STAFF_ROLES if principal.has(role)), None)


def reader_scope(principal: Principal, purpose: str | None) -> ReaderScope:
    """The same rule for PostgreSQL's row-level security (`service.db.scoped`): the second wall."""
    return ReaderScope(
        roles=tuple(sorted(principal.roles)),
        staff_id=principal.staff_id,
        school_id=principal.school_id,
        purpose_stated=bool(purpose and purpose.strip()),
    )
