"""Recommendation rules: a pupil's drivers mapped to support a person can review.

Every recommendation is a proposal (`status="proposed"`). Nothing here assigns, schedules or tells anyone
anything: a named reviewer (the class teacher, a mentor, the principal) must accept, change or decline each
one before it becomes an intervention (DESIGN "Guardrails": Erta recommends, people decide).

The rules, with their thresholds in `RecommendationRules`:
- a subject driver raising risk → extra lessons in that subject, and peer tutoring as a lighter alternative
  when the subject's recent mean is still 3 or more;
- attendance raising risk with unexcused absence or a long absence streak → attendance plan + parent meeting;
- LMS raising risk with missed assignments or many days since the last login → digital-skills help;
- teachers' notes raising risk with several recent notes → psychologist referral;
- two or more subjects raising risk, or a high risk tier → a mentor.
Only drivers that raise risk produce recommendations; "marks" (overall) and "grade" drivers produce none of
their own. Kinds missing from the catalog are not proposed, so a school can switch a kind off by deleting it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from model.drivers import Driver
from model.features.names import subject_feature
from model.features.windows import FeatureWindows
from model.intervention_catalog import Catalog, Localized
from model.rationales import (
    attendance_rationale,
    fact,
    lms_rationale,
    mentor_rationale,
    notes_rationale,
    subject_rationale,
)

__all__ = ["PROPOSED", "Localized", "Recommendation", "RecommendationRules", "recommend"]

PROPOSED: Final = "proposed"
EXTRA_LESSONS: Final = "extra_lessons"
PEER_TUTORING: Final = "peer_tutoring"
ATTENDANCE_PLAN: Final = "attendance_plan"
PARENT_MEETING: Final = "parent_meeting"
DIGITAL_SKILLS: Final = "digital_skills"
PSYCHOLOGIST_REFERRAL: Final = "psychologist_referral"
MENTOR: Final = "mentor"


@dataclass(frozen=True, slots=True)
class RecommendationRules:
    """Thresholds of the rules. Rates are shares (0.03 = 3% of school days); `windows` must match the
    feature windows the facts were computed with, because the sentences name those periods."""

    max_recommendations: int = 3
    peer_tutoring_min_recent_mean: float = 3.0
    mentor_min_subjects: int = 2
    mentor_tiers: tuple[str, ...] = ("high",)
    min_unexcused_rate: float = 0.03
    min_absence_streak_days: float = 3
    min_lms_missed_rate: float = 0.2
    min_lms_days_since_login: float = 14
    min_recent_notes: float = 2
    windows: FeatureWindows = field(default_factory=FeatureWindows)

    def __post_init__(self) -> None:
        if self.max_recommendations < 1:
            raise ValueError(f"max_recommendations must be at least 1, got {self.max_recommendations}")


@dataclass(frozen=True, slots=True)
class Recommendation:
    """Proposed support for one pupil: what, in which subject (per-subject kinds only), who usually owns it,
    why (citing the driver's facts), when to check on it, and the driver it answers."""

    kind: str
    subject: str | None
    owner_role: str
    rationale: Localized
    follow_up_on: date
    driver_group: str
    status: str = PROPOSED


@dataclass(frozen=True, slots=True)
class _Candidate:
    kind: str
    subject: str | None
    rationale: Localized
    driver: Driver
    alternative: bool = False  # a lighter option: listed after every main recommendation


def recommend(
    drivers: Sequence[Driver],
    *,
    tier: str,
    as_of: date,
    catalog: Catalog,
    rules: RecommendationRules = RecommendationRules(),
) -> list[Recommendation]:
    """At most `rules.max_recommendations` proposals for one pupil, strongest driver first.

    Main recommendations come in order of their driver's contribution (a driver's own kinds before the mentor
    it may also prompt); lighter alternatives (peer tutoring) follow them, so they never push a main
    recommendation past the cap. A (kind, subject) is proposed once, for its strongest driver.
    """
    raising = [driver for driver in drivers if driver.raises_risk]
    candidates = [candidate for driver in raising for candidate in _candidates_for(driver, rules)]
    candidates += _mentor(raising, tier, rules)
    ranked = sorted(candidates, key=lambda c: (c.alternative, -c.driver.contribution))
    chosen: list[Recommendation] = []
    seen: set[tuple[str, str | None]] = set()
    for candidate in ranked:
        intervention = catalog.get(candidate.kind)
        if intervention is None:
            continue
        subject = candidate.subject if intervention.per_subject else None
        if (candidate.kind, subject) in seen:
            continue
        seen.add((candidate.kind, subject))
        chosen.append(
            Recommendation(
                kind=candidate.kind,
                subject=subject,
                owner_role=intervention.owner_role,
                rationale=candidate.rationale,
                follow_up_on=intervention.follow_up_from(as_of),
                driver_group=candidate.driver.group,
            )
        )
        if len(chosen) == rules.max_recommendations:
            break
    return chosen


def _candidates_for(driver: Driver, rules: RecommendationRules) -> list[_Candidate]:
    if driver.subject is not None:
        return _subject(driver, driver.subject, rules)
    rule = _GROUP_RULES.get(driver.group)
    return rule(driver, rules) if rule is not None else []


def _subject(driver: Driver, subject: str, rules: RecommendationRules) -> list[_Candidate]:
    rationale = subject_rationale(subject, driver.facts, rules.windows.recent_marks_weeks)
    candidates = [_Candidate(EXTRA_LESSONS, subject, rationale, driver)]
    recent = fact(driver.facts, subject_feature(subject, "recent_mean"))
    if recent is not None and recent >= rules.peer_tutoring_min_recent_mean:
        candidates.append(_Candidate(PEER_TUTORING, subject, rationale, driver, alternative=True))
    return candidates


def _attendance(driver: Driver, rules: RecommendationRules) -> list[_Candidate]:
    unexcused = fact(driver.facts, "unexcused_rate")
    streak = fact(driver.facts, "longest_absence_streak")
    if not (
        (unexcused is not None and unexcused >= rules.min_unexcused_rate)
        or (streak is not None and streak >= rules.min_absence_streak_days)
    ):
        return []
    rationale = attendance_rationale(driver.facts, rules.windows.attendance_recent_weeks)
    return [
        _Candidate(ATTENDANCE_PLAN, None, rationale, driver),
        _Candidate(PARENT_MEETING, None, rationale, driver),
    ]


def _lms(driver: Driver, rules: RecommendationRules) -> list[_Candidate]:
    missed = fact(driver.facts, "lms_missed_rate")
    since = fact(driver.facts, "lms_days_since_login")
    if not (
        (missed is not None and missed >= rules.min_lms_missed_rate)
        or (since is not None and since >= rules.min_lms_days_since_login)
    ):
        return []
    rationale = lms_rationale(driver.facts, rules.windows.lms_weeks)
    return [_Candidate(DIGITAL_SKILLS, None, rationale, driver)]


def _notes(driver: Driver, rules: RecommendationRules) -> list[_Candidate]:
    notes = fact(driver.facts, "notes_recent")
    if notes is None or notes < rules.min_recent_notes:
        return []
    rationale = notes_rationale(driver.facts, rules.windows.notes_weeks)
    return [_Candidate(PSYCHOLOGIST_REFERRAL, None, rationale, driver)]


_GROUP_RULES: Final[dict[str, Callable[[Driver, RecommendationRules], list[_Candidate]]]] = {
    "attendance": _attendance,
    "lms": _lms,
    "notes": _notes,
}


def _mentor(raising: Sequence[Driver], tier: str, rules: RecommendationRules) -> list[_Candidate]:
    """A mentor when several subjects raise the risk at once or the tier is high; it answers the strongest
    subject driver (or, for the tier alone, the strongest driver of any kind)."""
    by_subject = sorted((d for d in raising if d.subject is not None), key=lambda d: -d.contribution)
    subjects = list(dict.fromkeys(d.group for d in by_subject))
    several = len(subjects) >= rules.mentor_min_subjects
    high = tier in rules.mentor_tiers
    if not raising or not (several or high):
        return []
    driver = by_subject[0] if several else max(raising, key=lambda d: d.contribution)
    rationale = mentor_rationale(subjects if several else [], high)
    return [_Candidate(MENTOR, None, rationale, driver)]
