"""One pupil's risk explained on demand: probability, tier, drivers with their facts, a hint and proposals.

The pupil is scored by the champion model on the features Erta would have computed that morning, from the
pupil's class (`service.pupil_records`). A pupil whose consent is revoked is refused, never scored. When an
`Access` is given, every request (answered or refused) is written to the audit log by pseudonym, with the
reader's role and stated purpose; a purpose that repeats the pupil's personal data is refused, so the log
never holds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Connection, Engine, RowMapping

from model.alert_policy import TierThresholds
from model.counterfactual import Hint, counterfactual_hint
from model.drivers import Driver
from model.explanation_texts import INSUFFICIENT
from model.explanations import Explanation, explain_pupil
from model.features import FeatureWindows, build_features
from model.intervention_catalog import LANGUAGES, load_catalog
from model.recommendations import Recommendation, recommend
from model.records import PupilRecords
from privacy.pseudonyms import Pseudonymizer
from service.audit_trail import AuditTrail
from service.consent import mentions_pupil
from service.feature_cache import ClassFeatures
from service.pupil_records import REVOKED, find_pupil, load_class_records

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel
    from service.feature_cache import ClassFeatureCache

ACTION: Final = "pupil.explain"
DEFAULT_PURPOSE: Final = "review flagged pupil"
DEFAULT_ROLE: Final = "class_teacher"
# The staff who work with a pupil; data scientists and auditors see pseudonymised data only (DESIGN).
READER_ROLES: Final = ("class_teacher", "subject_teacher", "mentor", "psychologist", "principal")
MAX_PURPOSE_CHARS: Final = 200  # the audit log's purpose column
DEFAULT_THRESHOLDS: Final = TierThresholds()


class ExplainError(ValueError):
    """A request refused; the message names at most the id that was asked for, never personal data."""


class PurposeError(ExplainError):
    """The stated purpose cannot go into the audit log as written (empty, too long, or naming the pupil)."""


@dataclass(frozen=True)
class Access:
    """Who reads the explanation, in which role and why: what the audit entry of each request says."""

    trail: AuditTrail
    pseudonymizer: Pseudonymizer
    actor: str
    role: str = DEFAULT_ROLE
    purpose: str = DEFAULT_PURPOSE

    def record(self, pupil_id: str, result: str, purpose: str | None) -> None:
        pseudonym = self.pseudonymizer.pseudonym(pupil_id, "p")
        self.trail.record(
            actor=self.actor,
            role=self.role,
            action=ACTION,
            resource=pseudonym,
            pupil_pseudonym=pseudonym,
            purpose=purpose,
            result=result,
        )


def explain_one(
    engine: Engine,
    model: CalibratedRiskModel,
    version: str,
    pupil_id: str,
    as_of: date | None = None,
    language: str = "uz",
    *,
    access: Access | None = None,
    thresholds: TierThresholds = DEFAULT_THRESHOLDS,
    cache: ClassFeatureCache | None = None,
) -> dict[str, Any]:
    """The pupil's explanation as JSON-ready data, as of `as_of` (default: today, or the day after the
    class's latest record when the records end earlier). Raises ExplainError for a request refused.

    With a `cache`, the class's features are reused while fresh instead of read and built again."""
    if language not in LANGUAGES:
        raise ExplainError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    purpose = " ".join((access.purpose if access else DEFAULT_PURPOSE).split())
    today = date.today()
    try:
        with engine.connect() as connection:
            pupil = _allowed_pupil(connection, pupil_id, access, purpose)

            def class_features() -> ClassFeatures:
                records = load_class_records(connection, pupil)
                day = as_of or default_as_of(latest_record(records), today)
                return ClassFeatures(day, build_features(records, day))

            key = (str(pupil["class_id"]), as_of, today)
            features = cache.get(key, class_features) if cache is not None else class_features()
    except ExplainError as error:
        if access is not None:
            access.record(pupil_id, "refused", None if isinstance(error, PurposeError) else purpose)
        raise
    result = _explained(model, version, pupil_id, features, language, thresholds)
    if access is not None:
        access.record(pupil_id, "ok", purpose)
    return result


def _allowed_pupil(connection: Connection, pupil_id: str, access: Access | None, purpose: str) -> RowMapping:
    """The pupil's row, or ExplainError: unknown id, revoked consent, a role or purpose that may not read."""
    if access is not None and access.role not in READER_ROLES:
        raise ExplainError(f"the role {access.role!r} may not read a pupil's explanation")
    if not purpose or len(purpose) > MAX_PURPOSE_CHARS:
        raise PurposeError(f"state a purpose of 1 to {MAX_PURPOSE_CHARS} characters")
    pupil = find_pupil(connection, pupil_id)
    if pupil is None:
        raise ExplainError(f"no pupil has the id {pupil_id!r}")
    if pupil["consent"] == REVOKED:
        raise ExplainError(f"pupil {pupil_id!r} has revoked consent: Erta does not score them")
    if mentions_pupil(purpose, pupil):
        raise PurposeError("the purpose repeats the pupil's personal data; state it without them")
    return pupil


def default_as_of(latest: date | None, today: date) -> date:
    """Today, or the day after the latest record when the records end earlier (an old export, the summer):
    explaining a pupil as of a day with no data would only say "insufficient data"."""
    return today if latest is None else min(today, latest + timedelta(days=1))


def latest_record(records: PupilRecords) -> date | None:
    """The last day anything was recorded for the class: a mark, an absence, LMS activity or a note."""
    days = [
        records.marks["date"].max(),
        records.attendance["date"].max(),
        records.lms["timestamp"].dt.date().max(),
        records.notes["date"].max(),
    ]
    known = [day for day in days if isinstance(day, date)]
    return max(known) if known else None


INSUFFICIENT_TIER = "insufficient_data"
HIGH, MEDIUM = "high", "medium"


def _explained(
    model: CalibratedRiskModel,
    version: str,
    pupil_id: str,
    features: ClassFeatures,
    language: str,
    thresholds: TierThresholds,
) -> dict[str, Any]:
    names = list(model.feature_names)
    row = features.row_of(pupil_id, names)
    if row is None:
        raise ExplainError(f"no features were built for pupil {pupil_id!r}")
    as_of = features.day
    values = [None if v != v else float(v) for v in row.tolist()]
    matrix = row.reshape(1, -1)
    probability = float(model.risk(matrix)[0])
    explanation = explain_pupil(names, model.contributions(matrix)[0], values, probability)
    # Too few marks to judge: the pupil is neither flagged nor cleared, and no hint is promised.
    tier = INSUFFICIENT_TIER if explanation.insufficient_data else thresholds.tier_of(probability)
    top = next((d for d in explanation.drivers if d.raises_risk), None)
    hint = None
    if top is not None and tier != INSUFFICIENT_TIER:
        hint = counterfactual_hint(model.risk, names, values, top.group, thresholds.medium)
    drivers = [Driver(d.group, d.contribution, dict(d.facts)) for d in explanation.drivers]
    # Support is proposed for flagged pupils only; a low-risk pupil's small worries are shown, not acted on.
    flagged = tier in (HIGH, MEDIUM)
    proposals = recommend(drivers, tier=tier, as_of=as_of, catalog=load_catalog()) if flagged else []
    return {
        "pupil_id": pupil_id,
        "probability": probability,
        "tier": tier,
        "drivers": driver_dicts(explanation, language),
        "hint": _hint(hint, language),
        "recommendations": [_recommendation(r, language) for r in proposals],
        "as_of": as_of.isoformat(),
        "insufficient_data": explanation.insufficient_data,
        "model_version": version,
    }


def driver_dicts(explanation: Explanation, language: str) -> list[dict[str, Any]]:
    """The drivers as the API and `--json` give them: the group (a subject, or attendance, LMS, …) the
    contribution, the sentence in `language` and the facts behind it."""
    return [
        {
            "group": d.group,
            "text": d.text.in_language(language),
            "contribution": d.contribution,
            "facts": dict(d.facts),
        }
        for d in explanation.drivers
    ]


def _hint(hint: Hint | None, language: str) -> dict[str, Any] | None:
    if hint is None:
        return None
    return {
        "text": hint.text.in_language(language),
        "changes": dict(hint.changes),
        "probability_after": hint.probability_after,
    }


def _recommendation(proposal: Recommendation, language: str) -> dict[str, Any]:
    return {
        "kind": proposal.kind,
        "subject": proposal.subject,
        "owner_role": proposal.owner_role,
        "rationale": proposal.rationale.in_language(language),
        "follow_up_on": proposal.follow_up_on.isoformat(),
        "status": proposal.status,
    }


def insufficient_note(language: str, windows: FeatureWindows | None = None) -> str:
    """The sentence shown when a pupil has too few recent marks to be judged, in `language`."""
    w = windows or FeatureWindows()
    template = INSUFFICIENT.get(language, INSUFFICIENT["uz"])
    return template.format(n=w.min_recent_marks, w=w.recent_marks_weeks)
