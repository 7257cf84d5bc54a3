"""The FastAPI application: every user of Erta, the console included, goes through it.

`create_app` builds it from settings, nothing at import time. The champion model is loaded when the app
starts and reloaded in the background when the registry alias moves; CPU-bound routes are plain `def`, so
FastAPI runs them in its thread pool while the event loop keeps accepting requests.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from fastapi import FastAPI
from sqlalchemy import Engine
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.champion import Champion
from service.api.context import ApiContext
from service.api.errors import ErrorResponse, error_response, install_error_handlers
from service.api.metrics import ApiMetrics, install_metrics
from service.api.rate_limit import RateLimiter
from service.api.routes import (
    alerts,
    audit,
    auth,
    health,
    ingest,
    interventions,
    models,
    pupils,
    reports,
    scores,
)
from service.feature_cache import ClassFeatureCache
from service.settings import Settings

DESCRIPTION = """Erta finds pupils whose results are about to slip, explains why, proposes support that a
person reviews, and keeps every access accountable. Sign in at `/auth/token`; every read of identified pupil
data is written to the audit log with your role and purpose."""


# Every route may answer these; the body is always an ErrorResponse (validation errors included).
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (400, "the request cannot be answered as asked"),
        (401, "not signed in, or the token has expired"),
        (403, "your role may not do this"),
        (404, "no such object within your scope"),
        (409, "the object's state does not allow it"),
        (413, "the request body is too large"),
        (422, "a field is missing or invalid; the message names it"),
        (429, "too many requests; slow down"),
        (503, "not ready: no database or no model"),
    )
}


def create_app(
    settings: Settings,
    *,
    engine: Engine | None = None,
    champion: Champion | None = None,
    watch_model: bool = True,
) -> FastAPI:
    from service.audit_trail import AuditTrail
    from service.db.engine import make_engine
    from service.secrets import audit_key, pseudonymizer

    database = engine or make_engine(settings.resolved_database_url, **_timeouts(settings))
    context = ApiContext(
        settings=settings,
        engine=database,
        trail=AuditTrail(database, audit_key(settings)),
        pseudonymizer=pseudonymizer(settings),
        champion=champion or Champion(settings.home),
        metrics=ApiMetrics(),
        features=ClassFeatureCache(settings.feature_cache_seconds),
        requests=RateLimiter(settings.api_requests_per_minute, settings.api_request_burst),
        sign_ins=RateLimiter(settings.api_sign_ins_per_minute, settings.api_sign_ins_per_minute),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        to_thread.current_default_thread_limiter().total_tokens = settings.api_threads
        context.champion.refresh()
        # Everything loaded so far (libraries, the model) lives as long as the process: kept out of the
        # collector's sight, a full collection no longer walks millions of objects and stalls every request
        # in flight for half a second.
        gc.collect()
        gc.freeze()
        if watch_model:
            context.champion.watch(settings.model_reload_seconds)
        yield
        context.champion.stop()

    app = FastAPI(title="Erta", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    app.state.erta = context
    install_error_handlers(app)
    install_body_limit(app, settings.api_max_body_bytes)
    install_metrics(app, context.metrics)
    routers = (health, auth, pupils, scores, alerts, interventions, reports, audit, models, ingest)
    for router in (module.router for module in routers):
        app.include_router(router, responses=ERROR_RESPONSES)
    return app


def _timeouts(settings: Settings) -> dict[str, Any]:
    """A query of the API that runs past the limit is cancelled by PostgreSQL (the request answers 500
    rather than holding a connection and a thread for ever); SQLite waits at most as long for a lock."""
    from service.db.engine import is_postgresql_url

    seconds = settings.api_statement_timeout_seconds
    if is_postgresql_url(settings.resolved_database_url):
        return {"connect_args": {"options": f"-c statement_timeout={int(seconds * 1000)}"}}
    return {"connect_args": {"timeout": seconds}}


def install_body_limit(app: FastAPI, most_bytes: int) -> None:
    app.add_middleware(BodyLimitMiddleware, most_bytes=most_bytes)


class BodyLimitMiddleware:
    """Refuse a body declared larger than the limit before reading it (uploads of a bundle included)."""

    def __init__(self, app: ASGIApp, most_bytes: int) -> None:
        self.app = app
        self.most_bytes = most_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            declared = Headers(scope=scope).get("content-length")
            if declared is not None and (not declared.isdigit() or int(declared) > self.most_bytes):
                response = error_response(413, f"the request body is larger than {self.most_bytes:,} bytes")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
