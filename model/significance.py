"""Whether a class's marks really moved between two quarters: Wilcoxon signed-rank on pupils present in both,
Mann–Whitney U otherwise, both two-sided.

Pairing by pupil removes the spread between strong and weak pupils; a rank test needs no normal shape for
means between 1 and 5 in classes of about 25. For small classes with tied differences SciPy's exact p-value
comes from a generic permutation test that takes seconds per group, so the same exact value is computed here
directly over every flip of the signs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final

import numpy as np
from scipy import stats

EXACT_TIED_MAX: Final = 13  # up to 2**13 sign flips: where SciPy, too, computes tied p-values exactly


def paired_p_value(differences: Sequence[float]) -> float:
    if all(d == 0 for d in differences):
        return 1.0  # nothing moved; scipy would divide by zero
    moved = [d for d in differences if d != 0]
    tied = len(set(moved)) < len(differences)  # equal differences, or zeros among them
    if tied and len(moved) <= EXACT_TIED_MAX:
        return _exact_signed_rank_p(differences)
    return _finite(stats.wilcoxon(differences, zero_method="pratt").pvalue)


def _exact_signed_rank_p(differences: Sequence[float]) -> float:
    """The exact two-sided p of Pratt's signed-rank statistic under every flip of the signs. SciPy computes
    the same for tied differences by a generic permutation test that takes a second or more per group."""
    d = np.asarray(differences, dtype=np.float64)
    ranks = stats.rankdata(np.abs(d))[d != 0]
    observed = ranks[d[d != 0] > 0].sum()
    signs = (np.arange(2 ** len(ranks))[:, None] >> np.arange(len(ranks))) & 1
    centre = ranks.sum() / 2
    extreme = np.abs(signs @ ranks - centre) >= abs(observed - centre) - 1e-9
    return float(extreme.mean())


def unpaired_p_value(xs: Sequence[float], ys: Sequence[float]) -> float:
    if len(set(xs) | set(ys)) == 1:
        return 1.0
    return _finite(stats.mannwhitneyu(xs, ys, alternative="two-sided").pvalue)


def _finite(p: Any) -> float:
    value = float(p)
    return 1.0 if math.isnan(value) else value
