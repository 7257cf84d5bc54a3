"""Every error leaves the API as JSON with a clear message: `{"error": {"status", "code", "message"}}`.

Validation errors name the field that was wrong and why, never the value sent (it may be a pupil's data);
an unexpected failure says only that it happened and where to look, and is counted, not echoed.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("erta.api")

CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid",
    429: "rate_limited",
    503: "unavailable",
}


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str


class ErrorResponse(BaseModel):
    """What every refused or failed request returns."""

    error: ErrorBody


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(status=status, code=CODES.get(status, "error"), message=message))
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, error: StarletteHTTPException) -> JSONResponse:
        return error_response(error.status_code, str(error.detail), getattr(error, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, describe_validation(error))

    # Added first, so innermost: a failing handler becomes a JSON 500 the metrics still count, and the
    # connection is answered rather than reset.
    app.add_middleware(UnexpectedErrorMiddleware)


class UnexpectedErrorMiddleware:
    """Plain ASGI rather than `@app.middleware`: Starlette's BaseHTTPMiddleware costs a task and a stream
    per request, which the one-pupil explanation route cannot spare."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as error:
            # The type only: an exception's text may quote the data it choked on.
            log.error("unexpected %s on %s %s", type(error).__name__, scope.get("method"), scope.get("path"))
            if started:
                raise  # half a response is out; the server closes the connection
            response = error_response(
                500, "an unexpected error occurred; it has been logged without request data"
            )
            await response(scope, receive, send)


def describe_validation(error: RequestValidationError) -> str:
    """`body.pupil_ids: Field required; query.limit: Input should be less than or equal to 500`."""
    parts = []
    for problem in error.errors()[:5]:
        where = ".".join(str(part) for part in problem.get("loc", ()))
        parts.append(f"{where}: {problem.get('msg', 'invalid')}")
    more = len(error.errors()) - 5
    return "; ".join(parts) + (f" (and {more} more)" if more > 0 else "")
