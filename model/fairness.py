"""Error rates per group of a sensitive attribute, with bootstrap intervals, for the fairness gate.

The gate compares each group's false-negative rate (a pupil at risk who was missed) and false-positive rate
(a pupil flagged for nothing) with those of the largest group. A group with too few positives or negatives is
still reported, but its rates are too noisy to judge, so it gets no ratio and never fails the gate.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

Interval = tuple[float, float]
FloatArray = NDArray[np.float64]
CI_QUANTILES = (0.025, 0.975)


@dataclass(frozen=True)
class GroupRates:
    """One group's error rates and their ratios to the reference (largest assessed) group.

    Rates are None when the group has no positives (FNR) or no negatives (FPR). A ratio whose denominator is
    zero is 1.0 when both rates are zero and math.inf otherwise.
    """

    attribute: str
    group: str
    rows: int
    positives: int
    negatives: int
    fnr: float | None
    fpr: float | None
    fnr_ci: Interval | None
    fpr_ci: Interval | None
    fnr_ratio: float | None
    fpr_ratio: float | None
    fnr_ratio_ci: Interval | None
    fpr_ratio_ci: Interval | None
    assessed: bool
    clusters: int | None = None  # schools (or other clusters) the group's rows come from, when known


def _rate(errors: NDArray[Any], total: NDArray[Any]) -> FloatArray:
    """errors / total, NaN where total is zero (a rate of nothing)."""
    errors_f = np.asarray(errors, dtype=np.float64)
    total_f = np.asarray(total, dtype=np.float64)
    out = np.full(np.broadcast(errors_f, total_f).shape, np.nan)
    np.divide(errors_f, total_f, out=out, where=total_f > 0)
    return out


def _ratio(numerator: FloatArray, denominator: FloatArray) -> FloatArray:
    """numerator / denominator with 0/0 = 1 (both groups equally perfect) and x/0 = inf; NaN stays NaN."""
    num, den = np.broadcast_arrays(numerator, denominator)
    out = np.full(num.shape, np.inf)
    np.divide(num, den, out=out, where=den != 0)
    out[(num == 0) & (den == 0)] = 1.0
    out[np.isnan(num) | np.isnan(den)] = np.nan
    return out


def _interval(samples: FloatArray) -> Interval | None:
    """Percentile 95% interval of bootstrap replicates, ignoring replicates where the statistic is undefined.

    An order statistic rather than interpolation, so that infinite ratios do not turn into NaN.
    """
    finite_or_inf = samples[~np.isnan(samples)]
    if finite_or_inf.size == 0:
        return None
    low, high = np.quantile(finite_or_inf, CI_QUANTILES, method="inverted_cdf")
    return float(low), float(high)


def _optional(value: np.floating[Any]) -> float | None:
    return None if np.isnan(value) else float(value)


def _cell_counts(
    labels: NDArray[np.bool_], flags: NDArray[np.bool_], group_index: NDArray[np.intp], n_groups: int
) -> NDArray[np.int64]:
    """Counts per group of (missed positive, caught positive, false alarm, correct pass): (groups, 4)."""
    cell = np.where(labels, np.where(flags, 1, 0), np.where(flags, 2, 3))
    counts = np.bincount(group_index * 4 + cell, minlength=n_groups * 4)
    return counts.reshape(n_groups, 4).astype(np.int64)


def _validated(
    y_true: ArrayLike, flagged: ArrayLike, groups: ArrayLike
) -> tuple[NDArray[np.bool_], NDArray[np.bool_], NDArray[np.str_]]:
    labels = np.asarray(y_true).ravel()
    flags = np.asarray(flagged).ravel()
    names = np.asarray(groups).ravel().astype(str)
    if labels.size == 0:
        raise ValueError("cannot measure error rates on an empty set of rows")
    if not labels.size == flags.size == names.size:
        raise ValueError("y_true, flagged and groups must have the same length")
    if not (np.isin(labels, (0, 1)).all() and np.isin(flags, (0, 1)).all()):
        raise ValueError("y_true and flagged must hold only 0 and 1 (or booleans)")
    return labels.astype(bool), flags.astype(bool), names


def _bootstrap_rates(counts: NDArray[np.int64], n_boot: int, seed: int) -> tuple[FloatArray, FloatArray]:
    """FNR and FPR replicates, shape (n_boot, groups).

    Resampling a group's rows with replacement draws its four outcome counts from a multinomial with the
    group's observed shares, so the counts are drawn directly: the same distribution as resampling rows, for
    every group and replicate at once.
    """
    rows = counts.sum(axis=1)
    rng = np.random.default_rng(seed)
    boot = rng.multinomial(rows, counts / rows[:, None], size=(n_boot, counts.shape[0]))
    return _rate(boot[..., 0], boot[..., 0] + boot[..., 1]), _rate(boot[..., 2], boot[..., 2] + boot[..., 3])


def _bootstrap_cluster_rates(
    labels: NDArray[np.bool_],
    flags: NDArray[np.bool_],
    group_index: NDArray[np.intp],
    n_groups: int,
    clusters: NDArray[np.str_],
    n_boot: int,
    seed: int,
) -> tuple[FloatArray, FloatArray, NDArray[np.int64]]:
    """FNR and FPR replicates resampling whole clusters (schools) within each group, and cluster counts.

    Pupils of one school share teachers and a timetable, so their errors move together; resampling rows
    would pretend a region of two schools holds thousands of independent pupils.
    """
    cluster_names, cluster_index = np.unique(clusters, return_inverse=True)
    key = group_index * cluster_names.size + cluster_index.ravel()
    keys, key_index = np.unique(key, return_inverse=True)
    per_cluster = _cell_counts(labels, flags, key_index.ravel(), keys.size)
    owner = keys // cluster_names.size
    rng = np.random.default_rng(seed)
    boot = np.zeros((n_boot, n_groups, 4), dtype=np.int64)
    sizes = np.zeros(n_groups, dtype=np.int64)
    for g in range(n_groups):
        members = per_cluster[owner == g]
        sizes[g] = members.shape[0]
        if sizes[g]:
            draws = rng.multinomial(sizes[g], np.full(sizes[g], 1.0 / sizes[g]), size=n_boot)
            boot[:, g, :] = draws @ members
    fnr = _rate(boot[..., 0], boot[..., 0] + boot[..., 1])
    fpr = _rate(boot[..., 2], boot[..., 2] + boot[..., 3])
    return fnr, fpr, sizes


def group_error_rates(
    y_true: ArrayLike,
    flagged: ArrayLike,
    groups: ArrayLike,
    *,
    attribute: str,
    min_positives: int = 30,
    min_negatives: int = 30,
    n_boot: int = 200,
    seed: int = 0,
    clusters: ArrayLike | None = None,
    min_clusters: int = 1,
) -> list[GroupRates]:
    """FNR and FPR for each group of one attribute, with percentile bootstrap intervals, sorted by group.

    Rows are resampled within each group (the same seed gives the same intervals); with `clusters` (a
    school per row) whole schools are resampled instead, and a group drawn from fewer than `min_clusters`
    schools is reported but not assessed: one school's quirks are not a region's. A ratio's interval
    divides the group's replicates by the reference group's, drawn independently.
    """
    labels, flags, names = _validated(y_true, flagged, groups)
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")

    group_names, group_index = np.unique(names, return_inverse=True)
    counts = _cell_counts(labels, flags, group_index.ravel(), group_names.size)
    rows = counts.sum(axis=1)
    positives = counts[:, 0] + counts[:, 1]
    negatives = counts[:, 2] + counts[:, 3]
    fnr = _rate(counts[:, 0], positives)
    fpr = _rate(counts[:, 2], negatives)

    # A rate of nothing cannot be judged, so even min_positives=0 needs one positive and one negative.
    assessed = (positives >= max(min_positives, 1)) & (negatives >= max(min_negatives, 1))
    cluster_sizes: NDArray[np.int64] | None = None
    if clusters is None:
        fnr_boot, fpr_boot = _bootstrap_rates(counts, n_boot, seed)
    else:
        schools = np.asarray(clusters).ravel().astype(str)
        if schools.size != labels.size:
            raise ValueError("clusters must have one entry per row")
        fnr_boot, fpr_boot, cluster_sizes = _bootstrap_cluster_rates(
            labels, flags, group_index.ravel(), group_names.size, schools, n_boot, seed
        )
        assessed &= cluster_sizes >= min_clusters
    # The largest assessed group; when none is assessed the choice is arbitrary and no ratio is reported.
    reference = int(np.argmax(np.where(assessed, rows, -1)))
    fnr_ratio, fpr_ratio = _ratio(fnr, fnr[reference]), _ratio(fpr, fpr[reference])
    fnr_ratio_boot = _ratio(fnr_boot, fnr_boot[:, [reference]])
    fpr_ratio_boot = _ratio(fpr_boot, fpr_boot[:, [reference]])
    result = []
    for g, name in enumerate(group_names):
        judged = bool(assessed[g])
        result.append(
            GroupRates(
                attribute=attribute,
                group=str(name),
                rows=int(rows[g]),
                positives=int(positives[g]),
                negatives=int(negatives[g]),
                fnr=_optional(fnr[g]),
                fpr=_optional(fpr[g]),
                fnr_ci=_interval(fnr_boot[:, g]) if positives[g] else None,
                fpr_ci=_interval(fpr_boot[:, g]) if negatives[g] else None,
                fnr_ratio=float(fnr_ratio[g]) if judged else None,
                fpr_ratio=float(fpr_ratio[g]) if judged else None,
                fnr_ratio_ci=_interval(fnr_ratio_boot[:, g]) if judged else None,
                fpr_ratio_ci=_interval(fpr_ratio_boot[:, g]) if judged else None,
                assessed=judged,
                clusters=None if cluster_sizes is None else int(cluster_sizes[g]),
            )
        )
    return result


def _format_ratio(value: float) -> str:
    return "inf" if math.isinf(value) else f"{value:.2f}"


def fairness_ratios_within(rates: list[GroupRates], low: float = 0.8, high: float = 1.25) -> list[str]:
    """The gate's findings, one line per ratio of an assessed group outside [low, high]; empty means pass.

    The point estimate is judged, not the interval: the interval is there for the reviewer to weigh.
    """
    problems = []
    for rate in rates:
        if not rate.assessed:
            continue
        for label, ratio in (("FNR", rate.fnr_ratio), ("FPR", rate.fpr_ratio)):
            if ratio is not None and not low <= ratio <= high:
                where = f"{rate.attribute}={rate.group}"
                problems.append(f"{where}: {label} ratio {_format_ratio(ratio)} outside {low:g}–{high:g}")
    return problems


@dataclass(frozen=True)
class FairnessFindings:
    """Ratios outside the band: violations fail the gate, warnings go to the reviewer and the model card."""

    violations: list[str]
    warnings: list[str]


def fairness_findings(rates: list[GroupRates], low: float = 0.8, high: float = 1.25) -> FairnessFindings:
    """Split out-of-band ratios by how sure we are.

    A violation is a ratio whose whole bootstrap interval lies outside [low, high] (or whose point lies
    outside when there is no interval): the disparity is not explained by sampling noise. A point outside
    the band whose interval still reaches into it is a warning. Error rates at a top-10% flag are small
    (false alarms of 2-4%), where one percentage point moves a ratio by a third; judging the point alone
    would fail models on chance in any district of a few schools per region.
    """
    violations: list[str] = []
    warnings: list[str] = []
    for rate in rates:
        if not rate.assessed:
            continue
        pairs = (("FNR", rate.fnr_ratio, rate.fnr_ratio_ci), ("FPR", rate.fpr_ratio, rate.fpr_ratio_ci))
        for label, ratio, interval in pairs:
            if ratio is None or low <= ratio <= high:
                continue
            where = f"{rate.attribute}={rate.group}"
            line = f"{where}: {label} ratio {_format_ratio(ratio)} outside {low:g}–{high:g}"
            if interval is None or interval[1] < low or interval[0] > high:
                violations.append(
                    line + (f" (95% CI {interval[0]:.2f}–{interval[1]:.2f})" if interval else "")
                )
            else:
                warnings.append(
                    line + f", but its 95% CI {interval[0]:.2f}–{interval[1]:.2f} reaches the band"
                )
    return FairnessFindings(violations, warnings)


def _json_value(value: Any) -> Any:
    """Infinity becomes the string "inf": strict JSON has none, and None already means 'no ratio'."""
    if isinstance(value, float) and math.isinf(value):
        return "inf"
    if isinstance(value, tuple):
        return [_json_value(item) for item in value]
    return value


def fairness_table(rates: list[GroupRates]) -> list[dict[str, Any]]:
    """One JSON-ready row per group, for MLflow artifacts and the auditor's report."""
    return [{key: _json_value(value) for key, value in asdict(rate).items()} for rate in rates]
