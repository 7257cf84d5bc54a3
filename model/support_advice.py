"""What the principal may arrange where a subject slips: methodological support for the teacher, in uz, ru
or en. A proposal only; a person decides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import polars as pl

_RECOMMENDATIONS: Final = {
    "uz": "{label} {subject}: o'qituvchiga metodik yordam (o'rtacha baho {before:.2f} → {now:.2f})",
    "ru": "{label} {subject}: методическая поддержка учителя (средняя оценка {before:.2f} → {now:.2f})",
    "en": "{label} {subject}: methodological support for the teacher (mean mark {before:.2f} → {now:.2f})",
}
LANGUAGES: Final = tuple(_RECOMMENDATIONS)


@dataclass(frozen=True)
class Recommendation:
    """Support the principal may arrange for one slipping class × subject; a person decides."""

    class_id: str
    subject: str
    mean_before: float
    mean_now: float
    text: str


def recommend_support(
    changes: pl.DataFrame, labels: Mapping[str, str] | None = None, *, lang: str = "uz"
) -> list[Recommendation]:
    """One recommendation per slipping row of `class_subject_changes`, the steepest fall first, worded in
    `lang` (uz, ru or en); `labels` maps class ids to the names staff use (7-B)."""
    if lang not in _RECOMMENDATIONS:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    template = _RECOMMENDATIONS[lang]
    slipping = changes.filter(pl.col("slipping") & ~pl.col("suppressed")).sort(
        "change", "class_id", "subject"
    )
    return [
        Recommendation(
            r["class_id"],
            r["subject"],
            r["mean_before"],
            r["mean_now"],
            template.format(
                label=(labels or {}).get(r["class_id"], r["class_id"]),
                subject=r["subject"],
                before=r["mean_before"],
                now=r["mean_now"],
            ),
        )
        for r in slipping.iter_rows(named=True)
    ]
