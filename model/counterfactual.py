"""What would change the picture: the smallest realistic change in the top driver that brings the pupil below
the flag threshold, computed with the model itself.

Only changes a pupil and teacher can aim for are tried, in small steps: a subject's average up by a quarter
of a mark at a time (never past 5), absence cut by a quarter at a time, missed LMS work likewise. All
candidate rows are scored in one call, and the first (smallest) one under the threshold is the hint. When
none is, there is no hint: Erta does not promise what the model does not show.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from model.features.names import subject_feature
from model.intervention_catalog import LANGUAGES, Localized
from model.rationales import mark, percent

Risk = Callable[[NDArray[np.float64]], NDArray[np.float64]]
MARK_STEP = 0.25
SHARE_STEPS = (0.75, 0.5, 0.25, 0.0)  # keep this share of the absence or missed work

_SUBJECT = {
    "en": "If {s} marks rose to {b} on average, the risk would fall to {p}, below the flag.",
    "ru": "Если средняя оценка по предмету «{s}» поднимется до {b}, риск снизится до {p} — ниже порога.",
    "uz": "{s} fanidan o'rtacha baho {b} ga ko'tarilsa, xavf {p} gacha tushadi — chegaradan past.",
}
_MARKS = {
    "en": "If marks overall rose to {b} on average, the risk would fall to {p}, below the flag.",
    "ru": "Если средняя оценка по всем предметам поднимется до {b}, риск снизится до {p} — ниже порога.",
    "uz": "Umumiy o'rtacha baho {b} ga ko'tarilsa, xavf {p} gacha tushadi — chegaradan past.",
}
_ATTENDANCE = {
    "en": "If absence fell to {a} of school days, the risk would fall to {p}, below the flag.",
    "ru": "Если пропуски сократятся до {a} учебных дней, риск снизится до {p} — ниже порога.",
    "uz": "Dars qoldirish o'quv kunlarining {a} gacha kamaysa, xavf {p} gacha tushadi — chegaradan past.",
}
_LMS = {
    "en": "If missed LMS work fell to {a}, the risk would fall to {p}, below the flag.",
    "ru": "Если доля пропущенных заданий в LMS снизится до {a}, риск снизится до {p} — ниже порога.",
    "uz": "LMSdagi bajarilmagan topshiriqlar {a} gacha kamaysa, xavf {p} gacha tushadi — chegaradan past.",
}
_ABSENCE = ("recent_absence_rate", "quarter_absence_rate", "unexcused_rate")


@dataclass(frozen=True, slots=True)
class Hint:
    driver_group: str
    probability_before: float
    probability_after: float
    changes: Mapping[str, float]  # feature → the value that would bring the pupil under the threshold
    text: Localized


def counterfactual_hint(
    risk: Risk,
    feature_names: Sequence[str],
    values: Sequence[float | None],
    driver_group: str,
    threshold: float,
) -> Hint | None:
    """The hint for `driver_group` (a subject, "marks", "attendance" or "lms"), or None when no realistic
    change in it brings the risk under `threshold`."""
    index = {name: i for i, name in enumerate(feature_names)}
    row = np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)
    candidates = _candidates(driver_group, row, index)
    if not candidates:
        return None
    matrix = np.vstack([row] + [_apply(row, index, change) for change, _ in candidates])
    scores = risk(matrix)
    before = float(scores[0])
    if before < threshold:
        return None
    for (change, describe), after in zip(candidates, scores[1:], strict=True):
        if after < threshold:
            text = Localized(**{lang: describe(lang, float(after)) for lang in LANGUAGES})
            return Hint(driver_group, before, float(after), change, text)
    return None


Candidate = tuple[dict[str, float], Callable[[str, float], str]]


def _candidates(group: str, row: NDArray[np.float64], index: Mapping[str, int]) -> list[Candidate]:
    if group == "attendance":
        return _shares(row, index, _ABSENCE, _ATTENDANCE)
    if group == "lms":
        return _shares(row, index, ("lms_missed_rate",), _LMS)
    if group == "marks":
        return _raised(row, index, ("marks_recent_mean", "min_subject_recent_mean"), _MARKS, subject="")
    names = (subject_feature(group, "recent_mean"), subject_feature(group, "quarter_mean"))
    if names[0] not in index:
        return []
    return _raised(row, index, names, _SUBJECT, subject=group)


def _raised(
    row: NDArray[np.float64], index: Mapping[str, int], names: Sequence[str], template: Any, *, subject: str
) -> list[Candidate]:
    """The averages raised together, a quarter of a mark at a time, up to 5."""
    current = row[index[names[0]]]
    if not np.isfinite(current):
        return []
    levels = np.arange(current + MARK_STEP, 5.0 + 1e-9, MARK_STEP)
    return [
        (
            {
                name: float(max(level, row[index[name]] if np.isfinite(row[index[name]]) else level))
                for name in names
            },
            _say(template, s=subject, b=float(level)),
        )
        for level in levels
    ]


def _shares(
    row: NDArray[np.float64], index: Mapping[str, int], names: Sequence[str], template: Any
) -> list[Candidate]:
    """The rates cut to a share of what they are; the first name is the one the sentence quotes."""
    present = [name for name in names if name in index and np.isfinite(row[index[name]])]
    if not present or row[index[present[0]]] <= 0:
        return []
    quoted = row[index[present[0]]]
    return [
        ({name: float(row[index[name]] * keep) for name in present}, _say(template, a=float(quoted * keep)))
        for keep in SHARE_STEPS
    ]


def _apply(
    row: NDArray[np.float64], index: Mapping[str, int], change: Mapping[str, float]
) -> NDArray[np.float64]:
    changed = row.copy()
    for name, value in change.items():
        changed[index[name]] = value
    return changed


def _say(
    template: Mapping[str, str], *, s: str = "", b: float | None = None, a: float | None = None
) -> Callable[[str, float], str]:
    def say(language: str, after: float) -> str:
        return template[language].format(
            s=s,
            b=mark(b, language) if b is not None else "",
            a=percent(a) if a is not None else "",
            p=percent(after),
        )

    return say
