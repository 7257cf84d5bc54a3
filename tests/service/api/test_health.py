"""Health, readiness, metrics and the JSON error shape, on a served district."""

from __future__ import annotations

import pytest

from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow


def test_health_needs_no_sign_in(served: Served) -> None:
    assert served.client.get("/health").json() == {"status": "ok"}


def test_ready_names_the_serving_model_version(served: Served) -> None:
    body = served.client.get("/ready").json()
    assert body["ready"] is True
    assert body["database"] == "ok"
    assert body["model_version"] == "1"
    assert body["problems"] == []


def test_metrics_count_requests_by_route_template_never_by_id(served: Served) -> None:
    pupil = sorted(served.scopes["teacher"])[0]
    served.client.get(f"/pupils/{pupil}/explanation", headers=served.headers("teacher"))
    text = served.client.get("/metrics").text
    assert 'route="/pupils/{pupil_id}/explanation"' in text
    assert pupil not in text
    assert "erta_http_request_seconds_bucket" in text


def test_an_unknown_route_answers_json_with_a_message(served: Served) -> None:
    response = served.client.get("/no/such/thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_an_invalid_query_names_the_field_and_not_the_value(served: Served) -> None:
    response = served.client.get("/pupils?limit=100000", headers=served.headers("teacher"))
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "query.limit" in message
    assert "100000" not in message


def test_a_body_over_the_limit_is_refused_before_it_is_read(served: Served) -> None:
    limit = served.settings.api_max_body_bytes
    response = served.client.post(
        "/auth/refresh", content=b"x" * (limit + 1), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert f"{limit:,}" in response.json()["error"]["message"]


def test_an_unexpected_failure_answers_json_500_without_its_text(served: Served) -> None:
    from fastapi.testclient import TestClient

    from service.api.app import create_app

    app = create_app(
        served.settings,
        engine=served.engine,
        champion=served.client.app.state.erta.champion,
        watch_model=False,
    )

    def broken() -> None:
        raise RuntimeError("Karimova Dilnoza, PINFL 31234567890123")

    app.add_api_route("/broken", broken)
    response = TestClient(app, raise_server_exceptions=False).get("/broken")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "error"
    assert "Karimova" not in response.text
    assert "31234567890123" not in response.text
