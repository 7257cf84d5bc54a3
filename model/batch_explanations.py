"""Explanations of many pupils at once: the drivers `explain_pupil` gives each of them, found with arrays.

Explaining a pupil one at a time folds 143 contributions into drivers with a dictionary per pupil and sorts
all of them, which costs about 300 µs of Python a pupil: five minutes for a million. Here the folding, the
sorting and the choice of the three drivers that raise the risk and the two that lower it are array
operations over the whole batch, in the same order of additions and the same stable order, so the result
is the very `Explanation` `explain_pupil` returns; only the chosen drivers (three or four a pupil) are
put into words one by one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from model import explanation_texts as texts
from model.drivers import Driver
from model.explanations import (
    MIN_CONTRIBUTION,
    ExplainedDriver,
    Explanation,
    _known,
    _localized,
    describe_driver,
)
from model.features.names import feature_group
from model.features.windows import FeatureWindows
from model.intervention_catalog import Localized

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class _Groups:
    """Drivers in the order `group_contributions` meets them, each with its features' columns in order."""

    names: tuple[str, ...]
    columns: tuple[tuple[int, ...], ...]
    features: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, feature_names: Sequence[str]) -> _Groups:
        members: dict[str, list[int]] = {}
        for index, name in enumerate(feature_names):
            members.setdefault(feature_group(name), []).append(index)
        columns = tuple(tuple(found) for found in members.values())
        features = tuple(tuple(feature_names[i] for i in found) for found in columns)
        return cls(tuple(members), columns, features)


def explain_batch(
    feature_names: Sequence[str],
    contributions: Floats,
    values: Floats,
    probabilities: Floats,
    *,
    windows: FeatureWindows | None = None,
    raising: int = 3,
    lowering: int = 2,
    min_contribution: float = MIN_CONTRIBUTION,
) -> list[Explanation]:
    """`explain_pupil` for every row: `contributions` holds a row per pupil (the base value last, as
    `pred_contribs` returns it), `values` the pupils' features in the same order with NaN for missing."""
    names = list(feature_names)
    rows, width = values.shape
    if contributions.shape != (rows, width + 1) or width != len(names) or len(probabilities) != rows:
        raise ValueError("contributions must hold one value per feature and the base value last, per row")
    w = windows or FeatureWindows()
    groups = _Groups.of(names)
    totals, known = _fold(groups, contributions, values)
    chosen = _choose(totals, known, raising, lowering, min_contribution)
    insufficient = _insufficient(names, values)
    note = _localized(texts.INSUFFICIENT, n=str(w.min_recent_marks), w=str(w.recent_marks_weeks))
    wording = _Wording(w)
    explanations = []
    for row in range(rows):
        per_feature: list[float] = contributions[row, :-1].tolist()
        pupil_values: list[float] = values[row].tolist()
        drivers = tuple(
            _explained(groups, g, float(totals[row, g]), pupil_values, wording) for g in chosen[row]
        )
        base = float(contributions[row, -1])
        explanations.append(
            Explanation(
                probability=float(probabilities[row]),
                base_value=base,
                margin=base + sum(per_feature),  # the same additions, in the same order, as one at a time
                insufficient_data=bool(insufficient[row]),
                drivers=drivers,
                note=note if insufficient[row] else None,
            )
        )
    return explanations


def _fold(groups: _Groups, contributions: Floats, values: Floats) -> tuple[Floats, NDArray[np.bool_]]:
    """Each driver's contribution (its features' added left to right from 0.0, as a dictionary would) and
    whether any of its facts is known."""
    rows = len(values)
    totals = np.zeros((rows, len(groups.names)))
    known = np.zeros((rows, len(groups.names)), dtype=bool)
    for g, columns in enumerate(groups.columns):
        total = np.zeros(rows)
        for column in columns:
            total = total + contributions[:, column]
        totals[:, g] = total
        known[:, g] = ~np.isnan(values[:, list(columns)]).all(axis=1)
    return totals, known


def _choose(
    totals: Floats, known: NDArray[np.bool_], raising: int, lowering: int, min_contribution: float
) -> list[list[int]]:
    """Per pupil, the drivers shown, strongest first: up to `raising` that raise the risk, then up to
    `lowering` that lower it; a driver with no known fact or under `min_contribution` is never shown."""
    order = np.argsort(-np.abs(totals), axis=1, kind="stable")  # ties keep the drivers' order, as sorted()
    ranked = np.take_along_axis(totals, order, axis=1)
    shown = np.take_along_axis(known, order, axis=1) & (np.abs(ranked) >= min_contribution)
    raises = shown & (ranked > 0)
    lowers = shown & (ranked < 0)
    picked_up = raises & (np.cumsum(raises, axis=1) <= raising)
    picked_down = lowers & (np.cumsum(lowers, axis=1) <= lowering)
    chosen: list[list[int]] = [[] for _ in range(len(totals))]
    for picked in (picked_up, picked_down):
        for row, position in zip(*np.nonzero(picked), strict=True):
            chosen[row].append(int(order[row, position]))
    return chosen


def _insufficient(names: list[str], values: Floats) -> NDArray[np.bool_]:
    if "insufficient_marks" not in names:
        return np.zeros(len(values), dtype=bool)
    flag = values[:, names.index("insufficient_marks")]
    insufficient: NDArray[np.bool_] = ~np.isnan(flag) & (flag != 0)
    return insufficient


def _explained(
    groups: _Groups, g: int, contribution: float, values: list[float], wording: _Wording
) -> ExplainedDriver:
    group = groups.names[g]
    facts: dict[str, float | None] = {
        name: None if values[column] != values[column] else values[column]
        for name, column in zip(groups.features[g], groups.columns[g], strict=True)
    }
    return ExplainedDriver(group, contribution, wording.describe(group, contribution, facts), _known(facts))


class _Wording:
    """`describe_driver`, remembered by the facts it read: "Attendance is strong: 97% of school days" reads
    one fact of seven, and thousands of pupils share it, so each sentence is put together once a batch.

    The first time a kind of driver (its group, raising or lowering the risk) is worded, the facts it reads
    are noted; later drivers of that kind with the same values there get the same sentences, since the
    wording reads nothing else. Should a driver read a fact no earlier one did, the kind's key grows and
    what was remembered under the old key is let go."""

    def __init__(self, windows: FeatureWindows) -> None:
        self.windows = windows
        self.reads: dict[tuple[str, bool], tuple[str, ...] | None] = {}  # None: every fact
        self.said: dict[tuple[str, bool], dict[tuple[float | None, ...], Localized]] = {}

    def describe(self, group: str, contribution: float, facts: dict[str, float | None]) -> Localized:
        kind = (group, contribution > 0)
        if kind in self.reads:
            key = self._key(self.reads[kind], facts)
            if key is not None and key in self.said[kind]:
                return self.said[kind][key]
        recorded = _ReadFacts(facts)
        text = describe_driver(Driver(group, contribution, recorded), self.windows)
        known = self.reads.get(kind, ())
        reads = None if known is None or recorded.read is None else tuple(sorted(set(known) | recorded.read))
        if kind not in self.reads or reads != known:
            self.reads[kind], self.said[kind] = reads, {}
        key = self._key(reads, facts)
        if key is not None:
            self.said[kind][key] = text
        return text

    @staticmethod
    def _key(
        reads: tuple[str, ...] | None, facts: dict[str, float | None]
    ) -> tuple[float | None, ...] | None:
        """The values the wording depends on, or None when one is a negative zero (equal to 0.0 as a key,
        but "-0.0" in words)."""
        key = tuple(facts.values()) if reads is None else tuple(facts.get(name) for name in reads)
        if any(v == 0 and math.copysign(1.0, v) < 0 for v in key if v is not None):
            return None
        return key


class _ReadFacts(Mapping[str, "float | None"]):
    """A driver's facts that note which of them are read (every one, once they are iterated)."""

    def __init__(self, facts: dict[str, float | None]) -> None:
        self.facts = facts
        self.read: set[str] | None = set()

    def __getitem__(self, name: str) -> float | None:
        if self.read is not None:
            self.read.add(name)
        return self.facts[name]

    def __iter__(self) -> Iterator[str]:
        self.read = None
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)
