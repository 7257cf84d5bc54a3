"""Promotion gates: a new model version replaces the champion only if it is as good, calibrated and fair.

Thresholds follow DESIGN "Guardrails": ROC-AUC no more than 0.01 below the champion, Brier score not
worse, expected calibration error at most 0.05, and every assessed group's FNR and FPR ratio within
0.8-1.25 of the largest group. With no champion yet, the comparisons pass and the absolute gates decide.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass

AUC_TOLERANCE = 0.01
MAX_ECE = 0.05
FLOAT_TOLERANCE = 1e-9  # equal is not worse; float noise is not a regression


@dataclass(frozen=True)
class GateCheck:
    name: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class GateDecision:
    checks: tuple[GateCheck, ...]

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.checks)

    def as_tags(self) -> dict[str, str]:
        """MLflow tags recording every check and the overall result."""
        tags = {f"gate.{c.name}": ("pass" if c.passed else "fail") + f": {c.detail}" for c in self.checks}
        tags["gate.result"] = "pass" if self.passed else "fail"
        return tags

    def as_dict(self) -> dict[str, object]:
        return {"passed": self.passed, "checks": [asdict(c) for c in self.checks]}


def decide(
    candidate: Mapping[str, float],
    champion: Mapping[str, float] | None,
    fairness_problems: Sequence[str],
) -> GateDecision:
    """Check the candidate's test metrics (roc_auc, brier, ece) against the champion's and fixed limits."""
    auc, brier, ece = candidate["roc_auc"], candidate["brier"], candidate["ece"]
    if champion is None:
        auc_check = GateCheck("auc", True, f"AUC {auc:.4f}; no champion to compare with")
        brier_check = GateCheck("brier", True, f"Brier {brier:.4f}; no champion to compare with")
    else:
        floor = champion["roc_auc"] - AUC_TOLERANCE
        auc_check = GateCheck(
            "auc",
            auc >= floor - FLOAT_TOLERANCE,
            f"AUC {auc:.4f} vs champion {champion['roc_auc']:.4f} (floor {floor:.4f})",
        )
        brier_check = GateCheck(
            "brier",
            brier <= champion["brier"] + FLOAT_TOLERANCE,
            f"Brier {brier:.4f} vs champion {champion['brier']:.4f}",
        )
    ece_check = GateCheck("ece", ece <= MAX_ECE, f"ECE {ece:.4f} (limit {MAX_ECE})")
    fairness_check = GateCheck(
        "fairness",
        not fairness_problems,
        "; ".join(fairness_problems) if fairness_problems else "all assessed groups within 0.8-1.25",
    )
    return GateDecision((auc_check, brier_check, ece_check, fairness_check))
