from __future__ import annotations

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.intervention_aware import intervention_aware_counts, intervention_aware_labels
from model.intervention_effect import (
    OUTCOMES,
    EffectReport,
    PupilOutcome,
    effectiveness,
    match_on_risk,
)


def _pupil(
    pupil_id: str,
    risk: float,
    mark_change: float = 0.0,
    attendance_change: float = 0.0,
    risk_change: float = 0.0,
) -> PupilOutcome:
    """A pupil with mid-range marks and attendance before, moved by the given changes after."""
    return PupilOutcome(
        pupil_id=pupil_id,
        risk_before=risk,
        mark_mean_before=3.0,
        mark_mean_after=3.0 + mark_change,
        attendance_before=0.8,
        attendance_after=0.8 + attendance_change,
        risk_after=risk + risk_change,
    )


def _helped_and_controls(effect: float, pupils: int = 40) -> tuple[list[PupilOutcome], list[PupilOutcome]]:
    """Each helped pupil has a control 0.002 above it in risk; both drift alike; help adds `effect` to marks.

    Twenty low-risk pupils who got worse are there to be left out by the matching.
    """
    rng = np.random.default_rng(20241001)
    drift = rng.normal(0.1, 0.3, pupils)
    noise = rng.normal(0.0, 0.1, pupils)
    helped, controls = [], []
    for i in range(pupils):
        risk = 0.30 + 0.01 * i
        helped.append(_pupil(f"h{i:02d}", risk, mark_change=drift[i] + effect + noise[i], risk_change=-0.1))
        controls.append(_pupil(f"c{i:02d}", risk + 0.002, mark_change=drift[i], risk_change=-0.02))
    far_controls = [_pupil(f"f{i}", 0.02 + 0.001 * i, mark_change=-1.0) for i in range(20)]
    return helped, controls + far_controls


def test_help_that_adds_half_a_mark_is_reported_as_half_a_mark_with_an_interval_around_it() -> None:
    helped, controls = _helped_and_controls(effect=0.5)
    report = effectiveness(helped, controls)
    marks = report.effect("marks")
    assert marks.difference == pytest.approx(0.5, abs=0.05)
    assert marks.ci_low is not None
    assert marks.ci_high is not None
    assert marks.ci_low < 0.5 < marks.ci_high
    assert marks.ci_high - marks.ci_low < 0.2
    assert marks.difference == pytest.approx(marks.helped_change - marks.control_change)
    assert (marks.pairs, report.matched, report.helped, report.controls) == (40, 40, 40, 60)
    assert report.unmatched_helped == ()
    assert report.interval_method == "paired t"
    assert {pair.helped_id[1:] for pair in report.pairs} == {pair.control_id[1:] for pair in report.pairs}
    assert report.effect("risk").difference == pytest.approx(-0.08)
    assert report.effect("attendance").difference == pytest.approx(0.0)


def test_no_effect_when_helped_pupils_and_their_controls_move_the_same() -> None:
    helped = [_pupil(f"h{i}", 0.4 + 0.05 * i, mark_change=0.3, attendance_change=0.05) for i in range(5)]
    controls = [_pupil(f"c{i}", 0.41 + 0.05 * i, mark_change=0.3, attendance_change=0.05) for i in range(5)]
    report = effectiveness(helped, controls)
    for outcome in OUTCOMES:
        effect = report.effect(outcome)
        assert effect.difference == pytest.approx(0.0, abs=1e-12)
        assert effect.ci_low == pytest.approx(0.0, abs=1e-12)
        assert effect.ci_high == pytest.approx(0.0, abs=1e-12)
    assert report.effect("marks").helped_change == pytest.approx(0.3)
    assert report.effect("marks").control_change == pytest.approx(0.3)


def test_no_effect_is_found_in_noise_the_interval_covers_zero() -> None:
    helped, controls = _helped_and_controls(effect=0.0)
    marks = effectiveness(helped, controls).effect("marks")
    assert marks.ci_low is not None
    assert marks.ci_high is not None
    assert marks.ci_low < 0.0 < marks.ci_high


def test_each_helped_pupil_gets_the_nearest_control_and_the_highest_risk_chooses_first() -> None:
    helped = [_pupil("low", 0.40), _pupil("high", 0.44)]
    controls = [_pupil("a", 0.30), _pupil("b", 0.43), _pupil("c", 0.45), _pupil("d", 0.39)]
    pairs, unmatched = match_on_risk(helped, controls)
    assert [(p.helped_id, p.control_id) for p in pairs] == [("high", "b"), ("low", "d")]
    assert pairs[0].risk_gap == pytest.approx(0.01)
    assert unmatched == ()


def test_matching_never_reuses_a_control_and_reports_who_is_left_over() -> None:
    helped = [_pupil(f"h{i}", 0.5) for i in range(4)]
    controls = [_pupil("c1", 0.5), _pupil("c2", 0.52), _pupil("far", 0.9)]
    report = effectiveness(helped, controls)
    assert [p.control_id for p in report.pairs] == ["c1", "c2"]
    assert report.unmatched_helped == ("h2", "h3")
    assert report.effect("marks").pairs == 2


def test_the_caliper_leaves_a_far_pupil_unmatched_and_reports_it() -> None:
    helped = [_pupil("near", 0.30), _pupil("far", 0.95)]
    controls = [_pupil("c1", 0.31), _pupil("c2", 0.50)]
    report = effectiveness(helped, controls, caliper=0.05)
    assert report.unmatched_helped == ("far",)
    [pair] = report.pairs
    assert (pair.helped_id, pair.control_id) == ("near", "c1")
    assert pair.risk_gap == pytest.approx(0.01)
    assert (report.helped, report.matched) == (2, 1)
    widened = effectiveness(helped, controls, caliper=0.5)
    assert widened.unmatched_helped == ()


def test_with_nobody_matched_there_is_no_effect_to_report() -> None:
    report = effectiveness([_pupil("h", 0.9)], [_pupil("c", 0.1)])
    assert report.effects == ()
    assert report.unmatched_helped == ("h",)
    with pytest.raises(LookupError, match="no helped pupil was matched"):
        report.effect("marks")
    with pytest.raises(ValueError, match="unknown outcome 'grades'"):
        report.effect("grades")


def test_the_interval_is_the_paired_t_interval_and_needs_two_pairs() -> None:
    helped = [_pupil(f"h{i}", 0.1 * i, mark_change=float(i)) for i in (1, 2, 3)]
    controls = [_pupil(f"c{i}", 0.1 * i) for i in (1, 2, 3)]
    marks = effectiveness(helped, controls).effect("marks")
    half = 4.302652729911275 / math.sqrt(3)  # t(0.975, 2 df) · sd 1 / √3
    assert marks.ci_low == pytest.approx(2 - half)
    assert marks.ci_high == pytest.approx(2 + half)
    single = effectiveness(helped[:1], controls[:1]).effect("marks")
    assert single.difference == pytest.approx(1.0)
    assert (single.ci_low, single.ci_high) == (None, None)


def test_the_report_does_not_depend_on_the_order_pupils_come_in() -> None:
    helped, controls = _helped_and_controls(effect=0.5)
    first: EffectReport = effectiveness(helped, controls)
    rng = random.Random(3)
    rng.shuffle(helped)
    rng.shuffle(controls)
    assert effectiveness(helped, controls) == first


@pytest.mark.parametrize(
    ("helped", "controls", "message"),
    [
        ([], [_pupil("c", 0.2)], "no helped pupils"),
        ([_pupil("h", 0.2), _pupil("h", 0.3)], [], "more than once among the helped"),
        ([_pupil("h", 0.2)], [_pupil("c", 0.2), _pupil("c", 0.3)], "more than once among the not_helped"),
        ([_pupil("x", 0.2)], [_pupil("x", 0.2)], "both helped and a control: x"),
    ],
)
def test_groups_that_cannot_be_compared_are_refused(
    helped: list[PupilOutcome], controls: list[PupilOutcome], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        effectiveness(helped, controls)


def test_impossible_outcomes_and_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="must be finite"):
        _pupil("p", 0.2, mark_change=math.nan)
    with pytest.raises(ValueError, match="must lie in"):
        _pupil("p", 0.2, attendance_change=0.5)
    with pytest.raises(ValueError, match="caliper"):
        effectiveness([_pupil("h", 0.2)], [], caliper=-0.1)
    with pytest.raises(ValueError, match="confidence"):
        effectiveness([_pupil("h", 0.2)], [], confidence=1.0)


RISKS = st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=25)


@settings(max_examples=200, deadline=None)
@given(RISKS.filter(bool), RISKS, st.floats(min_value=0.0, max_value=0.3))
def test_matching_pairs_within_the_caliper_uses_each_control_once_and_drops_nobody(
    helped_risks: list[float], control_risks: list[float], caliper: float
) -> None:
    helped = [_pupil(f"h{i}", r) for i, r in enumerate(helped_risks)]
    controls = [_pupil(f"c{i}", r) for i, r in enumerate(control_risks)]
    pairs, unmatched = match_on_risk(helped, controls, caliper=caliper)
    control_ids = [pair.control_id for pair in pairs]
    assert len(control_ids) == len(set(control_ids))
    assert sorted([p.helped_id for p in pairs] + list(unmatched)) == sorted(p.pupil_id for p in helped)
    assert all(pair.risk_gap <= caliper for pair in pairs)
    # Greedy matching leaves a pupil unmatched only when all controls within its caliper went to others.
    risk_of = {pupil.pupil_id: pupil.risk_before for pupil in (*helped, *controls)}
    for pupil_id in unmatched:
        near = {c.pupil_id for c in controls if abs(c.risk_before - risk_of[pupil_id]) <= caliper}
        assert near <= set(control_ids)


# flagged, failed, helped and improved — one row per pupil.
TABLE = {
    "p1": (True, True, False),  # caught
    "p2": (True, True, True),  # caught; help did not avert the failure
    "p3": (True, False, True),  # averted
    "p4": (True, False, True),  # averted
    "p5": (True, False, False),  # false alarm
    "p6": (False, True, False),  # missed
    "p7": (False, False, False),  # rightly left alone
    "p8": (False, False, True),  # helped on a teacher's own judgement
}


def _table() -> tuple[dict[str, bool], dict[str, bool], set[str]]:
    flagged = {pupil: row[0] for pupil, row in TABLE.items()}
    failed = {pupil: row[1] for pupil, row in TABLE.items()}
    return flagged, failed, {pupil for pupil, row in TABLE.items() if row[2]}


def test_alerts_that_worked_are_averted_not_false_alarms_on_a_hand_made_table() -> None:
    labels = intervention_aware_labels(*_table())
    assert labels == {
        "p1": "true_positive",
        "p2": "true_positive",
        "p3": "averted",
        "p4": "averted",
        "p5": "false_alarm",
        "p6": "missed",
        "p7": "true_negative",
        "p8": "true_negative",
    }
    counts = intervention_aware_counts(*_table())
    assert (counts.true_positive, counts.averted, counts.false_alarm) == (2, 2, 1)
    assert (counts.missed, counts.true_negative, counts.helped_not_flagged, counts.flagged) == (1, 2, 1, 5)
    assert counts.precision_naive == pytest.approx(2 / 5)
    assert counts.precision_intervention_aware == pytest.approx(2 / 3)
    assert counts.precision_upper_bound == pytest.approx(4 / 5)
    assert counts.recall == pytest.approx(2 / 3)


def test_without_alerts_or_failures_the_rates_are_undefined_not_zero() -> None:
    counts = intervention_aware_counts({"p": False}, {"p": False}, set())
    assert (counts.precision_naive, counts.precision_intervention_aware, counts.recall) == (None, None, None)
    only_averted = intervention_aware_counts({"p": True}, {"p": False}, {"p"})
    assert only_averted.precision_naive == 0.0
    assert only_averted.precision_intervention_aware is None


def test_tables_that_do_not_line_up_are_refused() -> None:
    with pytest.raises(ValueError, match="cover the same pupils"):
        intervention_aware_counts({"p": True}, {"q": True}, set())
    with pytest.raises(ValueError, match="helped pupils missing"):
        intervention_aware_counts({"p": True}, {"p": True}, {"z"})
