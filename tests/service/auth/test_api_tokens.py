"""Integration tokens: shown once, stored as a hash, refused once revoked or when their user is disabled."""

from __future__ import annotations

import hashlib
from dataclasses import asdict

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, select

from service.audit_trail import AuditTrail
from service.auth.api_tokens import (
    authenticate_api_token,
    create_api_token,
    list_api_tokens,
    revoke_api_token,
)
from service.auth.users import UserError, add_user, disable_user
from service.db.models import ApiToken
from tests.service.auth.conftest import PASSWORD, audit_entries

ADMIN = {"actor": "admin:olim"}


@pytest.fixture
def diary_user(school: Engine, trail: AuditTrail, hasher: PasswordHasher) -> int:
    """A user the e-diary integration acts as: a subject teacher on staff record T2 (school S1)."""
    return add_user(
        school, "ediary", PASSWORD, ["subject_teacher"], staff_id="T2", trail=trail, hasher=hasher, **ADMIN
    ).id


def test_a_token_is_shown_once_and_only_its_sha256_is_kept(
    school: Engine, trail: AuditTrail, diary_user: int
) -> None:
    token = create_api_token(school, diary_user, "e-diary sync", trail=trail, **ADMIN)
    assert token.startswith("erta_")
    assert len(token) >= len("erta_") + 43  # 32 random bytes, URL-safe base64
    with school.connect() as connection:
        row = connection.execute(select(ApiToken.__table__)).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert all(token not in str(value) and token[5:] not in str(value) for value in row)


def test_a_token_acts_as_its_user_and_says_which_token_it_is(
    school: Engine, trail: AuditTrail, diary_user: int
) -> None:
    token = create_api_token(school, diary_user, "e-diary sync", trail=trail, **ADMIN)
    principal = authenticate_api_token(school, token)
    assert principal is not None
    assert (principal.user_id, principal.username) == (diary_user, "ediary")
    assert principal.roles == {"subject_teacher"}
    assert (principal.staff_id, principal.school_id, principal.token_name) == ("T2", "S1", "e-diary sync")


@pytest.mark.parametrize("presented", ["", "erta_", "erta_not-a-real-token", "Bearer xyz", "x" * 500])
def test_an_unknown_token_is_refused(
    presented: str, school: Engine, trail: AuditTrail, diary_user: int
) -> None:
    create_api_token(school, diary_user, "e-diary sync", trail=trail, **ADMIN)
    assert authenticate_api_token(school, presented) is None


def test_a_revoked_token_is_refused_and_its_name_can_be_used_again(
    school: Engine, trail: AuditTrail, diary_user: int
) -> None:
    token = create_api_token(school, diary_user, "e-diary sync", trail=trail, **ADMIN)
    revoked = revoke_api_token(school, "e-diary sync", trail=trail, **ADMIN)
    assert revoked.revoked_at is not None
    assert not revoked.live
    assert authenticate_api_token(school, token) is None
    with pytest.raises(UserError, match="no live API token has the name 'e-diary sync'"):
        revoke_api_token(school, "e-diary sync", trail=trail, **ADMIN)
    again = create_api_token(school, diary_user, "e-diary sync", trail=trail, **ADMIN)
    assert authenticate_api_token(school, again) is not None


def test_a_token_can_be_revoked_by_id(school: Engine, trail: AuditTrail, diary_user: int) -> None:
    token = create_api_token(school, diary_user, "LMS", trail=trail, **ADMIN)
    (info,) = list_api_tokens(school)
    assert revoke_api_token(school, info.id, trail=trail, **ADMIN).name == "LMS"
    assert authenticate_api_token(school, token) is None
    with pytest.raises(UserError, match=f"no live API token has the id {info.id}"):
        revoke_api_token(school, info.id, trail=trail, **ADMIN)


def test_a_disabled_users_tokens_stop_working(school: Engine, trail: AuditTrail, diary_user: int) -> None:
    token = create_api_token(school, diary_user, "LMS", trail=trail, **ADMIN)
    disable_user(school, "ediary", trail=trail, **ADMIN)
    assert authenticate_api_token(school, token) is None
    with pytest.raises(UserError, match="user 'ediary' is disabled"):
        create_api_token(school, diary_user, "LMS 2", trail=trail, **ADMIN)


def test_a_live_name_cannot_be_taken_twice(school: Engine, trail: AuditTrail, diary_user: int) -> None:
    create_api_token(school, diary_user, "LMS", trail=trail, **ADMIN)
    with pytest.raises(UserError, match="a live token is already named 'LMS'"):
        create_api_token(school, diary_user, "  LMS ", trail=trail, **ADMIN)


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_token_needs_a_name(name: str, school: Engine, trail: AuditTrail, diary_user: int) -> None:
    with pytest.raises(UserError, match="a token's name must be 1 to 100 characters"):
        create_api_token(school, diary_user, name, trail=trail, **ADMIN)


def test_a_token_for_nobody_is_refused(school: Engine, trail: AuditTrail) -> None:
    with pytest.raises(UserError, match="no user has the id 999"):
        create_api_token(school, 999, "LMS", trail=trail, **ADMIN)


def test_the_listing_names_owner_and_dates_but_never_the_hash(
    school: Engine, trail: AuditTrail, diary_user: int
) -> None:
    create_api_token(school, diary_user, "LMS", trail=trail, **ADMIN)
    token = create_api_token(school, diary_user, "e-diary sync", trail=trail, **ADMIN)
    revoke_api_token(school, "LMS", trail=trail, **ADMIN)
    listed = list_api_tokens(school)
    assert [(t.name, t.username, t.live) for t in listed] == [
        ("e-diary sync", "ediary", True),
        ("LMS", "ediary", False),
    ]
    assert [t.name for t in list_api_tokens(school, include_revoked=False)] == ["e-diary sync"]
    digest = hashlib.sha256(token.encode()).hexdigest()
    assert all(
        digest not in str(value) and token not in str(value) for t in listed for value in asdict(t).values()
    )


def test_creating_and_revoking_are_audited_without_the_token(
    school: Engine, trail: AuditTrail, diary_user: int
) -> None:
    token = create_api_token(school, diary_user, "LMS", trail=trail, **ADMIN)
    revoke_api_token(school, "LMS", trail=trail, **ADMIN)
    entries = audit_entries(trail)[1:]  # after the user's own creation
    assert [(e.actor, e.role, e.action, e.resource, e.result) for e in entries] == [
        ("admin:olim", "admin", "api_token.create", "api_token:LMS", "created"),
        ("admin:olim", "admin", "api_token.revoke", "api_token:LMS", "revoked"),
    ]
    assert entries[0].purpose == "acts as user:ediary"
    assert all(token not in str(value) for e in entries for value in asdict(e).values())
