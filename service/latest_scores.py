"""Which stored score is a pupil's current one: the latest as-of day, then the latest run of that day.

The pupil's page, the flagged list and the principal's mentor plan must agree on it, so the order is
written here once.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import Label, func

from service.db.support import RiskScore

NEWEST_FIRST: Final = (RiskScore.as_of.desc(), RiskScore.scored_at.desc(), RiskScore.id.desc())


def score_rank() -> Label[Any]:
    """`rank`: 1 on each pupil's current score, 2 on the one before it, and so on."""
    return func.row_number().over(partition_by=RiskScore.pupil_id, order_by=NEWEST_FIRST).label("rank")
