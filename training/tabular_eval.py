"""Cross-validated evaluation of the calibrated risk model on any flat CSV table, for data scientists.

A table arriving from outside is checked before any model is fitted, and every problem becomes a
`TableError` whose message names the file and the column but never a value: such tables hold pupils'
personal data, and an error message ends up in terminals, logs and tickets.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray
from sklearn.metrics import accuracy_score, average_precision_score, brier_score_loss, roc_auc_score

from model.risk_model import BoosterParams
from training.cross_validation import (
    SMALL_TABLE_BOOSTER,
    SMALL_TABLE_VALIDATION_FRACTION,
    VALIDATION_FRACTION,
    predict_folds,
    spread,
)

SMALL_TABLE_ROWS = 5000
# Each training fold must give its validation part two rows of each class and keep one for the trees.
MIN_MINORITY_ROWS = 6
METRICS: dict[str, Callable[[NDArray[np.int64], NDArray[np.float64]], float]] = {
    "roc_auc": lambda y, risk: float(roc_auc_score(y, risk)),
    "pr_auc": lambda y, risk: float(average_precision_score(y, risk)),
    "accuracy": lambda y, risk: float(accuracy_score(y, risk >= 0.5)),
    "brier": lambda y, risk: float(brier_score_loss(y, risk)),
}
SEPARATORS = (",", ";", "\t", "|")


class TableError(Exception):
    """A table that cannot be evaluated; the message is one line naming the file and the problem."""


@dataclass(frozen=True)
class LabelledTable:
    """Model inputs and binary labels (1 where the target equals the positive value) of one CSV file."""

    X: pd.DataFrame
    y: NDArray[np.int64]
    rows_without_target: int
    identifier_like: list[str]

    @property
    def features(self) -> list[str]:
        return [str(column) for column in self.X.columns]


def load_table(
    path: Path,
    *,
    target: str,
    positive: str,
    folds: int,
    sep: str = ",",
    id_column: str | None = None,
    drop: Sequence[str] = (),
) -> LabelledTable:
    """Read and check a flat table; raise TableError for anything that would make the evaluation wrong."""
    frame = read_text_table(path, sep)
    columns = [str(column) for column in frame.columns]
    if target not in columns:
        raise TableError(
            f"{path}: no column {target!r}; the columns are: {', '.join(columns)}{_hint(columns)}"
        )
    for option, names in (("--id", [id_column] if id_column else []), ("--drop", list(drop))):
        for name in names:
            if name not in columns:
                raise TableError(f"{path}: {option} column {name!r} does not exist")
    values = frame[target].str.strip()
    labelled = values.notna() & (values != "")
    y = (values[labelled] == positive.strip()).to_numpy(dtype=np.int64)
    _check_labels(path, y, target=target, positive=positive, folds=folds)
    excluded = {target, *drop} | ({id_column} if id_column else set())
    inputs = frame.loc[labelled, [c for c in columns if c not in excluded]].reset_index(drop=True)
    if inputs.columns.empty:
        raise TableError(f"{path}: no feature columns are left once the target, --id and --drop are removed")
    X = pd.DataFrame({column: as_feature(inputs[column]) for column in inputs.columns})
    return LabelledTable(
        X=X,
        y=y,
        rows_without_target=int((~labelled).sum()),
        identifier_like=[c for c in X.columns if _distinct_on_every_row(X[c])],
    )


def read_text_table(path: Path, sep: str) -> pd.DataFrame:
    """Every cell as text (missing as NaN), so the target compares as written and types are decided here."""
    try:
        frame = pd.read_csv(path, sep=sep, dtype=str)
    except FileNotFoundError:
        raise TableError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TableError(f"{path}: is a folder, not a CSV file") from None
    except OSError as error:
        raise TableError(f"{path}: cannot be read: {error.strerror or error}") from None
    except pd.errors.EmptyDataError:
        raise TableError(f"{path}: the file is empty") from None
    except UnicodeDecodeError:
        raise TableError(f"{path}: is not UTF-8 text") from None
    except pd.errors.ParserError:
        raise TableError(f"{path}: rows have differing numbers of fields with separator {sep!r}") from None
    if frame.empty:
        raise TableError(f"{path}: the table has a header but no rows")
    return frame


def as_feature(column: pd.Series) -> pd.Series:
    """Numbers stay numeric (even when quoted); any other text becomes a pandas category for XGBoost."""
    text = column.str.strip()
    numbers = pd.to_numeric(text, errors="coerce")
    if numbers.notna().sum() == text.notna().sum():
        return numbers.astype(np.float64)
    return text.astype("category")


def evaluate_table(
    table: LabelledTable, *, folds: int, seed: int, on_fit: Callable[[], Any] | None = None
) -> dict[str, dict[str, float]]:
    """Each metric's mean and sample standard deviation over the stratified, shuffled folds."""
    params, validation_fraction = settings_for_rows(len(table.y))
    per_fold: dict[str, list[float]] = {name: [] for name in METRICS}
    for fold in predict_folds(
        table.X,
        table.y,
        params=params,
        folds=folds,
        seed=seed,
        validation_fraction=validation_fraction,
        on_fit=on_fit,
    ):
        y_test = table.y[fold.test_index]
        for name, metric in METRICS.items():
            per_fold[name].append(metric(y_test, fold.risk))
    summary = {}
    for name, values in per_fold.items():
        mean, sd = spread(values)
        summary[name] = {"mean": mean, "sd": sd}
    return summary


def settings_for_rows(rows: int) -> tuple[BoosterParams, float]:
    """Small tables get shallow, regularised trees and a larger calibration share; large ones the defaults."""
    if rows < SMALL_TABLE_ROWS:
        return SMALL_TABLE_BOOSTER, SMALL_TABLE_VALIDATION_FRACTION
    return BoosterParams(), VALIDATION_FRACTION


def _check_labels(path: Path, y: NDArray[np.int64], *, target: str, positive: str, folds: int) -> None:
    if y.size == 0:
        raise TableError(f"{path}: column {target!r} has no values")
    positives = int(y.sum())
    if positives == 0:
        raise TableError(f"{path}: the value {positive!r} never occurs in column {target!r}")
    if positives == y.size:
        raise TableError(f"{path}: every row of column {target!r} is {positive!r}; both classes are needed")
    minority = min(positives, y.size - positives)
    needed = max(folds, MIN_MINORITY_ROWS)
    if minority < needed:
        side = "==" if positives == minority else "!="
        raise TableError(
            f"{path}: only {minority} rows have {target} {side} {positive!r}; "
            f"{folds}-fold cross-validation needs at least {needed} of each class"
        )


def _hint(columns: list[str]) -> str:
    if len(columns) != 1:
        return ""
    found = [sep for sep in SEPARATORS if sep in columns[0]]
    return f" (is the separator {found[0]!r}? pass --sep)" if found else ""


def _distinct_on_every_row(column: pd.Series) -> bool:
    """Text that differs on every row, like names or identifiers: no signal, and likely personal data."""
    filled = column.dropna()
    return (
        isinstance(column.dtype, pd.CategoricalDtype) and len(filled) > 20 and filled.nunique() == len(filled)
    )
