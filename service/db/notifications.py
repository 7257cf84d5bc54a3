"""The notification outbox: every e-mail and webhook Erta owes someone, written before it is sent.

A message is a row first and a delivery second, so a crash, a mail server that is down or a restart loses
nothing: a worker claims due rows for a short lease, sends, and only then marks them delivered. The unique
idempotency key makes enqueueing the same message twice a no-op and travels with every send, so a receiver
that sees a message twice (the crash fell between send and mark) can tell it is the same one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Index, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from service.db.base import JSON_DOCUMENT, Base
from service.db.records import SURROGATE_KEY

NOTIFICATION_CHANNELS = ("email", "webhook")
NOTIFICATION_STATUSES = ("pending", "delivered", "dead")
LAST_ERROR_LENGTH = 200


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class OutboxMessage(Base):
    """One message to one recipient over one channel, and how its delivery stands.

    `last_error` holds a short technical reason only ("connection refused", "HTTP 503"), never a word of the
    message, so it can be shown and logged freely. `claim_token` says which worker holds the lease that
    `claimed_until` bounds, so a worker whose lease ran out cannot overwrite the next worker's outcome.
    """

    __tablename__ = "notification_outbox"

    id: Mapped[int] = mapped_column(SURROGATE_KEY, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(LAST_ERROR_LENGTH))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claim_token: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (
        CheckConstraint(_in("channel", NOTIFICATION_CHANNELS), name="channel"),
        CheckConstraint(_in("status", NOTIFICATION_STATUSES), name="status"),
        CheckConstraint("attempts >= 0", name="attempts"),
        # What a worker asks every pass: the pending rows that are due, oldest first.
        Index("ix_notification_outbox_due", "status", "next_attempt_at"),
    )
