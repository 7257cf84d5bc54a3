"""Drivers: a pupil's SHAP contributions folded into reasons a teacher recognises.

All Matematika features become one "Matematika" driver, attendance features one "attendance" driver, and
so on (`model.features.feature_group`). A driver's contribution is the sum of its features' contributions in
log-odds: above zero it raises the pupil's risk, below zero it lowers it. Its facts are the feature values
behind it, which the sentences quote.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from model.curriculum import all_subjects
from model.features.names import feature_group

GROUPS_NOT_SUBJECTS: Final = ("marks", "attendance", "lms", "notes", "grade")


@dataclass(frozen=True, slots=True)
class Driver:
    """`group` is a subject name ("Matematika") or one of GROUPS_NOT_SUBJECTS."""

    group: str
    contribution: float
    facts: Mapping[str, float | None] = field(default_factory=dict)

    @property
    def subject(self) -> str | None:
        return self.group if self.group in all_subjects() else None

    @property
    def raises_risk(self) -> bool:
        return self.contribution > 0


def group_contributions(
    feature_names: Sequence[str], contributions: Sequence[float], values: Sequence[float | None]
) -> list[Driver]:
    """One pupil's drivers, strongest first (by absolute contribution). `contributions` holds one value per
    feature, without the bias term; `values` are the pupil's feature values in the same order."""
    if not len(feature_names) == len(contributions) == len(values):
        raise ValueError("feature names, contributions and values must have the same length")
    totals: dict[str, float] = {}
    facts: dict[str, dict[str, float | None]] = {}
    for name, contribution, value in zip(feature_names, contributions, values, strict=True):
        group = feature_group(name)
        totals[group] = totals.get(group, 0.0) + float(contribution)
        facts.setdefault(group, {})[name] = value
    drivers = [Driver(group, total, facts[group]) for group, total in totals.items()]
    return sorted(drivers, key=lambda d: -abs(d.contribution))


@dataclass(frozen=True, slots=True)
class GlobalDriver:
    """How much a driver moves pupils' risk across a population: mean |contribution| and mean contribution."""

    group: str
    mean_abs_contribution: float
    mean_contribution: float


def global_drivers(
    feature_names: Sequence[str], contributions: Sequence[Sequence[float]]
) -> list[GlobalDriver]:
    """Drivers across many pupils, for data scientists: each pupil's contributions are summed per driver
    first, then averaged, so a subject with seven features is weighed as one reason, as teachers see it."""
    if not contributions:
        return []
    groups = [feature_group(name) for name in feature_names]
    names = sorted(set(groups))
    totals = {name: [0.0, 0.0] for name in names}
    for row in contributions:
        if len(row) != len(feature_names):
            raise ValueError("each row of contributions needs one value per feature, without the base value")
        per_group = dict.fromkeys(names, 0.0)
        for group, value in zip(groups, row, strict=True):
            per_group[group] += float(value)
        for group, value in per_group.items():
            totals[group][0] += abs(value)
            totals[group][1] += value
    count = len(contributions)
    found = [GlobalDriver(group, a / count, m / count) for group, (a, m) in totals.items()]
    return sorted(found, key=lambda d: (-d.mean_abs_contribution, d.group))
