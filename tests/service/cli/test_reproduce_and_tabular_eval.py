"""`erta reproduce uci` and `erta tabular-eval` as a data scientist runs them: the installed entry point.

Every `erta` process spends seconds importing its libraries before it starts, so the whole module is slow.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from tests.service.cli.test_cli import run_erta
from tests.training.test_uci import DATA

pytestmark = pytest.mark.slow

PUPIL_NAMES = ["Dilnoza Karimova", "Jasur Toshmatov", "Madina Yusupova"]


def test_reproduce_uci_reports_every_cell_against_the_paper(tmp_path: Path) -> None:
    out = tmp_path / "uci.json"
    result = run_erta(
        "reproduce",
        "uci",
        "--data",
        str(DATA),
        "--json",
        str(out),
        "--runs",
        "1",
        "--folds",
        "3",
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["protocol"] | {"runs": 1, "folds": 3, "seed": 0} == report["protocol"]
    cells = {(cell["subject"], cell["setup"]): cell for cell in report["cells"]}
    assert set(cells) == {(s, x) for s in ("mathematics", "portuguese") for x in "ABC"}
    for cell in cells.values():
        assert 60.0 < cell["pcc"] <= 100.0
        assert 0.5 < cell["auc"] <= 1.0
        assert cell["beats_paper"] == (round(cell["pcc"], 1) >= cell["paper_pcc"])
    assert cells[("mathematics", "A")]["paper_pcc"] == 91.9
    assert cells[("portuguese", "C")]["rows"] == 649
    assert report["elapsed_s"] > 0
    assert "Cortez & Silva (2008), pass = G3 >= 10: 1 × 3-fold CV" in result.stderr
    assert "18 models fitted" in result.stderr


def test_reproduce_uci_without_the_data_is_one_clear_line(tmp_path: Path) -> None:
    result = run_erta(
        "reproduce", "uci", "--data", str(tmp_path / "nowhere"), "--json", "x.json", home=tmp_path
    )
    assert result.returncode == 2
    assert f"error: {tmp_path / 'nowhere' / 'student-mat.csv'}: no such file" in result.stderr
    assert "Traceback" not in result.stderr


def pupils_table(tmp_path: Path) -> Path:
    """The Mathematics file as a school would export it: a pupil name, a pass/fail column, no G3."""
    frame = pd.read_csv(DATA / "student-mat.csv", sep=";")
    frame.insert(0, "pupil", [f"{PUPIL_NAMES[i % 3]} {i}" for i in range(len(frame))])
    frame["result"] = ["pass" if mark >= 10 else "fail" for mark in frame.pop("G3")]
    path = tmp_path / "pupils.csv"
    frame.to_csv(path, sep=";", index=False)
    return path


def test_tabular_eval_on_real_marks_scores_well_and_shows_no_personal_data(tmp_path: Path) -> None:
    csv, out = pupils_table(tmp_path), tmp_path / "metrics.json"
    table = ["--csv", str(csv), "--sep", ";", "--target", "result", "--positive", "fail", "--id", "pupil"]
    inputs = ["--drop", "school", "--drop", "sex", "--folds", "3"]
    result = run_erta("tabular-eval", *table, *inputs, "--json", str(out), home=tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["csv"], report["rows"], report["folds"], report["positive"]) == (
        "pupils.csv",
        395,
        3,
        "fail",
    )
    assert {"pupil", "school", "sex", "result"}.isdisjoint(report["features"])
    assert {"G1", "G2", "absences"} <= set(report["features"])
    assert report["metrics"]["roc_auc"]["mean"] > 0.85
    assert set(report["metrics"]) == {"roc_auc", "pr_auc", "accuracy", "brier"}
    assert all(set(figures) == {"mean", "sd"} for figures in report["metrics"].values())
    shown = result.stdout + result.stderr + out.read_text(encoding="utf-8")
    assert not any(name.split()[0] in shown for name in PUPIL_NAMES)


def write_table(path: Path, rows: int = 30, fails: int = 10) -> Path:
    names = [PUPIL_NAMES[i % 3] for i in range(rows)]
    results = ["fail"] * fails + ["pass"] * (rows - fails)
    pd.DataFrame({"name": names, "mark": [3 + i % 3 for i in range(rows)], "result": results}).to_csv(
        path, index=False
    )
    return path


@pytest.mark.parametrize(
    ("prepare", "options", "message"),
    [
        (lambda p: p, [], "no such file"),
        (lambda p: p.write_text("", encoding="utf-8"), [], "the file is empty"),
        (lambda p: p.write_text("name,mark,result\n", encoding="utf-8"), [], "header but no rows"),
        (write_table, ["--target", "outcome"], "no column 'outcome'; the columns are: name, mark, result"),
        (write_table, ["--positive", "expelled"], "'expelled' never occurs in column 'result'"),
        (lambda p: write_table(p, fails=30), [], "every row of column 'result' is 'fail'"),
        (write_table, ["--id", "pupil_id"], "--id column 'pupil_id' does not exist"),
        (write_table, ["--drop", "age"], "--drop column 'age' does not exist"),
        (lambda p: write_table(p, fails=4), ["--folds", "5"], "only 4 rows have result == 'fail'"),
    ],
    ids=["missing", "empty", "no-rows", "no-target", "no-positive", "one-class", "id", "drop", "minority"],
)
def test_tabular_eval_refuses_unusable_tables_in_one_line(
    tmp_path: Path, prepare: Callable[[Path], object], options: list[str], message: str
) -> None:
    csv = tmp_path / "pupils.csv"
    prepare(csv)
    defaults = ["--csv", str(csv), "--target", "result", "--positive", "fail"]  # options given later win
    result = run_erta("tabular-eval", *defaults, *options, "--json", str(tmp_path / "m.json"), home=tmp_path)
    assert result.returncode == 2
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert line.startswith(f"error: {csv}: ")
    assert message in line
    assert "Traceback" not in result.stderr
    assert not any(name.split()[0] in result.stderr for name in PUPIL_NAMES)
    assert not (tmp_path / "m.json").exists()
