"""`training.dask_training`: trees grown by xgboost.dask on a LocalCluster score held-out snapshots as the
single-machine trees do, the Parquet staging holds features and labels only and is gone afterwards, and
`erta train --dask` registers a version, or fails plainly naming a bad address.

What can honestly be promised. With one worker, xgboost.dask hands every training row, in file order, to one
XGBoost, which with the same seed builds the same histogram cuts, samples the same rows and grows the same
trees: the tree dumps are identical, so the scores are too. (Here the worker reads one file; the benchmark
found the same trees with 440,000 rows in five files, whose quantile sketches XGBoost merges.) With two
workers, each samples its own share of the rows (`subsample`) and the cuts come from merged sketches, so the
trees differ; on this 300-pupil district (about 2,600 training snapshots) that moves the test AUC by about
0.013 and leaves the scores' correlation at 0.97 (rank correlation 0.93). The bounds are AUC within 0.03 and
correlations of at least 0.95 and 0.9: far enough from today's figures to survive a change of library
version, close enough that a booster trained on the wrong rows or labels would fail them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster
from scipy.stats import pearsonr, spearmanr
from typer.testing import CliRunner

from model.features import feature_names
from model.risk_model import BoosterParams
from privacy.pseudonyms import Pseudonymizer
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.ingest import ingest_bundle
from service.synthetic import generate_bundle
from tests.service.trained_district import YEARS, isolated_mlflow
from training import dask_training
from training.dask_training import DaskBoosterFitter
from training.dataset import load_training_records
from training.pipeline import MODEL, TrainingConfig, TrainingResult, train_risk_model
from training.snapshots import as_of_dates, build_snapshot_frame

pytestmark = pytest.mark.slow

CONFIG = TrainingConfig(booster=BoosterParams(n_estimators=300), bootstrap_samples=20)
ENVIRONMENT = ("ERTA_PSEUDONYM_KEY", "ERTA_AUDIT_KEY", "ERTA_DATABASE_URL", "ERTA_DASK_SCHEDULER")


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Erta's home with a two-year, 300-pupil district loaded into SQLite, nothing trained yet."""
    home = tmp_path_factory.mktemp("dask-training")
    generate_bundle(home / "bundle", seed=11, pupils=300, academic_years=YEARS, on_school_done=lambda _: None)
    engine = make_engine(f"sqlite:///{home / 'erta.db'}")
    upgrade(engine)
    ingest_bundle(home / "bundle", engine)
    engine.dispose()
    shutil.rmtree(home / "bundle")
    return home


@pytest.fixture(scope="module")
def snapshots(district: Path) -> pl.DataFrame:
    """The district's snapshots under a fixed key: the validation pupils, and so the trees, are the same in
    every run of these tests."""
    engine = make_engine(f"sqlite:///{district / 'erta.db'}")
    with engine.connect() as connection:
        data = load_training_records(connection, Pseudonymizer(b"dask-training-tests-" + b"0" * 32))
    engine.dispose()
    marks = data.records.marks["date"]
    return build_snapshot_frame(data, as_of_dates(marks.min(), marks.max(), CONFIG.plan), CONFIG.plan)


@pytest.fixture(scope="module")
def single_machine(snapshots: pl.DataFrame) -> TrainingResult:
    return train_risk_model(snapshots, CONFIG)


@pytest.fixture(scope="module")
def one_worker() -> Iterator[LocalCluster]:
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster


@pytest.fixture
def staged(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What each Parquet folder held when the workers read it: its files, columns and who holds a part."""
    seen: list[dict[str, Any]] = []
    read = dask_training.read_partitions

    def spied(client: Client, folder: Path) -> Any:
        frame = read(client, folder)
        files = sorted(folder.glob("*.parquet"))
        holders = {worker for workers in client.who_has(frame).values() for worker in workers}
        seen.append({"folder": folder, "files": len(files), "columns": pq.read_schema(files[0]).names})
        seen[-1] |= {"holders": len(holders), "rows": sum(pq.read_metadata(f).num_rows for f in files)}
        return frame

    monkeypatch.setattr(dask_training, "read_partitions", spied)
    return seen


def test_one_worker_grows_the_single_machine_trees(
    one_worker: LocalCluster,
    district: Path,
    snapshots: pl.DataFrame,
    single_machine: TrainingResult,
    staged: list[dict[str, Any]],
) -> None:
    with Client(one_worker, set_as_default=False) as client:
        dask = train_risk_model(snapshots, CONFIG, fit_booster=DaskBoosterFitter(client, district))
    expected = single_machine.model
    assert dask.model.best_iteration == expected.best_iteration < CONFIG.booster.n_estimators - 1
    assert dask.model.booster.get_dump() == expected.booster.get_dump()
    assert dask.model.feature_names == expected.feature_names
    np.testing.assert_allclose(
        dask.test["risk"].to_numpy(), single_machine.test["risk"].to_numpy(), atol=1e-9
    )
    assert dask.report["metrics"][MODEL] == pytest.approx(single_machine.report["metrics"][MODEL])
    assert [part["columns"] for part in staged] == [[*feature_names(), "label"]] * 2, (
        "features and label only"
    )
    train_rows = single_machine.report["split"]["train"]["rows"]
    assert staged[0]["rows"] == train_rows
    assert not any((district / "scratch").iterdir()), "the Parquet files are deleted after the fit"


def test_two_workers_rank_held_out_pupils_like_one_machine(
    district: Path, snapshots: pl.DataFrame, single_machine: TrainingResult, staged: list[dict[str, Any]]
) -> None:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        dask = train_risk_model(snapshots, CONFIG, fit_booster=DaskBoosterFitter(client, district))
    auc, expected_auc = (r.report["metrics"][MODEL]["roc_auc"] for r in (dask, single_machine))
    scores, expected = dask.test["risk"].to_numpy(), single_machine.test["risk"].to_numpy()
    assert abs(auc - expected_auc) <= 0.03, (auc, expected_auc)
    assert pearsonr(scores, expected).statistic >= 0.95
    assert spearmanr(scores, expected).statistic >= 0.9
    assert all(part["files"] % 2 == 0 and part["holders"] == 2 for part in staged), staged


def test_the_command_trains_on_the_cluster_and_registers_a_version(
    one_worker: LocalCluster,
    district: Path,
    migrated_mlflow_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mlflow import MlflowClient

    from training.tracking import REGISTERED_MODEL, configure_tracking

    home = _private_home(district, tmp_path, monkeypatch)
    shutil.copyfile(migrated_mlflow_db, home / "mlflow.db")
    address = one_worker.scheduler_address
    with isolated_mlflow():
        result = CliRunner().invoke(_cli(), ["train", "--dask", address, "--json", "report.json"])
        assert result.exit_code == 0, result.output
        configure_tracking(home)
        client = MlflowClient()
        versions = client.search_model_versions(f"name = '{REGISTERED_MODEL}'")
        params = client.get_run(versions[0].run_id).data.params
    assert f"Training on the Dask cluster at {address} (1 worker(s))" in result.output
    assert [str(v.version) for v in versions] == ["1"]
    assert params["booster.dask_workers"] == "1"
    assert "Version 1 is" in result.output
    assert not any((home / "scratch").iterdir())


@pytest.mark.parametrize(
    ("how", "address", "reason"),
    [
        ("option", "tcp://127.0.0.1:1", "Timed out"),
        ("setting", "bogus://scheduler:8786", "unknown address scheme"),
    ],
)
def test_a_bad_scheduler_address_is_named_before_anything_is_trained(
    how: str, address: str, reason: str, district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = _private_home(district, tmp_path, monkeypatch)
    monkeypatch.setattr("service.scoring_dask.CONNECT_TIMEOUT", "1s")
    arguments = ["train", "--dask", address]
    if how == "setting":
        monkeypatch.setenv("ERTA_DASK_SCHEDULER", address)
        arguments = ["train"]
    with isolated_mlflow():
        result = CliRunner().invoke(_cli(), arguments)
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Dask scheduler at {address}" in result.output
    assert reason in result.output
    assert not (home / "mlflow.db").exists(), "nothing was trained or logged"


def _private_home(district: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the district's home (database and keys) that a command may write to, as ERTA_HOME."""
    home = tmp_path / "home"
    shutil.copytree(district, home, ignore=shutil.ignore_patterns("scratch"))
    for variable in ENVIRONMENT:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(home))
    return home


def _cli() -> Any:
    from service.cli.main import app

    return app
