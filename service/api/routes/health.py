"""Liveness, readiness and metrics: what an orchestrator and Prometheus ask, without signing in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from fastapi.responses import JSONResponse
from sqlalchemy import text

from service.api.context import ApiContext, api_context
from service.api.schemas import Health, Readiness

router = APIRouter(tags=["health"])
Context = Annotated[ApiContext, Depends(api_context)]


@router.get("/health", response_model=Health, summary="The process is up")
def health() -> Health:
    return Health(status="ok")


@router.get(
    "/ready",
    response_model=Readiness,
    summary="Ready to serve: database reachable and migrated, a champion model loaded",
    responses={503: {"model": Readiness, "description": "not ready; `problems` says why"}},
)
def ready(context: Context) -> Response:
    from service.db.migrate import is_up_to_date

    problems = []
    database = "unreachable"
    try:
        with context.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        database = "ok" if is_up_to_date(context.engine) else "not migrated"
    except Exception as error:
        problems.append(f"database: {type(error).__name__}")
    if database == "not migrated":
        problems.append("database: run `erta db upgrade`")
    serving = context.champion.current()
    if serving is None:
        problems.append(context.champion.last_error or "model: no champion yet; run `erta train`")
    body = Readiness(
        ready=not problems,
        database=database,
        model_version=serving.version if serving else None,
        problems=problems,
    )
    return JSONResponse(body.model_dump(), status_code=200 if body.ready else 503)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics(context: Context) -> Response:
    serving = context.champion.current()
    if serving is not None and serving.version.isdigit():
        context.metrics.model_version.set(int(serving.version))
    return context.metrics.render()
