"""The UCI reproduction: inputs per setup, labels, the paper's figures and a reduced run of the protocol."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from training.uci import (
    BOOSTER_BY_SETUP,
    PAPER_BEST_PCC,
    SETUPS,
    CellResult,
    Setup,
    describe_protocol,
    fail_labels,
    load_subject,
    reproduce_cell,
    select_features,
)

# A byte-for-byte copy of the public UCI data (CC BY 4.0, see its README), so a clean checkout tests itself.
DATA = Path(__file__).resolve().parents[1] / "data" / "uci-student-performance"


@pytest.fixture(scope="module")
def mathematics() -> pd.DataFrame:
    return load_subject(DATA, "mathematics")


@pytest.fixture(scope="module")
def portuguese() -> pd.DataFrame:
    return load_subject(DATA, "portuguese")


@pytest.mark.parametrize(
    ("setup", "marks_in", "marks_out"),
    [("A", {"G1", "G2"}, {"G3"}), ("B", {"G1"}, {"G2", "G3"}), ("C", set(), {"G1", "G2", "G3"})],
)
def test_each_setup_withholds_exactly_its_marks(
    mathematics: pd.DataFrame, setup: Setup, marks_in: set[str], marks_out: set[str]
) -> None:
    inputs = set(select_features(mathematics, setup).columns)
    assert marks_in <= inputs
    assert not marks_out & inputs
    assert inputs | marks_out == set(mathematics.columns)


def test_text_columns_are_categories_and_quoted_marks_are_integers(mathematics: pd.DataFrame) -> None:
    assert isinstance(mathematics["Mjob"].dtype, pd.CategoricalDtype)
    for mark in ("G1", "G2", "G3"):
        assert pd.api.types.is_integer_dtype(mathematics[mark])


def test_fail_labels_match_the_published_balance(mathematics: pd.DataFrame, portuguese: pd.DataFrame) -> None:
    assert (len(mathematics), int(fail_labels(mathematics).sum())) == (395, 130)
    assert (len(portuguese), int(fail_labels(portuguese).sum())) == (649, 100)


def test_a_file_that_is_not_the_uci_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "student-mat.csv").write_text("school;age\nGP;15\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"student-mat\.csv: column\(s\) G1, G2, G3 missing"):
        load_subject(tmp_path, "mathematics")


def test_the_paper_table_covers_both_subjects_and_all_setups() -> None:
    assert len(PAPER_BEST_PCC) == 6
    assert PAPER_BEST_PCC[("mathematics", "C")] == 70.6
    assert PAPER_BEST_PCC[("portuguese", "B")] == 90.1
    assert set(BOOSTER_BY_SETUP) == set(SETUPS)
    assert set(describe_protocol(runs=20, folds=10, seed=0)["boosters"]) == set(SETUPS)


@pytest.mark.parametrize(("pcc", "beats"), [(91.86, True), (91.84, False), (92.4, True)])
def test_matching_is_judged_at_the_papers_precision(pcc: float, beats: bool) -> None:
    cell = CellResult("mathematics", "A", pcc=pcc, pcc_sd=0.5, auc=0.9, auc_sd=0.01, rows=395)
    assert cell.beats_paper is beats
    assert cell.as_dict()["paper_pcc"] == 91.9


def test_a_reduced_protocol_learns_and_counts_every_fit(portuguese: pd.DataFrame) -> None:
    fits: list[int] = []
    cell = reproduce_cell(
        portuguese, "portuguese", "B", runs=2, folds=3, seed=0, on_fit=lambda: fits.append(1)
    )
    assert len(fits) == 6
    assert cell.rows == 649
    assert cell.pcc > 86.0  # above the 84.6% of always predicting "pass"
    assert cell.auc > 0.85
    assert cell.pcc_sd >= 0.0


@pytest.mark.parametrize("name", ["student-mat.csv", "student-por.csv"])
def test_the_copied_data_is_byte_for_byte_the_published_files(name: str) -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert f"| {name} " in readme
    assert digest in readme
