"""Support proposed for a pupil by a member of staff who may read them, usually from a recommendation.

The kind must be one the catalog offers for pupils, given in a subject when the catalog says so, and not
already open for the pupil. The follow-up day defaults to the catalog's period. Nothing happens without a
named reviewer: the proposal waits in "proposed" until its owner or the class teacher accepts or declines it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, select

from model.intervention_catalog import MAX_FOLLOW_UP_DAYS, load_catalog
from model.intervention_lifecycle import propose
from service.auth.principal import Principal
from service.db.models import Intervention
from service.interventions_service import (
    OPEN_STATUSES,
    REVOKED,
    HistoryRecord,
    InterventionError,
    InterventionRecord,
    check_owner,
    history_of,
    insert_intervention,
    record_of,
    scoped_pupil,
)
from service.notes_service import screen_text

if TYPE_CHECKING:
    from privacy.note_guardrail import NoteFinding
    from privacy.wording_lexicon import Language


@dataclass(frozen=True)
class NewIntervention:
    pupil_id: str
    kind: str
    subject: str
    rationale: str
    follow_up_on: date | None
    owner_staff_id: str | None


def create_intervention(
    engine: Engine,
    principal: Principal,
    purpose: str | None,
    proposal: NewIntervention,
    today: date,
    language: Language = "uz",
) -> tuple[InterventionRecord, list[HistoryRecord], tuple[NoteFinding, ...]]:
    """A proposal from a member of staff who may read the pupil, its history, and the guardrail's warnings
    on its rationale."""
    pupil_id = proposal.pupil_id
    entry = load_catalog().get(proposal.kind)
    if entry is None or entry.audience != "pupil":
        kinds = ", ".join(k.kind for k in load_catalog() if k.audience == "pupil")
        raise InterventionError(
            f"kind must be one of the catalog's support for pupils: {kinds}", 422, pupil_id
        )
    if entry.per_subject and not proposal.subject.strip():
        raise InterventionError(f"{entry.kind} is given in a subject: name it", 422, pupil_id)
    follow_up = proposal.follow_up_on or entry.follow_up_from(today)
    if follow_up > today + timedelta(days=MAX_FOLLOW_UP_DAYS):
        raise InterventionError(
            f"follow up within {MAX_FOLLOW_UP_DAYS} days, by {today + timedelta(MAX_FOLLOW_UP_DAYS)}", 422
        )
    try:
        state = propose(proposed_by=str(principal.user_id), on=today, follow_up_on=follow_up)
    except ValueError as error:
        raise InterventionError(str(error), 422, pupil_id) from None
    with engine.connect() as connection:
        pupil = scoped_pupil(connection, principal, purpose, pupil_id)
    if pupil["consent"] == REVOKED:
        raise InterventionError(
            f"pupil {pupil_id!r} has revoked consent: Erta keeps no support", 409, pupil_id
        )
    findings: tuple[NoteFinding, ...] = ()
    if proposal.rationale.strip():
        author = principal.staff_id or pupil["class_teacher_id"]
        findings = screen_text(engine, proposal.rationale, author, pupil_id, language, "a rationale")
    with engine.begin() as connection:
        if proposal.owner_staff_id is not None:
            check_owner(connection, pupil["school_id"], proposal.owner_staff_id, entry.kind, pupil_id)
        _refuse_duplicate(connection, pupil_id, entry.kind, proposal.subject.strip())
        new_id = insert_intervention(
            connection,
            {
                "pupil_id": pupil_id,
                "kind": entry.kind,
                "subject": proposal.subject.strip(),
                "rationale": proposal.rationale.strip(),
                "proposed_by": principal.user_id,
                "owner_staff_id": proposal.owner_staff_id,
                "follow_up_on": state.follow_up_on,
            },
            today,
        )
        return record_of(connection, new_id), history_of(connection, new_id), findings


def _refuse_duplicate(connection: Connection, pupil_id: str, kind: str, subject: str) -> None:
    existing = connection.scalar(
        select(Intervention.id).where(
            Intervention.pupil_id == pupil_id,
            Intervention.kind == kind,
            Intervention.subject == subject,
            Intervention.status.in_(OPEN_STATUSES),
        )
    )
    if existing is not None:
        what = f"{kind} in {subject}" if subject else kind
        raise InterventionError(
            f"pupil {pupil_id!r} already has open {what} support (intervention {existing}); move that one",
            409,
            pupil_id,
        )
