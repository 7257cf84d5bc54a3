"""The registry lifecycle and one full training-run log, against a real MLflow SQLite store."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import mlflow
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from mlflow import MlflowClient

from model.risk_model import BoosterParams, CalibratedRiskModel
from privacy.pinfl import make_pinfl
from training.artifact_guard import PersonalDataInArtifactError
from training.gates import decide
from training.registry import (
    RegistryError,
    champion_metrics,
    history,
    list_versions,
    promote,
    record_gates_and_promote,
    rollback,
)
from training.tracking import REGISTERED_MODEL, configure_tracking, experiment_id, log_training_run

GOOD = {"roc_auc": 0.81, "brier": 0.12, "ece": 0.02}
UNCALIBRATED = {"roc_auc": 0.83, "brier": 0.11, "ece": 0.09}


class Registry:
    """Versions of `erta-risk` backed by runs that logged test metrics (no model files: the lifecycle
    never reads them)."""

    def __init__(self, client: MlflowClient, home: Path) -> None:
        self.client = client
        self.home = home
        client.create_registered_model(REGISTERED_MODEL)

    def add(self, metrics: dict[str, float]) -> str:
        with mlflow.start_run(experiment_id=experiment_id(self.home)) as run:
            mlflow.log_metrics({f"xgboost.{name}": value for name, value in metrics.items()})
        version = self.client.create_model_version(
            REGISTERED_MODEL, source=f"{run.info.artifact_uri}/model", run_id=run.info.run_id
        )
        return str(version.version)

    def add_and_gate(self, metrics: dict[str, float], actor: str = "trainer") -> str:
        champion = champion_metrics(self.client)
        decision = decide(metrics, champion[1] if champion else None, [])
        version = self.add(metrics)
        record_gates_and_promote(self.client, version, decision, actor)
        return version

    def alias(self, alias: str) -> str:
        return str(self.client.get_model_version_by_alias(REGISTERED_MODEL, alias).version)

    def tags(self, version: str) -> dict[str, str]:
        return dict(self.client.get_model_version(REGISTERED_MODEL, version).tags)


@pytest.fixture
def registry(client: MlflowClient, mlflow_home: Path) -> Registry:
    return Registry(client, mlflow_home)


# ---- gates and the two aliases


def test_first_passing_version_becomes_champion_and_challenger(registry: Registry) -> None:
    version = registry.add(GOOD)
    decision = decide(GOOD, None, [])
    assert record_gates_and_promote(registry.client, version, decision, "trainer") is True
    assert registry.alias("champion") == registry.alias("challenger") == version == "1"
    tags = registry.tags(version)
    assert tags["gate.result"] == "pass"
    assert {key for key in tags if key.startswith("gate.")} == set(decision.as_tags())
    assert "champion.since" in tags
    [entry] = history(registry.client)
    assert entry["version"] == "1"
    assert entry["by"] == "trainer"
    assert entry["reason"] == "gates passed"


def test_failing_version_is_challenger_only(registry: Registry) -> None:
    registry.add_and_gate(GOOD)
    version = registry.add(UNCALIBRATED)
    decision = decide(UNCALIBRATED, GOOD, [])
    assert record_gates_and_promote(registry.client, version, decision, "trainer") is False
    assert registry.alias("challenger") == "2"
    assert registry.alias("champion") == "1"
    tags = registry.tags("2")
    assert tags["gate.result"] == "fail"
    assert tags["gate.ece"].startswith("fail")
    assert tags["gate.auc"].startswith("pass")
    assert "champion.since" not in tags
    assert [entry["version"] for entry in history(registry.client)] == ["1"]


def test_fairness_problem_blocks_promotion_and_is_recorded(registry: Registry) -> None:
    version = registry.add(GOOD)
    decision = decide(GOOD, None, ["sex=F: FNR ratio 1.40"])
    assert record_gates_and_promote(registry.client, version, decision, "trainer") is False
    assert champion_metrics(registry.client) is None
    assert "sex=F: FNR ratio 1.40" in registry.tags(version)["gate.fairness"]


def test_long_gate_detail_is_cut_to_fit_a_tag(registry: Registry) -> None:
    version = registry.add(GOOD)
    problems = [f"region=R{i}: FNR ratio 1.{i:02d}" for i in range(400)]
    record_gates_and_promote(registry.client, version, decide(GOOD, None, problems), "trainer")
    assert len(registry.tags(version)["gate.fairness"]) == 5000


# ---- promotion by hand


def test_failed_version_needs_a_reason(registry: Registry) -> None:
    registry.add_and_gate(GOOD)
    registry.add_and_gate(UNCALIBRATED)
    with pytest.raises(RegistryError, match="--reason") as raised:
        promote(registry.client, "2", "mentor.admin")
    assert "did not pass its gates (fail)" in str(raised.value)
    assert registry.alias("champion") == "1"
    assert len(history(registry.client)) == 1
    assert "promotion.override_reason" not in registry.tags("2")


def test_never_checked_version_needs_a_reason(registry: Registry) -> None:
    registry.add_and_gate(GOOD)
    version = registry.add(GOOD)
    with pytest.raises(RegistryError, match="never checked"):
        promote(registry.client, version, "mentor.admin")
    assert registry.alias("champion") == "1"


def test_promotion_with_a_reason_is_recorded(registry: Registry) -> None:
    registry.add_and_gate(GOOD)
    registry.add_and_gate(UNCALIBRATED)
    reason = "ECE fails on a tiny test quarter; reviewed by the district"
    promote(registry.client, "2", "mentor.admin", override_reason=reason)
    assert registry.alias("champion") == "2"
    assert registry.tags("2")["promotion.override_reason"] == reason
    assert "champion.since" in registry.tags("2")
    last = history(registry.client)[-1]
    assert (last["version"], last["by"], last["reason"]) == ("2", "mentor.admin", reason)
    assert len(history(registry.client)) == 2


def test_passing_version_is_promoted_without_a_reason(registry: Registry) -> None:
    registry.add_and_gate(GOOD)
    registry.add_and_gate(GOOD | {"roc_auc": 0.85})
    assert registry.alias("champion") == "2"
    promote(registry.client, "1", "mentor.admin")
    assert registry.alias("champion") == "1"
    assert history(registry.client)[-1]["reason"] == "promoted by hand"
    assert "promotion.override_reason" not in registry.tags("1")


@pytest.mark.parametrize("version", ["7", "0"])
def test_promoting_a_missing_version_is_refused(registry: Registry, version: str) -> None:
    registry.add_and_gate(GOOD)
    with pytest.raises(RegistryError, match=f"no version {version}"):
        promote(registry.client, version, "mentor.admin", override_reason="typo")
    assert registry.alias("champion") == "1"
    assert len(history(registry.client)) == 1


# ---- rollback


def test_rollback_returns_the_previous_champion(registry: Registry) -> None:
    registry.add_and_gate(GOOD)
    registry.add_and_gate(UNCALIBRATED)
    promote(registry.client, "2", "mentor.admin", override_reason="trial")
    assert rollback(registry.client, "duty.engineer") == "1"
    assert registry.alias("champion") == "1"
    entries = history(registry.client)
    assert [entry["version"] for entry in entries] == ["1", "2", "1"]
    assert entries[-1]["by"] == "duty.engineer"
    assert entries[-1]["reason"] == "rollback from version 2"
    assert registry.alias("challenger") == "2"


def test_rollback_with_a_single_champion_ever_is_refused(registry: Registry) -> None:
    registry.add_and_gate(GOOD)
    registry.add_and_gate(UNCALIBRATED)
    with pytest.raises(RegistryError, match="no earlier champion"):
        rollback(registry.client, "duty.engineer")
    assert registry.alias("champion") == "1"
    assert len(history(registry.client)) == 1


def test_rollback_before_any_champion_is_refused(registry: Registry) -> None:
    registry.add(GOOD)
    with pytest.raises(RegistryError, match="no earlier champion"):
        rollback(registry.client, "duty.engineer")


def test_second_rollback_walks_further_back(registry: Registry) -> None:
    for auc in (0.80, 0.81, 0.82):
        registry.add_and_gate(GOOD | {"roc_auc": auc})
    assert registry.alias("champion") == "3"
    assert rollback(registry.client, "duty.engineer") == "2"
    assert rollback(registry.client, "duty.engineer") == "1"


# ---- what `erta models list` shows


def three_versions(registry: Registry) -> None:
    """v1 champion, v2 challenger that failed its gates, v3 never checked."""
    registry.add_and_gate(GOOD)
    registry.add_and_gate(UNCALIBRATED)
    registry.add(GOOD)


def test_list_versions_shows_metrics_and_gates_newest_first(registry: Registry) -> None:
    three_versions(registry)
    rows = list_versions(registry.client)
    assert [row.version for row in rows] == ["3", "2", "1"]
    assert [row.gate for row in rows] == ["–", "fail", "pass"]
    assert rows[1].metrics == pytest.approx(UNCALIBRATED)
    assert rows[2].metrics == pytest.approx(GOOD)
    assert all(row.run_id for row in rows)


def test_list_versions_shows_aliases(registry: Registry) -> None:
    three_versions(registry)
    assert [row.aliases for row in list_versions(registry.client)] == [(), ("challenger",), ("champion",)]


def test_history_before_any_model_is_empty(client: MlflowClient) -> None:
    assert history(client) == []


def test_list_versions_before_any_model_is_empty(client: MlflowClient) -> None:
    assert list_versions(client) == []


def test_champion_metrics_follow_the_champion(registry: Registry) -> None:
    assert champion_metrics(registry.client) is None
    registry.add_and_gate(GOOD)
    registry.add_and_gate(UNCALIBRATED)
    assert champion_metrics(registry.client) == ("1", pytest.approx(GOOD))
    promote(registry.client, "2", "mentor.admin", override_reason="trial")
    assert champion_metrics(registry.client) == ("2", pytest.approx(UNCALIBRATED))


# ---- configure_tracking


def test_configure_tracking_follows_a_new_home(
    mlflow_home: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    other = tmp_path_factory.mktemp("other_home")
    assert configure_tracking(other) == f"sqlite:///{(other / 'mlflow.db').resolve()}"


def test_configure_tracking_honours_the_environment(
    mlflow_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = f"sqlite:///{(mlflow_home / 'elsewhere.db').resolve()}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    assert configure_tracking(mlflow_home) == uri
    assert mlflow.get_tracking_uri() == uri
    assert mlflow.get_registry_uri() == uri


# ---- one full training run


def fitted_model() -> tuple[CalibratedRiskModel, pd.DataFrame]:
    rng = np.random.default_rng(0)
    X = pd.DataFrame(rng.normal(size=(400, 3)), columns=["absence_share", "failing_marks", "mark_trend"])
    y = (X["absence_share"] + 0.5 * rng.normal(size=400) > 0.3).astype(int).to_numpy()
    params = BoosterParams(n_estimators=15, max_depth=2, early_stopping_rounds=5, n_jobs=1)
    model = CalibratedRiskModel(params).fit(X.iloc[:250], y[:250], X.iloc[250:], y[250:])
    return model, X.iloc[-5:].reset_index(drop=True)


REPORT = {
    "metrics": {
        "xgboost": {"roc_auc": 0.8, "brier": 0.12, "ece": 0.03},
        "abc_rule": {"roc_auc": 0.7, "pr_auc": 0.4},
    },
    "lead_time": {"xgboost": {"median_weeks": 6.0, "caught_share": 0.5, "first_flag": None}},
    "fairness": [
        {"attribute": "sex", "group": "F", "assessed": True, "fnr_ratio": 1.1, "fpr_ratio": 0.8},
        {"attribute": "sex", "group": "M", "assessed": True, "fnr_ratio": 1.0, "fpr_ratio": float("inf")},
        {"attribute": "region", "group": "tiny", "assessed": False, "fnr_ratio": 3.0, "fpr_ratio": 0.1},
    ],
    "split": {"train": {"rows": 250}, "validation": {"rows": 150}, "test": {"rows": 100}},
}


def small_figure() -> Figure:
    figure = Figure(figsize=(2, 2))
    figure.add_subplot().plot([0, 1], [0, 1])
    return figure


@pytest.mark.filterwarnings("ignore:Operation with range is deprecated")  # inside MLflow, with pandas 3
def test_full_training_run_is_logged_and_registered(mlflow_home: Path, client: MlflowClient) -> None:
    model, example = fitted_model()
    texts = {"report.json": json.dumps({"xgboost": {"roc_auc": 0.8}}), "model_card.md": "# Erta risk model\n"}
    logged = log_training_run(
        home=mlflow_home,
        params={"seed": 0, "every_weeks": 3},
        report=REPORT,
        risk_model=model,
        example=example,
        figures={"roc": small_figure()},
        texts=texts,
        digest="ab" * 32,
        known_identifiers=("p_never_logged",),
    )
    assert logged.version == "1"

    run = client.get_run(logged.run_id)
    assert run.info.experiment_id == experiment_id(mlflow_home)
    assert run.data.params == {"seed": "0", "every_weeks": "3"}
    assert run.data.metrics == pytest.approx(
        {
            "xgboost.roc_auc": 0.8,
            "xgboost.brier": 0.12,
            "xgboost.ece": 0.03,
            "abc_rule.roc_auc": 0.7,
            "abc_rule.pr_auc": 0.4,
            "xgboost.lead_time.median_weeks": 6.0,
            "xgboost.lead_time.caught_share": 0.5,
            "fairness.worst_ratio": 1.25,
        }
    )
    assert run.data.tags["dataset.digest"] == "ab" * 32
    assert run.data.tags["dataset.rows"] == "500"

    top = {item.path for item in client.list_artifacts(logged.run_id)}
    assert {"report.json", "model_card.md", "plots"} <= top
    assert [item.path for item in client.list_artifacts(logged.run_id, "plots")] == ["plots/roc.png"]
    report_path = mlflow.artifacts.download_artifacts(run_id=logged.run_id, artifact_path="report.json")
    assert Path(report_path).read_text(encoding="utf-8") == texts["report.json"]
    png = mlflow.artifacts.download_artifacts(run_id=logged.run_id, artifact_path="plots/roc.png")
    assert Path(png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    [version] = client.search_model_versions(f"name = '{REGISTERED_MODEL}'")
    assert version.run_id == logged.run_id
    loaded = mlflow.pyfunc.load_model(f"models:/{REGISTERED_MODEL}/1")
    predicted = loaded.predict(example)
    expected = model.risk(example)
    assert np.ptp(expected) > 0.01, "the rows should get different risks, or the comparison proves little"
    np.testing.assert_allclose(predicted["risk"].to_numpy(), expected, rtol=1e-6)


@pytest.mark.parametrize(
    ("texts", "example_note", "kind"),
    [
        pytest.param(
            {"report.json": f'{{"worst": "{make_pinfl(date(2011, 5, 2), "M", 26, 17)}"}}'},
            None,
            "PINFL",
            id="PINFL in a text",
        ),
        pytest.param({"report.json": "{}"}, "ota.ona@maktab.uz", "e-mail", id="e-mail in the input example"),
        pytest.param(
            {"model_card.md": "top: p_real_id_42"}, None, "pupil identifier", id="known id in a text"
        ),
    ],
)
def test_personal_data_stops_the_run_before_it_starts(
    mlflow_home: Path, client: MlflowClient, texts: dict[str, str], example_note: str | None, kind: str
) -> None:
    example = pd.DataFrame(
        {"absence_share": [0.1, 0.2], "failing_marks": [0.0, 1.0], "mark_trend": [0.0, 0.1]}
    )
    if example_note is not None:
        example["note"] = example_note
    with pytest.raises(PersonalDataInArtifactError, match=kind):
        log_training_run(
            home=mlflow_home,
            params={"seed": 0},
            report=REPORT,
            risk_model=CalibratedRiskModel(),
            example=example,
            figures={},
            texts=texts,
            digest="00" * 32,
            known_identifiers=("p_real_id_42",),
        )
    experiments = [experiment.experiment_id for experiment in client.search_experiments()]
    assert client.search_runs(experiments) == []
    assert client.search_registered_models() == []
    assert not (mlflow_home / "mlartifacts").exists()
