"""Did the support help? Helped pupils against similar pupils who were not helped, as a difference in change.

Pupils who get help are the ones Erta flagged, so comparing them with everyone else would only show that they
were worse off to begin with. Each helped pupil is matched to the not-helped pupil nearest in pre-intervention
risk, and the effect on an outcome is the helped pupils' mean change minus their controls' mean change
(difference-in-differences over matched pairs).

Matching is greedy 1:1 nearest-neighbour without replacement within a caliper: helped pupils are taken from
the highest risk down (they have the fewest close controls, so they choose first), ties broken by pupil id,
so the same pupils always give the same pairs. A helped pupil with no unused control within the caliper is
reported as unmatched, never silently dropped. The interval is a paired t interval over the pairs'
differences: exact for the mean of paired differences, deterministic without a seed, and honest about small
samples.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

# Marks go up when support works; attendance goes up; risk goes down (a negative effect on risk is good).
OUTCOMES = ("marks", "attendance", "risk")
INTERVAL_METHOD = "paired t"


@dataclass(frozen=True)
class PupilOutcome:
    """One pupil's outcomes before and after the period of support.

    Marks are the mean mark on the 5-point scale, attendance the share of lessons attended, risk the model's
    calibrated probability. Pupils without an "after" value are left out by the caller before matching.
    """

    pupil_id: str
    risk_before: float
    mark_mean_before: float
    mark_mean_after: float
    attendance_before: float
    attendance_after: float
    risk_after: float

    def __post_init__(self) -> None:
        shares = (self.risk_before, self.risk_after, self.attendance_before, self.attendance_after)
        values = (*shares, self.mark_mean_before, self.mark_mean_after)
        if not all(math.isfinite(value) for value in values):
            raise ValueError(f"pupil {self.pupil_id}: outcomes must be finite numbers")
        if not all(0.0 <= share <= 1.0 for share in shares):
            raise ValueError(f"pupil {self.pupil_id}: risk and attendance must lie in [0, 1]")

    def change(self, outcome: str) -> float:
        """After minus before for one of OUTCOMES."""
        if outcome == "marks":
            return self.mark_mean_after - self.mark_mean_before
        if outcome == "attendance":
            return self.attendance_after - self.attendance_before
        if outcome == "risk":
            return self.risk_after - self.risk_before
        raise ValueError(f"unknown outcome {outcome!r}; outcomes are {', '.join(OUTCOMES)}")


@dataclass(frozen=True)
class MatchedPair:
    """A helped pupil and the control it was matched to, with their gap in pre-intervention risk."""

    helped_id: str
    control_id: str
    risk_gap: float


@dataclass(frozen=True)
class OutcomeEffect:
    """Mean change of helped pupils and of their matched controls, and the difference between the two.

    The interval bounds are None with a single pair, where no spread can be estimated.
    """

    outcome: str
    pairs: int
    helped_change: float
    control_change: float
    difference: float
    ci_low: float | None
    ci_high: float | None


@dataclass(frozen=True)
class EffectReport:
    """What matching found and the effect on each outcome; effects is empty when no pupil could be matched."""

    helped: int
    controls: int
    caliper: float
    confidence: float
    interval_method: str
    pairs: tuple[MatchedPair, ...]
    unmatched_helped: tuple[str, ...]
    effects: tuple[OutcomeEffect, ...]

    @property
    def matched(self) -> int:
        """How many helped pupils found a control."""
        return len(self.pairs)

    def effect(self, outcome: str) -> OutcomeEffect:
        """The effect on one of OUTCOMES; LookupError when nobody was matched."""
        for effect in self.effects:
            if effect.outcome == outcome:
                return effect
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {outcome!r}; outcomes are {', '.join(OUTCOMES)}")
        raise LookupError("no helped pupil was matched to a control, so there is no effect to report")


def _check_groups(helped: Sequence[PupilOutcome], not_helped: Sequence[PupilOutcome]) -> None:
    """Refuses an empty helped group, a pupil listed twice, and a pupil who is in both groups."""
    if not helped:
        raise ValueError("there are no helped pupils to evaluate")
    for name, group in (("helped", helped), ("not_helped", not_helped)):
        ids = [pupil.pupil_id for pupil in group]
        if len(set(ids)) != len(ids):
            raise ValueError(f"a pupil appears more than once among the {name} pupils")
    both = sorted({p.pupil_id for p in helped} & {p.pupil_id for p in not_helped})
    if both:
        raise ValueError(f"pupils cannot be both helped and a control: {', '.join(both)}")


def match_on_risk(
    helped: Sequence[PupilOutcome], not_helped: Sequence[PupilOutcome], *, caliper: float = 0.05
) -> tuple[tuple[MatchedPair, ...], tuple[str, ...]]:
    """Greedy 1:1 nearest-neighbour matching on risk_before, without replacement, within the caliper.

    Returns the pairs (in matching order) and the ids of helped pupils left without a control.
    """
    if not (math.isfinite(caliper) and caliper >= 0.0):
        raise ValueError("the caliper must be a finite number of at least 0")
    _check_groups(helped, not_helped)
    # Free controls, sorted by risk: the nearest free one is always next to the insertion point.
    pool = sorted((pupil.risk_before, pupil.pupil_id) for pupil in not_helped)
    pairs: list[MatchedPair] = []
    unmatched: list[str] = []
    for pupil in sorted(helped, key=lambda p: (-p.risk_before, p.pupil_id)):
        at = bisect_left(pool, (pupil.risk_before, ""))
        candidates = [i for i in (at - 1, at) if 0 <= i < len(pool)]
        best = min(candidates, key=lambda i: (abs(pool[i][0] - pupil.risk_before), pool[i][1]), default=None)
        if best is None or abs(pool[best][0] - pupil.risk_before) > caliper:
            unmatched.append(pupil.pupil_id)
            continue
        risk, control_id = pool.pop(best)
        pairs.append(MatchedPair(pupil.pupil_id, control_id, abs(risk - pupil.risk_before)))
    return tuple(pairs), tuple(unmatched)


def _paired_t_interval(
    differences: NDArray[np.float64], confidence: float
) -> tuple[float | None, float | None]:
    """Mean ± t · sd / √n over the pairs' differences; no interval from a single pair."""
    n = differences.size
    if n < 2:
        return None, None
    mean = float(differences.mean())
    half = float(stats.t.ppf((1.0 + confidence) / 2.0, n - 1)) * float(differences.std(ddof=1)) / math.sqrt(n)
    return mean - half, mean + half


def _outcome_effect(
    outcome: str,
    pairs: Sequence[MatchedPair],
    by_id: dict[str, PupilOutcome],
    confidence: float,
) -> OutcomeEffect:
    helped_change = np.array([by_id[pair.helped_id].change(outcome) for pair in pairs], dtype=np.float64)
    control_change = np.array([by_id[pair.control_id].change(outcome) for pair in pairs], dtype=np.float64)
    low, high = _paired_t_interval(helped_change - control_change, confidence)
    return OutcomeEffect(
        outcome=outcome,
        pairs=len(pairs),
        helped_change=float(helped_change.mean()),
        control_change=float(control_change.mean()),
        difference=float((helped_change - control_change).mean()),
        ci_low=low,
        ci_high=high,
    )


def effectiveness(
    helped: Sequence[PupilOutcome],
    not_helped: Sequence[PupilOutcome],
    *,
    caliper: float = 0.05,
    confidence: float = 0.95,
) -> EffectReport:
    """The effect of support on marks, attendance and risk: helped pupils against risk-matched controls.

    Deterministic: the same pupils, in any order, give the same report.
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError("confidence must lie strictly between 0 and 1")
    pairs, unmatched = match_on_risk(helped, not_helped, caliper=caliper)
    by_id = {pupil.pupil_id: pupil for pupil in (*helped, *not_helped)}
    effects = tuple(_outcome_effect(name, pairs, by_id, confidence) for name in OUTCOMES) if pairs else ()
    return EffectReport(
        helped=len(helped),
        controls=len(not_helped),
        caliper=caliper,
        confidence=confidence,
        interval_method=INTERVAL_METHOD,
        pairs=pairs,
        unmatched_helped=unmatched,
        effects=effects,
    )
