"""Long-lived tokens for integrations (the e-diary, the LMS) that call the API without anyone signing in.

A token is shown once, when it is made, and only its SHA-256 is stored: 32 random bytes cannot be guessed
back from their hash, so a copy of the database gives nobody a usable token. A token acts as the user it
belongs to and stops working when it is revoked or that user is disabled. Names are unique among the live
tokens, so an operator can revoke one by the name they gave it.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, insert, select, update

from service.audit_trail import AuditTrail
from service.auth.principal import Principal
from service.auth.user_checks import UserError
from service.auth.users import principal_of
from service.db.models import ApiToken, User

TOKEN_PREFIX = "erta_"
TOKEN_BYTES = 32
MAX_NAME_CHARS = 100  # the api_tokens.name column


@dataclass(frozen=True)
class ApiTokenInfo:
    """A token as an administrator lists it: never its hash, let alone the token."""

    id: int
    name: str
    username: str
    created_at: datetime | None
    revoked_at: datetime | None

    @property
    def live(self) -> bool:
        return self.revoked_at is None


def create_api_token(
    engine: Engine, user_id: int, name: str, *, trail: AuditTrail, actor: str, actor_role: str = "admin"
) -> str:
    """Make a token acting as `user_id` and return it, the only time it is ever seen in plain text."""
    name = _checked_name(name)
    token = TOKEN_PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    with engine.begin() as connection:
        user = connection.execute(select(User.username, User.disabled).where(User.id == user_id)).first()
        if user is None:
            raise UserError(f"no user has the id {user_id}")
        if user.disabled:
            raise UserError(f"user {user.username!r} is disabled; enable them before giving them a token")
        taken = connection.scalar(
            select(ApiToken.id).where(ApiToken.name == name, ApiToken.revoked_at.is_(None))
        )
        if taken is not None:
            raise UserError(f"a live token is already named {name!r}; revoke it or choose another name")
        connection.execute(insert(ApiToken).values(user_id=user_id, name=name, token_hash=token_hash(token)))
    trail.record(
        actor=actor,
        role=actor_role,
        action="api_token.create",
        resource=f"api_token:{name}",
        result="created",
        purpose=f"acts as user:{user.username}",
    )
    return token


def authenticate_api_token(engine: Engine, token: str) -> Principal | None:
    """The principal a presented token acts as, or None when it is unknown, revoked or its user disabled."""
    if not token.startswith(TOKEN_PREFIX):
        return None
    with engine.connect() as connection:
        row = connection.execute(
            select(ApiToken.user_id, ApiToken.name).where(
                ApiToken.token_hash == token_hash(token), ApiToken.revoked_at.is_(None)
            )
        ).first()
    if row is None:
        return None
    principal = principal_of(engine, row.user_id)  # None when the user is disabled
    if principal is None:
        return None
    return Principal(
        user_id=principal.user_id,
        username=principal.username,
        roles=principal.roles,
        staff_id=principal.staff_id,
        school_id=principal.school_id,
        token_name=row.name,
    )


def revoke_api_token(
    engine: Engine, token: int | str, *, trail: AuditTrail, actor: str, actor_role: str = "admin"
) -> ApiTokenInfo:
    """Revoke a live token given by id or by name; it is refused from then on. UserError if none matches."""
    where = ApiToken.id == token if isinstance(token, int) else ApiToken.name == " ".join(token.split())
    with engine.begin() as connection:
        found = connection.execute(
            select(ApiToken.id, ApiToken.name).where(where, ApiToken.revoked_at.is_(None))
        ).first()
        if found is None:
            raise UserError(
                f"no live API token has the {'id' if isinstance(token, int) else 'name'} {token!r}"
            )
        connection.execute(
            update(ApiToken).where(ApiToken.id == found.id).values(revoked_at=datetime.now(UTC))
        )
    trail.record(
        actor=actor,
        role=actor_role,
        action="api_token.revoke",
        resource=f"api_token:{found.name}",
        result="revoked",
    )
    (revoked,) = _token_infos(engine, token_id=found.id)
    return revoked


def list_api_tokens(engine: Engine, *, include_revoked: bool = True) -> list[ApiTokenInfo]:
    """Every token with its owner and dates, newest first; the hash column is never read."""
    return _token_infos(engine, include_revoked=include_revoked)


def _token_infos(
    engine: Engine, *, include_revoked: bool = True, token_id: int | None = None
) -> list[ApiTokenInfo]:
    statement = (
        select(ApiToken.id, ApiToken.name, User.username, ApiToken.created_at, ApiToken.revoked_at)
        .join(User, User.id == ApiToken.user_id)
        .order_by(ApiToken.id.desc())
    )
    if not include_revoked:
        statement = statement.where(ApiToken.revoked_at.is_(None))
    if token_id is not None:
        statement = statement.where(ApiToken.id == token_id)
    with engine.connect() as connection:
        return [
            ApiTokenInfo(
                id=row.id,
                name=row.name,
                username=row.username,
                created_at=row.created_at,
                revoked_at=row.revoked_at,
            )
            for row in connection.execute(statement)
        ]


def token_hash(token: str) -> str:
    """What the database keeps of a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _checked_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > MAX_NAME_CHARS:
        raise UserError(f"a token's name must be 1 to {MAX_NAME_CHARS} characters")
    return name
