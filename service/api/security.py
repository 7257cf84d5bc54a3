"""Who is calling: a bearer JWT from the sign-in flow, or a long-lived integration token (`erta_…`).

Handlers declare the roles they serve with `require(...)`; a caller without one of them is refused with 403
and the refusal is audited, so an auditor sees attempts as well as reads.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordBearer

from service.api.context import ApiContext, api_context
from service.auth.principal import Principal

API_TOKEN_PREFIX = "erta_"
bearer = OAuth2PasswordBearer(tokenUrl="/auth/token", auto_error=False)

UNAUTHENTICATED = HTTPException(
    status_code=401,
    detail="sign in first: send 'Authorization: Bearer <token>'",
    headers={"WWW-Authenticate": "Bearer"},
)


async def current_principal(
    token: Annotated[str | None, Depends(bearer)], context: Annotated[ApiContext, Depends(api_context)]
) -> Principal:
    """Async, so a signed-in request is checked on the event loop (a JWT is verified in microseconds)
    rather than with a hop through the thread pool; an integration token needs the database, and that
    lookup goes to the pool."""
    from service.auth.api_tokens import authenticate_api_token
    from service.auth.tokens import TokenError, decode_access_token

    if not token:
        raise UNAUTHENTICATED
    if token.startswith(API_TOKEN_PREFIX):
        principal = await run_in_threadpool(authenticate_api_token, context.engine, token)
        if principal is None:
            raise HTTPException(401, "the API token is unknown or revoked", {"WWW-Authenticate": "Bearer"})
        return limited(principal, f"token:{principal.token_name}:{principal.user_id}", context)
    try:
        principal = decode_access_token(token, context.settings)
    except TokenError as error:
        raise HTTPException(401, str(error), {"WWW-Authenticate": "Bearer"}) from None
    return limited(principal, f"user:{principal.user_id}", context)


def limited(principal: Principal, key: str, context: ApiContext) -> Principal:
    """The principal, or 429 with Retry-After when their bucket is empty."""
    wait = context.requests.wait_seconds(key)
    if wait:
        raise HTTPException(429, f"too many requests; try again in {wait} s", {"Retry-After": str(wait)})
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require(*roles: str) -> Callable[..., Awaitable[Principal]]:
    """A dependency admitting only users holding one of `roles`; others get 403, audited."""

    async def admitted(
        request: Request, principal: CurrentPrincipal, context: Annotated[ApiContext, Depends(api_context)]
    ) -> Principal:
        if principal.has(*roles):
            return principal
        route = getattr(request.scope.get("route"), "path", request.url.path)
        await run_in_threadpool(
            partial(
                context.audit,
                actor=principal.username,
                role=",".join(sorted(principal.roles)) or "none",
                action=f"{request.method} {route}",
                resource=route,
                result="refused",
            )
        )
        raise HTTPException(403, f"this needs one of the roles: {', '.join(roles)}")

    return admitted
