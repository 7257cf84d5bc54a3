"""Support for pupils as staff see it: propose an intervention, list a caseload, read one with its history.

Every query goes through the API's row-level scope (`service.api.scope.pupil_scope`): an intervention is
visible when its pupil is. A mentor or a psychologist reads a pupil because they own support for them, so
through those roles they see only the support they own (their caseload), not everything the pupil receives.
Proposals are made in `service.intervention_proposals` and moved in `service.intervention_moves`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    RowMapping,
    Select,
    and_,
    false,
    func,
    insert,
    or_,
    select,
)

from model.intervention_lifecycle import NEXT_STATUSES
from service.api.scope import pupil_scope
from service.auth.principal import Principal
from service.db.models import Intervention, InterventionHistory, Pupil, School, SchoolClass, Staff

OPEN_STATUSES: Final = ("proposed", "accepted", "in_progress")
MENTOR: Final = "mentor"
REVOKED: Final = "revoked"
# Roles that read a pupil only because they own support for them: through them, only that support shows.
CASELOAD_ROLES: Final = frozenset({"mentor", "psychologist"})


class InterventionError(ValueError):
    """A request refused: `status` is the HTTP status, `pupil_id` the pupil concerned when known (for the
    audit log only; the message never names more than the ids the caller sent)."""

    def __init__(self, message: str, status: int, pupil_id: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.pupil_id = pupil_id


@dataclass(frozen=True)
class InterventionRecord:
    id: int
    pupil_id: str
    pupil_name: str
    class_label: str
    kind: str
    subject: str
    status: str
    rationale: str
    proposed_by: int | None
    reviewer: int | None
    owner_staff_id: str | None
    follow_up_on: date | None
    outcome: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def allowed_next(self) -> tuple[str, ...]:
        return NEXT_STATUSES.get(self.status, ())


@dataclass(frozen=True)
class HistoryRecord:
    at: datetime
    on: date
    actor_user_id: int | None
    from_status: str | None
    to_status: str
    note: str | None


def visible(principal: Principal, purpose: str | None) -> ColumnElement[bool]:
    """A condition over `Intervention` true exactly for the support this user may read."""
    wider = replace(principal, roles=principal.roles - CASELOAD_ROLES)
    own = Intervention.owner_staff_id == principal.staff_id if principal.staff_id else false()
    return and_(
        Intervention.pupil_id.in_(select(Pupil.pupil_id).where(pupil_scope(principal, purpose))),
        or_(Intervention.pupil_id.in_(select(Pupil.pupil_id).where(pupil_scope(wider, purpose))), own),
    )


def list_interventions(
    engine: Engine,
    principal: Principal,
    purpose: str | None,
    *,
    status: str | None = None,
    pupil_id: str | None = None,
    mine: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[InterventionRecord], int, dict[str, int]]:
    """A page of visible support, newest first, its total, and how many of each status the filters match."""
    query = _records().where(visible(principal, purpose))
    if pupil_id is not None:
        query = query.where(Intervention.pupil_id == pupil_id)
    if mine:
        query = query.where(
            Intervention.owner_staff_id == principal.staff_id if principal.staff_id else false()
        )
    listed = query.where(Intervention.status == status) if status is not None else query
    every = query.subquery()
    with engine.connect() as connection:
        counts = connection.execute(select(every.c.status, func.count()).group_by(every.c.status)).all()
        total = connection.execute(select(func.count()).select_from(listed.subquery())).scalar_one()
        rows = connection.execute(
            listed.order_by(Intervention.id.desc()).limit(limit).offset(offset)
        ).mappings()
        found = [_record(row) for row in rows]
    by_status = dict.fromkeys(NEXT_STATUSES, 0) | {str(s): int(n) for s, n in counts}
    return found, int(total), by_status


def read_intervention(
    engine: Engine, principal: Principal, purpose: str | None, intervention_id: int
) -> tuple[InterventionRecord, list[HistoryRecord]]:
    with engine.connect() as connection:
        found = find_visible(connection, principal, purpose, intervention_id)
        return found, history_of(connection, intervention_id)


def find_visible(
    connection: Connection, principal: Principal, purpose: str | None, intervention_id: int
) -> InterventionRecord:
    """The intervention, or a 404 that names the pupil to the audit log only."""
    row = (
        connection.execute(_records().where(Intervention.id == intervention_id, visible(principal, purpose)))
        .mappings()
        .first()
    )
    if row is None:
        pupil = connection.scalar(select(Intervention.pupil_id).where(Intervention.id == intervention_id))
        raise InterventionError(f"no intervention you may read has the id {intervention_id}", 404, pupil)
    return _record(row)


def history_of(connection: Connection, intervention_id: int) -> list[HistoryRecord]:
    h = InterventionHistory
    rows = connection.execute(
        select(h.at, h.effective_on, h.actor_user_id, h.from_status, h.to_status, h.note)
        .where(h.intervention_id == intervention_id)
        .order_by(h.id)
    ).all()
    return [HistoryRecord(_aware(r[0]), *r[1:]) for r in rows]


def scoped_pupil(
    connection: Connection, principal: Principal, purpose: str | None, pupil_id: str
) -> RowMapping:
    """The pupil's consent, class teacher, school and district, if the user may read the pupil; else 404."""
    row = (
        connection.execute(
            select(
                Pupil.pupil_id, Pupil.consent, SchoolClass.class_teacher_id, School.school_id, School.district
            )
            .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
            .join(School, School.school_id == SchoolClass.school_id)
            .where(Pupil.pupil_id == pupil_id, pupil_scope(principal, purpose))
        )
        .mappings()
        .first()
    )
    if row is None:
        raise InterventionError(f"no pupil you may read has the id {pupil_id!r}", 404, pupil_id)
    return row


def insert_intervention(connection: Connection, values: dict[str, Any], today: date) -> int:
    """A new intervention in "proposed", with its first history entry; returns its id."""
    now = datetime.now(UTC)
    new_id = connection.execute(
        insert(Intervention).values(status="proposed", created_at=now, updated_at=now, **values)
    ).inserted_primary_key
    assert new_id is not None
    add_history(connection, int(new_id[0]), today, values.get("proposed_by"), None, "proposed", None)
    return int(new_id[0])


def add_history(
    connection: Connection,
    intervention_id: int,
    on: date,
    actor: int | None,
    from_status: str | None,
    to_status: str,
    note: str | None,
) -> None:
    connection.execute(
        insert(InterventionHistory).values(
            intervention_id=intervention_id,
            at=datetime.now(UTC),
            effective_on=on,
            actor_user_id=actor,
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
    )


def check_owner(connection: Connection, school_id: str, owner: str, kind: str, pupil_id: str) -> None:
    """The owner must work in the pupil's school; a mentor must have a free place (409 naming them)."""
    staff = connection.execute(
        select(Staff.mentor_capacity).where(Staff.staff_id == owner, Staff.school_id == school_id)
    ).first()
    if staff is None:
        raise InterventionError(
            f"no member of the pupil's school's staff has the id {owner!r}", 422, pupil_id
        )
    if kind == MENTOR:
        taken = open_mentor_cases(connection, [owner]).get(owner, 0)
        if taken >= staff.mentor_capacity:
            raise InterventionError(
                f"mentor {owner} has no free place: capacity {staff.mentor_capacity}, {taken} open",
                409,
                pupil_id,
            )


def open_mentor_cases(connection: Connection, staff_ids: list[str]) -> dict[str, int]:
    """How many open mentor interventions each of these staff owns."""
    rows = connection.execute(
        select(Intervention.owner_staff_id, func.count())
        .where(
            Intervention.kind == MENTOR,
            Intervention.status.in_(OPEN_STATUSES),
            Intervention.owner_staff_id.in_(staff_ids),
        )
        .group_by(Intervention.owner_staff_id)
    ).all()
    return {str(owner): int(count) for owner, count in rows}


def record_of(connection: Connection, intervention_id: int) -> InterventionRecord:
    return _record(connection.execute(_records().where(Intervention.id == intervention_id)).mappings().one())


def _records() -> Select[Any]:
    return (
        select(
            *Intervention.__table__.c,
            Pupil.full_name.label("pupil_name"),
            SchoolClass.label.label("class_label"),
        )
        .join(Pupil, Pupil.pupil_id == Intervention.pupil_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
    )


def _record(row: RowMapping) -> InterventionRecord:
    values = dict(row)
    values["created_at"] = _aware(values["created_at"])
    values["updated_at"] = _aware(values["updated_at"])
    return InterventionRecord(**values)


def _aware(moment: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; Erta writes them in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
