"""Score and explain every consenting pupil, school by school, and keep the result in `risk_scores`.

This is what the class teacher's list, the principal's flagged counts and the alerts read the next morning.
A school is the unit of work: its records are read together (the features of each pupil are the ones
`erta explain` computes from the pupil's class), scored, explained in one batch through the tabulated
explainer, and written in one transaction, so memory stays bounded by the largest school and a rerun for the
same day and model replaces that school's rows instead of adding to them. Only ids, features and drivers are
written; names never leave the pupils table. Computing a school's rows and writing them are separate steps so
`service.scoring_dask` can compute on a cluster's workers and write here, with the same results.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from sqlalchemy import Connection, Engine, delete, func, insert, select

from model.alert_policy import TierThresholds
from model.explanations import ExplainedDriver
from model.features import build_features
from model.intervention_catalog import LANGUAGES
from service.alerts_queries import school_ids
from service.batch_scores import explain_rows
from service.db.models import Mark, Pupil, RiskScore, SchoolClass
from service.explain import default_as_of
from service.pupil_records import load_school_records

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel

DEFAULT_THRESHOLDS: Final = TierThresholds()


class ScoringError(ValueError):
    """The run cannot start: an unknown school, or no records to score."""


@dataclass(frozen=True)
class SchoolScored:
    school_id: str
    pupils: int
    tiers: dict[str, int]


@dataclass(frozen=True)
class ScoringRun:
    as_of: date
    model_version: str
    schools: list[SchoolScored]

    @property
    def pupils(self) -> int:
        return sum(s.pupils for s in self.schools)

    def tiers(self) -> dict[str, int]:
        total: dict[str, int] = {}
        for school in self.schools:
            for tier, count in school.tiers.items():
                total[tier] = total.get(tier, 0) + count
        return dict(sorted(total.items()))


def score_all(
    engine: Engine,
    model: CalibratedRiskModel,
    version: str,
    *,
    as_of: date | None = None,
    school_id: str | None = None,
    thresholds: TierThresholds = DEFAULT_THRESHOLDS,
    on_school: Callable[[SchoolScored], None] | None = None,
    today: date | None = None,
) -> ScoringRun:
    """Score every consenting pupil (of one school, or all) as of `as_of`: by default the day after the
    district's latest mark when the records end before today, as `erta explain` chooses."""
    schools, day = plan_run(engine, as_of=as_of, school_id=school_id, today=today)
    model.fast_shap()  # build the tables once for the whole run, even for schools under the batch size
    done = []
    for school in schools:
        with engine.begin() as connection:
            rows = school_rows(connection, model, version, school, day, thresholds)
            scored = write_school_rows(connection, school, day, version, rows)
        done.append(scored)
        if on_school is not None:
            on_school(scored)
    return ScoringRun(day, version, done)


def plan_run(
    engine: Engine, *, as_of: date | None, school_id: str | None, today: date | None
) -> tuple[list[str], date]:
    """The schools to score and the day to score them as of, decided once for the whole run (on a cluster
    too, so every worker scores the same day)."""
    with engine.connect() as connection:
        schools = _schools(connection, school_id)
        latest = connection.scalar(select(func.max(Mark.date)))
    return schools, as_of or default_as_of(_as_date(latest), today or date.today())


def school_count(engine: Engine, school_id: str | None = None) -> int:
    with engine.connect() as connection:
        return len(_schools(connection, school_id))


def _schools(connection: Connection, school_id: str | None) -> list[str]:
    found = school_ids(connection, school_id)
    if found is None:
        raise ScoringError(f"no school has the id {school_id!r}")
    return found


def school_rows(
    connection: Connection,
    model: CalibratedRiskModel,
    version: str,
    school_id: str,
    day: date,
    thresholds: TierThresholds,
) -> list[dict[str, Any]]:
    """The `risk_scores` rows of one school's consenting pupils, read and computed without writing, so a
    Dask worker can compute them and leave the writing to the client."""
    records = load_school_records(connection, school_id)
    return [
        {
            "pupil_id": row.pupil_id,
            "as_of": day,
            "model_version": version,
            "probability": float(np.clip(row.probability, 0.0, 1.0)),
            "tier": row.tier,
            "insufficient_data": row.explanation.insufficient_data,
            "drivers": [stored_driver(d) for d in row.explanation.drivers],
        }
        for row in explain_rows(model, build_features(records, day), thresholds)
    ]


def write_school_rows(
    connection: Connection, school_id: str, day: date, version: str, rows: list[dict[str, Any]]
) -> SchoolScored:
    """Replace the school's rows for this day and model with `rows`, in the caller's transaction."""
    in_school = select(Pupil.pupil_id).join(SchoolClass).where(SchoolClass.school_id == school_id)
    connection.execute(
        delete(RiskScore).where(
            RiskScore.as_of == day, RiskScore.model_version == version, RiskScore.pupil_id.in_(in_school)
        )
    )
    if rows:
        connection.execute(insert(RiskScore), rows)
    tiers = Counter(str(row["tier"]) for row in rows)
    return SchoolScored(school_id, len(rows), dict(sorted(tiers.items())))


def stored_driver(driver: ExplainedDriver) -> dict[str, Any]:
    """A driver as stored: the sentence in every language, so readers need no model to show it."""
    return {
        "group": driver.group,
        "contribution": round(driver.contribution, 6),
        "facts": {k: round(float(v), 4) for k, v in driver.facts.items()},
        "text": {language: driver.text.in_language(language) for language in LANGUAGES},
    }


def _as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)
