"""Why a pupil is flagged, in the teacher's language: drivers with the facts behind them, or an honest
"insufficient data".

Contributions are exact TreeSHAP values in log-odds (`CalibratedRiskModel.contributions`, XGBoost's own
`pred_contribs`, which is also what `shap.TreeExplainer` computes for XGBoost). They are folded into drivers
(`model.drivers`): the strongest that raise the risk come first, then the strongest that lower it
("Attendance is strong"), so a teacher sees what worries the model and what is going well. A pupil with too
few recent marks is in an explicit insufficient-data state: never a silent low score. Drivers whose
facts are all missing are left out: they are not reasons anyone could check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from model import explanation_texts as texts
from model.drivers import Driver, group_contributions
from model.features.names import subject_feature
from model.features.windows import FeatureWindows
from model.intervention_catalog import LANGUAGES, Localized
from model.rationales import (
    attendance_rationale,
    fact,
    last_weeks,
    lms_rationale,
    mark,
    notes_rationale,
    percent,
    subject_rationale,
)

# Log-odds; about a 1% change of a 50% risk. Smaller contributions are not shown as reasons.
MIN_CONTRIBUTION = 0.05


@dataclass(frozen=True, slots=True)
class ExplainedDriver:
    group: str
    contribution: float
    text: Localized
    facts: Mapping[str, float]

    @property
    def raises_risk(self) -> bool:
        return self.contribution > 0


@dataclass(frozen=True, slots=True)
class Explanation:
    """`margin` = `base_value` + the sum of every feature's contribution (local accuracy)."""

    probability: float
    base_value: float
    margin: float
    insufficient_data: bool
    drivers: tuple[ExplainedDriver, ...]
    note: Localized | None = None

    def sentences(self, language: str = "uz") -> list[str]:
        lines = [self.note.in_language(language)] if self.note is not None else []
        return lines + [driver.text.in_language(language) for driver in self.drivers]


def explain_pupil(
    feature_names: Sequence[str],
    contributions: Sequence[float],
    values: Sequence[float | None],
    probability: float,
    *,
    windows: FeatureWindows | None = None,
    raising: int = 3,
    lowering: int = 2,
    min_contribution: float = MIN_CONTRIBUTION,
) -> Explanation:
    """One pupil's explanation from a row of `contributions` (one per feature, then the base value last, as
    `pred_contribs` returns them) and the pupil's feature `values` in the same order."""
    if len(contributions) != len(feature_names) + 1:
        raise ValueError("contributions must hold one value per feature and the base value last")
    w = windows or FeatureWindows()
    base = float(contributions[-1])
    per_feature = [float(c) for c in contributions[:-1]]
    # A driver with no known facts (a subject with no marks yet) moves the score through missing-value
    # branches, but it is no reason a teacher can act on or check: it is not shown.
    # A driver that barely moves the score is no reason either: "Jismoniy tarbiya 4.5" at +0.005 log-odds
    # would only puzzle a teacher.
    drivers = [
        d
        for d in group_contributions(feature_names, per_feature, values)
        if _known(d.facts) and abs(d.contribution) >= min_contribution
    ]
    chosen = [d for d in drivers if d.contribution > 0][:raising]
    chosen += [d for d in drivers if d.contribution < 0][:lowering]
    explained = tuple(
        ExplainedDriver(d.group, d.contribution, describe_driver(d, w), _known(d.facts)) for d in chosen
    )
    by_name = dict(zip(feature_names, values, strict=True))
    insufficient = bool(by_name.get("insufficient_marks"))
    note = _localized(texts.INSUFFICIENT, n=str(w.min_recent_marks), w=str(w.recent_marks_weeks))
    return Explanation(
        probability=float(probability),
        base_value=base,
        margin=base + sum(per_feature),
        insufficient_data=insufficient,
        drivers=explained,
        note=note if insufficient else None,
    )


def describe_driver(driver: Driver, windows: FeatureWindows) -> Localized:
    """The sentence for one driver: what the facts say, worded for whether it raises or lowers the risk."""
    facts, group = driver.facts, driver.group
    if driver.subject is not None:
        if driver.raises_risk:
            return subject_rationale(group, facts, windows.recent_marks_weeks)
        return _subject_good(group, facts, windows.recent_marks_weeks)
    if group == "attendance":
        if driver.raises_risk:
            return attendance_rationale(facts, windows.attendance_recent_weeks)
        attended = fact(facts, "attendance_rate")
        return (
            _localized(texts.LOWERS)
            if attended is None
            else _localized(texts.ATTENDANCE_GOOD, p=percent(attended))
        )
    if group == "lms":
        if driver.raises_risk:
            return lms_rationale(facts, windows.lms_weeks)
        logins = fact(facts, "lms_logins_per_week")
        return (
            _localized(texts.LOWERS)
            if logins is None
            else _per_language(texts.LMS_GOOD, lambda lang: {"x": mark(logins, lang)})
        )
    if group == "notes":
        return (
            notes_rationale(facts, windows.notes_weeks)
            if driver.raises_risk
            else _localized(texts.NOTES_NONE)
        )
    if group == "grade":
        grade = fact(facts, "grade_level")
        return _localized(texts.GRADE, n=str(round(grade)) if grade is not None else "?")
    return _marks(driver, windows.recent_marks_weeks)


def _subject_good(subject: str, facts: Mapping[str, float | None], weeks: int) -> Localized:
    recent = fact(facts, subject_feature(subject, "recent_mean"))
    if recent is None:
        return _localized(texts.SUBJECT_STEADY, s=subject)
    return _per_language(
        texts.SUBJECT_GOOD, lambda lang: {"s": subject, "b": mark(recent, lang), "w": last_weeks(weeks, lang)}
    )


def _marks(driver: Driver, weeks: int) -> Localized:
    recent = fact(driver.facts, "marks_recent_mean")
    if recent is None:
        return _localized(texts.MARKS_ONLY)
    template = texts.MARKS_LOW if driver.raises_risk else texts.MARKS_GOOD
    return _per_language(template, lambda lang: {"b": mark(recent, lang), "w": last_weeks(weeks, lang)})


def _per_language(template: Mapping[str, str], values: Callable[[str], dict[str, str]]) -> Localized:
    return Localized(**{language: template[language].format(**values(language)) for language in LANGUAGES})


def _localized(template: Mapping[str, str], **values: str) -> Localized:
    return Localized(**{language: template[language].format(**values) for language in LANGUAGES})


def _known(facts: Mapping[str, float | None]) -> dict[str, float]:
    """The facts that have a value: a missing mean is left out, never shown as 0."""
    return {name: float(value) for name, value in facts.items() if value is not None and value == value}
