"""`erta explain PUPIL_ID` as a teacher runs it, in-process, on a district with a champion in MLflow."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner, Result

from model.curriculum import all_subjects
from privacy.audit_chain import AuditRecord
from service.audit_trail import AuditTrail
from service.cli.main import app
from service.db.engine import make_engine
from service.secrets import audit_key, pseudonymizer
from service.settings import Settings
from tests.service.trained_district import (
    CYRILLIC,
    KEYS,
    District,
    build_trained_district,
    isolated_mlflow,
    rank_by_risk,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    with isolated_mlflow():
        yield build_trained_district(tmp_path_factory.mktemp("explain-cli"))


@pytest.fixture(scope="module")
def flagged(district: District) -> str:
    """The riskiest pupil with enough recent marks to be judged."""
    from service.jobs import load_champion

    with isolated_mlflow():
        model, _ = load_champion(district.home)
    return next(s.pupil_id for s in rank_by_risk(district, model) if not s.insufficient_data)


@pytest.fixture(autouse=True)
def erta_home(district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """`erta` pointed at the district's home; MLflow's URIs put back after each command."""
    for variable in ("ERTA_PSEUDONYM_KEY", "ERTA_AUDIT_KEY", "ERTA_DATABASE_URL"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ERTA_HOME", str(district.home))
    with isolated_mlflow():
        yield district.home


@pytest.fixture
def db(district: District) -> Iterator[Engine]:
    engine = make_engine(district.database_url)
    yield engine
    engine.dispose()


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["explain", *args])


def one_line_error(result: Result, text: str) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.strip() == f"error: {text}"


def last_entry(district: District, engine: Engine) -> AuditRecord:
    trail = AuditTrail(engine, audit_key(Settings(home=district.home)))
    assert trail.verify().ok
    return list(trail.entries())[-1]


def test_json_has_exactly_the_promised_keys_and_the_read_is_audited(
    district: District, flagged: str, db: Engine
) -> None:
    result = run(flagged, "--json", "--lang", "en", "--purpose", "prepare the parent meeting")
    assert result.exit_code == 0, result.output
    explained = json.loads(result.stdout)
    assert set(explained) == KEYS
    assert explained["pupil_id"] == flagged
    assert 0.0 <= explained["probability"] <= 1.0
    assert explained["tier"] in {"low", "medium", "high"}
    assert explained["drivers"]
    for driver in explained["drivers"]:
        assert set(driver) == {"group", "text", "contribution", "facts"}
        assert (
            driver["group"] in {"marks", "attendance", "lms", "notes", "grade"}
            or driver["group"] in all_subjects()
        )
        assert driver["text"]
        assert not CYRILLIC.search(driver["text"])
        assert all(isinstance(value, float) for value in driver["facts"].values())
    # A driver cites every fact it has; one whose features are all missing (a subject with no marks) has none.
    assert any(driver["facts"] for driver in explained["drivers"])
    assert explained["hint"] is None or set(explained["hint"]) == {"text", "changes", "probability_after"}
    assert all(r["status"] == "proposed" for r in explained["recommendations"])
    entry = last_entry(district, db)
    assert (entry.action, entry.result, entry.role) == ("pupil.explain", "ok", "class_teacher")
    assert entry.resource == pseudonymizer(Settings(home=district.home)).pseudonym(flagged, "p")
    assert entry.purpose == "prepare the parent meeting"
    assert flagged not in repr(entry)
    assert district.name_of(flagged) not in repr(entry)


def test_the_teacher_reads_tier_risk_drivers_and_follow_ups_on_stderr(flagged: str) -> None:
    result = run(flagged, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    text = result.stderr
    assert re.search(r"Risk \d+%, tier (low|medium|high)", text)
    assert "Why:" in text
    assert "explained as of 2026-" in text, "the district is older than today: the date is said"
    assert "follow up on 2026-" in text


def test_russian_is_russian(flagged: str) -> None:
    result = run(flagged, "--lang", "ru", "--json")
    assert result.exit_code == 0, result.output
    explained = json.loads(result.stdout)
    assert all(CYRILLIC.search(d["text"]) for d in explained["drivers"])
    human = run(flagged, "--lang", "ru")
    assert CYRILLIC.search(human.stderr)


def test_too_few_marks_is_said_plainly(flagged: str) -> None:
    result = run(flagged, "--lang", "en", "--as-of", "2024-09-03")
    assert result.exit_code == 0, result.output
    assert "INSUFFICIENT DATA" in result.stderr
    assert "Too few marks so far to judge" in result.stderr
    assert "explained as of" not in result.stderr, "a date asked for needs no explaining"


def test_a_revoked_pupil_is_refused_in_one_line_and_audited(district: District, db: Engine) -> None:
    one_line_error(
        run(district.revoked), f"pupil {district.revoked!r} has revoked consent: Erta does not score them"
    )
    assert last_entry(district, db).result == "refused"


def test_an_unknown_pupil_exits_2_naming_the_id() -> None:
    one_line_error(run("P9999999"), "no pupil has the id 'P9999999'")


def test_a_bad_language_or_role_is_refused_in_one_line(flagged: str) -> None:
    one_line_error(run(flagged, "--lang", "kk"), "--lang must be uz, ru or en, not 'kk'")
    one_line_error(
        run(flagged, "--role", "data_scientist"),
        "the role 'data_scientist' may not read a pupil's explanation",
    )


def test_without_a_champion_it_exits_2_in_one_line(
    district: District, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "untrained"
    home.mkdir()
    shutil.copyfile(district.home / "erta.db", home / "erta.db")
    shutil.copytree(district.home / "secrets", home / "secrets")
    monkeypatch.setenv("ERTA_HOME", str(home))
    one_line_error(run("P0000001"), "no champion model yet; run `erta train`")
