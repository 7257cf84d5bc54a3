"""Alert fatigue: one live alert per pupil × reason × subject, notices only when there is news, escalation
once, one digest per person a day, how often alerts lead to action, and tiers sized to staff capacity."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.alert_policy import (
    AlertPolicy,
    AlertState,
    Decision,
    InterventionEvent,
    RiskFlag,
    TierThresholds,
    action_rate,
    assign_tiers,
    decide,
    escalate,
)
from model.alert_routing import StaffDirectory, daily_digest
from model.signals import Signal

MONDAY = date(2025, 11, 17)
FALLING = Signal("ali", "marks_falling", "Matematika", {"slope": -0.3}, 2.0)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def stored(decision: Decision, action: str) -> AlertState:
    """The alert a decision stores, after checking it is the expected action."""
    assert decision.action == action, decision.why
    assert decision.alert is not None
    return decision.alert


def opened(signal: Signal | RiskFlag, on: date = MONDAY) -> AlertState:
    return stored(decide(signal, [], on), "open")


def test_a_new_signal_opens_and_notifies() -> None:
    decision = decide(FALLING, [], MONDAY)
    assert (decision.action, decision.notify) == ("open", True)
    assert decision.alert == AlertState(
        "ali", "marks_falling", "Matematika", None, "open", MONDAY, last_notified_on=MONDAY
    )


@pytest.mark.parametrize("status", ["open", "acknowledged"])
def test_the_same_signal_again_updates_silently_and_never_duplicates(status: str) -> None:
    alert = replace(opened(FALLING), status=status)
    decision = decide(FALLING, [alert], day(1))
    assert (decision.action, decision.notify, decision.alert) == ("update", False, alert)
    later = decide(FALLING, [alert], day(30))  # long after any cooldown: still no second notice
    assert later.action == "update"


def test_another_subject_or_pupil_is_another_alert() -> None:
    alert = opened(FALLING)
    assert decide(replace(FALLING, subject="Fizika"), [alert], day(1)).action == "open"
    assert decide(replace(FALLING, pupil_id="bek"), [alert], day(1)).action == "open"


def test_the_models_flag_notifies_only_when_its_tier_rises() -> None:
    assert decide(RiskFlag("ali", "low", 0.1), [], MONDAY).action == "ignore"
    alert = opened(RiskFlag("ali", "medium", 0.4))
    assert alert.notified_tier == "medium"
    same = decide(RiskFlag("ali", "medium", 0.45), [alert], day(8))
    assert (same.action, same.notify) == ("update", False)
    rise = stored(decide(RiskFlag("ali", "high", 0.7), [alert], day(8)), "notify")
    assert (rise.tier, rise.notified_tier, rise.last_notified_on) == ("high", "high", day(8))
    fall = stored(decide(RiskFlag("ali", "medium", 0.5), [rise], day(9)), "update")
    assert fall.tier == "medium"
    back_up = decide(RiskFlag("ali", "high", 0.7), [fall], day(16))
    assert back_up.notify  # a fall lowered the bar; a week later the rise is news again


def test_a_rise_within_the_cooldown_is_held_back_not_lost() -> None:
    alert = opened(RiskFlag("ali", "medium", 0.4))
    early = stored(decide(RiskFlag("ali", "high", 0.7), [alert], day(3)), "update")
    assert (early.tier, early.notified_tier) == ("high", "medium")
    still = stored(decide(RiskFlag("ali", "high", 0.7), [early], day(6)), "update")
    due = decide(RiskFlag("ali", "high", 0.7), [still], day(7))  # exactly the cooldown later
    assert due.notify


@pytest.mark.parametrize(("closed_days_ago", "action"), [(3, "ignore"), (6, "ignore"), (7, "open")])
def test_a_closed_alert_does_not_reopen_within_the_cooldown(closed_days_ago: int, action: str) -> None:
    closed = replace(opened(FALLING), status="closed", closed_on=day(10))
    assert decide(FALLING, [closed], day(10 + closed_days_ago)).action == action


def test_a_snoozed_alert_stays_silent_until_the_snooze_ends() -> None:
    alert = replace(opened(RiskFlag("ali", "medium", 0.4)), status="snoozed", snoozed_until=day(14))
    quiet = stored(decide(RiskFlag("ali", "high", 0.8), [alert], day(13)), "update")
    assert quiet.status == "snoozed"
    woken = stored(decide(RiskFlag("ali", "high", 0.8), [quiet], day(14)), "notify")
    assert (woken.status, woken.tier, woken.last_notified_on) == ("open", "high", day(14))


@settings(max_examples=60, deadline=None)
@given(
    nights=st.lists(
        st.lists(
            st.tuples(st.sampled_from(["ali", "bek"]), st.sampled_from(["low", "medium", "high"])), max_size=3
        ),
        max_size=25,
    ),
    close_on=st.sets(st.integers(0, 24), max_size=4),
)
def test_nightly_runs_never_duplicate_or_renotify_within_the_cooldown(
    nights: list[list[tuple[str, str]]], close_on: set[int]
) -> None:
    store: list[AlertState] = []
    notices: dict[str, list[date]] = {}
    for night, flags in enumerate(nights):
        today = day(night)
        if night in close_on:  # staff close every live alert that morning
            store = [
                a if a.status == "closed" else replace(a, status="closed", closed_on=today) for a in store
            ]
        for pupil, tier in flags:
            decision = decide(RiskFlag(pupil, tier, 0.5), store, today)
            if decision.alert is None:
                continue
            store = [a for a in store if a.key != decision.alert.key or a.status == "closed"]
            store.append(decision.alert)
            if decision.notify:
                notices.setdefault(pupil, []).append(today)
        live = [a.key for a in store if a.status != "closed"]
        assert len(live) == len(set(live))
    for dates in notices.values():
        assert all((b - a).days >= AlertPolicy().cooldown_days for a, b in pairwise(dates))


def test_escalation_once_after_n_days_unacknowledged() -> None:
    alert = opened(FALLING)
    assert escalate([alert], day(4)) == []
    [escalated] = escalate([alert], day(5))
    assert escalated.escalated_on == day(5)
    assert escalate([escalated], day(6)) == []


@pytest.mark.parametrize(
    "alert",
    [
        replace(opened(FALLING), status="acknowledged", acknowledged_on=day(1)),
        replace(opened(FALLING), status="snoozed", snoozed_until=day(20)),
        replace(opened(FALLING), status="closed", closed_on=day(2)),
        replace(opened(FALLING), acknowledged_on=day(1)),  # acknowledged, then a snooze ended: still seen to
    ],
    ids=["acknowledged", "snoozed", "closed", "acknowledged-then-snoozed"],
)
def test_acknowledged_snoozed_and_closed_alerts_never_escalate(alert: AlertState) -> None:
    assert escalate([alert], day(30)) == []


def test_escalation_counts_from_the_end_of_a_snooze() -> None:
    woken = replace(opened(FALLING), status="open", snoozed_until=day(10))
    assert escalate([woken], day(14)) == []
    assert len(escalate([woken], day(15))) == 1


def test_one_digest_per_recipient_a_day() -> None:
    staff = StaffDirectory(
        class_teacher_of={"ali": "T1", "bek": "T1", "gul": "T2"},
        subject_teachers_of={("ali", "Matematika"): "T9"},
        principal_of={"ali": "D1", "bek": "D1", "gul": "D1"},
    )
    falling = opened(FALLING)
    away = opened(Signal("bek", "absence_streak", None, {}, 1.0))
    quiet = opened(Signal("gul", "lms_disengaged", None, {}, 1.0))
    old = replace(opened(Signal("ali", "absence_streak", None, {}, 1.0)), escalated_on=day(5))
    digests = daily_digest([falling, away, quiet, falling], staff, day(5), escalations=[old])
    assert list(digests) == ["D1", "T1", "T2", "T9"]
    assert digests["T1"].alerts == (falling, away)
    assert digests["T1"].by_reason() == {"absence_streak": (away,), "marks_falling": (falling,)}
    assert digests["T9"].alerts == (falling,)
    assert (digests["D1"].alerts, digests["D1"].escalations) == ((), (old,))
    assert {d.day for d in digests.values()} == {day(5)}


def test_action_rate_overall_and_per_reason() -> None:
    alerts = [
        opened(FALLING),
        opened(Signal("bek", "marks_falling", "Tarix", {}, 1.0)),
        opened(Signal("bek", "absence_streak", None, {}, 1.0)),
        opened(Signal("gul", "absence_streak", None, {}, 1.0)),
        opened(Signal("nur", "absence_streak", None, {}, 1.0), on=day(20)),  # too young to judge
    ]
    interventions = [
        InterventionEvent("ali", day(14)),  # the last day of the window
        InterventionEvent("bek", day(15)),  # a day too late
        InterventionEvent("gul", day(-1)),  # before the alert
        InterventionEvent("nur", day(21)),
    ]
    report = action_rate(alerts, interventions, today=day(25))
    assert (report.overall.alerts, report.overall.actioned, report.overall.rate) == (4, 1, 0.25)
    assert {r: (a.alerts, a.actioned) for r, a in report.by_reason.items()} == {
        "absence_streak": (2, 0),
        "marks_falling": (2, 1),
    }
    assert action_rate([], [], day(25)).overall.rate is None


def test_tiers_give_high_to_the_top_k_of_each_group_and_medium_to_the_rest() -> None:
    probabilities = {"a": 0.9, "b": 0.8, "c": 0.8, "d": 0.65, "e": 0.4, "f": 0.1, "x": 0.95}
    group_of = dict.fromkeys("abcdef", "5-A") | {"x": "5-B"}
    tiers = assign_tiers(probabilities, group_of, capacity={"5-A": 2})
    assert tiers == {
        "a": "high",
        "b": "high",
        "c": "medium",
        "d": "medium",
        "e": "medium",
        "f": "low",
        "x": "high",
    }
    assert assign_tiers(probabilities, group_of, capacity=0)["a"] == "medium"


def test_per_school_thresholds_override_the_default() -> None:
    probabilities = {"a": 0.5, "b": 0.5, "c": 0.25}
    school_of = {"a": "S1", "b": "S2", "c": "S2"}
    strict = {"S2": TierThresholds(medium=0.2, high=0.45)}
    tiers = assign_tiers(probabilities, school_of, capacity=10, school_thresholds=strict)
    assert tiers == {"a": "medium", "b": "high", "c": "medium"}
    by_class = assign_tiers(
        probabilities, {"a": "5-A", "b": "5-A", "c": "6-B"}, 10, school_thresholds=strict, school_of=school_of
    )
    assert by_class == tiers


def test_tier_inputs_are_checked() -> None:
    with pytest.raises(ValueError, match="no group"):
        assign_tiers({"a": 0.9}, {})
    with pytest.raises(ValueError, match="medium ≤ high"):
        TierThresholds(medium=0.7, high=0.6)
    with pytest.raises(ValueError, match="unknown tier"):
        RiskFlag("a", "urgent", 0.9)


@settings(max_examples=150, deadline=None)
@given(
    probabilities=st.dictionaries(st.text("abcdefgh", min_size=1, max_size=3), st.floats(0, 1), max_size=40),
    groups=st.integers(1, 4),
    k=st.integers(0, 5),
)
def test_high_never_exceeds_capacity_and_goes_to_the_most_likely(
    probabilities: dict[str, float], groups: int, k: int
) -> None:
    group_of = {pupil: f"G{ord(pupil[-1]) % groups}" for pupil in probabilities}
    tiers = assign_tiers(probabilities, group_of, capacity=k)
    for group in set(group_of.values()):
        members = sorted(
            (p for p in probabilities if group_of[p] == group), key=lambda p: (-probabilities[p], p)
        )
        high = [p for p in members if tiers[p] == "high"]
        assert len(high) <= k
        assert high == [p for p in members if probabilities[p] >= 0.6][:k]
    for pupil, probability in probabilities.items():
        expected = {"low"} if probability < 0.3 else {"high", "medium"} if probability >= 0.6 else {"medium"}
        assert tiers[pupil] in expected
