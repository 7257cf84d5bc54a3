"""Scoring in bulk: probability, tier and drivers for a list of pupils, each one audited."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Response

from service.api.context import ApiContext, api_context
from service.api.responses import model_response
from service.api.schemas import ScoreBatch, ScoreRequest
from service.api.scope import STAFF_ROLES, pupil_scope, reading_role
from service.api.security import require
from service.auth.principal import Principal

router = APIRouter(prefix="/scores", tags=["scores"])
Context = Annotated[ApiContext, Depends(api_context)]
Staff = Annotated[Principal, Depends(require(*STAFF_ROLES))]


@router.post("", response_model=ScoreBatch, summary="Score and explain up to 500 pupils you may read")
def score_batch(body: ScoreRequest, principal: Staff, context: Context) -> Response:
    from service.batch_scores import score_pupils

    serving = context.champion.current()
    if serving is None:
        raise HTTPException(503, "no champion model is serving yet; run `erta train`")
    purpose = " ".join((body.purpose or "").split()) or None
    batch = score_pupils(
        context.engine,
        serving.model,
        serving.version,
        body.pupil_ids,
        pupil_scope(principal, purpose),
        language=body.lang,
        cache=context.features,
        reader=context.reader(principal, purpose),
    )
    role = reading_role(principal) or "none"
    entries = [
        {
            "actor": principal.username,
            "role": role,
            "action": "pupil.score",
            "resource": pseudonym,
            "result": result,
            "pupil_pseudonym": pseudonym,
            "purpose": purpose,
        }
        for ids, result in ((batch.scores, "ok"), (batch.refused, "refused"))
        for pseudonym in (
            context.pseudonymizer.pseudonym(i if isinstance(i, str) else i["pupil_id"], "p") for i in ids
        )
    ]
    context.trail.record_many(entries)
    return model_response(ScoreBatch.model_validate({"scores": batch.scores, "refused": batch.refused}))
