"""Putting messages in the outbox: idempotent, so whoever enqueues may simply do it again after a failure.

The idempotency key names what a message is about ("digest:T1:2025-12-03:email"), not when it was queued,
so re-running the job that produced it finds the row already there and adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.dialects import postgresql, sqlite

from service.db.notifications import NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES, OutboxMessage

Channel = Literal["email", "webhook"]
KEY_LENGTH = 200


@dataclass(frozen=True)
class Message:
    """A message to one recipient: an e-mail address for "email", a chat id or a URL for "webhook".

    `payload` is structured data for machines (the webhook's `erta` object); keep it to ids, days and
    counts, as it is stored and may be forwarded.
    """

    idempotency_key: str
    channel: Channel
    recipient: str
    subject: str
    body: str
    payload: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.channel not in NOTIFICATION_CHANNELS:
            raise ValueError(f"unknown channel {self.channel!r}; expected one of {NOTIFICATION_CHANNELS}")
        if not self.idempotency_key or len(self.idempotency_key) > KEY_LENGTH:
            raise ValueError(f"an idempotency key needs 1 to {KEY_LENGTH} characters")
        if not self.recipient.strip():
            raise ValueError("a message needs a recipient")


def enqueue(engine: Engine, message: Message, now: datetime | None = None) -> bool:
    """Store `message` as pending and due now; False (and nothing changed) when its key is already queued."""
    with engine.begin() as connection:
        return enqueue_on(connection, message, now)


def enqueue_many(engine: Engine, messages: Iterable[Message], now: datetime | None = None) -> int:
    """Store several messages in one transaction; the number that were new."""
    with engine.begin() as connection:
        return sum(enqueue_on(connection, message, now) for message in messages)


def enqueue_on(connection: Connection, message: Message, now: datetime | None = None) -> bool:
    """Enqueue inside the caller's transaction, so a message can be committed with what caused it.

    INSERT … ON CONFLICT DO NOTHING rather than catching IntegrityError: on PostgreSQL a failed insert
    would abort the caller's whole transaction.
    """
    moment = as_utc(now or datetime.now(UTC))
    values = {
        "idempotency_key": message.idempotency_key,
        "channel": message.channel,
        "recipient": message.recipient,
        "subject": message.subject,
        "body": message.body,
        "payload": dict(message.payload),
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": moment,
        "created_at": moment,
    }
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(OutboxMessage).values(values)
    statement = statement.on_conflict_do_nothing(index_elements=["idempotency_key"])
    # RETURNING rather than rowcount: with RETURNING in play (SQLAlchemy adds it for the new id on
    # PostgreSQL) the driver's rowcount is -1, but a row comes back only when one was inserted.
    return connection.execute(statement.returning(OutboxMessage.id)).first() is not None


def count_by_status(engine: Engine) -> dict[str, int]:
    """How many messages are pending, delivered and dead (every status listed, zeros included)."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
    found = {status: int(count) for status, count in rows}
    return {status: found.get(status, 0) for status in NOTIFICATION_STATUSES}


@dataclass(frozen=True)
class DeadMessage:
    """A message given up on, as an operator sees it: which key, how often tried, and why it failed."""

    id: int
    idempotency_key: str
    channel: str
    attempts: int
    last_error: str | None


def count_due(engine: Engine, now: datetime | None = None) -> int:
    """Pending messages whose next attempt is due (a claimed one included: it is being sent)."""
    moment = as_utc(now or datetime.now(UTC))
    with engine.connect() as connection:
        return int(
            connection.execute(
                select(func.count()).where(
                    OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= moment
                )
            ).scalar_one()
        )


def list_dead(engine: Engine, limit: int = 20) -> list[DeadMessage]:
    """The most recent dead messages, newest first; their text is not read."""
    columns = (
        OutboxMessage.id,
        OutboxMessage.idempotency_key,
        OutboxMessage.channel,
        OutboxMessage.attempts,
        OutboxMessage.last_error,
    )
    statement = select(*columns).where(OutboxMessage.status == "dead").order_by(OutboxMessage.id.desc())
    with engine.connect() as connection:
        return [DeadMessage(*row) for row in connection.execute(statement.limit(limit))]


def as_utc(moment: datetime) -> datetime:
    """SQLite keeps no time zone, so every moment is stored and compared in UTC; naive means UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
