from __future__ import annotations

import pytest

from training.gates import AUC_TOLERANCE, MAX_ECE, decide

CHAMPION = {"roc_auc": 0.80, "brier": 0.120, "ece": 0.020}
GOOD = {"roc_auc": 0.80, "brier": 0.120, "ece": 0.020}


def candidate(**changes: float) -> dict[str, float]:
    return GOOD | changes


@pytest.mark.parametrize(
    ("metrics", "champion", "problems", "failed"),
    [
        pytest.param(candidate(), None, [], set(), id="first model, good ECE, fair"),
        pytest.param(candidate(roc_auc=0.51, brier=0.3), None, [], set(), id="first model is not compared"),
        pytest.param(candidate(ece=0.2), None, [], {"ece"}, id="first model still needs calibration"),
        pytest.param(candidate(), None, ["sex=F: FNR ratio 1.40"], {"fairness"}, id="first model still fair"),
        pytest.param(candidate(roc_auc=0.80 - AUC_TOLERANCE), CHAMPION, [], set(), id="AUC exactly at floor"),
        pytest.param(
            candidate(roc_auc=0.8212), CHAMPION | {"roc_auc": 0.8312}, [], set(), id="AUC 0.01 below"
        ),
        pytest.param(
            candidate(roc_auc=0.80 - AUC_TOLERANCE - 1e-6), CHAMPION, [], {"auc"}, id="AUC a hair below"
        ),
        pytest.param(candidate(roc_auc=0.95), CHAMPION, [], set(), id="better AUC"),
        pytest.param(candidate(brier=0.120), CHAMPION, [], set(), id="equal Brier"),
        pytest.param(candidate(brier=0.1201), CHAMPION, [], {"brier"}, id="worse Brier"),
        pytest.param(candidate(brier=0.05), CHAMPION, [], set(), id="better Brier"),
        pytest.param(candidate(ece=MAX_ECE), CHAMPION, [], set(), id="ECE at limit"),
        pytest.param(candidate(ece=0.0501), CHAMPION, [], {"ece"}, id="ECE above limit"),
        pytest.param(candidate(), CHAMPION, ["region=Xorazm: FPR ratio 0.70"], {"fairness"}, id="unfair"),
        pytest.param(
            candidate(roc_auc=0.5, brier=0.3, ece=0.3),
            CHAMPION,
            ["sex=M: FNR ratio 1.30"],
            {"auc", "brier", "ece", "fairness"},
            id="everything fails",
        ),
    ],
)
def test_decide(
    metrics: dict[str, float], champion: dict[str, float] | None, problems: list[str], failed: set[str]
) -> None:
    decision = decide(metrics, champion, problems)
    assert {check.name for check in decision.checks if not check.passed} == failed
    assert decision.passed is (not failed)


def test_fairness_problems_are_written_into_the_detail() -> None:
    problems = ["sex=F: FNR ratio 1.40", "language=ru: FPR ratio 0.61"]
    decision = decide(GOOD, CHAMPION, problems)
    fairness = next(check for check in decision.checks if check.name == "fairness")
    assert not fairness.passed
    for problem in problems:
        assert problem in fairness.detail
        assert problem in decision.as_tags()["gate.fairness"]


def test_tags_hold_the_result_and_one_entry_per_check() -> None:
    decision = decide(candidate(ece=0.07), CHAMPION, [])
    tags = decision.as_tags()
    assert set(tags) == {"gate.result", "gate.auc", "gate.brier", "gate.ece", "gate.fairness"}
    assert tags["gate.result"] == "fail"
    assert tags["gate.ece"].startswith("fail: ECE 0.0700")
    assert tags["gate.auc"].startswith("pass: ")
    assert decide(GOOD, CHAMPION, []).as_tags()["gate.result"] == "pass"


def test_dict_lists_every_check_with_its_outcome() -> None:
    as_dict = decide(candidate(roc_auc=0.7), CHAMPION, []).as_dict()
    assert as_dict["passed"] is False
    checks = as_dict["checks"]
    assert isinstance(checks, list)
    assert [(c["name"], c["passed"]) for c in checks] == [
        ("auc", False),
        ("brier", True),
        ("ece", True),
        ("fairness", True),
    ]
    assert all(isinstance(c["detail"], str) and c["detail"] for c in checks)


def test_first_model_says_there_is_no_champion() -> None:
    tags = decide(GOOD, None, []).as_tags()
    assert "no champion" in tags["gate.auc"]
    assert "no champion" in tags["gate.brier"]
