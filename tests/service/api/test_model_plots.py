"""The charts of a version's training run over the API: listed in the version's detail, served as PNG to a
data scientist or an auditor, only under the known names, and read from MLflow once per run."""

from __future__ import annotations

import pytest

from service import model_plots
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def champion(served: Served) -> str:
    response = served.client.get("/models", headers=served.headers("data_scientist"))
    assert response.status_code == 200, response.text
    return next(v["version"] for v in response.json() if v["champion"])


def plot(served: Served, version: str, name: str, username: str = "data_scientist") -> tuple[int, bytes]:
    response = served.client.get(f"/models/{version}/plots/{name}", headers=served.headers(username))
    return response.status_code, response.content


def test_the_detail_lists_the_plots_the_endpoint_serves_as_png(served: Served) -> None:
    version = champion(served)
    for username in ("data_scientist", "auditor"):
        detail = served.client.get(f"/models/{version}", headers=served.headers(username))
        assert detail.status_code == 200, detail.text
        listed = detail.json()["plots"]
        assert listed == list(model_plots.PLOTS)  # every chart training logs, in the console's order
        for name in listed:
            response = served.client.get(f"/models/{version}/plots/{name}", headers=served.headers(username))
            assert response.status_code == 200, (name, response.text)
            assert response.headers["content-type"] == "image/png"
            assert response.content.startswith(PNG_SIGNATURE)


def test_unknown_names_and_versions_answer_404_and_no_other_artifact_is_reachable(served: Served) -> None:
    version = champion(served)
    for name in ("report", "model_card", "roc_curve"):
        response = served.client.get(f"/models/{version}/plots/{name}", headers=served.headers("auditor"))
        assert response.status_code == 404
        message = response.json()["error"]["message"]
        assert f"no plot is called '{name}'" in message
        assert "calibration" in message  # names the plots there are
    missing = served.client.get("/models/999999/plots/roc", headers=served.headers("auditor"))
    assert missing.status_code == 404
    assert "no version 999999" in missing.json()["error"]["message"]
    for name in ("report.json", "model_card.md", "..%2Freport.json", "%2E%2E", "ROC", "roc.png"):
        status, body = plot(served, version, name)
        assert status in (404, 422), name
        assert not body.startswith(PNG_SIGNATURE)
        assert b"gates" not in body  # nothing of report.json


def test_only_data_scientists_and_auditors_see_plots(served: Served) -> None:
    version = champion(served)
    for username in ("teacher", "principal", "admin"):
        status, _ = plot(served, version, "roc", username)
        assert status == 403, username
    assert served.client.get(f"/models/{version}/plots/roc").status_code == 401


def test_a_runs_plot_is_read_from_mlflow_once(served: Served, monkeypatch: pytest.MonkeyPatch) -> None:
    version = champion(served)
    status, first = plot(served, version, "calibration")
    assert status == 200

    def unreachable(*args: object) -> bytes:
        raise AssertionError("read again from the artifact store")

    monkeypatch.setattr(model_plots, "_read", unreachable)
    status, again = plot(served, version, "calibration", "auditor")
    assert status == 200
    assert again == first
