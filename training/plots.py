"""Charts for a training run: ranking, calibration, fairness and SHAP drivers.

Each function builds a `matplotlib.figure.Figure` directly, never through pyplot, so no global figure is left
open and no backend is chosen; the caller saves the figure (e.g. as an MLflow artifact). matplotlib is
imported only when a chart is drawn: importing it writes its config and font cache under the home directory.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.metrics import roc_auc_score, roc_curve

from model.evaluation import expected_calibration_error
from model.fairness import GroupRates

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from model.drivers import GlobalDriver

DPI = 110
BAND = (0.8, 1.25)
ASSESSED_COLOUR = "tab:blue"
UNASSESSED_COLOUR = "0.6"
RISK_UP_COLOUR = "tab:red"
RISK_DOWN_COLOUR = "tab:blue"
BEESWARM_POINTS = 2000


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def roc_figure(curves: Mapping[str, tuple[ArrayLike, ArrayLike]]) -> Figure:
    """One ROC line per model with its AUC in the legend, plus the chance diagonal."""
    figure = _figure(6.0, 5.5)
    ax = figure.add_subplot()
    for name, (y_true, score) in curves.items():
        fpr, tpr, _ = roc_curve(y_true, score)
        ax.plot(fpr, tpr, linewidth=1.8, label=f"{name} (AUC {roc_auc_score(y_true, score):.3f})")
    ax.plot([0, 1], [0, 1], linestyle="--", color="0.5", linewidth=1.0, label="Chance")
    ax.set(xlim=(0, 1), ylim=(0, 1.01), xlabel="False positive rate", ylabel="True positive rate")
    ax.set_title("ROC curves")
    ax.legend(loc="lower right")
    return figure


def calibration_figure(y_true: ArrayLike, prob: ArrayLike, bins: int = 10) -> Figure:
    """Reliability diagram over equal-width bins above a histogram of the predicted probabilities."""
    labels = np.asarray(y_true, dtype=np.float64).ravel()
    probs = np.asarray(prob, dtype=np.float64).ravel()
    ece = expected_calibration_error(labels, probs, bins)
    index = np.minimum((probs * bins).astype(np.int64), bins - 1)
    counts = np.bincount(index, minlength=bins)
    filled = counts > 0
    mean_prob = np.bincount(index, weights=probs, minlength=bins)[filled] / counts[filled]
    observed = np.bincount(index, weights=labels, minlength=bins)[filled] / counts[filled]

    figure = _figure(6.0, 6.5)
    top, bottom = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1))
    top.plot([0, 1], [0, 1], linestyle="--", color="0.5", linewidth=1.0, label="Perfect calibration")
    top.plot(mean_prob, observed, marker="o", linewidth=1.8, label="Model")
    top.set(xlim=(0, 1), ylim=(-0.02, 1.02), ylabel="Observed rate of risk events")
    top.set_title(f"Calibration (ECE {ece:.3f})")
    top.legend(loc="upper left")
    bottom.hist(probs, bins=np.linspace(0.0, 1.0, bins + 1), color=ASSESSED_COLOUR, edgecolor="white")
    bottom.set(xlabel="Predicted probability", ylabel="Pupils")
    return figure


def _group_label(rate: GroupRates) -> str:
    label = f"{rate.attribute}={rate.group}"
    if rate.assessed:
        return label
    schools = "" if rate.clusters is None else f", {rate.clusters} school{'s' if rate.clusters != 1 else ''}"
    return f"{label} (not assessed: {rate.positives} pos / {rate.negatives} neg{schools})"


def _draw_ratio_panel(ax: Axes, rates: Sequence[GroupRates], which: str, x_max: float) -> None:
    """Forest plot of one ratio: a point per assessed group, its interval, the gate's band around 1."""
    ax.axvspan(*BAND, color="tab:green", alpha=0.12, label=f"{BAND[0]}–{BAND[1]} band")
    ax.axvline(1.0, color="0.4", linewidth=0.8)
    for y, rate in enumerate(rates):
        ratio, ci = getattr(rate, f"{which}_ratio"), getattr(rate, f"{which}_ratio_ci")
        if ratio is None:
            ax.text(BAND[0], y, "not assessed", color=UNASSESSED_COLOUR, va="center", ha="right", fontsize=8)
            continue
        shown = min(ratio, x_max)
        low, high = ci if ci is not None else (ratio, ratio)
        error = [[shown - min(low, x_max)], [min(high, x_max) - shown]]
        ax.errorbar(shown, y, xerr=error, fmt="o", color=ASSESSED_COLOUR, capsize=3)
        if math.isinf(ratio):
            ax.annotate("∞", (shown, y), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set(xlim=(0, x_max * 1.05), xlabel=f"{which.upper()} ratio to the largest group")
    ax.set_title(f"{which.upper()} ratio")


def fairness_figure(rates: Sequence[GroupRates]) -> Figure:
    """FNR and FPR ratios per group with bootstrap intervals; unassessed groups are greyed and labelled."""
    if not rates:
        raise ValueError("no groups to draw")
    finite = [
        value
        for rate in rates
        for value in (rate.fnr_ratio, rate.fpr_ratio, *(rate.fnr_ratio_ci or ()), *(rate.fpr_ratio_ci or ()))
        if value is not None and math.isfinite(value)
    ]
    x_max = max([2.0, *finite]) if finite else 2.0
    figure = _figure(10.0, 1.2 + 0.4 * len(rates))
    axes = figure.subplots(1, 2, sharey=True)
    for ax, which in zip(axes, ("fnr", "fpr"), strict=True):
        _draw_ratio_panel(ax, rates, which, x_max)
    axes[0].set_yticks(range(len(rates)), [_group_label(rate) for rate in rates])
    for tick, rate in zip(axes[0].get_yticklabels(), rates, strict=True):
        tick.set_color("black" if rate.assessed else UNASSESSED_COLOUR)
    axes[0].set_ylim(len(rates) - 0.5, -0.5)
    axes[1].legend(loc="lower right", fontsize=8)
    figure.suptitle("Error-rate ratios by group (95% bootstrap intervals)")
    return figure


def _beeswarm_offsets(values: NDArray[np.float64], width: float = 0.4, bins: int = 60) -> NDArray[np.float64]:
    """Vertical offsets that stack points sharing an x-bin outwards from the centre line, like SHAP's own."""
    edges = np.linspace(values.min(), values.max() + 1e-12, bins + 1)
    bin_index = np.digitize(values, edges[1:-1])
    order = np.argsort(bin_index, kind="stable")
    sorted_bins = bin_index[order]
    starts = np.searchsorted(sorted_bins, sorted_bins, side="left")
    rank = np.arange(values.size) - starts
    step = (rank + 1) // 2 * np.where(rank % 2 == 0, 1.0, -1.0)
    offsets = np.empty(values.size)
    offsets[order] = step
    peak = max(float(np.abs(offsets).max()), 1.0)
    return offsets * width / peak


def _colour_scale(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Feature values to [0, 1] between their 5th and 95th percentiles; NaN (missing) stays NaN."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return np.full(values.shape, np.nan)
    low, high = np.percentile(finite, [5, 95])
    if high <= low:
        low, high = float(finite.min()), float(finite.max())
    if high <= low:
        return np.where(np.isfinite(values), 0.5, np.nan)
    scaled: NDArray[np.float64] = np.clip((values - low) / (high - low), 0.0, 1.0)
    return scaled


def shap_summary_figure(
    contributions: ArrayLike, X: ArrayLike, feature_names: Sequence[str], max_display: int = 20, seed: int = 0
) -> Figure:
    """Beeswarm of SHAP values for the features with the largest mean |SHAP|, coloured by feature value.

    Drawn without shap's plotting (which draws on pyplot's global figure); at most BEESWARM_POINTS pupils,
    chosen at random with `seed`, are drawn so the chart stays legible and quick on a whole district.
    """
    shap_values = np.asarray(contributions, dtype=np.float64)
    features = np.asarray(X, dtype=np.float64)
    if shap_values.ndim != 2 or shap_values.shape != features.shape:
        raise ValueError(f"contributions {shap_values.shape} and X {features.shape} must share one 2-D shape")
    if shap_values.shape[0] == 0:
        raise ValueError("no pupils to summarise")
    if shap_values.shape[1] != len(feature_names):
        raise ValueError(f"{len(feature_names)} feature names for {shap_values.shape[1]} columns")
    importance = np.abs(shap_values).mean(axis=0)
    shown = np.argsort(-importance, kind="stable")[:max_display]
    rows = np.arange(shap_values.shape[0])
    if rows.size > BEESWARM_POINTS:
        rows = np.sort(np.random.default_rng(seed).choice(rows, BEESWARM_POINTS, replace=False))

    figure = _figure(8.0, 1.5 + 0.35 * shown.size)
    ax = figure.add_subplot()
    # Blue for low feature values, red for high, grey for missing ones, as readers of SHAP charts expect.
    from matplotlib import colormaps

    colour_map = colormaps["coolwarm"].with_extremes(bad="lightgrey")
    scatter = None
    for y, column in enumerate(shown):
        values = shap_values[rows, column]
        scatter = ax.scatter(
            values,
            y + _beeswarm_offsets(values),
            c=_colour_scale(features[rows, column]),
            cmap=colour_map,
            vmin=0.0,
            vmax=1.0,
            s=8,
            linewidths=0,
            plotnonfinite=True,
        )
    ax.axvline(0.0, color="0.5", linewidth=0.8)
    ax.set_yticks(range(shown.size), [feature_names[column] for column in shown])
    ax.set_ylim(shown.size - 0.5, -0.5)
    ax.set_xlabel("SHAP value (impact on the risk score)")
    ax.set_title("Feature impact on predicted risk")
    if scatter is not None:
        colour_bar = figure.colorbar(scatter, ax=ax, ticks=[0, 1], aspect=40)
        colour_bar.ax.set_yticklabels(["Low", "High"])
        colour_bar.set_label("Feature value")
    return figure


def global_drivers_figure(drivers: Sequence[GlobalDriver], max_display: int = 15) -> Figure:
    """Mean |contribution| per driver across pupils, as teachers group reasons (a subject, attendance, LMS);
    a bar is red where the driver raises the risk on average, blue where it lowers it."""
    if not drivers:
        raise ValueError("no drivers to draw")
    shown = list(drivers[:max_display])
    figure = _figure(7.0, 1.0 + 0.35 * len(shown))
    ax = figure.subplots()
    colours = [RISK_UP_COLOUR if d.mean_contribution > 0 else RISK_DOWN_COLOUR for d in shown]
    ax.barh(range(len(shown)), [d.mean_abs_contribution for d in shown], color=colours)
    ax.set_yticks(range(len(shown)), [d.group for d in shown])
    ax.set_ylim(len(shown) - 0.5, -0.5)
    ax.set_xlabel("mean |contribution| per pupil (log-odds)")
    ax.set_title("What drives the risk across pupils")
    return figure
