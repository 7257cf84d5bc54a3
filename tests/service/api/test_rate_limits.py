"""Rate limits: a user past their burst gets 429 with Retry-After, others are unaffected, and sign-in
attempts per username are limited against password guessing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.rate_limit import RateLimiter
from tests.service.api.conftest import PASSWORD, Served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def strict(served: Served) -> TestClient:
    """A second app over the same database with the limits small enough to reach."""
    settings = served.settings.model_copy(
        update={"api_requests_per_minute": 60, "api_request_burst": 5, "api_sign_ins_per_minute": 3}
    )
    app = create_app(
        settings, engine=served.engine, champion=served.client.app.state.erta.champion, watch_model=False
    )
    return TestClient(app)


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> int:
    return client.post("/auth/token", data={"username": username, "password": password}).status_code


def bearer(client: TestClient, username: str) -> dict[str, str]:
    response = client.post("/auth/token", data={"username": username, "password": PASSWORD})
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def test_past_the_burst_a_user_waits_and_others_do_not(strict: TestClient) -> None:
    teacher, mentor = bearer(strict, "teacher"), bearer(strict, "mentor")
    statuses = [strict.get("/auth/me", headers=teacher).status_code for _ in range(8)]
    assert statuses[:5] == [200] * 5
    refused = strict.get("/auth/me", headers=teacher)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) >= 1
    assert refused.json()["error"]["code"] == "rate_limited"
    assert strict.get("/auth/me", headers=mentor).status_code == 200


def test_sign_in_attempts_are_limited_per_username(strict: TestClient) -> None:
    attempts = [sign_in(strict, "principal", "wrong password, again") for _ in range(4)]
    assert attempts == [401, 401, 401, 429]
    assert sign_in(strict, "auditor") == 200


def test_a_bucket_refills_at_its_rate() -> None:
    limiter = RateLimiter(per_minute=60_000, burst=1)
    assert limiter.wait_seconds("k") == 0
    assert limiter.wait_seconds("k") == 1  # empty: a thousandth of a second away, said as a whole second
    slow = RateLimiter(per_minute=1, burst=1)
    slow.wait_seconds("k")
    assert slow.wait_seconds("k") == 60
