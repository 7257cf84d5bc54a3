"""Users on SQLite and PostgreSQL: adding them (with clear refusals), signing in, disabling, refreshing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, select

from service.audit_trail import AuditTrail
from service.auth.passwords import PasswordError, needs_rehash
from service.auth.tokens import TokenError, decode_access_token, issue_token_pair
from service.auth.users import (
    UserError,
    UserInfo,
    add_user,
    authenticate,
    disable_user,
    enable_user,
    list_users,
    principal_of,
    refresh_session,
    reset_password,
    user_id_of,
)
from service.db.access import USER_ROLES
from service.db.models import User
from service.settings import Settings
from tests.service.auth.conftest import PASSWORD, audit_entries

NOW = datetime(2025, 11, 3, 8, 30, tzinfo=UTC)


def add(
    engine: Engine,
    trail: AuditTrail,
    hasher: PasswordHasher,
    username: str = "nodira",
    *,
    roles: Sequence[str] = ("class_teacher",),
    staff_id: str | None = "T1",
    school_id: str | None = None,
) -> UserInfo:
    return add_user(
        engine, username, PASSWORD, roles, staff_id, school_id, trail=trail, actor="admin:olim", hasher=hasher
    )


def test_an_added_user_signs_in_scoped_to_their_staff_records_school(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    user = add(school, trail, hasher, roles=["mentor", "class_teacher"])
    assert user.roles == ("class_teacher", "mentor")  # Erta's order, whatever order they were given in
    assert (user.staff_id, user.school_id, user.disabled) == ("T1", None, False)
    principal = authenticate(school, "nodira", PASSWORD, hasher)
    assert principal is not None
    assert (principal.user_id, principal.username, principal.staff_id) == (user.id, "nodira", "T1")
    assert principal.roles == {"class_teacher", "mentor"}
    assert principal.school_id == "S1"  # from staff T1's record
    assert principal.token_name is None
    assert principal_of(school, user.id) == principal


def test_a_school_given_outright_scopes_a_user_without_a_staff_record(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    user = add(school, trail, hasher, "direktor", roles=["principal"], staff_id=None, school_id="S2")
    principal = principal_of(school, user.id)
    assert principal is not None
    assert (principal.staff_id, principal.school_id) == (None, "S2")


def test_names_are_folded_to_lower_case(school: Engine, trail: AuditTrail, hasher: PasswordHasher) -> None:
    assert add(school, trail, hasher, "  Nodira ").username == "nodira"
    assert authenticate(school, "NODIRA", PASSWORD, hasher) is not None


def test_a_wrong_password_or_an_unknown_name_signs_nobody_in(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    add(school, trail, hasher)
    assert authenticate(school, "nodira", PASSWORD + "!", hasher) is None
    assert authenticate(school, "nobody", PASSWORD, hasher) is None
    assert authenticate(school, "not a valid name!", PASSWORD, hasher) is None
    assert authenticate(school, "", "", hasher) is None


def test_a_disabled_user_cannot_sign_in_until_enabled(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    user = add(school, trail, hasher)
    assert disable_user(school, "nodira", trail=trail, actor="admin:olim") is True
    assert disable_user(school, "nodira", trail=trail, actor="admin:olim") is False
    assert authenticate(school, "nodira", PASSWORD, hasher) is None
    assert principal_of(school, user.id) is None
    assert [u.disabled for u in list_users(school)] == [True]
    assert enable_user(school, "nodira", trail=trail, actor="admin:olim") is True
    assert authenticate(school, "nodira", PASSWORD, hasher) is not None


def test_a_reset_password_replaces_the_old_one(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    add(school, trail, hasher)
    reset_password(school, "nodira", "yangi parol, uzunroq", trail=trail, actor="admin:olim", hasher=hasher)
    assert authenticate(school, "nodira", PASSWORD, hasher) is None
    assert authenticate(school, "nodira", "yangi parol, uzunroq", hasher) is not None
    with pytest.raises(PasswordError, match="at least 12 characters"):
        reset_password(school, "nodira", "qisqa", trail=trail, actor="admin:olim", hasher=hasher)
    with pytest.raises(UserError, match="no user is named 'nobody'"):
        reset_password(
            school, "nobody", "yangi parol, uzunroq", trail=trail, actor="admin:olim", hasher=hasher
        )


def test_signing_in_renews_a_hash_made_with_older_parameters(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    add(school, trail, hasher)
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    assert authenticate(school, "nodira", PASSWORD, stronger) is not None
    with school.connect() as connection:
        stored = connection.scalar(select(User.password_hash))
    assert stored is not None
    assert not needs_rehash(stored, stronger)
    assert authenticate(school, "nodira", PASSWORD, stronger) is not None


def test_a_taken_name_is_refused(school: Engine, trail: AuditTrail, hasher: PasswordHasher) -> None:
    add(school, trail, hasher)
    with pytest.raises(UserError, match="a user named 'nodira' already exists"):
        add(school, trail, hasher, "NODIRA", staff_id=None)
    assert len(list_users(school)) == 1


def test_an_unknown_role_is_refused_naming_the_allowed_ones(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with pytest.raises(UserError) as caught:
        add(school, trail, hasher, roles=["teacher", "mentor"])
    assert "unknown role 'teacher'" in str(caught.value)
    assert all(role in str(caught.value) for role in USER_ROLES)
    with pytest.raises(UserError, match="at least one role"):
        add(school, trail, hasher, roles=[])
    assert list_users(school) == []


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ({"staff_id": "T99"}, "no staff member has the id 'T99'"),
        ({"staff_id": None, "school_id": "S9"}, "no school has the id 'S9'"),
        ({"staff_id": "T1", "school_id": "S2"}, "staff member 'T1' works at school 'S1', not 'S2'"),
    ],
)
def test_a_staff_or_school_id_not_on_file_is_refused(
    scope: dict[str, Any], message: str, school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with pytest.raises(UserError, match=message):
        add(school, trail, hasher, **scope)
    assert list_users(school) == []


@pytest.mark.parametrize("name", ["", "   ", "a" * 65, "olim aka", "-olim", "олим"])
def test_a_malformed_name_is_refused(
    name: str, school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with pytest.raises(UserError, match="a username is 1 to 64 characters"):
        add(school, trail, hasher, name)


def test_a_short_password_is_refused_before_anything_is_written(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with pytest.raises(PasswordError):
        add_user(school, "nodira", "demo", ["admin"], trail=trail, actor="admin:olim", hasher=hasher)
    user = add_user(
        school, "demo", "demo", ["admin"], trail=trail, actor="admin:olim", hasher=hasher, demo_mode=True
    )
    assert [u.username for u in list_users(school)] == [user.username]


def test_every_change_is_in_the_audit_log_and_no_password_is(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    add(school, trail, hasher, roles=["class_teacher", "mentor"])
    disable_user(school, "nodira", trail=trail, actor="admin:olim")
    disable_user(school, "nodira", trail=trail, actor="admin:olim")
    enable_user(school, "nodira", trail=trail, actor="admin:olim", actor_role="principal")
    reset_password(school, "nodira", "yangi parol, uzunroq", trail=trail, actor="admin:olim", hasher=hasher)
    entries = audit_entries(trail)
    assert [(e.action, e.resource, e.result) for e in entries] == [
        ("user.add", "user:nodira", "created"),
        ("user.disable", "user:nodira", "disabled"),
        ("user.disable", "user:nodira", "already disabled"),
        ("user.enable", "user:nodira", "enabled"),
        ("user.reset_password", "user:nodira", "password reset"),
    ]
    assert entries[0].purpose == "roles class_teacher, mentor; staff T1"
    assert {e.actor for e in entries} == {"admin:olim"}
    assert [e.role for e in entries] == ["admin", "admin", "admin", "principal", "admin"]
    with school.connect() as connection:
        stored = connection.scalar(select(User.password_hash))
    written = " ".join(str(value) for e in entries for value in asdict(e).values())
    for secret in (PASSWORD, "yangi parol", str(stored)):
        assert secret not in written


def test_a_refused_change_writes_nothing(school: Engine, trail: AuditTrail, hasher: PasswordHasher) -> None:
    with pytest.raises(UserError):
        add(school, trail, hasher, roles=["teacher"])
    with pytest.raises(UserError):
        disable_user(school, "nobody", trail=trail, actor="admin:olim")
    assert audit_entries(trail) == []


def test_user_ids_are_found_by_name(school: Engine, trail: AuditTrail, hasher: PasswordHasher) -> None:
    user = add(school, trail, hasher)
    assert user_id_of(school, "Nodira") == user.id
    with pytest.raises(UserError, match="no user is named 'nobody'"):
        user_id_of(school, "nobody")


def test_listing_never_carries_a_hash(school: Engine, trail: AuditTrail, hasher: PasswordHasher) -> None:
    add(school, trail, hasher)
    (user,) = list_users(school)
    assert not any("argon2" in str(value) for value in asdict(user).values())
    assert not hasattr(user, "password_hash")


def test_a_refresh_gives_a_new_pair_for_the_user_as_they_are_now(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher, settings: Settings
) -> None:
    add(school, trail, hasher)
    principal = authenticate(school, "nodira", PASSWORD, hasher)
    assert principal is not None
    first = issue_token_pair(principal, settings, NOW)
    later = NOW + timedelta(hours=1)
    second = refresh_session(school, first.refresh_token, settings, later)
    assert second.refresh_token != first.refresh_token
    assert decode_access_token(second.access_token, settings, later) == principal
    with pytest.raises(TokenError, match="not a refresh token"):
        refresh_session(school, first.access_token, settings, NOW)


def test_a_disabled_user_cannot_refresh(
    school: Engine, trail: AuditTrail, hasher: PasswordHasher, settings: Settings
) -> None:
    add(school, trail, hasher)
    principal = authenticate(school, "nodira", PASSWORD, hasher)
    assert principal is not None
    pair = issue_token_pair(principal, settings, NOW)
    disable_user(school, "nodira", trail=trail, actor="admin:olim")
    with pytest.raises(TokenError, match="the account is disabled or no longer exists"):
        refresh_session(school, pair.refresh_token, settings, NOW + timedelta(minutes=20))
