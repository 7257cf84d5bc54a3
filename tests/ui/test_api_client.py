"""The console's API client against the running API: refusals keep the API's words, an expired access
token is refreshed once, and an API that is not there is said so."""

from __future__ import annotations

import pytest

from tests.ui.conftest import DEMO_PASSWORD, Console, free_port
from ui.api import ApiClient, ApiError


def test_a_wrong_password_is_a_401_with_the_apis_message(console: Console) -> None:
    client = ApiClient(console.api_url)
    with pytest.raises(ApiError) as refused:
        client.sign_in("teacher", "not the password")
    assert refused.value.status == 401
    assert "password" in refused.value.detail.lower() or "sign" in refused.value.detail.lower()


def test_a_role_refusal_keeps_the_apis_reason(console: Console) -> None:
    client = ApiClient(console.api_url)
    client.sign_in("teacher", DEMO_PASSWORD)
    with pytest.raises(ApiError) as refused:
        client.get("/models")
    assert refused.value.status == 403
    assert "data_scientist" in refused.value.detail or "role" in refused.value.detail


def test_an_expired_access_token_is_refreshed_once(console: Console) -> None:
    client = ApiClient(console.api_url)
    client.sign_in("teacher", DEMO_PASSWORD)
    assert client.tokens is not None
    refresh = client.tokens.refresh
    client.tokens.access = "expired.or.forged"
    assert client.get("/auth/me")["username"] == "teacher"
    assert client.tokens.access != "expired.or.forged"
    assert client.tokens.refresh != refresh


def test_an_api_that_is_not_running_is_status_0_naming_the_address() -> None:
    url = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(ApiError) as unreachable:
        ApiClient(url, timeout=2).sign_in("teacher", DEMO_PASSWORD)
    assert unreachable.value.status == 0
    assert url in unreachable.value.detail


def test_a_validation_error_names_the_field(console: Console) -> None:
    client = ApiClient(console.api_url)
    client.sign_in("teacher", DEMO_PASSWORD)
    with pytest.raises(ApiError) as refused:
        client.post("/alerts/1/snooze", {"until": "not a date"})
    assert refused.value.status in (400, 422)
    assert "until" in refused.value.detail
