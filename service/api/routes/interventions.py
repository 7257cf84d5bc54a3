"""Support for pupils: propose it, follow a caseload, move it along its lifecycle, match mentors, write notes.

Every read and change is scoped by `pupil_scope` and audited with the pupil by pseudonym; refusals too.
Texts staff write pass the notes guardrail: identifiers are refused (422, naming the kind, never the data).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from service.api.context import ApiContext, api_context
from service.api.pagination import MAX_OFFSET, MAX_PAGE
from service.api.schemas import (
    HistoryEntryOut,
    InterventionCreate,
    InterventionDetail,
    InterventionOut,
    InterventionPage,
    InterventionStatus,
    MentorConfirmOut,
    MentorConfirmRequest,
    MentorPlanOut,
    MentorProposeRequest,
    NoteCheckOut,
    NoteCheckRequest,
    NoteWarningOut,
    OutcomeRequest,
    ProgressNote,
    ProgressNoteOut,
    PupilNoteOut,
    PupilNoteRequest,
    StatusChange,
)
from service.api.scope import STAFF_ROLES, reading_role
from service.api.security import require
from service.auth.principal import Principal
from service.intervention_moves import Move, add_progress_note, move_intervention
from service.intervention_proposals import NewIntervention, create_intervention
from service.interventions_service import (
    HistoryRecord,
    InterventionError,
    InterventionRecord,
    list_interventions,
    read_intervention,
    scoped_pupil,
)
from service.mentor_matching import confirm_mentors, propose_mentors
from service.notes_service import NoteError, check_text, savable, save_pupil_note

if TYPE_CHECKING:
    from privacy.note_guardrail import NoteFinding

router = APIRouter(prefix="/interventions", tags=["interventions"])
Context = Annotated[ApiContext, Depends(api_context)]
Staff = Annotated[Principal, Depends(require(*STAFF_ROLES))]
Planner = Annotated[Principal, Depends(require("principal", "class_teacher"))]
InterventionId = Annotated[int, Path(ge=1, le=2**63 - 1, description="the intervention's id")]
Purpose = Annotated[
    str | None,
    Query(max_length=200, description="Why you read this; required of a principal, kept in the audit log"),
]
Lang = Annotated[Literal["uz", "ru", "en"], Query(description="language of warnings and reasons")]
T = TypeVar("T")


@router.post(
    "/notes/check", response_model=NoteCheckOut, summary="What the guardrail flags in a note, unsaved"
)
def check_note(body: NoteCheckRequest, principal: Staff, context: Context) -> NoteCheckOut:
    def checked() -> NoteCheckOut:
        author = _staff_id(principal)
        if body.pupil_id is not None:
            _readable(context, principal, body.pupil_id)
        findings = check_text(context.engine, body.text, author, body.pupil_id, body.language)
        return NoteCheckOut(ok=not findings, savable=savable(findings), warnings=_warnings(findings))

    return _audited(context, principal, "note.check", "note", checked, pupil_id=body.pupil_id)


@router.post("/notes", response_model=PupilNoteOut, summary="Save a note about a pupil the guardrail allows")
def save_note(body: PupilNoteRequest, principal: Staff, context: Context) -> PupilNoteOut:
    def saved() -> PupilNoteOut:
        author = _staff_id(principal)
        _readable(context, principal, body.pupil_id)
        note = save_pupil_note(
            context.engine,
            pupil_id=body.pupil_id,
            author_id=author,
            text=body.text,
            confirm=body.confirm,
            today=date.today(),
            language=body.language,
        )
        return PupilNoteOut(saved=note.saved, note_id=note.note_id, warnings=_warnings(note.findings))

    return _audited(context, principal, "note.save", "note", saved, pupil_id=body.pupil_id)


@router.post(
    "/mentor-assignments/propose",
    response_model=MentorPlanOut,
    summary="Mentors for the school's flagged pupils who need one, within free places: nothing is saved",
)
def propose_mentor_assignments(
    body: MentorProposeRequest, principal: Planner, context: Context, lang: Lang = "uz"
) -> MentorPlanOut:
    plan = _audited(
        context,
        principal,
        "mentor.propose",
        f"school:{body.school_id or 'own'}",
        lambda: propose_mentors(context.engine, principal, body.school_id, lang),
    )
    return MentorPlanOut.model_validate(asdict(plan))


@router.post(
    "/mentor-assignments/confirm",
    response_model=MentorConfirmOut,
    status_code=201,
    summary="Create the mentor support reviewed: one proposal per pupil, owned by the mentor",
)
def confirm_mentor_assignments(
    body: MentorConfirmRequest, principal: Planner, context: Context, lang: Lang = "uz"
) -> MentorConfirmOut:
    pairs = [(a.pupil_id, a.mentor_staff_id) for a in body.assignments]
    created = _audited(
        context,
        principal,
        "mentor.confirm",
        f"mentor-pairs:{len(pairs)}",
        lambda: confirm_mentors(context.engine, principal, pairs, date.today(), lang),
    )
    for record in created:
        _audit(context, principal, "intervention.create", f"intervention:{record.id}", record.pupil_id, "ok")
    return MentorConfirmOut(items=[_out(r) for r in created])


@router.post("", response_model=InterventionDetail, status_code=201, summary="Propose support for a pupil")
def create(
    body: InterventionCreate, principal: Staff, context: Context, purpose: Purpose = None, lang: Lang = "uz"
) -> InterventionDetail:
    proposal = NewIntervention(
        body.pupil_id, body.kind, body.subject, body.rationale, body.follow_up_on, body.owner_staff_id
    )
    record, history, findings = _audited(
        context,
        principal,
        "intervention.create",
        "intervention",
        lambda: create_intervention(context.engine, principal, purpose, proposal, date.today(), lang),
        pupil_id=body.pupil_id,
        purpose=purpose,
    )
    return _detail(record, history, _warnings(findings))


@router.get(
    "", response_model=InterventionPage, summary="Support you may read, newest first; a caseload board"
)
def list_support(
    principal: Staff,
    context: Context,
    purpose: Purpose = None,
    status: Annotated[InterventionStatus | None, Query()] = None,
    pupil_id: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    mine: Annotated[bool, Query(description="only support you own")] = False,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> InterventionPage:
    found, total, by_status = list_interventions(
        context.engine,
        principal,
        purpose,
        status=status,
        pupil_id=pupil_id,
        mine=mine,
        limit=limit,
        offset=offset,
    )
    _audit(context, principal, "intervention.list", f"interventions:{len(found)}", pupil_id, "ok", purpose)
    return InterventionPage(
        items=[_out(r) for r in found], total=total, limit=limit, offset=offset, by_status=by_status
    )


@router.get(
    "/{intervention_id}", response_model=InterventionDetail, summary="One intervention with its history"
)
def read(
    intervention_id: InterventionId, principal: Staff, context: Context, purpose: Purpose = None
) -> InterventionDetail:
    record, history = _audited(
        context,
        principal,
        "intervention.read",
        f"intervention:{intervention_id}",
        lambda: read_intervention(context.engine, principal, purpose, intervention_id),
        about=lambda found: found[0].pupil_id,
        purpose=purpose,
    )
    return _detail(record, history, [])


@router.post(
    "/{intervention_id}/status",
    response_model=InterventionDetail,
    summary="Move support along its lifecycle: owner or class teacher; declining needs a reason",
)
def change_status(
    intervention_id: InterventionId, body: StatusChange, principal: Staff, context: Context, lang: Lang = "uz"
) -> InterventionDetail:
    move = Move(body.status, body.reason, body.note, body.on, body.follow_up_on, body.owner_staff_id)
    moved = _audited(
        context,
        principal,
        "intervention.move",
        f"intervention:{intervention_id}",
        lambda: move_intervention(context.engine, principal, intervention_id, move, date.today(), lang),
        about=lambda done: done.intervention.pupil_id,
    )
    return _detail(moved.intervention, moved.history, _warnings(moved.findings))


@router.post(
    "/{intervention_id}/notes",
    response_model=ProgressNoteOut,
    summary="A progress note, kept in the history; the guardrail's warnings come back",
)
def add_note(
    intervention_id: InterventionId, body: ProgressNote, principal: Staff, context: Context, lang: Lang = "uz"
) -> ProgressNoteOut:
    noted = _audited(
        context,
        principal,
        "intervention.note",
        f"intervention:{intervention_id}",
        lambda: add_progress_note(context.engine, principal, intervention_id, body.text, date.today(), lang),
        about=lambda done: done.pupil_id,
    )
    return ProgressNoteOut(entry=_entry(noted.entry), warnings=_warnings(noted.findings))


@router.post(
    "/{intervention_id}/outcome",
    response_model=InterventionDetail,
    summary="Complete support in progress with its outcome",
)
def record_outcome(
    intervention_id: InterventionId,
    body: OutcomeRequest,
    principal: Staff,
    context: Context,
    lang: Lang = "uz",
) -> InterventionDetail:
    move = Move("completed", on=body.completed_on, outcome=body.outcome)
    moved = _audited(
        context,
        principal,
        "intervention.outcome",
        f"intervention:{intervention_id}",
        lambda: move_intervention(context.engine, principal, intervention_id, move, date.today(), lang),
        about=lambda done: done.intervention.pupil_id,
    )
    return _detail(moved.intervention, moved.history, _warnings(moved.findings))


def _audited(
    context: ApiContext,
    principal: Principal,
    action: str,
    resource: str,
    work: Callable[[], T],
    *,
    pupil_id: str | None = None,
    about: Callable[[T], str | None] = lambda _: None,
    purpose: str | None = None,
) -> T:
    """Run `work`; audit it as done (about `pupil_id`, or the pupil `about` finds in its result), or as
    refused, answering with the refusal's status and message."""
    try:
        result = work()
    except (InterventionError, NoteError) as error:
        concerned = getattr(error, "pupil_id", None) or pupil_id
        _audit(context, principal, action, resource, concerned, "refused", purpose)
        raise HTTPException(error.status, str(error)) from None
    _audit(context, principal, action, resource, pupil_id or about(result), "ok", purpose)
    return result


def _audit(
    context: ApiContext,
    principal: Principal,
    action: str,
    resource: str,
    pupil_id: str | None,
    result: str,
    purpose: str | None = None,
) -> None:
    context.audit(
        actor=principal.username,
        role=reading_role(principal) or "none",
        action=action,
        resource=resource,
        pupil_id=pupil_id,
        purpose=" ".join((purpose or "").split()) or None,
        result=result,
    )


def _staff_id(principal: Principal) -> str:
    if principal.staff_id is None:
        raise NoteError("notes are written by staff; this account is not linked to a staff record", 403)
    return principal.staff_id


def _readable(context: ApiContext, principal: Principal, pupil_id: str) -> None:
    with context.engine.connect() as connection:
        scoped_pupil(connection, principal, None, pupil_id)


def _warnings(findings: Sequence[NoteFinding]) -> list[NoteWarningOut]:
    return [NoteWarningOut.model_validate(asdict(f)) for f in findings]


def _out(record: InterventionRecord) -> InterventionOut:
    return InterventionOut(**asdict(record), allowed_next=list(record.allowed_next))


def _entry(entry: HistoryRecord) -> HistoryEntryOut:
    return HistoryEntryOut(**asdict(entry))


def _detail(
    record: InterventionRecord, history: list[HistoryRecord], warnings: list[NoteWarningOut]
) -> InterventionDetail:
    return InterventionDetail(
        **asdict(record),
        allowed_next=list(record.allowed_next),
        history=[_entry(h) for h in history],
        warnings=warnings,
    )
