from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.fairness import (
    GroupRates,
    fairness_findings,
    fairness_ratios_within,
    fairness_table,
    group_error_rates,
)


def _group(name: str, missed: int, caught: int, false_alarms: int, passed: int) -> tuple[list[Any], ...]:
    """Rows of one group from its four outcome counts."""
    y = [1] * (missed + caught) + [0] * (false_alarms + passed)
    flagged = [0] * missed + [1] * caught + [1] * false_alarms + [0] * passed
    return y, flagged, [name] * len(y)


Rows = tuple[np.ndarray, np.ndarray, np.ndarray]


def _rows(*groups: tuple[list[Any], ...]) -> Rows:
    y, flagged, names = (np.concatenate([group[i] for group in groups]) for i in range(3))
    return y, flagged, names


def _by_group(rates: list[GroupRates]) -> dict[str, GroupRates]:
    return {rate.group: rate for rate in rates}


@pytest.fixture
def doubled_fnr() -> Rows:
    """A is the largest group (FNR 0.1, FPR 0.1); B misses twice as many (FNR 0.2, FPR 0.1); C is tiny."""
    return _rows(
        _group("A", missed=10, caught=90, false_alarms=10, passed=90),
        _group("B", missed=12, caught=48, false_alarms=6, passed=54),
        _group("C", missed=2, caught=3, false_alarms=1, passed=9),
    )


def test_a_doubled_false_negative_rate_gives_ratio_two_and_fails_the_gate(doubled_fnr: Rows) -> None:
    rates = _by_group(group_error_rates(*doubled_fnr, attribute="sex"))
    assert (rates["A"].fnr, rates["A"].fnr_ratio, rates["A"].fpr_ratio) == (0.1, 1.0, 1.0)
    assert rates["B"].fnr == pytest.approx(0.2)
    assert rates["B"].fnr_ratio == pytest.approx(2.0)
    assert rates["B"].fpr_ratio == pytest.approx(1.0)
    assert fairness_ratios_within(list(rates.values())) == ["sex=B: FNR ratio 2.00 outside 0.8–1.25"]


def test_a_small_group_is_reported_but_not_assessed(doubled_fnr: Rows) -> None:
    small = _by_group(group_error_rates(*doubled_fnr, attribute="sex"))["C"]
    assert (small.rows, small.positives, small.negatives) == (15, 5, 10)
    assert small.fnr == pytest.approx(0.4)
    assert small.fnr_ci is not None
    assert not small.assessed
    assert small.fnr_ratio is None
    assert small.fpr_ratio_ci is None


def test_an_unassessed_group_never_fails_the_gate() -> None:
    y, flagged, groups = _rows(
        _group("A", missed=10, caught=90, false_alarms=10, passed=90),
        _group("B", missed=5, caught=0, false_alarms=5, passed=0),
    )
    rates = group_error_rates(y, flagged, groups, attribute="region")
    assert fairness_ratios_within(rates) == []


def test_intervals_contain_the_estimate_and_repeat_with_the_seed(doubled_fnr: Rows) -> None:
    first = group_error_rates(*doubled_fnr, attribute="sex", seed=3)
    assert group_error_rates(*doubled_fnr, attribute="sex", seed=3) == first
    assert group_error_rates(*doubled_fnr, attribute="sex", seed=4) != first
    for rate in first:
        pairs = [(rate.fnr, rate.fnr_ci), (rate.fpr, rate.fpr_ci)]
        if rate.assessed:
            pairs += [(rate.fnr_ratio, rate.fnr_ratio_ci), (rate.fpr_ratio, rate.fpr_ratio_ci)]
        for estimate, interval in pairs:
            assert estimate is not None
            assert interval is not None
            assert interval[0] <= estimate <= interval[1]


def test_the_reference_group_has_a_degenerate_ratio_interval(doubled_fnr: Rows) -> None:
    reference = _by_group(group_error_rates(*doubled_fnr, attribute="sex"))["A"]
    assert reference.fnr_ratio_ci == (1.0, 1.0)
    assert reference.fpr_ratio_ci == (1.0, 1.0)


def test_intervals_narrow_with_more_rows(doubled_fnr: Rows) -> None:
    def width(interval: tuple[float, float] | None) -> float:
        assert interval is not None
        return interval[1] - interval[0]

    small = _by_group(group_error_rates(*doubled_fnr, attribute="sex"))["B"]
    large = _by_group(group_error_rates(*(np.tile(a, 10) for a in doubled_fnr), attribute="sex"))["B"]
    assert large.fnr == pytest.approx(small.fnr)
    assert width(large.fnr_ci) < width(small.fnr_ci) / 2
    assert width(large.fnr_ratio_ci) < width(small.fnr_ratio_ci) / 2


def test_zero_denominators_give_one_when_both_rates_are_zero_and_infinity_otherwise() -> None:
    y, flagged, groups = _rows(
        _group("A", missed=0, caught=50, false_alarms=0, passed=50),
        _group("B", missed=0, caught=40, false_alarms=4, passed=36),
    )
    b = _by_group(group_error_rates(y, flagged, groups, attribute="language"))["B"]
    assert b.fnr_ratio == 1.0
    assert b.fpr_ratio == math.inf
    assert fairness_ratios_within([b]) == ["language=B: FPR ratio inf outside 0.8–1.25"]


def test_the_table_is_strict_json() -> None:
    y, flagged, groups = _rows(
        _group("A", missed=0, caught=50, false_alarms=0, passed=50),
        _group("B", missed=5, caught=35, false_alarms=4, passed=36),
        _group("C", missed=1, caught=1, false_alarms=1, passed=1),
    )
    table = fairness_table(group_error_rates(y, flagged, groups, attribute="locality"))
    rows = {row["group"]: row for row in json.loads(json.dumps(table, allow_nan=False))}
    assert rows["B"]["fnr_ratio"] == "inf"
    assert rows["C"]["fnr_ratio"] is None
    assert rows["A"]["fnr_ci"] == [0.0, 0.0]
    assert rows["A"]["attribute"] == "locality"


def test_the_bounds_of_the_band_are_configurable(doubled_fnr: Rows) -> None:
    rates = group_error_rates(*doubled_fnr, attribute="sex")
    assert fairness_ratios_within(rates, low=0.5, high=2.0) == []


def test_inputs_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="same length"):
        group_error_rates([0, 1], [0, 1], ["A"], attribute="sex")


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.booleans(), st.sampled_from("ABCD")), min_size=1, max_size=300),
    st.integers(0, 2**16),
)
def test_the_largest_assessed_group_always_has_ratio_one(
    rows: list[tuple[bool, bool, str]], seed: int
) -> None:
    y, flagged, groups = zip(*rows, strict=True)
    rates = group_error_rates(
        y, flagged, groups, attribute="region", min_positives=2, min_negatives=2, seed=seed
    )
    assessed = [rate for rate in rates if rate.assessed]
    assert sum(rate.rows for rate in rates) == len(rows)
    if assessed:
        largest = max(assessed, key=lambda rate: rate.rows)
        assert (largest.fnr_ratio, largest.fpr_ratio) == (1.0, 1.0)
    for rate in rates:
        for interval in (rate.fnr_ci, rate.fpr_ci):
            assert interval is None or 0.0 <= interval[0] <= interval[1] <= 1.0


def _rate(ratio: float, interval: tuple[float, float] | None, assessed: bool = True) -> GroupRates:
    return GroupRates(
        attribute="region",
        group="Xorazm",
        rows=1000,
        positives=200,
        negatives=800,
        fnr=0.5,
        fpr=0.05,
        fnr_ci=(0.45, 0.55),
        fpr_ci=(0.04, 0.06),
        fnr_ratio=1.0,
        fpr_ratio=ratio,
        fnr_ratio_ci=(0.95, 1.05),
        fpr_ratio_ci=interval,
        assessed=assessed,
    )


@pytest.mark.parametrize(
    ("ratio", "interval", "violations", "warnings"),
    [
        (1.0, (0.9, 1.1), 0, 0),  # inside the band
        (0.7, (0.55, 0.85), 0, 1),  # outside, but the interval reaches the band: a warning
        (0.6, (0.5, 0.75), 1, 0),  # the whole interval is outside: a violation
        (1.6, (1.3, 1.9), 1, 0),
        (1.6, None, 1, 0),  # no interval: the point decides
    ],
)
def test_findings_fail_only_disparities_that_noise_does_not_explain(
    ratio: float, interval: tuple[float, float] | None, violations: int, warnings: int
) -> None:
    findings = fairness_findings([_rate(ratio, interval)])
    assert (len(findings.violations), len(findings.warnings)) == (violations, warnings)
    for line in findings.violations + findings.warnings:
        assert line.startswith("region=Xorazm: FPR ratio")


def test_findings_ignore_groups_that_are_not_assessed() -> None:
    findings = fairness_findings([_rate(0.3, (0.1, 0.5), assessed=False)])
    assert findings.violations == findings.warnings == []


def _schools(spec: list[tuple[str, str, float]], rows_per_school: int = 400) -> tuple[np.ndarray, ...]:
    """Rows of (group, school) where each school misses its positives at its own rate."""
    rng = np.random.default_rng(0)
    y, flags, groups, schools = [], [], [], []
    for group, school, miss_rate in spec:
        labels = rng.uniform(size=rows_per_school) < 0.3
        flagged = np.where(
            labels, rng.uniform(size=rows_per_school) > miss_rate, rng.uniform(size=rows_per_school) < 0.1
        )
        y.append(labels)
        flags.append(flagged)
        groups += [group] * rows_per_school
        schools += [school] * rows_per_school
    return np.concatenate(y), np.concatenate(flags), np.array(groups), np.array(schools)


def test_a_group_seen_in_too_few_schools_is_reported_but_not_assessed() -> None:
    y, flags, groups, schools = _schools(
        [("Andijon", "s1", 0.3), ("Xorazm", "s2", 0.6), *(("Toshkent", f"t{i}", 0.3) for i in range(4))]
    )
    rates = group_error_rates(y, flags, groups, attribute="region", clusters=schools, min_clusters=3)
    by_group = {rate.group: rate for rate in rates}
    assert by_group["Xorazm"].clusters == 1
    assert not by_group["Xorazm"].assessed
    assert by_group["Xorazm"].fnr is not None
    assert by_group["Toshkent"].assessed
    assert by_group["Toshkent"].clusters == 4


def test_resampling_schools_widens_intervals_when_schools_differ() -> None:
    spec = [("A", f"a{i}", 0.2 + 0.15 * (i % 4)) for i in range(8)] + [("B", f"b{i}", 0.4) for i in range(8)]
    y, flags, groups, schools = _schools(spec, rows_per_school=150)
    by_rows = {r.group: r for r in group_error_rates(y, flags, groups, attribute="x", n_boot=400)}
    by_schools = {
        r.group: r
        for r in group_error_rates(
            y, flags, groups, attribute="x", n_boot=400, clusters=schools, min_clusters=3
        )
    }
    low_rows, high_rows = by_rows["A"].fnr_ci
    low_schools, high_schools = by_schools["A"].fnr_ci
    assert high_schools - low_schools > high_rows - low_rows
    assert by_schools["A"].fnr == by_rows["A"].fnr
