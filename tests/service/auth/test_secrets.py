"""The keys' guard (service/secrets.py): placeholder-looking keys refused outside demo mode, JWT key kept.

It lives beside the sign-in tests because the JWT key arrived with them; it covers all three keys.
"""

from __future__ import annotations

import base64
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import SecretStr

from service.secrets import SecretError, audit_key, jwt_key, looks_like_placeholder, pseudonym_key
from service.settings import Settings

KEYS: list[tuple[str, str, Callable[[Settings], bytes]]] = [
    ("jwt_key", "ERTA_JWT_KEY", jwt_key),
    ("audit_key", "ERTA_AUDIT_KEY", audit_key),
    ("pseudonym_key", "ERTA_PSEUDONYM_KEY", pseudonym_key),
]


@pytest.mark.parametrize(
    "value",
    [
        "at-least-32-characters-of-secret",  # .env.example's own placeholder
        "changeme-changeme-changeme-changeme",
        "CHANGE_ME_0123456789abcdefghijklmnop",
        "placeholder-for-the-real-key-2025-x",
        "an-example-value-for-erta-jwt-0123456",
        "demo-9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        "a" * 32,
        "ab" * 20,
        "0123456789abcdef" * 3,
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    ],
)
def test_placeholder_looking_values_are_recognised(value: str) -> None:
    assert looks_like_placeholder(value)


@pytest.mark.parametrize("make", [lambda: secrets.token_hex(32), lambda: secrets.token_urlsafe(32)])
def test_random_keys_are_not_placeholders(make: Callable[[], str]) -> None:
    assert not any(looks_like_placeholder(make()) for _ in range(200))
    assert not looks_like_placeholder(base64.b64encode(b"\x9a\x17" + bytes(range(40, 70))).decode())


@pytest.mark.parametrize(("field", "variable", "read"), KEYS)
def test_a_placeholder_key_is_refused_outside_demo_mode_without_its_value(
    field: str, variable: str, read: Callable[[Settings], bytes], tmp_path: Path
) -> None:
    value = "changeme-changeme-changeme-changeme"
    settings = Settings(home=tmp_path, **{field: SecretStr(value)})  # type: ignore[arg-type]
    with pytest.raises(SecretError, match=f"{variable} looks like a placeholder") as caught:
        read(settings)
    assert value not in str(caught.value)
    demo = Settings(home=tmp_path, demo_mode=True, **{field: SecretStr(value)})  # type: ignore[arg-type]
    assert read(demo) == value.encode()


@pytest.mark.parametrize(("field", "variable", "read"), KEYS)
def test_a_short_key_is_still_refused_and_a_random_one_used(
    field: str, variable: str, read: Callable[[Settings], bytes], tmp_path: Path
) -> None:
    with pytest.raises(SecretError, match=f"{variable} must be at least 32 characters"):
        read(Settings(home=tmp_path, **{field: SecretStr("short")}))  # type: ignore[arg-type]
    key = secrets.token_hex(32)
    assert read(Settings(home=tmp_path, **{field: SecretStr(key)})) == key.encode()  # type: ignore[arg-type]


def test_the_jwt_key_is_made_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", jwt_key=None)
    key = jwt_key(settings)
    path = tmp_path / "home" / "secrets" / "jwt.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(key) == 64
    assert jwt_key(settings) == key
    assert key not in (audit_key(settings), pseudonym_key(settings))


def test_the_environment_variable_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = secrets.token_urlsafe(32)
    monkeypatch.setenv("ERTA_JWT_KEY", key)
    monkeypatch.delenv("ERTA_DEMO_MODE", raising=False)
    assert jwt_key(Settings(home=tmp_path)) == key.encode()
    monkeypatch.setenv("ERTA_JWT_KEY", "secret" * 6)
    with pytest.raises(SecretError, match="ERTA_JWT_KEY looks like a placeholder"):
        jwt_key(Settings(home=tmp_path))
