"""A small generated district with a champion model in a real MLflow SQLite store, for `erta explain`.

Built once per test module (generation, ingestion and a 60-tree training take about half a minute), with one
pupil's consent revoked before training so refusals have someone to refuse. MLflow keeps its tracking URI in
process globals; `isolated_mlflow` puts them back afterwards, so no other test inherits this store.
"""

from __future__ import annotations

import csv
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pytest
from sqlalchemy import func, select, update

from model.features import build_features
from model.risk_model import BoosterParams
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.db.models import Pupil
from service.explain import default_as_of, latest_record
from service.ingest import ingest_bundle
from service.pupil_records import find_pupil, load_class_records
from service.secrets import pseudonymizer
from service.settings import Settings
from service.synthetic import generate_bundle

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel

YEARS = (2024, 2025)
URI_VARIABLES = ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI")
# The JSON contract of `erta explain` (issue text), checked by the service and the CLI tests alike.
KEYS = {
    "pupil_id",
    "probability",
    "tier",
    "drivers",
    "hint",
    "recommendations",
    "as_of",
    "insufficient_data",
    "model_version",
}
CYRILLIC = re.compile("[А-Яа-яЁё]")


class Scored(NamedTuple):
    pupil_id: str
    probability: float
    insufficient_data: bool


@dataclass(frozen=True)
class District:
    home: Path
    pupils: list[dict[str, str]]  # pupils.csv rows, names and all, to check that none leaks
    revoked: str  # the pupil whose consent is revoked

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.home / 'erta.db'}"

    def name_of(self, pupil_id: str) -> str:
        return next(p["full_name"] for p in self.pupils if p["pupil_id"] == pupil_id)


@contextmanager
def isolated_mlflow() -> Iterator[pytest.MonkeyPatch]:
    """MLflow's URI variables and globals as they were before, whatever the block points them at."""
    from mlflow.tracking._model_registry import utils as registry_uri_state
    from mlflow.tracking._tracking_service import utils as tracking_uri_state

    with pytest.MonkeyPatch.context() as patch:
        for name in URI_VARIABLES:
            patch.setenv(name, "")
            patch.delenv(name)
        patch.setattr(tracking_uri_state, "_tracking_uri", tracking_uri_state._tracking_uri)
        patch.setattr(registry_uri_state, "_registry_uri", registry_uri_state._registry_uri)
        yield patch


def build_trained_district(home: Path, pupils: int = 300) -> District:
    """Generate, load and train on a two-year district under `home`; the new version is made champion."""
    from mlflow import MlflowClient

    from service.jobs import TrainingConfig, promote, run_training

    bundle = home / "bundle"
    generate_bundle(bundle, seed=11, pupils=pupils, academic_years=YEARS, on_school_done=lambda _: None)
    engine = make_engine(f"sqlite:///{home / 'erta.db'}")
    upgrade(engine)
    ingest_bundle(bundle, engine)
    with (bundle / "pupils.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    revoked = rows[-1]["pupil_id"]
    with engine.begin() as connection:
        connection.execute(update(Pupil).where(Pupil.pupil_id == revoked).values(consent="revoked"))
    config = TrainingConfig(booster=BoosterParams(n_estimators=60), bootstrap_samples=20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # inside MLflow's store and model logging
        with engine.connect() as connection:
            outcome = run_training(connection, pseudonymizer(Settings(home=home)), home, config)
        if not outcome.promoted:  # a tiny district may miss a gate; the explanation needs a champion anyway
            promote(MlflowClient(), outcome.version, "tests", "explain tests need a champion")
    engine.dispose()
    return District(home, rows, revoked)


def rank_by_risk(district: District, model: CalibratedRiskModel) -> list[Scored]:
    """Every consenting pupil scored as `erta explain` scores them, riskiest first (a class at a time)."""
    engine = make_engine(district.database_url)
    scored: list[Scored] = []
    with engine.connect() as connection:
        classes = connection.execute(
            select(Pupil.class_id, func.min(Pupil.pupil_id))
            .where(Pupil.consent != "revoked")
            .group_by(Pupil.class_id)
        ).all()
        for _, first in classes:
            records = load_class_records(connection, find_pupil(connection, first))
            as_of = default_as_of(latest_record(records), date.today())
            features = build_features(records, as_of)
            risk = model.risk(features.select(model.feature_names).to_numpy().astype(np.float64))
            for pupil_id, probability, sparse in zip(
                features["pupil_id"], risk, features["insufficient_marks"], strict=True
            ):
                scored.append(Scored(str(pupil_id), float(probability), bool(sparse)))
    engine.dispose()
    return sorted(scored, key=lambda s: (-s.probability, s.pupil_id))
