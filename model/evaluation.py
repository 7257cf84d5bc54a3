"""How good a risk score is, in the terms the promotion gates and the mentors care about.

Ranking (ROC AUC, average precision), calibration (Brier score, ECE) and what a mentor with room for the top
tenth of pupils would catch. Lead time says how many weeks before a failing quarter or chronic absence the
pupil was first flagged: a flag on the day of the event helps nobody.
"""

from __future__ import annotations

import math
from typing import Any, TypedDict

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score

FloatArray = NDArray[np.float64]
DAYS_PER_WEEK = 7


class LeadTime(TypedDict):
    """Weeks of warning before a risk event; the statistics are None when no pupil was flagged in time."""

    pupils_with_event: int
    flagged_before_event: int
    share_flagged_before_event: float | None
    median_weeks: float | None
    mean_weeks: float | None
    p25_weeks: float | None
    p75_weeks: float | None


def _labels_and_scores(y_true: ArrayLike, score: ArrayLike) -> tuple[NDArray[np.int8], FloatArray]:
    """Checks the shared preconditions once, so every metric refuses bad input with the same words."""
    labels = np.asarray(y_true).ravel()
    scores = np.asarray(score, dtype=np.float64).ravel()
    if labels.size == 0:
        raise ValueError("cannot evaluate an empty set of rows")
    if labels.size != scores.size:
        raise ValueError(f"y_true has {labels.size} rows but the score has {scores.size}")
    if not np.isin(labels, (0, 1)).all():
        raise ValueError("y_true must hold only 0 and 1")
    if not np.isfinite(scores).all():
        raise ValueError("scores must be finite (no NaN or infinity)")
    return labels.astype(np.int8), scores


def _check_probabilities(prob: FloatArray) -> None:
    if ((prob < 0.0) | (prob > 1.0)).any():
        raise ValueError("probabilities must lie in [0, 1]")


def expected_calibration_error(y_true: ArrayLike, prob: ArrayLike, bins: int = 10) -> float:
    """Mean gap between predicted probability and observed rate over equal-width bins, weighted by rows.

    A probability of 1.0 falls into the last bin, so the bins cover [0, 1] exactly.
    """
    if bins < 1:
        raise ValueError("bins must be at least 1")
    labels, probs = _labels_and_scores(y_true, prob)
    _check_probabilities(probs)
    index = np.minimum((probs * bins).astype(np.int64), bins - 1)
    counts = np.bincount(index, minlength=bins)
    prob_sums = np.bincount(index, weights=probs, minlength=bins)
    label_sums = np.bincount(index, weights=labels.astype(np.float64), minlength=bins)
    # |mean prob − rate| × (count / n) equals |Σprob − Σlabel| / n, so empty bins need no special case.
    return float(np.abs(prob_sums - label_sums).sum() / counts.sum())


def top_share_precision_recall(
    y_true: ArrayLike, score: ArrayLike, share: float = 0.10
) -> tuple[float, float]:
    """Precision and recall when a mentor can take the highest-scoring ceil(share · n) pupils.

    Ties are broken by row order (the earlier row is flagged first), so the same input always gives the same
    flag set. Recall needs at least one positive row.
    """
    if not 0.0 < share <= 1.0:
        raise ValueError("share must be in (0, 1]")
    labels, scores = _labels_and_scores(y_true, score)
    positives = int(labels.sum())
    if positives == 0:
        raise ValueError("recall is undefined when no row is positive")
    flagged = math.ceil(share * labels.size)
    order = np.argsort(-scores, kind="stable")
    caught = int(labels[order[:flagged]].sum())
    return caught / flagged, caught / positives


def classification_metrics(
    y_true: ArrayLike, score: ArrayLike, *, is_probability: bool = True, top_share: float = 0.10
) -> dict[str, float]:
    """The metrics a model is compared and gated on.

    A rule's score (is_probability=False) only ranks pupils, so brier and ece are left out rather than
    reported as numbers that would mean nothing.
    """
    labels, scores = _labels_and_scores(y_true, score)
    if np.unique(labels).size < 2:
        raise ValueError("both classes must be present: ROC AUC is undefined for a single class")
    precision, recall = top_share_precision_recall(labels, scores, top_share)
    metrics: dict[str, float] = {
        "roc_auc": float(roc_auc_score(labels, scores)),
        "pr_auc": float(average_precision_score(labels, scores)),
    }
    if is_probability:
        _check_probabilities(scores)
        metrics["brier"] = float(brier_score_loss(labels, scores))
        metrics["ece"] = expected_calibration_error(labels, scores)
    metrics.update(
        precision_at_top=precision,
        recall_at_top=recall,
        positive_rate=float(labels.mean()),
        rows=float(labels.size),
    )
    return metrics


def _first_flag_per_pupil(
    pupil_index: NDArray[np.intp], as_of: NDArray[np.int64], flagged: NDArray[np.bool_], event: NDArray[Any]
) -> NDArray[np.int64]:
    """Day number of each pupil's first flag strictly before the event; int64 max where there is none."""
    has_event = ~np.isnat(event)
    in_time = flagged & has_event
    in_time[has_event] &= as_of[has_event] < event[has_event].astype(np.int64)
    first = np.full(int(pupil_index.max()) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, pupil_index[in_time], as_of[in_time])
    return first


def lead_time_weeks(
    pupil_ids: ArrayLike, as_of_dates: ArrayLike, flagged: ArrayLike, event_dates: ArrayLike
) -> LeadTime:
    """Weeks between a pupil's first flag before the risk event and the event, over pupils with an event.

    One row per pupil-snapshot; event_dates repeats the pupil's event date on each of its rows (NaT when the
    pupil had none). Flags on or after the event date do not count: they came too late to help.
    """
    ids = np.asarray(pupil_ids).ravel()
    as_of = np.asarray(as_of_dates).ravel()
    flags = np.asarray(flagged).ravel()
    events = np.asarray(event_dates).ravel()
    if ids.size == 0:
        raise ValueError("cannot measure lead time on an empty set of rows")
    if not ids.size == as_of.size == flags.size == events.size:
        raise ValueError("pupil_ids, as_of_dates, flagged and event_dates must have the same length")
    if as_of.dtype.kind != "M" or events.dtype.kind != "M":
        raise ValueError("as_of_dates and event_dates must be datetime64 arrays")
    as_of_days = as_of.astype("datetime64[D]")
    if np.isnat(as_of_days).any():
        raise ValueError("every row needs an as-of date")
    event_days = events.astype("datetime64[D]")

    _, pupil_index = np.unique(ids, return_inverse=True)
    pupil_index = pupil_index.ravel()
    pupil_event = np.full(int(pupil_index.max()) + 1, np.datetime64("NaT"), dtype="datetime64[D]")
    pupil_event[pupil_index] = event_days
    same = (pupil_event[pupil_index] == event_days) | (
        np.isnat(pupil_event[pupil_index]) & np.isnat(event_days)
    )
    if not same.all():
        raise ValueError("a pupil's event date must be the same on all of its rows")

    first = _first_flag_per_pupil(pupil_index, as_of_days.astype(np.int64), flags.astype(bool), event_days)
    with_event = ~np.isnat(pupil_event)
    in_time = first != np.iinfo(np.int64).max
    weeks = (pupil_event[in_time].astype(np.int64) - first[in_time]) / DAYS_PER_WEEK
    n, m = int(with_event.sum()), int(in_time.sum())
    return _summarise(n, m, weeks)


def _summarise(pupils_with_event: int, flagged_in_time: int, weeks: FloatArray) -> LeadTime:
    if flagged_in_time == 0:
        return LeadTime(
            pupils_with_event=pupils_with_event,
            flagged_before_event=0,
            share_flagged_before_event=0.0 if pupils_with_event else None,
            median_weeks=None,
            mean_weeks=None,
            p25_weeks=None,
            p75_weeks=None,
        )
    p25, median, p75 = np.percentile(weeks, [25, 50, 75])
    return LeadTime(
        pupils_with_event=pupils_with_event,
        flagged_before_event=flagged_in_time,
        share_flagged_before_event=flagged_in_time / pupils_with_event,
        median_weeks=float(median),
        mean_weeks=float(weeks.mean()),
        p25_weeks=float(p25),
        p75_weeks=float(p75),
    )
