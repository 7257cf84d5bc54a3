from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.container import ErrorbarContainer
from matplotlib.figure import Figure

from model.drivers import GlobalDriver
from model.fairness import GroupRates, group_error_rates
from training.plots import (
    calibration_figure,
    fairness_figure,
    global_drivers_figure,
    roc_figure,
    shap_summary_figure,
)


@pytest.fixture(autouse=True)
def no_pyplot_figures_left_open() -> Iterator[None]:
    plt.close("all")
    yield
    assert plt.get_fignums() == []


Scored = tuple[np.ndarray, np.ndarray]


@pytest.fixture
def scored() -> Scored:
    rng = np.random.default_rng(0)
    prob = rng.beta(2, 5, 600)
    return (rng.random(600) < prob).astype(int), prob


@pytest.fixture
def rates(scored: Scored) -> list[GroupRates]:
    y, prob = scored
    groups = np.where(np.arange(y.size) < 20, "tiny", np.where(np.arange(y.size) % 2 == 0, "F", "M"))
    return group_error_rates(y, prob > 0.3, groups, attribute="sex", min_positives=10, min_negatives=10)


def _saves_png(figure: Figure, path: Path) -> None:
    figure.savefig(path)
    assert path.stat().st_size > 1000
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_roc_figure_draws_one_line_per_model_and_the_chance_line(scored: Scored, tmp_path: Path) -> None:
    y, prob = scored
    figure = roc_figure({"XGBoost (calibrated)": (y, prob), "ABC rule": (y, (prob > 0.4).astype(int))})
    ax = figure.axes[0]
    assert len(ax.get_lines()) == 3
    legend_box = ax.get_legend()
    assert legend_box is not None
    legend = [text.get_text() for text in legend_box.get_texts()]
    assert legend[0].startswith("XGBoost (calibrated) (AUC 0.")
    assert legend[1].startswith("ABC rule (AUC 0.")
    _saves_png(figure, tmp_path / "roc.png")


def test_calibration_figure_has_a_diagonal_a_curve_and_a_histogram(scored: Scored, tmp_path: Path) -> None:
    y, prob = scored
    figure = calibration_figure(y, prob, bins=8)
    top, bottom = figure.axes
    assert len(top.get_lines()) == 2
    assert len(bottom.patches) == 8
    assert top.get_title().startswith("Calibration (ECE 0.")
    _saves_png(figure, tmp_path / "calibration.png")


def test_fairness_figure_draws_assessed_groups_and_greys_the_others(
    rates: list[GroupRates], tmp_path: Path
) -> None:
    assessed = [rate for rate in rates if rate.assessed]
    assert 0 < len(assessed) < len(rates)
    figure = fairness_figure(rates)
    fnr_ax, fpr_ax = figure.axes
    for ax in (fnr_ax, fpr_ax):
        errorbars = [c for c in ax.containers if isinstance(c, ErrorbarContainer)]
        assert len(errorbars) == len(assessed)
    labels = {tick.get_text(): tick.get_color() for tick in fnr_ax.get_yticklabels()}
    assert labels["sex=F"] == "black"
    tiny = next(text for text in labels if text.startswith("sex=tiny"))
    assert "not assessed" in tiny
    assert labels[tiny] != "black"
    _saves_png(figure, tmp_path / "fairness.png")


def test_fairness_figure_draws_an_infinite_ratio_at_the_edge(tmp_path: Path) -> None:
    y = np.array([1] * 50 + [0] * 50 + [1] * 40 + [0] * 40)
    flagged = np.concatenate([np.ones(50), np.zeros(50), np.ones(40), np.ones(4), np.zeros(36)])
    groups = np.array(["A"] * 100 + ["B"] * 80)
    figure = fairness_figure(group_error_rates(y, flagged, groups, attribute="region"))
    assert any(text.get_text() == "∞" for text in figure.axes[1].texts)
    _saves_png(figure, tmp_path / "fairness_inf.png")


def test_shap_summary_shows_the_most_important_features_first(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    X = rng.normal(size=(3000, 6))
    X[::17, 2] = np.nan
    contributions = X * np.array([0.1, 2.0, 0.5, 0.0, 1.0, 0.3])
    contributions[np.isnan(contributions)] = 0.0
    names = [f"f{i}" for i in range(6)]
    figure = shap_summary_figure(contributions, X, names, max_display=4)
    ax = figure.axes[0]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["f1", "f4", "f2", "f5"]
    assert len(ax.collections) == 4
    assert all(np.shape(collection.get_offsets())[0] == 2000 for collection in ax.collections)
    _saves_png(figure, tmp_path / "shap.png")


def test_global_drivers_are_drawn_strongest_first_coloured_by_direction(tmp_path: Path) -> None:
    drivers = [GlobalDriver("Matematika", 0.4, 0.1), GlobalDriver("attendance", 0.2, -0.05)]
    figure = global_drivers_figure(drivers)
    ax = figure.axes[0]
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["Matematika", "attendance"]
    bars = ax.patches
    assert [round(bar.get_width(), 6) for bar in bars] == [0.4, 0.2]
    assert bars[0].get_facecolor() != bars[1].get_facecolor()
    _saves_png(figure, tmp_path / "drivers.png")
    with pytest.raises(ValueError, match="no drivers"):
        global_drivers_figure([])


def test_shap_summary_refuses_mismatched_names() -> None:
    with pytest.raises(ValueError, match="feature names"):
        shap_summary_figure(np.zeros((3, 2)), np.zeros((3, 2)), ["only one"])
