"""Sign-in JWTs: what they carry, when they stop working, and that nothing forged or swapped gets through."""

from __future__ import annotations

import base64
import json
import secrets
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from pydantic import SecretStr

from service.auth.principal import Principal
from service.auth.tokens import (
    TokenError,
    decode_access_token,
    decode_refresh_token,
    issue_access_token,
    issue_refresh_token,
    issue_token_pair,
)
from service.secrets import jwt_key
from service.settings import Settings

NOW = datetime(2025, 11, 3, 8, 30, tzinfo=UTC)
TEACHER = Principal(7, "teacher", frozenset({"class_teacher", "mentor"}), staff_id="T1", school_id="S1")


def payload_of(token: str) -> dict[str, object]:
    return jwt.decode(token, options={"verify_signature": False})


def refused(
    token: str, settings: Settings, message: str, *, refresh: bool = False, now: datetime = NOW
) -> None:
    decode = decode_refresh_token if refresh else decode_access_token
    with pytest.raises(TokenError) as caught:
        decode(token, settings, now)
    assert str(caught.value) == message
    assert not token or token not in str(caught.value)  # the message never echoes the token


def test_an_access_token_gives_back_the_principal_it_was_issued_to(settings: Settings) -> None:
    token = issue_access_token(TEACHER, settings, NOW)
    assert decode_access_token(token, settings, NOW + timedelta(minutes=1)) == TEACHER


def test_the_claims_are_the_agreed_ones(settings: Settings) -> None:
    claims = payload_of(issue_access_token(TEACHER, settings, NOW))
    assert set(claims) == {"sub", "username", "roles", "staff_id", "school_id", "typ", "iat", "exp", "jti"}
    assert claims["sub"] == "7"
    assert claims["roles"] == ["class_teacher", "mentor"]
    assert claims["typ"] == "access"
    assert claims["iat"] == int(NOW.timestamp())
    assert claims["exp"] == int(NOW.timestamp()) + settings.access_token_minutes * 60
    assert jwt.get_unverified_header(issue_access_token(TEACHER, settings, NOW))["alg"] == "HS256"


def test_every_token_has_its_own_id(settings: Settings) -> None:
    first, second = (payload_of(issue_access_token(TEACHER, settings, NOW)) for _ in range(2))
    assert first["jti"] != second["jti"]


def test_an_access_token_expires_after_its_minutes(settings: Settings) -> None:
    token = issue_access_token(TEACHER, settings, NOW)
    lifetime = timedelta(minutes=settings.access_token_minutes)
    assert decode_access_token(token, settings, NOW + lifetime - timedelta(seconds=1)) == TEACHER
    refused(token, settings, "the token has expired", now=NOW + lifetime)


def test_a_refresh_token_lives_for_days_and_expires_after_them(settings: Settings) -> None:
    token = issue_refresh_token(TEACHER, settings, NOW)
    lifetime = timedelta(days=settings.refresh_token_days)
    assert decode_refresh_token(token, settings, NOW + lifetime - timedelta(seconds=1)) == TEACHER
    refused(token, settings, "the token has expired", refresh=True, now=NOW + lifetime)


def test_an_issued_pair_says_when_each_token_expires(settings: Settings) -> None:
    pair = issue_token_pair(TEACHER, settings, NOW)
    assert pair.token_type == "bearer"
    assert pair.access_expires_at == NOW + timedelta(minutes=settings.access_token_minutes)
    assert payload_of(pair.refresh_token)["exp"] == int(pair.refresh_expires_at.timestamp())


def test_a_refresh_token_is_not_an_access_token_nor_the_other_way_round(settings: Settings) -> None:
    refused(issue_refresh_token(TEACHER, settings, NOW), settings, "not an access token")
    refused(issue_access_token(TEACHER, settings, NOW), settings, "not a refresh token", refresh=True)


def test_a_token_signed_with_another_key_is_refused(settings: Settings) -> None:
    other = settings.model_copy(update={"jwt_key": SecretStr(secrets.token_hex(32))})
    refused(issue_access_token(TEACHER, other, NOW), settings, "invalid signature")


def test_tampered_claims_break_the_signature(settings: Settings) -> None:
    header, body, signature = issue_access_token(TEACHER, settings, NOW).split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["roles"] = ["admin"]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    refused(f"{header}.{forged}.{signature}", settings, "invalid signature")


def test_an_unsigned_token_is_refused(settings: Settings) -> None:
    claims = payload_of(issue_access_token(TEACHER, settings, NOW))
    refused(jwt.encode(claims, None, algorithm="none"), settings, "the token is not signed with HS256")


def test_a_correctly_signed_token_missing_a_claim_is_refused(settings: Settings) -> None:
    claims = payload_of(issue_access_token(TEACHER, settings, NOW))
    del claims["jti"]
    refused(
        jwt.encode(claims, jwt_key(settings), algorithm="HS256"), settings, "the token lacks the 'jti' claim"
    )


def test_a_correctly_signed_token_with_odd_claims_is_refused(settings: Settings) -> None:
    claims = payload_of(issue_access_token(TEACHER, settings, NOW)) | {"roles": "admin"}
    refused(
        jwt.encode(claims, jwt_key(settings), algorithm="HS256"), settings, "the token's claims are malformed"
    )


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "erta_notajwt"])
def test_garbage_is_malformed(garbage: str, settings: Settings) -> None:
    refused(garbage, settings, "the token is malformed")


def test_without_a_configured_key_one_is_made_once_under_home(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", jwt_key=None)
    token = issue_access_token(TEACHER, settings, NOW)
    path = tmp_path / "home" / "secrets" / "jwt.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert decode_access_token(token, Settings(home=tmp_path / "home", jwt_key=None), NOW) == TEACHER
