"""The alerts inbox of a member of staff: list, acknowledge, snooze; each read and change audited."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from service.alert_actions import AlertActionError, InboxAlert, acknowledge, inbox, snooze
from service.api.context import ApiContext, api_context
from service.api.pagination import MAX_OFFSET
from service.api.schemas import AlertOut, AlertPage, SnoozeRequest
from service.api.scope import STAFF_ROLES, reading_role
from service.api.security import require
from service.auth.principal import Principal

router = APIRouter(prefix="/alerts", tags=["alerts"])
Context = Annotated[ApiContext, Depends(api_context)]
Staff = Annotated[Principal, Depends(require(*STAFF_ROLES))]
AlertId = Annotated[int, Path(ge=1, le=2**63 - 1, description="the alert's id, from your inbox")]


def _staff_id(principal: Principal) -> str:
    if principal.staff_id is None:
        raise HTTPException(403, "alerts go to staff members; this account is not linked to a staff record")
    return principal.staff_id


@router.get("", response_model=AlertPage, summary="Your alerts, newest first")
def list_alerts(
    principal: Staff,
    context: Context,
    status: Annotated[Literal["open", "acknowledged", "snoozed"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> AlertPage:
    found, total = inbox(context.engine, _staff_id(principal), status, limit, offset)
    context.audit(
        actor=principal.username,
        role=reading_role(principal) or "none",
        action="alert.inbox",
        resource=f"alerts:{len(found)}",
        result="ok",
    )
    return AlertPage(items=[_out(a) for a in found], total=total, limit=limit, offset=offset)


@router.post("/{alert_id}/acknowledge", response_model=AlertOut, summary="I have seen it: stop escalation")
def acknowledge_alert(alert_id: AlertId, principal: Staff, context: Context) -> AlertOut:
    return _act(
        context,
        principal,
        alert_id,
        "alert.acknowledge",
        lambda staff: acknowledge(context.engine, alert_id, staff, principal.user_id, date.today()),
    )


@router.post("/{alert_id}/snooze", response_model=AlertOut, summary="Remind me again on a later day")
def snooze_alert(alert_id: AlertId, body: SnoozeRequest, principal: Staff, context: Context) -> AlertOut:
    return _act(
        context,
        principal,
        alert_id,
        "alert.snooze",
        lambda staff: snooze(context.engine, alert_id, staff, body.until, date.today()),
    )


def _act(
    context: ApiContext, principal: Principal, alert_id: int, action: str, change: Callable[[str], InboxAlert]
) -> AlertOut:
    role = reading_role(principal) or "none"
    try:
        changed = change(_staff_id(principal))
    except AlertActionError as error:
        context.audit(
            actor=principal.username, role=role, action=action, resource=f"alert:{alert_id}", result="refused"
        )
        raise HTTPException(error.status, str(error)) from None
    context.audit(
        actor=principal.username,
        role=role,
        action=action,
        resource=f"alert:{alert_id}",
        pupil_id=changed.pupil_id,
        result="ok",
    )
    return _out(changed)


def _out(alert: InboxAlert) -> AlertOut:
    return AlertOut(**asdict(alert))
