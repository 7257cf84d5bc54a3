"""Sign-in tokens: short-lived access JWTs for each request and longer refresh JWTs to get a new pair.

Both are HS256 under the deployment's own key (`service.secrets.jwt_key`): Erta issues and checks them
itself, so no public key is needed. They carry the principal's roles and scope, so a request needs no
database read to know who asks; a refresh does read the database (`service.auth.users.refresh_session`),
so a disabled user is out within one access token's lifetime. Errors say what is wrong, never the token.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import jwt
from jwt.types import Options

from service.auth.principal import Principal
from service.secrets import jwt_key
from service.settings import Settings

ALGORITHM = "HS256"
TokenType = Literal["access", "refresh"]
REQUIRED_CLAIMS = ("sub", "username", "roles", "typ", "iat", "exp", "jti")


class TokenError(ValueError):
    """A token refused: expired, of the wrong type, badly signed or malformed (said without the token)."""


@dataclass(frozen=True)
class TokenPair:
    """What a sign-in or a refresh hands back: the OAuth2 bearer fields and when each token expires."""

    access_token: str
    refresh_token: str
    access_expires_at: datetime
    refresh_expires_at: datetime
    token_type: str = "bearer"


def issue_access_token(principal: Principal, settings: Settings, now: datetime | None = None) -> str:
    """An access token valid for `settings.access_token_minutes`."""
    return _issue(principal, settings, "access", timedelta(minutes=settings.access_token_minutes), now)


def issue_refresh_token(principal: Principal, settings: Settings, now: datetime | None = None) -> str:
    """A refresh token valid for `settings.refresh_token_days`; it only buys a new pair, never a request."""
    return _issue(principal, settings, "refresh", timedelta(days=settings.refresh_token_days), now)


def issue_token_pair(principal: Principal, settings: Settings, now: datetime | None = None) -> TokenPair:
    """A fresh access and refresh token issued at the same instant."""
    now = _utc(now)
    return TokenPair(
        access_token=issue_access_token(principal, settings, now),
        refresh_token=issue_refresh_token(principal, settings, now),
        access_expires_at=now + timedelta(minutes=settings.access_token_minutes),
        refresh_expires_at=now + timedelta(days=settings.refresh_token_days),
    )


def decode_access_token(token: str, settings: Settings, now: datetime | None = None) -> Principal:
    """The principal an access token was issued to, or TokenError."""
    return _principal(_claims(token, settings, "access", now))


def decode_refresh_token(token: str, settings: Settings, now: datetime | None = None) -> Principal:
    """The principal a refresh token was issued to (as they were then), or TokenError."""
    return _principal(_claims(token, settings, "refresh", now))


def _issue(
    principal: Principal, settings: Settings, kind: TokenType, lifetime: timedelta, now: datetime | None
) -> str:
    issued = _utc(now)
    claims = {
        "sub": str(principal.user_id),
        "username": principal.username,
        "roles": sorted(principal.roles),
        "staff_id": principal.staff_id,
        "school_id": principal.school_id,
        "typ": kind,
        "iat": int(issued.timestamp()),
        "exp": int((issued + lifetime).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, jwt_key(settings), algorithm=ALGORITHM)


def _claims(token: str, settings: Settings, kind: TokenType, now: datetime | None) -> dict[str, Any]:
    # Expiry is checked here against `now` rather than by PyJWT against the wall clock, so tests and
    # callers can say which instant they mean; the signature is always checked first.
    options: Options = {
        "verify_exp": False,
        "verify_iat": False,
        "verify_nbf": False,
        "require": list(REQUIRED_CLAIMS),
        "enforce_minimum_key_length": True,
    }
    try:
        claims: dict[str, Any] = jwt.decode(token, jwt_key(settings), algorithms=[ALGORITHM], options=options)
    except jwt.InvalidSignatureError:
        raise TokenError("invalid signature") from None
    except jwt.MissingRequiredClaimError as error:
        raise TokenError(f"the token lacks the {error.claim!r} claim") from None
    except jwt.InvalidAlgorithmError:
        raise TokenError(f"the token is not signed with {ALGORITHM}") from None
    except jwt.PyJWTError:
        raise TokenError("the token is malformed") from None
    if claims["typ"] != kind:
        raise TokenError(f"not an {kind} token" if kind == "access" else f"not a {kind} token")
    expires = claims["exp"]
    if not isinstance(expires, int) or isinstance(expires, bool):
        raise TokenError("the token's expiry is malformed")
    if _utc(now).timestamp() >= expires:
        raise TokenError("the token has expired")
    return claims


def _principal(claims: dict[str, Any]) -> Principal:
    subject, username, roles = claims["sub"], claims["username"], claims["roles"]
    staff_id, school_id = claims.get("staff_id"), claims.get("school_id")
    well_formed = (
        isinstance(subject, str)
        and subject.isdigit()
        and isinstance(username, str)
        and isinstance(roles, list)
        and all(isinstance(role, str) for role in roles)
        and all(value is None or isinstance(value, str) for value in (staff_id, school_id))
    )
    if not well_formed:
        raise TokenError("the token's claims are malformed")
    return Principal(
        user_id=int(subject),
        username=username,
        roles=frozenset(roles),
        staff_id=staff_id,
        school_id=school_id,
    )


def _utc(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)
