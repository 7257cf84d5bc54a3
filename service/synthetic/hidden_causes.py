"""The hidden causes behind every observed record: what the risk model must learn to see indirectly.

Per pupil: ability, subject aptitudes, engagement and a heavy-tailed absence propensity (a minority are
chronic absentees). Per pupil and year: disengagement (engagement decays after an onset and marks follow
two to four weeks later), a family event (an absence streak and a dip in marks) and illness streaks.
None of these is written to the bundle; only their noisy, lagged consequences are.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.curriculum import all_subjects

SUBJECTS = all_subjects()
DISENGAGEMENT_SHARE = 0.08
FAMILY_EVENT_SHARE = 0.05


@dataclass(frozen=True)
class PupilTraits:
    """Stable over the years a pupil is generated for."""

    ability: np.ndarray
    aptitude: np.ndarray  # pupils × SUBJECTS
    engagement: np.ndarray
    absence_rate: np.ndarray  # chance per school day that an absence episode starts
    excuse_share: np.ndarray  # share of ordinary absences that are excused
    late_rate: np.ndarray  # chance per present day of arriving late
    skip_rate: np.ndarray  # chance per lesson of skipping just that lesson


def draw_traits(rng: np.random.Generator, n: int) -> PupilTraits:
    """Correlated traits: engaged pupils tend to be abler and absent less, but not always."""
    z = rng.standard_normal((3, n))
    ability = z[0]
    engagement = 0.45 * z[0] + np.sqrt(1 - 0.45**2) * z[1]
    absence = -0.4 * engagement + np.sqrt(1 - 0.4**2) * z[2]
    chronic = rng.random(n) < 0.07
    absence_rate = 0.0095 * np.exp(0.8 * absence) * np.where(chronic, rng.uniform(3.0, 6.0, n), 1.0)
    low_engagement = 1.0 / (1.0 + np.exp(1.5 * engagement))
    return PupilTraits(
        ability=ability,
        aptitude=rng.normal(0.0, 1.0, (n, len(SUBJECTS))),
        engagement=engagement,
        absence_rate=absence_rate,
        excuse_share=rng.beta(5.0, 2.0, n),
        late_rate=0.005 + 0.04 * low_engagement * rng.random(n),
        skip_rate=0.0005 + 0.006 * low_engagement * rng.random(n),
    )


@dataclass(frozen=True)
class YearEvents:
    """One academic year's events for the pupils at school that year; -1 onset means no event."""

    diseng_onset: np.ndarray  # school-day index when engagement starts to decay
    diseng_lag: np.ndarray  # school days until marks follow
    diseng_depth: np.ndarray
    family_onset: np.ndarray
    family_streak: np.ndarray  # consecutive school days absent from the onset
    family_dip: np.ndarray
    family_span: np.ndarray  # school days over which the dip in marks fades

    @property
    def disengaged(self) -> np.ndarray:
        return self.diseng_onset >= 0

    @property
    def family(self) -> np.ndarray:
        return self.family_onset >= 0


def draw_events(rng: np.random.Generator, engagement: np.ndarray, n_days: int) -> YearEvents:
    """Disengagement strikes the less engaged more often; family events strike anyone."""
    n = len(engagement)
    p_diseng = DISENGAGEMENT_SHARE * 2.0 / (1.0 + np.exp(0.8 * engagement))
    diseng = rng.random(n) < p_diseng
    family = rng.random(n) < FAMILY_EVENT_SHARE
    return YearEvents(
        diseng_onset=np.where(diseng, rng.integers(15, n_days - 40, n), -1),
        diseng_lag=rng.integers(12, 25, n),
        diseng_depth=rng.uniform(0.9, 1.7, n),
        family_onset=np.where(family, rng.integers(5, n_days - 20, n), -1),
        family_streak=rng.integers(3, 21, n),
        family_dip=rng.uniform(0.6, 1.2, n),
        family_span=rng.integers(18, 49, n),
    )


def diseng_active(events: YearEvents, n_days: int, delay: np.ndarray | int = 0) -> np.ndarray:
    """pupils × days: True once disengagement (shifted by `delay` days) has set in."""
    t = np.arange(n_days)
    start = np.where(events.disengaged, events.diseng_onset + delay, n_days + 1)
    return t[None, :] >= start[:, None]


def marks_penalty(events: YearEvents, n_days: int) -> np.ndarray:
    """pupils × days: how far marks are pushed down; disengagement bites only after its lag."""
    t = np.arange(n_days, dtype=np.float32)[None, :]
    since = t - (events.diseng_onset + events.diseng_lag)[:, None]
    penalty = np.where(
        events.disengaged[:, None], events.diseng_depth[:, None] * np.clip(since / 15.0, 0.0, 1.0), 0.0
    )
    after = t - events.family_onset[:, None]
    fade = np.clip(1.0 - after / events.family_span[:, None], 0.0, 1.0) * (after >= 0)
    penalty += np.where(events.family[:, None], events.family_dip[:, None] * fade, 0.0)
    return penalty.astype(np.float32)
