"""`service.scoring_job`: every consenting pupil scored and explained into risk_scores, as `erta explain`
would score them, rerunnable, and without a name in what it writes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from typer.testing import CliRunner

from model.risk_model import CalibratedRiskModel
from service.db.engine import make_engine
from service.db.models import Pupil, RiskScore
from service.explain import explain_one
from service.scoring_job import ScoringError, ScoringRun, score_all
from tests.service.trained_district import District, build_trained_district, isolated_mlflow

pytestmark = pytest.mark.slow

DAY = date(2026, 3, 2)


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    with isolated_mlflow():
        yield build_trained_district(tmp_path_factory.mktemp("scoring"))


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
def run(engine: Engine, champion: tuple[CalibratedRiskModel, str]) -> ScoringRun:
    seen: list[str] = []
    result = score_all(engine, *champion, as_of=DAY, on_school=lambda s: seen.append(s.school_id))
    assert seen == [s.school_id for s in result.schools]
    return result


def test_every_consenting_pupil_is_scored_once(run: ScoringRun, engine: Engine, district: District) -> None:
    with engine.connect() as connection:
        consenting = set(connection.scalars(select(Pupil.pupil_id).where(Pupil.consent != "revoked")))
        scored = list(connection.scalars(select(RiskScore.pupil_id).where(RiskScore.as_of == DAY)))
    assert sorted(scored) == sorted(consenting)
    assert district.revoked not in scored
    assert run.pupils == len(consenting)


def test_scores_are_the_ones_erta_explain_gives(
    run: ScoringRun, engine: Engine, champion: tuple[CalibratedRiskModel, str]
) -> None:
    with engine.connect() as connection:
        rows = connection.execute(
            select(RiskScore.pupil_id, RiskScore.probability, RiskScore.tier)
            .where(RiskScore.as_of == DAY)
            .order_by(RiskScore.probability.desc())
            .limit(3)
        ).all()
    for pupil_id, probability, tier in rows:
        single = explain_one(engine, *champion, pupil_id, DAY)
        assert single["probability"] == pytest.approx(probability, abs=1e-6)
        assert single["tier"] == tier


def test_flagged_pupils_carry_driver_sentences_in_every_language(run: ScoringRun, engine: Engine) -> None:
    with engine.connect() as connection:
        flagged = connection.execute(
            select(RiskScore.drivers).where(RiskScore.as_of == DAY, RiskScore.tier.in_(("high", "medium")))
        ).scalars()
        drivers = list(flagged)
    assert drivers, "the district has flagged pupils"
    for stored in drivers:
        assert stored
        for driver in stored:
            assert set(driver["text"]) == {"uz", "ru", "en"}
            assert all(driver["text"].values())


def test_a_rerun_replaces_the_days_rows(
    run: ScoringRun, engine: Engine, champion: tuple[CalibratedRiskModel, str]
) -> None:
    school = run.schools[0].school_id
    again = score_all(engine, *champion, as_of=DAY, school_id=school)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(RiskScore).where(RiskScore.as_of == DAY))
    assert again.pupils == run.schools[0].pupils
    assert count == run.pupils


def test_nothing_written_names_a_pupil(run: ScoringRun, engine: Engine, district: District) -> None:
    with engine.connect() as connection:
        written = json.dumps([list(r) for r in connection.execute(select(RiskScore.drivers)).all()])
    assert not [p["full_name"] for p in district.pupils if p["full_name"] in written]


def test_an_unknown_school_is_refused_by_id(
    engine: Engine, champion: tuple[CalibratedRiskModel, str]
) -> None:
    with pytest.raises(ScoringError, match="'S-NOPE'"):
        score_all(engine, *champion, as_of=DAY, school_id="S-NOPE")


def test_the_command_scores_a_school_and_says_how_many_in_each_tier(
    run: ScoringRun, district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from service.cli.main import app

    for variable in ("ERTA_PSEUDONYM_KEY", "ERTA_AUDIT_KEY", "ERTA_DATABASE_URL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(district.home))
    school = run.schools[0]
    with isolated_mlflow():
        result = CliRunner().invoke(
            app, ["score", "--all", "--school", school.school_id, "--as-of", "2026-03-02"]
        )
        refused = CliRunner().invoke(app, ["score"])
    assert result.exit_code == 0, result.output
    assert f"Scored {school.pupils:,} pupils in 1 school(s) as of 2026-03-02" in result.output
    assert refused.exit_code == 2
    assert "--all" in refused.output
