"""Loading a flat table (types, exclusions, refusals) and cross-validating the risk model on it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from training.cross_validation import carve_validation
from training.tabular_eval import TableError, as_feature, evaluate_table, load_table

NAMES = ["Dilnoza", "Jasur", "Madina", "Otabek", "Zarina", "Sardor", "Nodira", "Bekzod"]


def planted_signal(rows: int, seed: int = 1) -> pd.DataFrame:
    """Failing depends on absences and a categorical track; `noise` carries nothing."""
    rng = np.random.default_rng(seed)
    absences = rng.normal(size=rows)
    track = rng.choice(["science", "arts", "sport"], size=rows)
    score = 1.5 * absences + np.where(track == "sport", 1.5, 0.0) + 0.4 * rng.normal(size=rows)
    return pd.DataFrame(
        {
            "pupil": [f"P{i:05d}" for i in range(rows)],
            "absences": absences.round(3),
            "track": track,
            "noise": rng.normal(size=rows).round(3),
            "outcome": np.where(score > 0.5, "fail", "pass"),
        }
    )


def pure_noise(rows: int, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({f"x{i}": rng.normal(size=rows).round(3) for i in range(5)})
    frame["group"] = rng.choice(["a", "b", "c"], size=rows)
    frame["outcome"] = rng.integers(0, 2, size=rows)
    return frame


def write(frame: pd.DataFrame, path: Path, sep: str = ",") -> Path:
    frame.to_csv(path, sep=sep, index=False)
    return path


def test_a_planted_signal_is_found(tmp_path: Path) -> None:
    csv = write(planted_signal(400), tmp_path / "signal.csv")
    table = load_table(csv, target="outcome", positive="fail", folds=3, id_column="pupil")
    metrics = evaluate_table(table, folds=3, seed=0)
    assert metrics["roc_auc"]["mean"] > 0.9
    assert metrics["accuracy"]["mean"] > 0.8
    assert 0.0 <= metrics["brier"]["mean"] < 0.15
    assert metrics["roc_auc"]["sd"] >= 0.0


def test_pure_noise_scores_near_chance(tmp_path: Path) -> None:
    csv = write(pure_noise(600), tmp_path / "noise.csv")
    table = load_table(csv, target="outcome", positive="1", folds=3)
    metrics = evaluate_table(table, folds=3, seed=0)
    assert abs(metrics["roc_auc"]["mean"] - 0.5) < 0.1


def test_inputs_leave_out_target_id_and_dropped_columns(tmp_path: Path) -> None:
    csv = write(planted_signal(60), tmp_path / "t.csv", sep=";")
    table = load_table(
        csv, target="outcome", positive="fail", folds=3, sep=";", id_column="pupil", drop=["noise"]
    )
    assert table.features == ["absences", "track"]
    assert len(table.y) == 60
    assert isinstance(table.X["track"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_float_dtype(table.X["absences"])


def test_the_positive_value_compares_as_text_and_rows_without_target_are_left_out(tmp_path: Path) -> None:
    frame = pure_noise(40)
    frame["outcome"] = frame["outcome"].astype(object)
    frame.loc[:2, "outcome"] = None
    csv = write(frame, tmp_path / "t.csv")
    table = load_table(csv, target="outcome", positive="1", folds=3)
    assert table.rows_without_target == 3
    assert table.y.tolist() == (frame["outcome"].iloc[3:] == 1).astype(int).tolist()


def test_numbers_stay_numeric_even_quoted_and_text_becomes_a_category() -> None:
    numbers = as_feature(pd.Series(["5", " 7 ", None, "1e3"], dtype=object))
    assert numbers.tolist()[:2] == [5.0, 7.0]
    assert np.isnan(numbers.iloc[2])
    assert isinstance(as_feature(pd.Series(["5", "five", None], dtype=object)).dtype, pd.CategoricalDtype)


def test_a_column_distinct_on_every_row_is_flagged_as_identifier_like(tmp_path: Path) -> None:
    csv = write(planted_signal(60), tmp_path / "t.csv")
    table = load_table(csv, target="outcome", positive="fail", folds=3)
    assert table.identifier_like == ["pupil"]


def small_table(rows: int = 30, fails: int = 10) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [NAMES[i % len(NAMES)] for i in range(rows)],
            "mark": [str(3 + i % 3) for i in range(rows)],
            "result": ["fail"] * fails + ["pass"] * (rows - fails),
        }
    )


REFUSALS: list[tuple[str, pd.DataFrame | str | None, dict[str, Any], str]] = [
    ("missing file", None, {}, "no such file"),
    ("empty file", "", {}, "the file is empty"),
    ("header only", "name,mark,result\n", {}, "header but no rows"),
    (
        "no target",
        small_table(),
        {"target": "outcome"},
        "no column 'outcome'; the columns are: name, mark, result",
    ),
    (
        "absent positive",
        small_table(),
        {"positive": "expelled"},
        "'expelled' never occurs in column 'result'",
    ),
    ("single class", small_table(fails=30), {}, "every row of column 'result' is 'fail'"),
    ("missing id", small_table(), {"id_column": "pupil_id"}, "--id column 'pupil_id' does not exist"),
    ("missing drop", small_table(), {"drop": ["mark", "age"]}, "--drop column 'age' does not exist"),
    ("too few", small_table(fails=4), {"folds": 5}, "only 4 rows have result == 'fail'; 5-fold"),
    ("few of both", small_table(rows=8, fails=4), {"folds": 2}, "needs at least 6 of each class"),
    ("only inputs dropped", small_table(), {"drop": ["name", "mark"]}, "no feature columns are left"),
]


@pytest.mark.parametrize(
    ("content", "options", "message"), [case[1:] for case in REFUSALS], ids=[c[0] for c in REFUSALS]
)
def test_unusable_tables_are_refused_naming_the_file_and_no_value(
    tmp_path: Path, content: pd.DataFrame | str | None, options: dict[str, Any], message: str
) -> None:
    csv = tmp_path / "pupils.csv"
    if isinstance(content, pd.DataFrame):
        write(content, csv)
    elif content is not None:
        csv.write_text(content, encoding="utf-8")
    arguments: dict[str, Any] = {"target": "result", "positive": "fail", "folds": 3} | options
    with pytest.raises(TableError) as refusal:
        load_table(csv, **arguments)
    text = str(refusal.value)
    assert text.startswith(f"{csv}: ")
    assert message in text
    assert not any(name in text for name in NAMES)
    assert "\n" not in text


def test_a_wrong_separator_gets_a_hint(tmp_path: Path) -> None:
    csv = write(small_table(), tmp_path / "t.csv", sep=";")
    with pytest.raises(TableError, match=r"is the separator ';'\? pass --sep"):
        load_table(csv, target="result", positive="fail", folds=3)


def test_the_validation_part_holds_two_of_each_class_even_when_one_is_rare() -> None:
    y = np.array([1] * 4 + [0] * 96, dtype=np.int64)
    train = np.arange(100, dtype=np.int64)
    fit, valid = carve_validation(train, y, fraction=0.2, seed=0)
    assert np.bincount(y[valid]).tolist() == [19, 2]
    assert y[fit].sum() == 2
    assert sorted([*fit, *valid]) == train.tolist()
