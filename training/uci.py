"""Reproduction of Cortez & Silva (2008) on the UCI Student Performance data, with Erta's risk model.

The paper predicts pass (final mark G3 >= 10 of 20) for Mathematics and Portuguese pupils in three input
setups, A (all inputs, G1 and G2 included), B (G1 without G2) and C (no earlier marks), scored by PCC over
20 runs of 10-fold cross-validation. We keep that protocol and predict its complement, fail, which is the
event Erta warns about; PCC is the same either way and so is ROC-AUC.

Settings, fixed before the reported cross-validation and the same for every run and fold. 250-410
training rows are far fewer than the defaults were made for, so trees are shallow and regularised:
- A: the small-table settings of `training.cross_validation`: depth-2 trees, min_child_weight 3,
  lambda 5. The signal is mostly one threshold on G2 plus a few interactions; the naive rule
  "G2 >= 10" alone scores 91.9% on Mathematics.
- B and C: stumps (depth 1), min_child_weight 8 (leaves of roughly thirty pupils or more), lambda 10. With
  G2 or both earlier marks withheld the signal is weaker and additive (G1, past failures, wish for higher
  education, absences), so the model is shrunk harder to keep it from fitting a handful of pupils.
- all: learning rate 0.03 with 100 rounds of patience, 80% row and column sampling.
- 30% of each training fold (stratified) is held out for the model's early stopping and calibration, not
  20%: on Mathematics 20% leaves about 35 rows to fit Platt's sigmoid, and its 0.5 crossing then wanders
  enough to cost a point of PCC; the uncalibrated margin does not lose it.
These were chosen from a pilot of 4 runs shuffled with seeds 100-103 (not the reported seeds 0-19) on the
same data, so they are not independent of it: the pilot and the report share rows, not shuffles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from sklearn.metrics import accuracy_score, roc_auc_score

from model.risk_model import BoosterParams
from training.cross_validation import (
    SMALL_TABLE_BOOSTER,
    SMALL_TABLE_VALIDATION_FRACTION,
    predict_folds,
    spread,
)

Subject = Literal["mathematics", "portuguese"]
Setup = Literal["A", "B", "C"]

SUBJECT_FILES: dict[Subject, str] = {"mathematics": "student-mat.csv", "portuguese": "student-por.csv"}
SETUPS: tuple[Setup, ...] = ("A", "B", "C")
FINAL_MARK = "G3"
PASS_MARK = 10
# Earlier marks each setup withholds; the final mark is never an input, it is what is predicted.
WITHHELD_MARKS: dict[Setup, tuple[str, ...]] = {"A": (), "B": ("G2",), "C": ("G1", "G2")}

# Best binary PCC (%) of any model in the paper, Table 3.
PAPER_BEST_PCC: dict[tuple[Subject, Setup], float] = {
    ("mathematics", "A"): 91.9,
    ("mathematics", "B"): 83.8,
    ("mathematics", "C"): 70.6,
    ("portuguese", "A"): 93.0,
    ("portuguese", "B"): 90.1,
    ("portuguese", "C"): 85.0,
}

_STUMPS = replace(SMALL_TABLE_BOOSTER, max_depth=1, min_child_weight=8.0, reg_lambda=10.0)
BOOSTER_BY_SETUP: dict[Setup, BoosterParams] = {"A": SMALL_TABLE_BOOSTER, "B": _STUMPS, "C": _STUMPS}


@dataclass(frozen=True)
class CellResult:
    """One subject × setup of the paper's Table 3, as measured here."""

    subject: Subject
    setup: Setup
    pcc: float
    pcc_sd: float
    auc: float
    auc_sd: float
    rows: int

    @property
    def paper_pcc(self) -> float:
        return PAPER_BEST_PCC[(self.subject, self.setup)]

    @property
    def beats_paper(self) -> bool:
        """Matches at the paper's precision (one decimal) or beats it."""
        return round(self.pcc, 1) >= self.paper_pcc

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "setup": self.setup,
            "pcc": self.pcc,
            "pcc_sd": self.pcc_sd,
            "auc": self.auc,
            "auc_sd": self.auc_sd,
            "paper_pcc": self.paper_pcc,
            "beats_paper": self.beats_paper,
            "rows": self.rows,
        }


def load_subject(data_dir: Path, subject: Subject) -> pd.DataFrame:
    """Read one subject's file; text columns become categories, marks G1 and G2 (quoted) become integers.

    Raises FileNotFoundError for a missing file and ValueError for a file that is not the UCI table.
    """
    path = data_dir / SUBJECT_FILES[subject]
    frame = pd.read_csv(path, sep=";")
    missing = [mark for mark in ("G1", "G2", FINAL_MARK) if mark not in frame.columns]
    if missing:
        raise ValueError(f"{path}: column(s) {', '.join(missing)} missing; is this the UCI file?")
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = frame[column].astype("category")
    return frame


def select_features(frame: pd.DataFrame, setup: Setup) -> pd.DataFrame:
    """The inputs of one setup: every column but the final mark and the earlier marks it withholds."""
    return frame.drop(columns=[FINAL_MARK, *WITHHELD_MARKS[setup]])


def fail_labels(frame: pd.DataFrame) -> NDArray[np.int64]:
    """1 where the final mark is below the pass mark: the risk event."""
    return np.asarray(frame[FINAL_MARK].to_numpy() < PASS_MARK, dtype=np.int64)


def describe_protocol(*, runs: int, folds: int, seed: int) -> dict[str, Any]:
    """What a reader needs to rerun the figures, written next to them."""
    return {
        "paper": "Cortez & Silva (2008), Table 3, binary",
        "runs": runs,
        "folds": folds,
        "seed": seed,
        "target": f"pass = {FINAL_MARK} >= {PASS_MARK} (predicted as its complement, fail)",
        "validation_fraction": SMALL_TABLE_VALIDATION_FRACTION,
        "threshold": 0.5,
        "boosters": {setup: params.as_dict() for setup, params in BOOSTER_BY_SETUP.items()},
    }


def reproduce_cell(
    frame: pd.DataFrame,
    subject: Subject,
    setup: Setup,
    *,
    runs: int,
    folds: int,
    seed: int,
    on_fit: Callable[[], Any] | None = None,
) -> CellResult:
    """`runs` repetitions of stratified `folds`-fold CV, run r shuffled with seed + r; PCC and AUC per run."""
    X, y = select_features(frame, setup), fail_labels(frame)
    pcc_per_run, auc_per_run = [], []
    for run in range(runs):
        risk = np.empty(len(y), dtype=np.float64)
        for fold in predict_folds(
            X,
            y,
            params=BOOSTER_BY_SETUP[setup],
            folds=folds,
            seed=seed + run,
            validation_fraction=SMALL_TABLE_VALIDATION_FRACTION,
            on_fit=on_fit,
        ):
            risk[fold.test_index] = fold.risk
        pcc_per_run.append(100.0 * float(accuracy_score(y, risk >= 0.5)))
        auc_per_run.append(float(roc_auc_score(y, risk)))
    pcc, pcc_sd = spread(pcc_per_run)
    auc, auc_sd = spread(auc_per_run)
    return CellResult(subject, setup, pcc=pcc, pcc_sd=pcc_sd, auc=auc, auc_sd=auc_sd, rows=len(y))
