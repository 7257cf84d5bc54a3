"""`service.parquet_scoring` and `service.parquet_dask`: the nationwide path over a Parquet conversion gives
every pupil the probability, tier and drivers `score_all` writes into `risk_scores` from the database, on
one machine and on a Dask cluster of threads or processes; `erta score --parquet` says what is wrong."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from distributed import Client, LocalCluster
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from model.risk_model import CalibratedRiskModel
from service.db.engine import make_engine
from service.db.models import Pupil, RiskScore, SchoolClass
from service.parquet_bundle import convert_bundle
from service.parquet_scoring import ParquetRun, ParquetScoringError, plan_parquet_run, score_parquet
from service.scoring_job import plan_run, score_all
from tests.service.trained_district import District, build_trained_district, isolated_mlflow

pytestmark = pytest.mark.slow

DAY = date(2026, 3, 2)
Stored = dict[str, tuple[float, str, bool, Any]]


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    """400 pupils in four schools of about 100, with a champion; one pupil's consent revoked."""
    with isolated_mlflow() as patch:
        patch.setattr("service.synthetic.district.PUPILS_PER_SCHOOL", 100)
        yield build_trained_district(tmp_path_factory.mktemp("parquet-scoring"), pupils=400)


@pytest.fixture(scope="module")
def champion(district: District) -> tuple[CalibratedRiskModel, str]:
    from service.jobs import load_champion

    with isolated_mlflow():
        return load_champion(district.home)


@pytest.fixture(scope="module")
def engine(district: District) -> Iterator[Engine]:
    engine = make_engine(district.database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def parquet(district: District) -> Path:
    """The district's bundle as Parquet, one school a partition, with the revocation the database holds."""
    _revoke(district.home / "bundle" / "pupils.csv", district.revoked)
    out = district.home / "parquet"
    summary = convert_bundle(district.home / "bundle", out, partition_pupils=150)
    assert summary.partitions == 4
    return out


@pytest.fixture(scope="module")
def from_database(engine: Engine, champion: tuple[CalibratedRiskModel, str]) -> Stored:
    score_all(engine, *champion, as_of=DAY)
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                RiskScore.pupil_id,
                RiskScore.probability,
                RiskScore.tier,
                RiskScore.insufficient_data,
                RiskScore.drivers,
            ).where(RiskScore.as_of == DAY)
        ).all()
    return {pupil: (probability, tier, sparse, drivers) for pupil, probability, tier, sparse, drivers in rows}


@pytest.fixture(scope="module")
def single_machine(
    parquet: Path, champion: tuple[CalibratedRiskModel, str], tmp_path_factory: pytest.TempPathFactory
) -> tuple[ParquetRun, Path]:
    out = tmp_path_factory.mktemp("results")
    return score_parquet(parquet, out, *champion, as_of=DAY), out


def test_the_parquet_run_writes_what_score_all_writes(
    single_machine: tuple[ParquetRun, Path], from_database: Stored, district: District, engine: Engine
) -> None:
    run, out = single_machine
    results = _results(out)
    assert results.height == run.pupils == len(from_database)
    assert district.revoked not in set(results["pupil_id"])
    _assert_same(_stored(results), from_database)
    with engine.connect() as connection:
        schools = dict(
            connection.execute(select(Pupil.pupil_id, SchoolClass.school_id).join(SchoolClass)).all()
        )
    assert all(schools[p] == s for p, s in results.select("pupil_id", "school_id").iter_rows())
    assert set(results["as_of"]) == {DAY}
    assert set(results["model_version"]) == {run.model_version}
    assert run.tiers() == dict(sorted(results["tier"].value_counts().iter_rows()))


def test_the_run_reports_each_stage_and_a_manifest(single_machine: tuple[ParquetRun, Path]) -> None:
    run, out = single_machine
    assert [p.name for p in run.partitions] == [f"part={i:04d}" for i in range(4)]
    assert set(run.seconds()) == {"read", "features", "score", "shap", "drivers", "write"}
    assert run.records > 100 * run.pupils
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["as_of"], manifest["pupils"], manifest["tiers"]) == (
        DAY.isoformat(),
        run.pupils,
        run.tiers(),
    )


def test_the_default_day_is_the_one_score_all_chooses(parquet: Path, engine: Engine) -> None:
    today = date(2026, 9, 1)
    assert (
        plan_parquet_run(parquet, as_of=None, today=today)[1]
        == plan_run(engine, as_of=None, school_id=None, today=today)[1]
    )


def test_a_rerun_one_stage_after_another_replaces_the_results_with_the_same(
    parquet: Path, champion: tuple[CalibratedRiskModel, str], single_machine: tuple[ParquetRun, Path]
) -> None:
    _, out = single_machine
    before = _results(out)
    score_parquet(parquet, out, *champion, as_of=DAY, overlap=False)
    assert _results(out).equals(before)
    assert not list(out.rglob("*.partial"))


@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_a_dask_cluster_writes_exactly_the_same_files(
    processes: bool,
    parquet: Path,
    champion: tuple[CalibratedRiskModel, str],
    single_machine: tuple[ParquetRun, Path],
    tmp_path: Path,
) -> None:
    from service.parquet_dask import score_parquet_on_cluster

    expected_run, expected = single_machine
    seen: list[str] = []
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=":0"
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        run = score_parquet_on_cluster(
            client, parquet, tmp_path, *champion, as_of=DAY, on_partition=lambda p: seen.append(p.name)
        )
    assert sorted(seen) == [p.name for p in run.partitions] == [p.name for p in expected_run.partitions]
    assert (run.pupils, run.tiers()) == (expected_run.pupils, expected_run.tiers())
    for partition in run.partitions:
        found = pl.read_parquet(tmp_path / partition.name / "risk_scores.parquet")
        assert found.equals(pl.read_parquet(expected / partition.name / "risk_scores.parquet")), (
            partition.name
        )


def test_the_command_scores_a_conversion_here_and_on_a_cluster(
    district: District,
    parquet: Path,
    single_machine: tuple[ParquetRun, Path],
    tmp_path: Path,
    monkeypatch: Any,
) -> None:
    _command_environment(district, tmp_path, monkeypatch)
    expected = _results(single_machine[1])
    with (
        LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0") as cluster,
        isolated_mlflow(),
    ):
        here = _invoke("score", "--parquet", str(parquet), "--out", "here", "--as-of", "2026-03-02")
        there = _invoke(
            "score",
            "--parquet",
            str(parquet),
            "--out",
            "there",
            "--as-of",
            "2026-03-02",
            "--dask",
            cluster.scheduler_address,
        )
    for result, folder in ((here, "here"), (there, "there")):
        assert result.exit_code == 0, result.output
        assert f"Scored {expected.height:,} pupils in 4 partition(s) as of 2026-03-02" in result.output
        assert "features" in result.output
        assert _results(tmp_path / folder).equals(expected)
    assert "Dask cluster at" in there.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--parquet", "nowhere", "--out", "x"], "nowhere is not a finished Parquet conversion"),
        (["--parquet", "nowhere"], "--parquet DIR and --out DIR go together"),
        (["--out", "x"], "--parquet DIR and --out DIR go together"),
        (["--parquet", "p", "--out", "x", "--school", "S0001"], "--school is for the database"),
    ],
)
def test_the_command_refuses_what_it_cannot_do(
    arguments: list[str], message: str, district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _command_environment(district, tmp_path, monkeypatch)
    with isolated_mlflow():
        result = _invoke("score", *arguments)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "x").exists()


def test_a_folder_that_is_not_a_conversion_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ParquetScoringError, match="not a conversion this version of Erta reads"):
        plan_parquet_run(tmp_path, as_of=None, today=None)


def _results(out: Path) -> pl.DataFrame:
    return pl.read_parquet(out / "part=*" / "risk_scores.parquet").sort("pupil_id")


def _stored(results: pl.DataFrame) -> Stored:
    return {
        row["pupil_id"]: (
            row["probability"],
            row["tier"],
            row["insufficient_data"],
            json.loads(row["drivers"]),
        )
        for row in results.iter_rows(named=True)
    }


def _assert_same(found: Stored, expected: Stored) -> None:
    assert expected
    assert found.keys() == expected.keys()
    for pupil, (probability, tier, sparse, drivers) in found.items():
        assert probability == pytest.approx(expected[pupil][0], abs=1e-9), pupil
        assert (tier, sparse) == expected[pupil][1:3], pupil
        assert drivers == expected[pupil][3], pupil


def _revoke(path: Path, pupil_id: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        rows = [row | {"consent": "revoked"} if row["pupil_id"] == pupil_id else row for row in reader]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def _invoke(*arguments: str) -> Any:
    from service.cli.main import app

    return CliRunner().invoke(app, list(arguments))


def _command_environment(district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("ERTA_PSEUDONYM_KEY", "ERTA_AUDIT_KEY", "ERTA_DATABASE_URL", "ERTA_DASK_SCHEDULER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(district.home))
