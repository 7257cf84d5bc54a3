"""Moving support along its lifecycle, writing progress notes and the outcome, each kept in its history.

Only the owner of the support or the pupil's class teacher acts on it; others who may read it are refused
(403). The lifecycle (`model.intervention_lifecycle`) decides which moves are legal: a move along no edge
of it, or support started without an owner, is a conflict with the intervention's state (409); a move whose
details are wrong (declining without a reason, a date before the last change) is an invalid request (422).
Accepting or declining makes the person who did it the reviewer of record. Every text staff write is
screened by the notes guardrail first: identifiers are refused, other findings come back as warnings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Final

from sqlalchemy import Connection, Engine, select, update

from model.intervention_catalog import MAX_FOLLOW_UP_DAYS
from model.intervention_lifecycle import (
    ACCEPTED,
    COMPLETED,
    DECLINED,
    IN_PROGRESS,
    SYSTEM_ACTOR,
    HistoryEntry,
    IllegalTransition,
    InterventionState,
    transition,
)
from service.auth.principal import Principal
from service.db.models import Intervention, Pupil, SchoolClass
from service.interventions_service import (
    HistoryRecord,
    InterventionError,
    InterventionRecord,
    add_history,
    check_owner,
    find_visible,
    history_of,
    record_of,
)
from service.notes_service import screen_text

if TYPE_CHECKING:
    from privacy.note_guardrail import NoteFinding
    from privacy.wording_lexicon import Language

REVIEWS: Final = (ACCEPTED, DECLINED)


@dataclass(frozen=True)
class Move:
    """What the caller asks for: the next status and the details the move records."""

    to: str
    reason: str | None = None
    note: str | None = None
    on: date | None = None
    follow_up_on: date | None = None
    owner_staff_id: str | None = None
    outcome: str | None = None


@dataclass(frozen=True)
class Noted:
    pupil_id: str
    entry: HistoryRecord
    findings: tuple[NoteFinding, ...]


@dataclass(frozen=True)
class Moved:
    intervention: InterventionRecord
    history: list[HistoryRecord]
    findings: tuple[NoteFinding, ...]


def move_intervention(
    engine: Engine,
    principal: Principal,
    intervention_id: int,
    move: Move,
    today: date,
    language: Language = "uz",
) -> Moved:
    """Apply `move` to a visible intervention the caller may act on, or raise InterventionError."""
    with engine.connect() as connection:
        current, school_id = _actable(connection, principal, intervention_id)
        state = _state(current, history_of(connection, intervention_id))
    on = _day_of(move.on, state, today, current.pupil_id)
    pupil_id = current.pupil_id
    if move.to in state.allowed_next:
        if move.to == IN_PROGRESS and state.owner is None and move.owner_staff_id is None:
            why = "support cannot start without an owner; name one with owner_staff_id"
            raise InterventionError(f"cannot go from {state.status} to {IN_PROGRESS}: {why}", 409, pupil_id)
        if move.to == COMPLETED and move.outcome is None:
            why = f"completing needs an outcome; record it with POST /interventions/{intervention_id}/outcome"
            raise InterventionError(f"cannot go from {state.status} to {COMPLETED}: {why}", 422, pupil_id)
        if move.follow_up_on is not None and move.follow_up_on > on + timedelta(days=MAX_FOLLOW_UP_DAYS):
            raise InterventionError(
                f"follow up within {MAX_FOLLOW_UP_DAYS} days of the change", 422, pupil_id
            )
    findings = _screen(engine, principal, pupil_id, move, language)
    try:
        after = transition(
            state,
            move.to,
            actor=str(principal.user_id),
            on=on,
            note=_history_note(move),
            outcome=move.outcome,
            reason=move.reason,
            owner=move.owner_staff_id,
            follow_up_on=move.follow_up_on,
        )
    except IllegalTransition as error:
        status = 409 if move.to not in state.allowed_next else 422
        raise InterventionError(str(error), status, pupil_id) from None
    with engine.begin() as connection:
        if move.owner_staff_id is not None and move.owner_staff_id != current.owner_staff_id:
            check_owner(connection, school_id, move.owner_staff_id, current.kind, current.pupil_id)
        changed = connection.execute(
            update(Intervention)
            .where(Intervention.id == intervention_id, Intervention.status == current.status)
            .values(
                status=after.status,
                owner_staff_id=after.owner,
                follow_up_on=after.follow_up_on,
                reviewer=principal.user_id if after.status in REVIEWS else current.reviewer,
                outcome=after.outcome,
                updated_at=datetime.now(UTC),
            )
        )
        if changed.rowcount != 1:
            raise InterventionError(
                f"intervention {intervention_id} changed meanwhile; read it again", 409, pupil_id
            )
        add_history(
            connection,
            intervention_id,
            on,
            principal.user_id,
            state.status,
            after.status,
            _history_note(move),
        )
        return Moved(
            record_of(connection, intervention_id), history_of(connection, intervention_id), findings
        )


def add_progress_note(
    engine: Engine,
    principal: Principal,
    intervention_id: int,
    text: str,
    today: date,
    language: Language = "uz",
) -> Noted:
    """A note on how support is going, kept in the history without changing its status."""
    with engine.connect() as connection:
        current, _ = _actable(connection, principal, intervention_id)
        state = _state(current, history_of(connection, intervention_id))
    if state.is_final:
        message = f"intervention {intervention_id} is {state.status}: it takes no more notes"
        raise InterventionError(message, 409, current.pupil_id)
    findings = screen_text(engine, text, principal.staff_id, current.pupil_id, language, "a progress note")
    on = _day_of(None, state, today, current.pupil_id)
    with engine.begin() as connection:
        add_history(
            connection, intervention_id, on, principal.user_id, state.status, state.status, text.strip()
        )
        return Noted(current.pupil_id, history_of(connection, intervention_id)[-1], findings)


def _actable(
    connection: Connection, principal: Principal, intervention_id: int
) -> tuple[InterventionRecord, str]:
    """The intervention and its pupil's school, when the caller owns it or is the pupil's class teacher."""
    current = find_visible(connection, principal, None, intervention_id)
    teacher, school_id = connection.execute(
        select(SchoolClass.class_teacher_id, SchoolClass.school_id)
        .join(Pupil, Pupil.class_id == SchoolClass.class_id)
        .where(Pupil.pupil_id == current.pupil_id)
    ).one()
    staff = principal.staff_id
    owner = staff is not None and staff == current.owner_staff_id
    class_teacher = staff is not None and principal.has("class_teacher") and staff == teacher
    if not (owner or class_teacher):
        message = (
            f"only the owner of intervention {intervention_id} or the pupil's class teacher may act on it"
        )
        raise InterventionError(message, 403, current.pupil_id)
    return current, str(school_id)


def _state(current: InterventionRecord, history: list[HistoryRecord]) -> InterventionState:
    """The lifecycle's view of a stored intervention; a record without history starts on its creation day."""
    entries = tuple(
        HistoryEntry(str(h.actor_user_id or SYSTEM_ACTOR), h.on, h.from_status, h.to_status, h.note)
        for h in history
    )
    return InterventionState(
        status=current.status,
        proposed_by=str(current.proposed_by or SYSTEM_ACTOR),
        proposed_on=history[0].on if history else current.created_at.date(),
        owner=current.owner_staff_id,
        follow_up_on=current.follow_up_on,
        reviewer=None if current.reviewer is None else str(current.reviewer),
        outcome=current.outcome,
        history=entries,
    )


def _day_of(asked: date | None, state: InterventionState, today: date, pupil_id: str) -> date:
    """The day a change counts for: as asked (never after today), else today or the last change's day."""
    if asked is not None and asked > today:
        raise InterventionError(f"a change cannot be dated after today ({today})", 422, pupil_id)
    last = max(state.history[-1].on if state.history else state.proposed_on, state.proposed_on)
    return asked if asked is not None else max(today, last)


def _screen(
    engine: Engine, principal: Principal, pupil_id: str, move: Move, language: Language
) -> tuple[NoteFinding, ...]:
    texts = (("a reason", move.reason), ("a note", move.note), ("an outcome", move.outcome))
    found: list[NoteFinding] = []
    for where, text in texts:
        if text is not None and text.strip():
            found.extend(screen_text(engine, text, principal.staff_id, pupil_id, language, where))
    return tuple(found)


def _history_note(move: Move) -> str | None:
    parts = [text.strip() for text in (move.reason, move.note) if text is not None and text.strip()]
    return "\n".join(parts) or None
