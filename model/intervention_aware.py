"""Scoring a risk model fairly once its alerts are acted on: an alert whose help worked is not a false alarm.

A pupil who was flagged, got help and then did not fail looks, to a naïve confusion matrix, like a false
positive: the model "cried wolf". But the help may be why the pupil did not fail. Such a pupil is counted as
"averted" — neither a false alarm nor a true positive — so precision can be read both ways: naïvely (averted
alerts count against the model) and intervention-aware (they are left out of the judgement). A third figure,
counting every averted alert as a hit, bounds precision from above, since some of those pupils would have
passed without help.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Literal

Label = Literal["true_positive", "averted", "false_alarm", "missed", "true_negative"]
LABELS: tuple[Label, ...] = ("true_positive", "averted", "false_alarm", "missed", "true_negative")


@dataclass(frozen=True)
class InterventionAwareCounts:
    """Confusion counts with averted alerts split out, and precision with and without them.

    A precision is None when its denominator is zero (nobody flagged, or only averted alerts for the
    intervention-aware figure); recall is None when no pupil failed. Recall is the same either way, because
    averted pupils did not fail and so are not positives.
    """

    true_positive: int
    averted: int
    false_alarm: int
    missed: int
    true_negative: int
    helped_not_flagged: int

    @property
    def flagged(self) -> int:
        return self.true_positive + self.averted + self.false_alarm

    @property
    def precision_naive(self) -> float | None:
        """Share of alerts whose pupil went on to fail; an averted alert counts as a false alarm."""
        return _share(self.true_positive, self.flagged)

    @property
    def precision_intervention_aware(self) -> float | None:
        """Share of alerts whose pupil went on to fail, among alerts that were not averted by help."""
        return _share(self.true_positive, self.true_positive + self.false_alarm)

    @property
    def precision_upper_bound(self) -> float | None:
        """Share of alerts that were right or whose help worked: every averted alert taken as a hit."""
        return _share(self.true_positive + self.averted, self.flagged)

    @property
    def recall(self) -> float | None:
        """Share of pupils who failed that were flagged."""
        return _share(self.true_positive, self.true_positive + self.missed)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def intervention_aware_labels(
    flagged: Mapping[str, bool],
    outcome_positive: Mapping[str, bool],
    helped_and_improved: Set[str],
) -> dict[str, Label]:
    """Each pupil's label: a flagged pupil who did not fail is "averted" if help worked, else a false alarm.

    flagged and outcome_positive (the pupil failed) must cover the same pupils. A pupil in
    helped_and_improved who failed all the same is a true positive: the help did not avert the failure.
    """
    if flagged.keys() != outcome_positive.keys():
        only_one = sorted(flagged.keys() ^ outcome_positive.keys())
        raise ValueError(f"flagged and outcome_positive must cover the same pupils; differ on {only_one[:5]}")
    unknown = sorted(set(helped_and_improved) - flagged.keys())
    if unknown:
        raise ValueError(f"helped pupils missing from the evaluation: {unknown[:5]}")
    labels: dict[str, Label] = {}
    for pupil, alert in flagged.items():
        failed = outcome_positive[pupil]
        if alert and failed:
            labels[pupil] = "true_positive"
        elif alert:
            labels[pupil] = "averted" if pupil in helped_and_improved else "false_alarm"
        else:
            labels[pupil] = "missed" if failed else "true_negative"
    return labels


def intervention_aware_counts(
    flagged: Mapping[str, bool],
    outcome_positive: Mapping[str, bool],
    helped_and_improved: Set[str],
) -> InterventionAwareCounts:
    """Confusion counts over intervention_aware_labels, with the precisions they give.

    helped_not_flagged counts pupils helped without an alert (a teacher's own judgement): they say nothing
    about the model's alerts and stay in the cell their flag and outcome put them in.
    """
    labels = intervention_aware_labels(flagged, outcome_positive, helped_and_improved)
    counts = Counter(labels.values())
    return InterventionAwareCounts(
        true_positive=counts["true_positive"],
        averted=counts["averted"],
        false_alarm=counts["false_alarm"],
        missed=counts["missed"],
        true_negative=counts["true_negative"],
        helped_not_flagged=sum(1 for pupil in helped_and_improved if not flagged[pupil]),
    )
