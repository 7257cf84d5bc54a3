"""The class teacher's "flagged pupils" table: readable pupils whose latest nightly risk is above low, most
urgent first, with the stored drivers' sentences and the last marks for a sparkline.

Reads only what `erta score --all` stored in `risk_scores`; nothing is scored here. Pupils whose consent is
revoked are left out, as everywhere a pupil is flagged. The caller decides the scope; this module only reads.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from sqlalchemy import ColumnElement, Connection, Subquery, case, func, select

from model.alert_policy import TIERS
from service.db.records import Mark
from service.db.school import Pupil, SchoolClass
from service.db.support import Alert, RiskScore
from service.latest_scores import score_rank
from service.pupil_records import REVOKED

LOW: Final = TIERS[0]
FLAGGED: Final = TIERS[1:]  # every tier above low, in rising order
REASONS: Final = 3
SPARKLINE: Final = 10
SPARKLINE_KINDS: Final = ("daily", "test")


@dataclass(frozen=True)
class FlaggedList:
    items: list[dict[str, Any]]
    total: int
    as_of: date | None  # the newest nightly run among all the flagged pupils, not only this page's


def flagged_pupils(
    connection: Connection,
    scope: ColumnElement[bool],
    language: str,
    *,
    class_id: str | None,
    staff_id: str | None,
    limit: int,
    offset: int,
) -> FlaggedList:
    """A page of the pupils within `scope` (and `class_id`) flagged by their latest stored score."""
    latest = _latest_scores(scope)
    urgency = case({tier: rank for rank, tier in enumerate(reversed(FLAGGED))}, value=latest.c.tier)
    query = (
        select(
            Pupil.pupil_id,
            Pupil.full_name,
            Pupil.class_id,
            SchoolClass.label,
            latest.c.tier,
            latest.c.probability,
            latest.c.as_of,
            latest.c.drivers,
        )
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .join(latest, (latest.c.pupil_id == Pupil.pupil_id) & (latest.c.rank == 1))
        .where(scope, Pupil.consent != REVOKED, latest.c.tier.in_(FLAGGED))
    )
    if class_id is not None:
        query = query.where(Pupil.class_id == class_id)
    counted = query.subquery()
    total, newest = connection.execute(select(func.count(), func.max(counted.c.as_of))).one()
    rows = connection.execute(
        query.order_by(urgency, latest.c.probability.desc(), Pupil.full_name, Pupil.pupil_id)
        .limit(limit)
        .offset(offset)
    ).all()
    pupils = [row.pupil_id for row in rows]
    marks = _recent_marks(connection, pupils)
    alerts = _open_alerts(connection, pupils, staff_id)
    items = [
        {
            "pupil_id": row.pupil_id,
            "full_name": row.full_name,
            "class_id": row.class_id,
            "class_label": row.label,
            "tier": row.tier,
            "probability": row.probability,
            "probability_band": probability_band(row.probability),
            "as_of": row.as_of,
            "top_reasons": top_reasons(row.drivers, language),
            "recent_marks": marks.get(row.pupil_id, []),
            "open_alerts": alerts.get(row.pupil_id, 0),
        }
        for row in rows
    ]
    return FlaggedList(items, int(total), newest)


def probability_band(probability: float) -> str:
    """The 10-point band the probability falls in, as a teacher reads it: 0.64 → "60–70%"."""
    # Rounded first so that 0.7, stored as 0.69999…, lands in its own band; 100% belongs to the top one.
    low = min(9, math.floor(round(probability * 100, 6) / 10)) * 10
    return f"{low}–{low + 10}%"


def top_reasons(drivers: list[dict[str, Any]], language: str) -> list[str]:
    """The sentences of the drivers raising the risk most, largest first; those lowering it are no reason."""
    raising = sorted(
        (d for d in drivers if float(d.get("contribution", 0.0)) > 0),
        key=lambda d: -float(d["contribution"]),
    )
    texts = ((d.get("text") or {}).get(language, "") for d in raising)
    return [text for text in texts if text][:REASONS]


def _latest_scores(scope: ColumnElement[bool]) -> Subquery:
    """Each readable pupil's latest stored score, as the pupil's page picks it, ranked 1."""
    readable = select(Pupil.pupil_id).where(scope)
    return (
        select(
            RiskScore.pupil_id,
            RiskScore.tier,
            RiskScore.probability,
            RiskScore.as_of,
            RiskScore.drivers,
            score_rank(),
        )
        .where(RiskScore.pupil_id.in_(readable))
        .subquery()
    )


def _recent_marks(connection: Connection, pupils: list[str]) -> dict[str, list[int]]:
    """Each pupil's last daily and test marks, oldest first (same day: by subject, then kind)."""
    if not pupils:
        return {}
    order = (Mark.date.desc(), Mark.subject.desc(), Mark.kind.desc())
    ranked = (
        select(
            Mark.pupil_id,
            Mark.mark,
            func.row_number().over(partition_by=Mark.pupil_id, order_by=order).label("rank"),
        )
        .where(Mark.pupil_id.in_(pupils), Mark.kind.in_(SPARKLINE_KINDS))
        .subquery()
    )
    rows = connection.execute(
        select(ranked.c.pupil_id, ranked.c.mark)
        .where(ranked.c.rank <= SPARKLINE)
        .order_by(ranked.c.pupil_id, ranked.c.rank.desc())
    )
    marks: dict[str, list[int]] = defaultdict(list)
    for pupil_id, mark in rows:
        marks[pupil_id].append(int(mark))
    return marks


def _open_alerts(connection: Connection, pupils: list[str], staff_id: str | None) -> dict[str, int]:
    """How many open alerts about each pupil are addressed to this member of staff."""
    if not pupils or staff_id is None:
        return {}
    rows = connection.execute(
        select(Alert.pupil_id, func.count())
        .where(Alert.pupil_id.in_(pupils), Alert.status == "open", Alert.recipient_staff_id == staff_id)
        .group_by(Alert.pupil_id)
    )
    return {pupil_id: int(count) for pupil_id, count in rows}
