"""Sign-in (OAuth2 password flow), refresh and "who am I"; failed sign-ins are audited like any refusal."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import OAuth2PasswordRequestForm

from service.api.context import ApiContext, api_context
from service.api.schemas import Me, RefreshRequest, TokenPair
from service.api.security import CurrentPrincipal
from service.auth.principal import Principal

router = APIRouter(prefix="/auth", tags=["auth"])
Context = Annotated[ApiContext, Depends(api_context)]
MAX_USERNAME = 64


def token_pair(principal: Principal, context: ApiContext) -> TokenPair:
    from service.auth.tokens import issue_token_pair

    pair = issue_token_pair(principal, context.settings)
    return TokenPair(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=context.settings.access_token_minutes * 60,
    )


@router.post("/token", response_model=TokenPair, summary="Sign in with username and password")
def sign_in(form: Annotated[OAuth2PasswordRequestForm, Depends()], context: Context) -> TokenPair:
    from service.auth.users import authenticate

    wait = context.sign_ins.wait_seconds(form.username.strip().casefold()[:MAX_USERNAME])
    if wait:
        message = f"too many sign-in attempts; try again in {wait} s"
        raise HTTPException(429, message, {"Retry-After": str(wait)})
    principal = authenticate(context.engine, form.username, form.password)
    if principal is None:
        context.audit(
            actor=form.username[:MAX_USERNAME],
            role="none",
            action="auth.sign_in",
            resource="auth",
            result="refused",
        )
        raise HTTPException(401, "wrong username or password, or the account is disabled")
    return token_pair(principal, context)


@router.post("/refresh", response_model=TokenPair, summary="Trade a refresh token for a new pair")
def refresh(body: RefreshRequest, context: Context) -> TokenPair:
    from service.auth.tokens import TokenError
    from service.auth.users import refresh_session

    try:
        pair = refresh_session(context.engine, body.refresh_token, context.settings)
    except TokenError as error:
        raise HTTPException(401, str(error), {"WWW-Authenticate": "Bearer"}) from None
    return TokenPair(
        access_token=pair.access_token,
        refresh_token=pair.refresh_token,
        expires_in=context.settings.access_token_minutes * 60,
    )


@router.get("/me", response_model=Me, summary="The signed-in user, their roles and scope")
def me(principal: CurrentPrincipal) -> Me:
    return Me(
        username=principal.username,
        roles=sorted(principal.roles),
        staff_id=principal.staff_id,
        school_id=principal.school_id,
    )
