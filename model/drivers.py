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
