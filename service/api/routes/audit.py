"""The audit log for an auditor (and an admin): filtered pages, the chain's verification and a CSV export
for an inspection. Every read of the log is itself written to it."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import StreamingResponse

from service.api.context import ApiContext, api_context
from service.api.pagination import MAX_OFFSET, MAX_PAGE
from service.api.schemas import (
    AuditEntryOut,
    AuditPage,
    AuditVerificationOut,
    ChainProblemOut,
    GuardrailCountOut,
    PrivacyStatsOut,
)
from service.api.security import require
from service.audit_queries import AuditFilter, AuditFilterError, audit_csv, audit_page
from service.auth.principal import Principal

router = APIRouter(prefix="/audit", tags=["audit"])
Context = Annotated[ApiContext, Depends(api_context)]
Auditor = Annotated[Principal, Depends(require("auditor", "admin"))]
SHOWN_PROBLEMS = 50


def _text(description: str, most: int) -> Any:
    return Query(min_length=1, max_length=most, description=description)


def audit_filter(
    actor: Annotated[str | None, _text("who acted (username)", 64)] = None,
    role: Annotated[str | None, _text("the role they acted in", 20)] = None,
    action: Annotated[str | None, _text("e.g. pupil.explain, report.monitoring", 64)] = None,
    purpose: Annotated[str | None, _text("words the stated purpose contains", 200)] = None,
    pupil_pseudonym: Annotated[str | None, _text("a pupil's pseudonym", 64)] = None,
    since: Annotated[
        datetime | None, Query(description="from this time on (UTC unless a zone is given)")
    ] = None,
    until: Annotated[datetime | None, Query(description="before this time")] = None,
    result: Annotated[str | None, _text("ok, refused, …", 32)] = None,
) -> AuditFilter:
    selection = AuditFilter(actor, role, action, purpose, pupil_pseudonym, since, until, result)
    try:
        selection.where()
    except AuditFilterError as error:
        raise HTTPException(422, f"query.since/until: {error}") from None
    return selection


Selection = Annotated[AuditFilter, Depends(audit_filter)]


def _role(principal: Principal) -> str:
    return "auditor" if principal.has("auditor") else "admin"


@router.get("", response_model=AuditPage, summary="Audit log entries, newest first")
def list_entries(
    principal: Auditor,
    context: Context,
    selection: Selection,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> AuditPage:
    entries, total = audit_page(context.engine, selection, limit, offset)
    context.audit(
        actor=principal.username,
        role=_role(principal),
        action="audit.read",
        resource=f"audit:{len(entries)}",
        result="ok",
    )
    items = [AuditEntryOut(**entry) for entry in entries]
    return AuditPage(items=items, total=total, limit=limit, offset=offset)


@router.get(
    "/privacy",
    response_model=PrivacyStatsOut,
    summary="What the privacy layer finds in the stored notes and refuses, in counts only",
)
def privacy(principal: Auditor, context: Context) -> PrivacyStatsOut:
    """Entities per type in the newest notes (scanned again only when the notes change), the note
    guardrail's answers and the pseudonymised exports of the last 90 days. Never a note's text."""
    from service.privacy_stats import WINDOW_DAYS, privacy_stats

    stats = privacy_stats(context.engine)
    scan = stats.scan
    context.audit(
        actor=principal.username,
        role=_role(principal),
        action="audit.privacy",
        resource=f"notes:{scan.sampled}",
        result="ok",
    )
    return PrivacyStatsOut(
        notes_scanned=scan.notes,
        notes_sampled=scan.sampled,
        notes_with_personal_data=scan.with_personal_data,
        entities=scan.entities,
        scanned_at=scan.scanned_at,
        window_days=WINDOW_DAYS,
        since=stats.since,
        guardrail=[GuardrailCountOut(**asdict(count)) for count in stats.guardrail],
        exports_pseudonymised=stats.exports,
    )


@router.post(
    "/verify",
    response_model=AuditVerificationOut,
    summary="Recompute every link of the chain and check it against the stored anchors",
)
def verify(principal: Auditor, context: Context) -> AuditVerificationOut:
    """Heads published outside the database are checked with `erta audit verify --anchors FILE`: a file an
    auditor keeps is not something to send to the service it is meant to check. Taking no input also keeps
    this costly walk over the whole log to one kind of request."""
    checked = context.trail.verify()
    problems = [ChainProblemOut(seq=p.seq, reason=p.reason) for p in checked.problems]
    # Recorded after the check, so the entry written is not part of what was verified.
    context.audit(
        actor=principal.username,
        role=_role(principal),
        action="audit.verify",
        resource=f"audit:{checked.entries}",
        result="ok" if checked.ok else "broken",
    )
    return AuditVerificationOut(
        ok=checked.ok,
        entries=checked.entries,
        problem_count=len(problems),
        first_problem=problems[0] if problems else None,
        problems=problems[:SHOWN_PROBLEMS],
    )


@router.get(
    "/export",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "the selected entries, oldest first"}},
    summary="The selected entries as CSV, with their hashes, for an inspection",
)
def export(
    principal: Auditor,
    context: Context,
    selection: Selection,
    format_: Annotated[Literal["csv"], Query(alias="format")] = "csv",
) -> StreamingResponse:
    context.audit(
        actor=principal.username, role=_role(principal), action="audit.export", resource="audit", result="ok"
    )
    return StreamingResponse(
        audit_csv(context.engine, selection),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="erta-audit.csv"'},
    )
