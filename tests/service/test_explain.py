"""`service.explain`: one pupil scored, explained and audited, on a district with a champion model."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine

from model.alert_policy import TierThresholds
from model.curriculum import all_subjects
from model.risk_model import CalibratedRiskModel
from privacy.audit_chain import AuditRecord
from service.audit_trail import AuditTrail
from service.db.engine import make_engine
from service.explain import Access, ExplainError, default_as_of, explain_one
from service.secrets import audit_key, pseudonymizer
from service.settings import Settings
from tests.service.trained_district import (
    CYRILLIC,
    KEYS,
    District,
    Scored,
    build_trained_district,
    isolated_mlflow,
    rank_by_risk,
)

pytestmark = pytest.mark.slow

RECOMMENDATION_KEYS = {"kind", "subject", "owner_role", "rationale", "follow_up_on", "status"}


@pytest.fixture(scope="module")
def district(tmp_path_factory: pytest.TempPathFactory) -> Iterator[District]:
    with isolated_mlflow():
        yield build_trained_district(tmp_path_factory.mktemp("explain"))


@pytest.fixture(scope="module")
def champion(district: District) -> tuple[CalibratedRiskModel, str]:
    from service.jobs import load_champion

    with isolated_mlflow():
        return load_champion(district.home)


@pytest.fixture(scope="module")
def ranked(district: District, champion: tuple[CalibratedRiskModel, str]) -> list[Scored]:
    return rank_by_risk(district, champion[0])


@pytest.fixture(scope="module")
def flagged(ranked: list[Scored]) -> str:
    """The riskiest pupil with enough recent marks to be judged."""
    return next(s.pupil_id for s in ranked if not s.insufficient_data)


@pytest.fixture
def db(district: District) -> Iterator[Engine]:
    engine = make_engine(district.database_url)
    yield engine
    engine.dispose()


def _access(district: District, engine: Engine, **overrides: str) -> Access:
    settings = Settings(home=district.home)
    trail = AuditTrail(engine, audit_key(settings))
    return Access(trail, pseudonymizer(settings), actor="cli:tester", **overrides)  # type: ignore[arg-type]


def _last_entry(district: District, engine: Engine) -> AuditRecord:
    trail = AuditTrail(engine, audit_key(Settings(home=district.home)))
    assert trail.verify().ok
    return list(trail.entries())[-1]


def test_the_explanation_has_exactly_the_promised_keys(
    db: Engine, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    result = explain_one(db, *champion, flagged, None, "en")
    assert set(result) == KEYS
    assert result["pupil_id"] == flagged
    assert result["model_version"] == champion[1]
    assert 0.0 <= result["probability"] <= 1.0
    assert result["tier"] == TierThresholds().tier_of(result["probability"])
    assert result["insufficient_data"] is False
    assert result["drivers"]
    for driver in result["drivers"]:
        assert set(driver) == {"group", "text", "contribution", "facts"}
        assert (
            driver["group"] in {"marks", "attendance", "lms", "notes", "grade"}
            or driver["group"] in all_subjects()
        )
        assert driver["text"]
        assert not CYRILLIC.search(driver["text"])
        assert all(isinstance(value, float) for value in driver["facts"].values())
    # A driver cites every fact it has; one whose features are all missing (a subject with no marks) has none.
    assert any(driver["facts"] for driver in result["drivers"])
    raising = [d["contribution"] > 0 for d in result["drivers"]]
    assert raising == sorted(raising, reverse=True), "drivers raising the risk come first"
    assert result["recommendations"]
    for proposal in result["recommendations"]:
        assert set(proposal) == RECOMMENDATION_KEYS
        assert proposal["status"] == "proposed"
        assert date.fromisoformat(proposal["follow_up_on"]) > date.fromisoformat(result["as_of"])


def test_the_hint_names_a_change_that_brings_the_pupil_under_the_flag(
    db: Engine, champion: tuple[CalibratedRiskModel, str], ranked: list[Scored]
) -> None:
    near = [s for s in ranked if 0.3 <= s.probability < 0.45 and not s.insufficient_data]
    hints = []
    for scored in near[:8]:
        result = explain_one(db, *champion, scored.pupil_id, None, "en")
        if result["hint"] is not None:
            hints.append(result["hint"])
    assert hints, "a pupil just over the flag has a realistic change that lowers the risk"
    for hint in hints:
        assert set(hint) == {"text", "changes", "probability_after"}
        assert hint["probability_after"] < TierThresholds().medium
        assert hint["changes"]
        assert "below the flag" in hint["text"]


def test_the_sentences_come_in_the_language_asked_for(
    db: Engine, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    russian = explain_one(db, *champion, flagged, None, "ru")
    uzbek = explain_one(db, *champion, flagged, None, "uz")
    assert all(CYRILLIC.search(d["text"]) for d in russian["drivers"])
    assert all(CYRILLIC.search(r["rationale"]) for r in russian["recommendations"])
    assert not any(CYRILLIC.search(d["text"]) for d in uzbek["drivers"])
    assert [d["contribution"] for d in russian["drivers"]] == [d["contribution"] for d in uzbek["drivers"]]
    with pytest.raises(ExplainError, match="language"):
        explain_one(db, *champion, flagged, None, "kk")


def test_an_old_export_is_explained_as_of_the_day_after_its_last_record(
    db: Engine, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    result = explain_one(db, *champion, flagged, None, "en")
    as_of = date.fromisoformat(result["as_of"])
    assert date(2026, 5, 1) < as_of < date.today(), "the 2025/26 district ends in late May"
    assert default_as_of(date(2026, 5, 29), date(2026, 12, 1)) == date(2026, 5, 30)
    assert default_as_of(date(2026, 11, 30), date(2026, 12, 1)) == date(2026, 12, 1)
    assert default_as_of(None, date(2026, 12, 1)) == date(2026, 12, 1)


def test_a_pupil_before_any_marks_is_insufficient_data_not_a_silent_low(
    db: Engine, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    result = explain_one(db, *champion, flagged, date(2024, 9, 3), "en")
    assert result["as_of"] == "2024-09-03"
    assert result["insufficient_data"] is True
    assert result["tier"] == "insufficient_data"
    assert result["hint"] is None
    assert 0.0 <= result["probability"] <= 1.0


def test_every_read_is_audited_by_pseudonym_only(
    db: Engine, district: District, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    access = _access(district, db, role="mentor", purpose="weekly mentoring review")
    explain_one(db, *champion, flagged, None, "uz", access=access)
    entry = _last_entry(district, db)
    pseudonym = pseudonymizer(Settings(home=district.home)).pseudonym(flagged, "p")
    assert (entry.action, entry.result, entry.role) == ("pupil.explain", "ok", "mentor")
    assert entry.resource == entry.pupil_pseudonym == pseudonym
    assert entry.purpose == "weekly mentoring review"
    written = repr(entry)
    assert flagged not in written
    assert district.name_of(flagged) not in written


def test_a_pupil_with_revoked_consent_is_refused_and_the_refusal_audited(
    db: Engine, district: District, champion: tuple[CalibratedRiskModel, str]
) -> None:
    with pytest.raises(ExplainError, match="revoked consent"):
        explain_one(db, *champion, district.revoked, None, "en", access=_access(district, db))
    entry = _last_entry(district, db)
    assert (entry.result, entry.purpose) == ("refused", "review flagged pupil")
    assert entry.resource == pseudonymizer(Settings(home=district.home)).pseudonym(district.revoked, "p")


def test_an_unknown_pupil_is_named_in_the_error(
    db: Engine, district: District, champion: tuple[CalibratedRiskModel, str]
) -> None:
    with pytest.raises(ExplainError, match="no pupil has the id 'P9999999'"):
        explain_one(db, *champion, "P9999999", None, "en", access=_access(district, db))
    assert _last_entry(district, db).result == "refused"


def test_a_purpose_naming_the_pupil_is_refused_and_never_logged(
    db: Engine, district: District, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    name = district.name_of(flagged)
    access = _access(district, db, purpose=f"talk about {name.split()[0]}")
    with pytest.raises(ExplainError, match="personal data"):
        explain_one(db, *champion, flagged, None, "en", access=access)
    entry = _last_entry(district, db)
    assert (entry.result, entry.purpose) == ("refused", None)


def test_roles_without_access_to_identified_pupils_are_refused(
    db: Engine, district: District, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    with pytest.raises(ExplainError, match="data_scientist"):
        explain_one(db, *champion, flagged, None, "en", access=_access(district, db, role="data_scientist"))
    entry = _last_entry(district, db)
    assert (entry.result, entry.role) == ("refused", "data_scientist")


@pytest.mark.parametrize(
    ("probability", "tier"), [(0.0, "low"), (0.29, "low"), (0.3, "medium"), (0.59, "medium"), (0.6, "high")]
)
def test_one_pupils_tier_comes_from_the_thresholds_alone(probability: float, tier: str) -> None:
    assert TierThresholds(medium=0.3, high=0.6).tier_of(probability) == tier


def test_explaining_one_pupil_reads_one_class_not_the_district(
    db: Engine, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    started = time.perf_counter()
    explain_one(db, *champion, flagged, None, "en")
    assert time.perf_counter() - started < 3.0


def test_a_low_risk_pupil_is_explained_but_offered_no_support(
    db: Engine, champion: tuple[CalibratedRiskModel, str], ranked: list[Scored]
) -> None:
    calm = next(s for s in reversed(ranked) if not s.insufficient_data)
    result = explain_one(db, *champion, calm.pupil_id, None, "en")
    assert result["tier"] == "low"
    assert result["recommendations"] == []
    assert all(abs(driver["contribution"]) >= 0.05 for driver in result["drivers"])


def test_a_cached_class_gives_the_same_explanation(
    district: District, champion: tuple[CalibratedRiskModel, str], flagged: str
) -> None:
    from service.feature_cache import ClassFeatureCache

    engine = make_engine(district.database_url)
    cache = ClassFeatureCache(ttl_seconds=60)
    uncached = explain_one(engine, *champion, flagged)
    first = explain_one(engine, *champion, flagged, cache=cache)
    second = explain_one(engine, *champion, flagged, cache=cache)
    engine.dispose()
    assert first == uncached
    assert second == uncached
    assert (cache.hits, cache.misses) == (1, 1)
