"""The risk model's registry over the API: versions, gates and model card for a data scientist (an auditor
reads them), retraining in the background, and moving `@champion` through the gates and back, with the API
serving each new champion at once."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow

REGISTERED_MODEL = "erta-risk"
JOB_TIMEOUT_SECONDS = 300


def get(served: Served, path: str, username: str = "data_scientist") -> Any:
    response = served.client.get(path, headers=served.headers(username))
    assert response.status_code == 200, response.text
    return response.json()


def champion(served: Served) -> str:
    return next(v["version"] for v in get(served, "/models") if v["champion"])


def serving(served: Served) -> str | None:
    return served.client.get("/ready").json()["model_version"]


def wait_for(served: Served, job_id: str) -> dict[str, Any]:
    """Poll the job until it is done or failed, checking that its progress only rises."""
    seen = [0.0]
    deadline = time.monotonic() + JOB_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        job = get(served, f"/models/jobs/{job_id}")
        assert job["status"] in ("queued", "running", "done", "failed")
        assert 0.0 <= job["progress"] <= 1.0
        assert job["progress"] >= seen[-1]
        seen.append(job["progress"])
        if job["status"] in ("done", "failed"):
            return dict(job)
        time.sleep(0.5)
    raise AssertionError(f"job {job_id} still {job['status']} after {JOB_TIMEOUT_SECONDS} s")


def test_versions_show_aliases_metrics_and_gates_to_data_scientists_and_auditors(served: Served) -> None:
    for username in ("data_scientist", "auditor"):
        versions = get(served, "/models", username)
        assert sum(v["champion"] for v in versions) == 1
        assert all({"roc_auc", "pr_auc", "brier", "ece"} <= set(v["metrics"]) for v in versions)
        assert [int(v["version"]) for v in versions] == sorted(
            (int(v["version"]) for v in versions), reverse=True
        )
    detail = get(served, f"/models/{champion(served)}", "auditor")
    assert [gate["name"] for gate in detail["gates"]] == ["auc", "brier", "ece", "fairness"]
    assert set(detail["metrics"]) == {"xgboost", "logistic_regression", "abc_rule"}
    assert detail["model_card"].startswith("# Erta risk model")
    missing = served.client.get("/models/999999", headers=served.headers("auditor"))
    assert missing.status_code == 404
    assert "no version 999999" in missing.json()["error"]["message"]


def test_who_may_read_and_who_may_move_the_champion(served: Served) -> None:
    version = champion(served)
    for username in ("teacher", "principal", "admin"):
        assert served.client.get("/models", headers=served.headers(username)).status_code == 403
    for username in ("auditor", "admin", "teacher"):
        headers = served.headers(username)
        reason = {"reason": "not mine to do"}
        assert (
            served.client.post(f"/models/{version}/promote", json=reason, headers=headers).status_code == 403
        )
        assert served.client.post("/models/rollback", json=reason, headers=headers).status_code == 403
        assert served.client.post("/models/retrain", json=reason, headers=headers).status_code == 403
    assert get(served, "/models/history", "auditor")[0]["version"] == version
    unknown = served.client.get(f"/models/jobs/{'0' * 32}", headers=served.headers("auditor"))
    assert unknown.status_code == 404
    assert "restart" in unknown.json()["error"]["message"]


def test_retrain_then_promote_through_the_gates_and_roll_back(served: Served) -> None:
    from mlflow import MlflowClient

    from service.jobs import configure_tracking

    for job in get(served, "/models/jobs"):  # one another test (Schemathesis) may have started
        if job["status"] in ("queued", "running"):
            wait_for(served, job["job_id"])
    before = champion(served)
    headers = served.headers("data_scientist")
    body = {"reason": "new marks loaded", "trees": 20, "bootstrap_samples": 10}
    started = served.client.post("/models/retrain", json=body, headers=headers)
    assert started.status_code == 202, started.text
    again = served.client.post("/models/retrain", json=body, headers=headers)
    assert again.status_code == 409
    assert "running already" in again.json()["error"]["message"]
    blocked = served.client.post("/models/rollback", json={"reason": "while training"}, headers=headers)
    assert blocked.status_code == 409
    job = wait_for(served, started.json()["job_id"])
    assert job["status"] == "done", job
    new = job["version"]
    assert int(new) > int(before)
    assert job["progress"] == 1.0
    versions = {v["version"]: v for v in get(served, "/models")}
    assert new in versions
    if job["promoted"]:  # it passed its gates: it serves already; roll back, then make its gates fail
        assert (champion(served), serving(served)) == (new, new)
        rolled = served.client.post("/models/rollback", json={"reason": "compare by hand"}, headers=headers)
        assert rolled.json() == {"champion": before, "serving": before}
        configure_tracking(served.settings.home)
        client = MlflowClient()
        client.set_model_version_tag(REGISTERED_MODEL, new, "gate.auc", "fail: AUC 0.6000 vs champion 0.7300")
        client.set_model_version_tag(REGISTERED_MODEL, new, "gate.result", "fail")
    assert (champion(served), serving(served)) == (before, before)
    refused = served.client.post(f"/models/{new}/promote", json={"reason": "looks fine"}, headers=headers)
    assert refused.status_code == 409
    message = refused.json()["error"]["message"]
    failed = [c["name"] for c in get(served, f"/models/{new}")["gates"] if not c["passed"]] or ["auc"]
    assert all(f"{name}:" in message for name in failed)
    assert "override_failed_gates" in message
    forced = {"reason": "validated on the spring term by hand", "override_failed_gates": True}
    promoted = served.client.post(f"/models/{new}/promote", json=forced, headers=headers)
    assert promoted.json() == {"champion": new, "serving": new}
    assert (champion(served), serving(served)) == (new, new)
    latest = get(served, "/models/history", "auditor")[0]
    assert latest | {"at": ""} == {
        "version": new,
        "at": "",
        "by": "api:data_scientist",
        "reason": forced["reason"],
        "action": "promote",
    }
    back = served.client.post("/models/rollback", json={"reason": "keep the tested one"}, headers=headers)
    assert back.json() == {"champion": before, "serving": before}
    assert serving(served) == before
    assert get(served, "/models/history")[0]["action"] == "rollback"
