"""What Erta adds on top of the e-diary: risk scores with their drivers, alerts, and interventions.

Statuses are constrained in the database so that no code path can store a state the lifecycle does not know.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import JSON_DOCUMENT, Base
from service.db.records import SUBJECT, SURROGATE_KEY

ALERT_STATUSES = ("open", "acknowledged", "snoozed", "closed")
LIVE_ALERT = "status <> 'closed'"
INTERVENTION_STATUSES = ("proposed", "accepted", "in_progress", "completed", "declined")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class RiskScore(Base):
    """A model's calibrated probability for a pupil at an as-of date, with the drivers behind it."""

    __tablename__ = "risk_scores"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    pupil_id: Mapped[str] = mapped_column(ForeignKey("pupils.pupil_id"))
    as_of: Mapped[date] = mapped_column(Date)
    model_version: Mapped[str] = mapped_column(String(32))
    probability: Mapped[float] = mapped_column(Float)
    tier: Mapped[str] = mapped_column(String(16))
    insufficient_data: Mapped[bool] = mapped_column(Boolean, default=False)
    drivers: Mapped[list[dict[str, Any]]] = mapped_column(JSON_DOCUMENT, default=list)
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (
        UniqueConstraint("pupil_id", "as_of", "model_version"),
        CheckConstraint("probability BETWEEN 0 AND 1", name="probability"),
    )


class Alert(Base):
    """A signal to a member of staff: the model's flag or a trend rule (falling marks, absence streak…)."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    pupil_id: Mapped[str] = mapped_column(ForeignKey("pupils.pupil_id"))
    reason: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(SUBJECT, default="")
    tier: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="open")
    recipient_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.staff_id"), index=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    snoozed_until: Mapped[date | None] = mapped_column(Date)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The alert policy counts whole days from the day a job ran as of (which may be a past one), so each
    # of its dates is kept as that day rather than derived from the wall-clock timestamps above.
    opened_on: Mapped[date | None] = mapped_column(Date)
    last_notified_on: Mapped[date | None] = mapped_column(Date)
    notified_tier: Mapped[str | None] = mapped_column(String(16))
    acknowledged_on: Mapped[date | None] = mapped_column(Date)
    escalated_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        CheckConstraint(_in("status", ALERT_STATUSES), name="status"),
        Index("ix_alerts_pupil_reason", "pupil_id", "reason", "subject"),
        # At most one live alert per pupil × reason × subject × recipient, whoever writes it.
        Index(
            "ix_alerts_live_key",
            "pupil_id",
            "reason",
            "subject",
            "recipient_staff_id",
            unique=True,
            sqlite_where=text(LIVE_ALERT),
            postgresql_where=text(LIVE_ALERT),
        ),
    )


class Intervention(Base):
    """Support for a pupil, proposed by Erta or staff; nothing happens without a named reviewer."""

    __tablename__ = "interventions"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    pupil_id: Mapped[str] = mapped_column(ForeignKey("pupils.pupil_id"), index=True)
    kind: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str] = mapped_column(SUBJECT, default="")
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    rationale: Mapped[str] = mapped_column(Text, default="")
    proposed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewer: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    owner_staff_id: Mapped[str | None] = mapped_column(ForeignKey("staff.staff_id"), index=True)
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    __table_args__ = (CheckConstraint(_in("status", INTERVENTION_STATUSES), name="status"),)
