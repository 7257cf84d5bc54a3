"""Pupils a user may read: a scoped, paginated list, the flagged ones, and one pupil's page and explanation,
every read audited."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Response
from sqlalchemy import func, or_, select

from service.api.context import ApiContext, api_context
from service.api.pagination import MAX_OFFSET, MAX_PAGE
from service.api.responses import model_response
from service.api.schemas import (
    ExplanationOut,
    FlaggedPage,
    FlaggedPupil,
    PupilPage,
    PupilProfileOut,
    PupilSummary,
)
from service.api.scope import STAFF_ROLES, pupil_scope, reading_role
from service.api.security import require
from service.auth.principal import Principal
from service.db.school import Pupil, SchoolClass

router = APIRouter(prefix="/pupils", tags=["pupils"])
PROFILE, EXPLAIN, FLAGGED = "pupil.profile", "pupil.explain", "pupil.flagged"
Context = Annotated[ApiContext, Depends(api_context)]
Staff = Annotated[Principal, Depends(require(*STAFF_ROLES))]
Purpose = Annotated[
    str | None,
    Query(max_length=200, description="Why you read this; required of a principal, kept in the audit log"),
]


@router.get("", response_model=PupilPage, summary="Pupils you may read, by class and name")
def list_pupils(
    principal: Staff,
    context: Context,
    purpose: Purpose = None,
    class_id: Annotated[str | None, Query(max_length=64)] = None,
    search: Annotated[str | None, Query(max_length=100, description="part of the name or pupil id")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> PupilPage:
    scope = pupil_scope(principal, purpose)
    query = select(
        Pupil.pupil_id, Pupil.full_name, Pupil.class_id, SchoolClass.label, SchoolClass.grade_level
    )
    query = query.join(SchoolClass, SchoolClass.class_id == Pupil.class_id).where(scope)
    if class_id is not None:
        query = query.where(Pupil.class_id == class_id)
    if search:
        pattern = f"%{search.strip().lower()}%"
        query = query.where(or_(func.lower(Pupil.full_name).like(pattern), Pupil.pupil_id.like(pattern)))
    with context.reader(principal, purpose).connect() as connection:
        total = connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = connection.execute(
            query.order_by(SchoolClass.grade_level, SchoolClass.label, Pupil.full_name, Pupil.pupil_id)
            .limit(limit)
            .offset(offset)
        ).all()
    context.audit(
        actor=principal.username,
        role=reading_role(principal) or "none",
        action="pupil.list",
        resource=f"pupils:{len(rows)}",
        purpose=" ".join((purpose or "").split()) or None,
        result="ok",
    )
    items = [
        PupilSummary(pupil_id=r[0], full_name=r[1], class_id=r[2], class_label=r[3], grade_level=r[4])
        for r in rows
    ]
    return PupilPage(items=items, total=total, limit=limit, offset=offset)


@router.get(
    "/flagged",
    response_model=FlaggedPage,
    summary="Your pupils whose latest nightly risk is above low, most urgent first, with reasons and marks",
)
def flagged(
    principal: Staff,
    context: Context,
    purpose: Purpose = None,
    class_id: Annotated[str | None, Query(max_length=64)] = None,
    lang: Annotated[str, Query(pattern="^(uz|ru|en)$")] = "uz",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Response:
    from service.flagged_pupils import flagged_pupils

    role = reading_role(principal) or "none"
    stated = " ".join((purpose or "").split()) or None
    # A principal and nothing narrower would see an empty table without a purpose: say why instead.
    if role == "principal" and stated is None:
        context.audit(
            actor=principal.username, role=role, action=FLAGGED, resource="pupils", result="refused"
        )
        raise HTTPException(403, "a principal reads pupils only with a stated purpose (?purpose=…)")
    with context.reader(principal, purpose).connect() as connection:
        found = flagged_pupils(
            connection,
            pupil_scope(principal, purpose),
            lang,
            class_id=class_id,
            staff_id=principal.staff_id,
            limit=limit,
            offset=offset,
        )
    context.audit(
        actor=principal.username,
        role=role,
        action=FLAGGED,
        resource=f"pupils:{len(found.items)}",
        purpose=stated,
        result="ok",
    )
    items = [FlaggedPupil.model_validate(item) for item in found.items]
    page = FlaggedPage(items=items, total=found.total, limit=limit, offset=offset, as_of=found.as_of)
    return model_response(page)


@router.get(
    "/{pupil_id}",
    response_model=PupilProfileOut,
    summary="A pupil's page: marks over time, absences, LMS activity by week and the nightly risk",
)
def profile(
    pupil_id: Annotated[str, Path(min_length=1, max_length=64)],
    principal: Staff,
    context: Context,
    purpose: Purpose = None,
    lang: Annotated[str, Query(pattern="^(uz|ru|en)$")] = "uz",
    since: Annotated[
        date | None, Query(description="default: a year before the pupil's latest record")
    ] = None,
) -> Response:
    from service.pupil_profile import pupil_profile

    _require_readable(context, principal, pupil_id, purpose, PROFILE)
    stated = _loggable(context, pupil_id, purpose)
    if purpose and stated is None:
        _audit_read(context, principal, pupil_id, None, PROFILE, "refused")
        raise HTTPException(400, "the purpose repeats the pupil's personal data; state it without it")
    # Read through the reader's scoped view too: on PostgreSQL its records answer only their pupils.
    with context.reader(principal, purpose).connect() as connection:
        found = pupil_profile(connection, pupil_id, lang, since)
    if found is None:  # gone between the two reads
        raise HTTPException(404, f"no pupil you may read has the id {pupil_id!r}")
    _audit_read(context, principal, pupil_id, stated, PROFILE, "ok")
    return model_response(PupilProfileOut.model_validate(found, from_attributes=True))


@router.get(
    "/{pupil_id}/explanation",
    response_model=ExplanationOut,
    summary="A pupil's risk, tier, drivers with their facts, what would change it, and proposed support",
)
def explanation(
    pupil_id: Annotated[str, Path(min_length=1, max_length=64)],
    principal: Staff,
    context: Context,
    purpose: Purpose = None,
    lang: Annotated[str, Query(pattern="^(uz|ru|en)$")] = "uz",
    as_of: date | None = None,
) -> Response:
    from service.explain import DEFAULT_PURPOSE, Access, ExplainError, explain_one

    role = reading_role(principal) or "none"
    _require_readable(context, principal, pupil_id, purpose, EXPLAIN)
    serving = context.champion.current()
    if serving is None:
        raise HTTPException(503, "no champion model is serving yet; run `erta train`")
    access = Access(
        context.trail, context.pseudonymizer, principal.username, role, purpose or DEFAULT_PURPOSE
    )
    try:
        result = explain_one(
            context.engine,
            serving.model,
            serving.version,
            pupil_id,
            as_of,
            lang,
            access=access,
            cache=context.features,
        )
    except ExplainError as error:
        raise HTTPException(409 if "consent" in str(error) else 400, str(error)) from None
    return model_response(ExplanationOut.model_validate(result))


def _require_readable(
    context: ApiContext, principal: Principal, pupil_id: str, purpose: str | None, action: str
) -> None:
    """Return when the user may read the pupil for this purpose; else audit the refusal and raise 403 (a
    principal without a purpose) or 404 (whether the id exists is not revealed)."""
    # A purpose only ever widens the scope (a principal's school), so one check with it is enough.
    if _in_scope(context, principal, pupil_id, purpose):
        return
    _audit_read(context, principal, pupil_id, _loggable(context, pupil_id, purpose), action, "refused")
    if principal.has("principal") and not purpose:
        raise HTTPException(403, "a principal reads a pupil only with a stated purpose (?purpose=…)")
    raise HTTPException(404, f"no pupil you may read has the id {pupil_id!r}")


def _loggable(context: ApiContext, pupil_id: str, purpose: str | None) -> str | None:
    """The purpose as the audit log may keep it: None when empty or when it repeats the pupil's data."""
    from service.consent import mentions_pupil
    from service.pupil_records import find_pupil

    stated = " ".join((purpose or "").split()) or None
    if stated is None:
        return None
    with context.engine.connect() as connection:
        pupil = find_pupil(connection, pupil_id)
    return None if pupil is not None and mentions_pupil(stated, pupil) else stated


def _audit_read(
    context: ApiContext, principal: Principal, pupil_id: str, purpose: str | None, action: str, result: str
) -> None:
    context.audit(
        actor=principal.username,
        role=reading_role(principal) or "none",
        action=action,
        resource="pupil",
        pupil_id=pupil_id,
        purpose=purpose,
        result=result,
    )


def _in_scope(context: ApiContext, principal: Principal, pupil_id: str, purpose: str | None) -> bool:
    query = select(Pupil.pupil_id).where(Pupil.pupil_id == pupil_id, pupil_scope(principal, purpose))
    with context.reader(principal, purpose).connect() as connection:
        return connection.execute(query).first() is not None
