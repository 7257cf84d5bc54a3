"""People who sign in to Erta: adding, disabling and resetting them (each change audited), and signing in.

A user's roles decide what they may do; their staff record (or a school given outright) decides whose data
they see. Sign-in is timing-safe: an unknown name costs the same argon2 verification as a wrong password,
so response times do not reveal who has an account.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from argon2 import PasswordHasher
from sqlalchemy import Connection, Engine, Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from service.audit_trail import AuditTrail
from service.auth.passwords import (
    check_password,
    default_hasher,
    hash_password,
    needs_rehash,
    verify_password,
)
from service.auth.principal import Principal
from service.auth.tokens import TokenError, TokenPair, decode_refresh_token, issue_token_pair
from service.auth.user_checks import USERNAME, UserError, check_scope, checked_roles, checked_username
from service.db.access import USER_ROLES
from service.db.models import Staff, User, UserRole
from service.settings import Settings

__all__ = [
    "UserError",
    "UserInfo",
    "add_user",
    "authenticate",
    "checked_roles",
    "checked_username",
    "disable_user",
    "enable_user",
    "list_users",
    "principal_of",
    "refresh_session",
    "reset_password",
    "user_id_of",
]


@dataclass(frozen=True)
class UserInfo:
    """A user as an administrator lists them: everything but the password hash."""

    id: int
    username: str
    roles: tuple[str, ...]
    staff_id: str | None
    school_id: str | None
    disabled: bool
    created_at: datetime | None


def add_user(
    engine: Engine,
    username: str,
    password: str,
    roles: Iterable[str],
    staff_id: str | None = None,
    school_id: str | None = None,
    *,
    trail: AuditTrail,
    actor: str,
    actor_role: str = "admin",
    demo_mode: bool = False,
    hasher: PasswordHasher | None = None,
) -> UserInfo:
    """Create a user with roles; refuses an unknown role, a taken name, or a staff or school id not known."""
    username = checked_username(username)
    wanted = checked_roles(roles)
    check_password(password, demo_mode=demo_mode)
    password_hash = hash_password(password, hasher)  # before the transaction: argon2 takes a while
    try:
        with engine.begin() as connection:
            if _user_row(connection, username) is not None:
                raise UserError(f"a user named {username!r} already exists")
            check_scope(connection, staff_id, school_id)
            user_id = connection.execute(
                insert(User)
                .values(
                    username=username, password_hash=password_hash, staff_id=staff_id, school_id=school_id
                )
                .returning(User.id)
            ).scalar_one()
            connection.execute(insert(UserRole), [{"user_id": user_id, "role": role} for role in wanted])
    except IntegrityError:  # another request added the same name between our check and our insert
        raise UserError(f"a user named {username!r} already exists") from None
    scope = f"; staff {staff_id}" if staff_id else ""
    scope += f"; school {school_id}" if school_id else ""
    _audit(trail, actor, actor_role, "user.add", username, "created", f"roles {', '.join(wanted)}{scope}")
    (user,) = _user_infos(engine, user_id)
    return user


def disable_user(
    engine: Engine, username: str, *, trail: AuditTrail, actor: str, actor_role: str = "admin"
) -> bool:
    """Stop a user signing in, refreshing or using their API tokens; False when they already were disabled."""
    return _set_disabled(engine, username, True, trail, actor, actor_role)


def enable_user(
    engine: Engine, username: str, *, trail: AuditTrail, actor: str, actor_role: str = "admin"
) -> bool:
    """Let a disabled user sign in again; False when they were not disabled."""
    return _set_disabled(engine, username, False, trail, actor, actor_role)


def reset_password(
    engine: Engine,
    username: str,
    password: str,
    *,
    trail: AuditTrail,
    actor: str,
    actor_role: str = "admin",
    demo_mode: bool = False,
    hasher: PasswordHasher | None = None,
) -> None:
    """Give a user a new password (under the same rules as a new user's)."""
    username = checked_username(username)
    check_password(password, demo_mode=demo_mode)
    password_hash = hash_password(password, hasher)
    with engine.begin() as connection:
        user_id = _existing_user_id(connection, username)
        connection.execute(update(User).where(User.id == user_id).values(password_hash=password_hash))
    _audit(trail, actor, actor_role, "user.reset_password", username, "password reset")


def authenticate(
    engine: Engine, username: str, password: str, hasher: PasswordHasher | None = None
) -> Principal | None:
    """The principal behind a name and password, or None: unknown name, wrong password or disabled user."""
    hasher = hasher or default_hasher()
    name = username.strip().casefold()
    with engine.connect() as connection:
        row = _user_row(connection, name) if USERNAME.fullmatch(name) else None
    if row is None:
        verify_password(_dummy_hash(hasher), password, hasher)  # the same work as for a real user
        return None
    if not verify_password(row.password_hash, password, hasher) or row.disabled:
        return None
    if needs_rehash(row.password_hash, hasher):  # parameters raised since it was set: renew it now
        with engine.begin() as connection:
            renewed = hash_password(password, hasher)
            connection.execute(update(User).where(User.id == row.id).values(password_hash=renewed))
    return principal_of(engine, row.id)


def principal_of(engine: Engine, user_id: int) -> Principal | None:
    """The user as they stand now, or None when no enabled user has this id.

    A staff-linked user without a school of their own is scoped to their staff record's school.
    """
    with engine.connect() as connection:
        row = connection.execute(
            select(User.id, User.username, User.staff_id, User.school_id, User.disabled, Staff.school_id)
            .outerjoin(Staff, Staff.staff_id == User.staff_id)
            .where(User.id == user_id)
        ).first()
        if row is None or row.disabled:
            return None
        roles = connection.scalars(select(UserRole.role).where(UserRole.user_id == user_id))
        return Principal(
            user_id=row[0],
            username=row[1],
            roles=frozenset(roles),
            staff_id=row[2],
            school_id=row[3] or row[5],
        )


def refresh_session(
    engine: Engine, refresh_token: str, settings: Settings, now: datetime | None = None
) -> TokenPair:
    """A new access and refresh token for a valid refresh token, with the user's roles as they are now.

    The database is asked, so a user disabled (or renamed away) since signing in cannot stay signed in.
    """
    claimed = decode_refresh_token(refresh_token, settings, now)
    current = principal_of(engine, claimed.user_id)
    if current is None or current.username != claimed.username:
        raise TokenError("the account is disabled or no longer exists")
    return issue_token_pair(current, settings, now)


def user_id_of(engine: Engine, username: str) -> int:
    """The id of the user with this name; UserError when there is none."""
    with engine.connect() as connection:
        return _existing_user_id(connection, checked_username(username))


def list_users(engine: Engine) -> list[UserInfo]:
    """Every user by name, with roles and scope; the password hash is never read."""
    return _user_infos(engine)


def _user_infos(engine: Engine, user_id: int | None = None) -> list[UserInfo]:
    users = select(User.id, User.username, User.staff_id, User.school_id, User.disabled, User.created_at)
    roles_of = select(UserRole.user_id, UserRole.role)
    if user_id is not None:
        users, roles_of = users.where(User.id == user_id), roles_of.where(UserRole.user_id == user_id)
    with engine.connect() as connection:
        roles: dict[int, set[str]] = {}
        for owner, role in connection.execute(roles_of):
            roles.setdefault(owner, set()).add(role)
        return [
            UserInfo(
                id=row.id,
                username=row.username,
                roles=tuple(role for role in USER_ROLES if role in roles.get(row.id, ())),
                staff_id=row.staff_id,
                school_id=row.school_id,
                disabled=bool(row.disabled),
                created_at=row.created_at,
            )
            for row in connection.execute(users.order_by(User.username))
        ]


def _set_disabled(
    engine: Engine, username: str, disabled: bool, trail: AuditTrail, actor: str, actor_role: str
) -> bool:
    username = checked_username(username)
    with engine.begin() as connection:
        user_id = _existing_user_id(connection, username)
        changed = connection.execute(
            update(User).where(User.id == user_id, User.disabled != disabled).values(disabled=disabled)
        ).rowcount
    state = "disabled" if disabled else "enabled"
    action = "user.disable" if disabled else "user.enable"
    _audit(trail, actor, actor_role, action, username, state if changed else f"already {state}")
    return bool(changed)


def _user_row(connection: Connection, username: str) -> Row[int, str, bool] | None:
    return connection.execute(
        select(User.id, User.password_hash, User.disabled).where(User.username == username)
    ).first()


def _existing_user_id(connection: Connection, username: str) -> int:
    user_id = connection.scalar(select(User.id).where(User.username == username))
    if user_id is None:
        raise UserError(f"no user is named {username!r}")
    return int(user_id)


def _audit(
    trail: AuditTrail,
    actor: str,
    actor_role: str,
    action: str,
    username: str,
    result: str,
    detail: str | None = None,
) -> None:
    # Recorded after the commit: SQLite allows one writer at a time, and the audit trail writes on its own.
    trail.record(
        actor=actor,
        role=actor_role,
        action=action,
        resource=f"user:{username}",
        result=result,
        purpose=detail,
    )


@cache
def _dummy_hash_for(time_cost: int, memory_cost: int, parallelism: int, hash_len: int, salt_len: int) -> str:
    hasher = PasswordHasher(time_cost, memory_cost, parallelism, hash_len, salt_len)
    return hasher.hash("no such user: this hash only makes the work equal")


def _dummy_hash(hasher: PasswordHasher) -> str:
    return _dummy_hash_for(
        hasher.time_cost, hasher.memory_cost, hasher.parallelism, hasher.hash_len, hasher.salt_len
    )
