"""Alert fatigue: when a signal becomes an alert, when staff are told, and when it goes to the principal.

A teacher who gets the same message every night stops reading them. So there is one live alert per pupil ×
reason × subject, updated silently while the signal persists; the model's flag notifies only when its tier
rises; nothing is renotified within a cooldown; a snooze is honoured; an alert nobody acknowledges goes to
the principal once. Pure decisions over the alerts already stored: the service persists and sends.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from model.signals import Signal

TIERS = ("low", "medium", "high")
RISK_REASON = "risk"
Status = Literal["open", "acknowledged", "snoozed", "closed"]
Action = Literal["open", "update", "notify", "ignore"]


@dataclass(frozen=True)
class AlertPolicy:
    cooldown_days: int = 7  # no renotification sooner than this after the last one
    escalate_after_days: int = 5  # open and unacknowledged this long: the principal is told
    action_window_days: int = 14  # an intervention within this long after an alert counts as its action


@dataclass(frozen=True)
class AlertState:
    """An alert as stored. `notified_tier` is the tier staff were last told about (risk alerts only)."""

    pupil_id: str
    reason: str
    subject: str | None
    tier: str | None
    status: Status
    created_on: date
    last_notified_on: date | None = None
    snoozed_until: date | None = None
    acknowledged_on: date | None = None
    notified_tier: str | None = None
    escalated_on: date | None = None
    closed_on: date | None = None

    @property
    def key(self) -> tuple[str, str, str | None]:
        return self.pupil_id, self.reason, self.subject


@dataclass(frozen=True)
class RiskFlag:
    """The model's nightly tier for a pupil: an alert with reason "risk" and no subject."""

    pupil_id: str
    tier: str
    probability: float
    reason: str = RISK_REASON
    subject: str | None = None

    def __post_init__(self) -> None:
        if self.tier not in TIERS:
            raise ValueError(f"unknown tier {self.tier!r}; expected one of {', '.join(TIERS)}")


@dataclass(frozen=True)
class Decision:
    """What to do with an incoming signal: the alert to store (None for "ignore") and why, in words."""

    action: Action
    alert: AlertState | None
    why: str

    @property
    def notify(self) -> bool:
        return self.action in ("open", "notify")


def decide(
    incoming: Signal | RiskFlag,
    existing: Sequence[AlertState],
    today: date,
    policy: AlertPolicy = AlertPolicy(),
) -> Decision:
    """Open, update silently, notify, or ignore, given the alerts already stored (any pupil, any status)."""
    key = (incoming.pupil_id, incoming.reason, incoming.subject)
    same = [alert for alert in existing if alert.key == key]
    live = [alert for alert in same if alert.status != "closed"]
    tier = incoming.tier if isinstance(incoming, RiskFlag) else None
    if live:
        return _update(max(live, key=lambda a: a.created_on), tier, today, policy)
    if tier is not None and _rank(tier) == 0:
        return Decision("ignore", None, "low risk and no alert open: nothing to tell")
    if any(_cooling(alert, today, policy) for alert in same):
        return Decision("ignore", None, f"closed less than {policy.cooldown_days} days after the last notice")
    alert = AlertState(*key, tier=tier, status="open", created_on=today)
    return Decision("open", _told(alert, today), "new alert")


def _update(alert: AlertState, tier: str | None, today: date, policy: AlertPolicy) -> Decision:
    """The live alert for the signal: kept current, told again only for a snooze ending or a rising tier."""
    current = alert if tier is None else replace(alert, tier=tier)
    if alert.status == "snoozed":
        if alert.snoozed_until is None or today < alert.snoozed_until:
            return Decision("update", current, f"snoozed until {alert.snoozed_until}")
        return Decision("notify", _told(replace(current, status="open"), today), "snooze over, still there")
    told = alert.notified_tier or alert.tier
    if tier is None or told is None:
        return Decision("update", current, "already open: updated silently")
    if _rank(tier) <= _rank(told):
        # A fall lowers the bar, so a later rise back is news again (at most once per cooldown).
        lowered = min(tier, told, key=_rank)
        return Decision("update", replace(current, notified_tier=lowered), "tier not above the one told")
    if _cooling(alert, today, policy):
        return Decision("update", current, f"tier rose to {tier}; told once the cooldown is over")
    return Decision("notify", _told(current, today), f"tier rose to {tier}")


def _told(alert: AlertState, today: date) -> AlertState:
    return replace(alert, last_notified_on=today, notified_tier=alert.tier)


def _cooling(alert: AlertState, today: date, policy: AlertPolicy) -> bool:
    """Whether staff heard about this alert (or closed it) less than the cooldown ago."""
    touched = [day for day in (alert.last_notified_on, alert.closed_on) if day is not None]
    return bool(touched) and (today - max(touched)).days < policy.cooldown_days


def _rank(tier: str) -> int:
    return TIERS.index(tier)


def escalate(
    alerts: Iterable[AlertState], today: date, policy: AlertPolicy = AlertPolicy()
) -> list[AlertState]:
    """Alerts to send to the principal today, marked escalated so they never go twice.

    Due when open and never acknowledged for `escalate_after_days`, counted from creation or from the end of
    a snooze: a snooze is a response, not neglect. Acknowledged, snoozed and closed alerts never escalate.
    """
    due = []
    for alert in alerts:
        since = max(alert.created_on, alert.snoozed_until or alert.created_on)
        if (
            alert.status == "open"
            and alert.acknowledged_on is None
            and alert.escalated_on is None
            and (today - since).days >= policy.escalate_after_days
        ):
            due.append(replace(alert, escalated_on=today))
    return sorted(due, key=lambda a: (a.pupil_id, a.reason, a.subject or ""))


@dataclass(frozen=True)
class InterventionEvent:
    """A day an intervention for the pupil was proposed or accepted."""

    pupil_id: str
    on: date


@dataclass(frozen=True)
class ActionRate:
    alerts: int
    actioned: int

    @property
    def rate(self) -> float | None:
        return self.actioned / self.alerts if self.alerts else None


@dataclass(frozen=True)
class ActionReport:
    overall: ActionRate
    by_reason: dict[str, ActionRate]


def action_rate(
    alerts: Iterable[AlertState],
    interventions_linked: Iterable[InterventionEvent],
    today: date,
    policy: AlertPolicy = AlertPolicy(),
) -> ActionReport:
    """The share of alerts followed by an intervention for the pupil within the window, overall and by reason.

    Alerts younger than the window are left out: they have not had their chance yet, and counting them would
    make a busy week look like a neglected one.
    """
    window = timedelta(days=policy.action_window_days)
    days: dict[str, list[date]] = {}
    for event in interventions_linked:
        days.setdefault(event.pupil_id, []).append(event.on)
    counts: dict[str, list[int]] = {}
    for alert in alerts:
        if alert.created_on + window > today:
            continue
        acted = any(
            alert.created_on <= day <= alert.created_on + window for day in days.get(alert.pupil_id, ())
        )
        tally = counts.setdefault(alert.reason, [0, 0])
        tally[0] += 1
        tally[1] += acted
    by_reason = {reason: ActionRate(n, acted) for reason, (n, acted) in sorted(counts.items())}
    overall = ActionRate(
        sum(r.alerts for r in by_reason.values()), sum(r.actioned for r in by_reason.values())
    )
    return ActionReport(overall, by_reason)


@dataclass(frozen=True)
class TierThresholds:
    """Calibrated probability at which a pupil becomes medium and high; a school may set its own."""

    medium: float = 0.3
    high: float = 0.6

    def __post_init__(self) -> None:
        if not 0.0 <= self.medium <= self.high <= 1.0:
            raise ValueError(f"need 0 ≤ medium ≤ high ≤ 1, got medium={self.medium}, high={self.high}")

    def tier_of(self, probability: float) -> str:
        """The tier by these thresholds alone, before any capacity limit on "high"."""
        if probability >= self.high:
            return "high"
        return "medium" if probability >= self.medium else "low"


DEFAULT_CAPACITY = 5


def assign_tiers(
    probabilities: Mapping[str, float],
    group_of: Mapping[str, str],
    capacity: Mapping[str, int] | int = DEFAULT_CAPACITY,
    thresholds: TierThresholds = TierThresholds(),
    *,
    school_thresholds: Mapping[str, TierThresholds] | None = None,
    school_of: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Tier per pupil, "high" going to at most the top k of each group (class or school) staff can handle.

    Above its school's high threshold but outside the top k, a pupil is "medium": flagged, not lost. Ties go
    to the smaller pupil id so that reruns agree. A group missing from a capacity mapping gets
    DEFAULT_CAPACITY. A pupil's school is `school_of[pupil]`, or its group when groups are schools.
    """
    missing = [pupil for pupil in probabilities if pupil not in group_of]
    if missing:
        raise ValueError(f"no group for {len(missing)} pupil(s), e.g. {sorted(missing)[:3]}")
    overrides = school_thresholds or {}
    schools = school_of or group_of
    tiers: dict[str, str] = {}
    candidates: dict[str, list[str]] = {}
    for pupil, probability in probabilities.items():
        tier = overrides.get(schools.get(pupil, ""), thresholds).tier_of(probability)
        # "high" only within the group's capacity, given out below; until then a high pupil is "medium".
        tiers[pupil] = "medium" if tier == "high" else tier
        if tier == "high":
            candidates.setdefault(group_of[pupil], []).append(pupil)
    for group, pupils in candidates.items():
        k = capacity if isinstance(capacity, int) else capacity.get(group, DEFAULT_CAPACITY)
        for pupil in sorted(pupils, key=lambda p: (-probabilities[p], p))[: max(k, 0)]:
            tiers[pupil] = "high"
    return tiers
