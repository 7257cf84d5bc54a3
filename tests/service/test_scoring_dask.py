"""`service.scoring_dask`: the nightly run on a Dask cluster writes exactly the rows the single-machine run
writes, replaces them on a rerun, builds the explainer tables once per worker, and `erta score --dask` fails
plainly, writing nothing, when the scheduler is not there."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster
from sqlalchemy import Engine, delete, func, select
from typer.testing import CliRunner

from model.risk_model import CalibratedRiskModel
from service.db.engine import make_engine
from service.db.models import RiskScore
from service.scoring_dask import score_all_on_cluster
from service.scoring_job import SchoolScored, ScoringRun, score_all
from tests.service.trained_district import District, build_trained_district, isolated_mlflow

pytestmark = pytest.mark.slow

DAY = date(2026, 3, 2)
Stored = dict[str, tuple[float, str, Any]]


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    """The trained district split into four small schools, so there are more tasks than workers."""
    with isolated_mlflow() as patch:
        patch.setattr("service.synthetic.district.PUPILS_PER_SCHOOL", 75)
        yield build_trained_district(tmp_path_factory.mktemp("scoring-dask"))


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
def single_machine(engine: Engine, champion: tuple[CalibratedRiskModel, str]) -> tuple[ScoringRun, Stored]:
    """The single-machine run's rows, then an empty table, so each cluster run has to write its own."""
    run = score_all(engine, *champion, as_of=DAY)
    rows = _stored(engine)
    _clear(engine)
    return run, rows


@pytest.fixture(autouse=True)
def _empty_table_afterwards(engine: Engine) -> Iterator[None]:
    yield
    _clear(engine)


@pytest.fixture(scope="module")
def threads() -> Iterator[LocalCluster]:
    """Two in-process workers: a cluster in well under a second, for the tests of what the client does."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        yield cluster


def test_the_cluster_writes_the_single_machine_rows_and_a_rerun_replaces_them(
    threads: LocalCluster,
    engine: Engine,
    champion: tuple[CalibratedRiskModel, str],
    single_machine: tuple[ScoringRun, Stored],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected_run, expected = single_machine
    monkeypatch.setattr("service.scoring_dask.IN_FLIGHT_PER_THREAD", 1)
    written: list[str] = []
    in_flight: list[int] = []
    with Client(threads, set_as_default=False) as client:
        submitted = _count_submissions(client, monkeypatch)

        def on_school(school: SchoolScored) -> None:
            written.append(school.school_id)
            in_flight.append(len(submitted) - len(written))

        run = score_all_on_cluster(client, engine, *champion, as_of=DAY, on_school=on_school)
        _assert_same(_stored(engine), expected)
        again = score_all_on_cluster(client, engine, *champion, as_of=DAY)
    assert len(expected_run.schools) == 4
    assert sorted(written) == sorted(s.school_id for s in expected_run.schools)
    assert max(in_flight) <= 2, "one task per worker thread: the next is submitted as one comes back"
    assert (run.pupils, run.tiers()) == (expected_run.pupils, expected_run.tiers())
    assert again.pupils == run.pupils
    _assert_same(_stored(engine), expected)  # replaced, not added: still one row per pupil


def test_worker_processes_write_the_same_rows_and_build_the_tables_once_each(
    engine: Engine, champion: tuple[CalibratedRiskModel, str], single_machine: tuple[ScoringRun, Stored]
) -> None:
    model, version = champion
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        score_all_on_cluster(client, engine, model, version, as_of=DAY)
        _assert_same(_stored(engine), single_machine[1])
        first = _tables_on_workers(client, version)
        score_all_on_cluster(client, engine, model, version, as_of=DAY)  # a fresh copy of the model is sent
        assert _tables_on_workers(client, version) == first
    assert all(tables is not None for tables in first.values()), "both workers scored a school"


def test_the_command_scores_on_the_cluster_given_by_option_or_setting(
    threads: LocalCluster,
    district: District,
    engine: Engine,
    single_machine: tuple[ScoringRun, Stored],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _command_environment(district, tmp_path, monkeypatch)
    address = threads.scheduler_address
    expected_run = single_machine[0]
    with isolated_mlflow():
        by_option = CliRunner().invoke(_cli(), ["score", "--all", "--as-of", "2026-03-02", "--dask", address])
        monkeypatch.setenv("ERTA_DASK_SCHEDULER", address)
        by_setting = CliRunner().invoke(_cli(), ["score", "--all", "--as-of", "2026-03-02"])
    for result in (by_option, by_setting):
        assert result.exit_code == 0, result.output
        assert f"Dask cluster at {address} (2 worker(s))" in result.output
        assert (
            f"Scored {expected_run.pupils:,} pupils in {len(expected_run.schools)} school(s)" in result.output
        )
    _assert_same(_stored(engine), single_machine[1])


@pytest.mark.parametrize(
    ("address", "reason"),
    [("tcp://127.0.0.1:1", "Timed out"), ("bogus://scheduler:8786", "unknown address scheme")],
)
def test_a_bad_scheduler_address_is_named_and_nothing_is_written(
    address: str,
    reason: str,
    district: District,
    engine: Engine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _command_environment(district, tmp_path, monkeypatch)
    monkeypatch.setattr("service.scoring_dask.CONNECT_TIMEOUT", "1s")
    with isolated_mlflow():
        result = CliRunner().invoke(_cli(), ["score", "--all", "--as-of", "2026-03-09", "--dask", address])
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Dask scheduler at {address}" in result.output
    assert reason in result.output
    with engine.connect() as connection:
        written = select(func.count()).select_from(RiskScore).where(RiskScore.as_of == date(2026, 3, 9))
        assert connection.scalar(written) == 0


def _cli() -> Any:
    from service.cli.main import app

    return app


def _command_environment(district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("ERTA_PSEUDONYM_KEY", "ERTA_AUDIT_KEY", "ERTA_DATABASE_URL", "ERTA_DASK_SCHEDULER"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(district.home))


def _count_submissions(client: Client, monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every task the run submits, appended as it is submitted."""
    submitted: list[object] = []
    submit = client.submit

    def counted(*args: Any, **kwargs: Any) -> Any:
        submitted.append(args[0])
        return submit(*args, **kwargs)

    monkeypatch.setattr(client, "submit", counted)
    return submitted


def _tables_on_workers(client: Client, version: str) -> dict[str, int | None]:
    """Each worker's explainer tables of `version` (by identity): the same object after another run means
    they were not rebuilt for it."""

    def tables() -> int | None:
        from service import scoring_dask

        model = next((m for (v, _), m in scoring_dask._prepared.items() if v == version), None)
        return id(model._fast_shap) if model is not None and model._fast_shap is not None else None

    found: dict[str, int | None] = client.run(tables)
    return found


def _stored(engine: Engine) -> Stored:
    with engine.connect() as connection:
        rows = connection.execute(
            select(RiskScore.pupil_id, RiskScore.probability, RiskScore.tier, RiskScore.drivers).where(
                RiskScore.as_of == DAY
            )
        ).all()
    stored = {pupil: (probability, tier, drivers) for pupil, probability, tier, drivers in rows}
    assert len(stored) == len(rows), "one row per pupil"
    return stored


def _assert_same(found: Stored, expected: Stored) -> None:
    assert expected
    assert found.keys() == expected.keys()
    for pupil, (probability, tier, drivers) in found.items():
        assert probability == pytest.approx(expected[pupil][0], abs=1e-9)
        assert tier == expected[pupil][1], pupil
        _assert_same_drivers(drivers, expected[pupil][2], pupil)


def _assert_same_drivers(found: list[dict[str, Any]], expected: list[dict[str, Any]], pupil: str) -> None:
    """Equal up to the last bit of a float: polars sums a class's marks on several threads, so a fact that
    falls on a rounding boundary (0.80625 kept to four places) may round either way in another process."""
    assert [d["group"] for d in found] == [d["group"] for d in expected], pupil
    for got, want in zip(found, expected, strict=True):
        assert got["contribution"] == pytest.approx(want["contribution"], abs=2e-6), pupil
        assert got["facts"].keys() == want["facts"].keys(), pupil
        for name, value in got["facts"].items():
            assert value == pytest.approx(want["facts"][name], abs=1.5e-4), (pupil, name)
        if got["facts"] == want["facts"]:
            assert got["text"] == want["text"], pupil


def _clear(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(delete(RiskScore))
