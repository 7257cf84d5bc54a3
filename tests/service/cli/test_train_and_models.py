"""`erta train` and `erta models` as a data scientist runs them: real database, real MLflow store."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from mlflow import MlflowClient

from tests.service.cli.test_cli import run_erta
from training.registry import CHAMPION, history
from training.tracking import configure_tracking

pytestmark = pytest.mark.slow

MODELS = ("xgboost", "logistic_regression", "abc_rule")
RANKING_METRICS = ("roc_auc", "pr_auc", "precision_at_top", "recall_at_top")


@pytest.fixture(scope="module")
def trained_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-pupil, two-year district loaded into SQLite and trained on once."""
    home = tmp_path_factory.mktemp("erta-home")
    generated = run_erta("generate", "district", "--pupils", "300", "--years", "2", home=home)
    assert generated.returncode == 0, generated.stderr
    ingested = run_erta("ingest", "district", home=home)
    assert ingested.returncode == 0, ingested.stderr
    trained = run_erta("train", "--json", "first.json", home=home)
    assert trained.returncode == 0, trained.stderr
    return home


@pytest.fixture
def home(trained_home: Path, tmp_path: Path) -> Path:
    """A private copy of the database and registry, so each test starts from one trained version.

    The experiment's artifact folder stays the original one; new runs add their own run folders there.
    """
    copy = tmp_path / "home"
    shutil.copytree(trained_home, copy, ignore=shutil.ignore_patterns("district", "mlartifacts"))
    return copy


def _client(home: Path, monkeypatch: pytest.MonkeyPatch) -> MlflowClient:
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    configure_tracking(home)
    return MlflowClient()


def test_the_report_holds_every_metric_for_the_model_and_both_baselines(trained_home: Path) -> None:
    report = json.loads((trained_home / "first.json").read_text(encoding="utf-8"))
    for model in MODELS:
        assert set(RANKING_METRICS) <= set(report["metrics"][model])
    assert {"brier", "ece"} <= set(report["metrics"]["xgboost"])
    assert {"brier", "ece"}.isdisjoint(report["metrics"]["abc_rule"])
    assert report["lead_time"]["xgboost"]["pupils_with_event"] > 0
    attributes = {row["attribute"] for row in report["fairness"]}
    assert attributes == {"sex", "language", "region", "locality"}
    assert {"fnr", "fpr", "fnr_ratio", "fpr_ratio", "fnr_ci", "assessed"} <= set(report["fairness"][0])
    assert [c["name"] for c in report["gates"]["checks"]] == ["auc", "brier", "ece", "fairness"]
    assert report["version"] == "1"
    test_dates = report["split"]["test"]["as_of_dates"]
    assert max(report["split"]["train"]["as_of_dates"]) < min(test_dates)


def test_the_run_logs_plots_card_and_no_personal_data(trained_home: Path, tmp_path: Path) -> None:
    artifacts = list((trained_home / "mlartifacts").rglob("*"))
    names = {path.name for path in artifacts}
    assert {
        "roc.png",
        "calibration.png",
        "fairness.png",
        "shap_summary.png",
        "global_drivers.png",
        "model_card.md",
    } <= names
    pupils = (trained_home / "district" / "pupils.csv").read_text(encoding="utf-8").splitlines()[1:]
    pupil_ids = [line.split(",")[0] for line in pupils]
    for path in artifacts:
        if path.suffix in {".json", ".md", ".txt", ".yaml", ".csv"} or path.name == "MLmodel":
            text = path.read_text(encoding="utf-8")
            assert not any(pupil_id in text for pupil_id in pupil_ids), path


def test_a_second_training_moves_the_champion_only_through_the_gates(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(home, monkeypatch)
    first = client.get_model_version("erta-risk", "1")
    champion_before = _champion(client)
    result = run_erta("train", "--json", "second.json", home=home)
    assert result.returncode == 0, result.stderr
    second = json.loads((home / "second.json").read_text(encoding="utf-8"))
    assert second["version"] == "2"
    champion_after = _champion(client)
    if second["gates"]["passed"]:
        assert champion_after == "2"
    else:
        assert champion_after == champion_before
        assert "@champion stays" in result.stderr
    assert str(client.get_model_version_by_alias("erta-risk", "challenger").version) == "2"
    assert first.tags["gate.result"] in {"pass", "fail"}


def test_promote_and_rollback_move_the_alias_and_are_recorded(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _client(home, monkeypatch)
    gate = client.get_model_version("erta-risk", "1").tags["gate.result"]
    if gate != "pass":
        refused = run_erta("models", "promote", "1", home=home)
        assert refused.returncode == 2
        assert "--reason" in refused.stderr
    promoted = run_erta("models", "promote", "1", "--reason", "pilot school review", home=home)
    assert promoted.returncode == 0, promoted.stderr
    assert _champion(client) == "1"
    retrained = run_erta("train", home=home)
    assert retrained.returncode == 0, retrained.stderr
    forced = run_erta("models", "promote", "2", "--reason", "compare in the pilot", home=home)
    assert forced.returncode == 0, forced.stderr
    assert _champion(client) == "2"
    rolled = run_erta("models", "rollback", home=home)
    assert rolled.returncode == 0, rolled.stderr
    assert _champion(client) == "1"
    moves = history(client)
    assert [m["version"] for m in moves][-3:] == ["1", "2", "1"]
    assert moves[-1]["reason"] == "rollback from version 2"
    listing = run_erta("models", "list", home=home)
    assert "@champion" in listing.stderr
    assert "rollback from version 2" in listing.stderr


def test_models_commands_refuse_clearly(home: Path, tmp_path: Path) -> None:
    unknown = run_erta("models", "promote", "99", "--reason", "x", home=home)
    assert unknown.returncode == 2
    assert "has no version 99" in unknown.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = run_erta("models", "rollback", home=empty)
    assert nothing.returncode == 2
    assert "no earlier champion" in nothing.stderr
    assert "Traceback" not in nothing.stderr
    untrained = run_erta("train", home=empty)
    assert untrained.returncode == 2
    assert "no pupils" in untrained.stderr
    assert "Traceback" not in untrained.stderr


def _champion(client: MlflowClient) -> str | None:
    try:
        return str(client.get_model_version_by_alias("erta-risk", CHAMPION).version)
    except Exception:
        return None


def test_training_decisions_land_in_a_verifiable_audit_log(home: Path) -> None:
    verified = run_erta("audit", "verify", home=home)
    assert verified.returncode == 0, verified.stderr
    assert "Audit chain intact" in verified.stderr
    with sqlite3.connect(home / "erta.db") as connection:
        actions = [row[0] for row in connection.execute("select action from audit_log order by seq")]
    assert actions == ["model.train"]
    head = run_erta("audit", "head", home=home)
    assert head.returncode == 0, head.stderr
    published = home / "heads.jsonl"
    published.write_text(head.stdout, encoding="utf-8")
    assert json.loads(head.stdout)["seq"] == 1
    with sqlite3.connect(home / "erta.db") as connection:
        connection.execute("drop trigger audit_log_no_update")
        connection.execute("update audit_log set actor = 'cli:someone-else' where seq = 1")
    broken = run_erta("audit", "verify", "--anchors", str(published), home=home)
    assert broken.returncode == 1
    assert "Audit chain broken" in broken.stderr
