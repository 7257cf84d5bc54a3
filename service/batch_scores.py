"""Score and explain a list of pupils at once: what the console's class list and integrations ask for.

Pupils are grouped by class so each class's features are read (or taken from the cache) once, and each
class is scored and explained as one batch. Only pupils the caller may read are answered; the others are
returned as refused ids, never distinguished between "not yours" and "no such pupil".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import polars as pl
from sqlalchemy import ColumnElement, Engine, select

from model.alert_policy import TierThresholds
from model.explanations import Explanation, explain_pupil
from model.features import build_features
from service.db.models import Pupil
from service.explain import DEFAULT_THRESHOLDS, INSUFFICIENT_TIER, default_as_of, driver_dicts, latest_record
from service.feature_cache import ClassFeatures
from service.pupil_records import REVOKED, load_class_records

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel
    from service.feature_cache import ClassFeatureCache


@dataclass(frozen=True)
class BatchScores:
    scores: list[dict[str, Any]]
    refused: list[str]


def score_pupils(
    engine: Engine,
    model: CalibratedRiskModel,
    version: str,
    pupil_ids: Sequence[str],
    scope: ColumnElement[bool],
    *,
    language: str = "uz",
    thresholds: TierThresholds = DEFAULT_THRESHOLDS,
    cache: ClassFeatureCache | None = None,
    reader: Engine | None = None,
) -> BatchScores:
    """Probability, tier and drivers of each readable, consenting pupil in `pupil_ids`, in the order asked.

    `reader` (default `engine`) chooses the pupils: the reader's scoped view of the database. Features are
    always built from the whole class, so a pupil's score never depends on who asks."""
    wanted = list(dict.fromkeys(pupil_ids))
    today = date.today()
    by_class: dict[str, list[str]] = {}
    with (reader or engine).connect() as connection:
        rows = connection.execute(
            select(Pupil.pupil_id, Pupil.class_id).where(
                Pupil.pupil_id.in_(wanted), Pupil.consent != REVOKED, scope
            )
        ).all()
    for pupil_id, class_id in rows:
        by_class.setdefault(class_id, []).append(pupil_id)
    with engine.connect() as connection:
        answered: dict[str, dict[str, Any]] = {}
        for class_id, members in by_class.items():

            def class_features(class_id: str = class_id) -> ClassFeatures:
                records = load_class_records(connection, {"class_id": class_id})  # type: ignore[arg-type]
                day = default_as_of(latest_record(records), today)
                return ClassFeatures(day, build_features(records, day))

            key = (class_id, None, today)
            features = cache.get(key, class_features) if cache is not None else class_features()
            asked = features.frame.filter(pl.col("pupil_id").is_in(members))
            answered |= _scored(model, version, asked, features.day, language, thresholds)
    return BatchScores(
        scores=[answered[p] for p in wanted if p in answered],
        refused=[p for p in wanted if p not in answered],
    )


def _scored(
    model: CalibratedRiskModel,
    version: str,
    features: pl.DataFrame,
    day: date,
    language: str,
    thresholds: TierThresholds,
) -> dict[str, dict[str, Any]]:
    return {
        row.pupil_id: {
            "pupil_id": row.pupil_id,
            "probability": row.probability,
            "tier": row.tier,
            "insufficient_data": row.explanation.insufficient_data,
            "drivers": driver_dicts(row.explanation, language),
            "as_of": day.isoformat(),
            "model_version": version,
        }
        for row in explain_rows(model, features, thresholds)
    }


@dataclass(frozen=True)
class ExplainedRow:
    pupil_id: str
    probability: float
    tier: str
    explanation: Explanation


def explain_rows(
    model: CalibratedRiskModel, features: pl.DataFrame, thresholds: TierThresholds
) -> list[ExplainedRow]:
    """Every row of a features frame scored, explained and tiered in one batch: what a class list, a
    school's nightly run and `erta explain` agree on (too few marks: "insufficient data", never a tier)."""
    names = list(model.feature_names)
    matrix = features.select(names).to_numpy().astype(np.float64)
    if not len(matrix):
        return []
    probabilities = model.risk(matrix)
    contributions = model.contributions(matrix)
    rows = []
    for index, pupil_id in enumerate(features["pupil_id"].to_list()):
        values = [None if v != v else float(v) for v in matrix[index]]
        probability = float(probabilities[index])
        explanation = explain_pupil(names, contributions[index], values, probability)
        tier = INSUFFICIENT_TIER if explanation.insufficient_data else thresholds.tier_of(probability)
        rows.append(ExplainedRow(str(pupil_id), probability, tier, explanation))
    return rows
