"""Every change an intervention went through: who moved it, when, from which status to which, and their note.

The interventions table holds where support stands now; this table keeps how it got there, so a reviewer or
an auditor can read the whole story. A progress note is a row whose status does not change. The note is only
what staff wrote (checked by the notes guardrail before it is stored), never data Erta adds.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import Base
from service.db.records import SURROGATE_KEY
from service.db.support import INTERVENTION_STATUSES

_STATUSES = ", ".join(repr(status) for status in INTERVENTION_STATUSES)


class InterventionHistory(Base):
    """One move (or progress note) of an intervention; `effective_on` is the day it counts for."""

    __tablename__ = "intervention_history"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    intervention_id: Mapped[int] = mapped_column(
        ForeignKey("interventions.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    effective_on: Mapped[date] = mapped_column(Date)
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(f"from_status IS NULL OR from_status IN ({_STATUSES})", name="from_status"),
        CheckConstraint(f"to_status IN ({_STATUSES})", name="to_status"),
    )
