"""Delivering the outbox: claim a due message for a lease, send it, then record what happened.

At least once, nothing lost. A row is marked delivered only after the send succeeded, so a worker that
dies between the two leaves a claimed row whose lease runs out; the next worker sends it again with the
same idempotency key, which receivers use to drop the repeat. Claims are compare-and-set updates on the
row (pending, due, lease free), so two workers never hold the same row at once, on SQLite or PostgreSQL.
A failed send is retried after `notify_backoff_seconds × 2^(attempts − 1)` until `notify_max_attempts`
sends have been tried; a permanent refusal (unknown mailbox, HTTP 404) is dead at once.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, or_, select, update

from service.db.notifications import LAST_ERROR_LENGTH, OutboxMessage
from service.notifications.channels import Channels, Outcome
from service.notifications.outbox import Message, as_utc
from service.settings import Settings

# Longer than any one send can take (SMTP's 30 s timeout, the webhook's 10 s), so a live worker never
# loses its lease mid-send, yet short enough that a dead worker's rows go out again within minutes.
LEASE_SECONDS = 300.0
# Exponential backoff stops growing here: past a day, waiting longer only delays the news.
BACKOFF_CAP_SECONDS = 24 * 3600.0
CLAIM_TRIES = 5
ABANDONED = "no attempts left (the last one did not finish)"


@dataclass
class DeliveryReport:
    """What a pass did: messages delivered, retries scheduled, messages given up; errors by reason."""

    delivered: int = 0
    retried: int = 0
    dead: int = 0
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def handled(self) -> int:
        return self.delivered + self.retried + self.dead

    def add(self, other: DeliveryReport) -> None:
        self.delivered, self.retried, self.dead = (
            self.delivered + other.delivered,
            self.retried + other.retried,
            self.dead + other.dead,
        )
        for reason, count in other.errors.items():
            self.errors[reason] = self.errors.get(reason, 0) + count

    def count(self, status: str, error: str | None) -> None:
        if status == "delivered":
            self.delivered += 1
        elif status == "retry":
            self.retried += 1
        else:
            self.dead += 1
        if error:
            self.errors[error] = self.errors.get(error, 0) + 1


@dataclass(frozen=True)
class Claim:
    """A row this worker holds until `until`; `attempt` counts this send (the first is 1)."""

    row_id: int
    token: str
    attempt: int
    until: datetime
    message: Message


def deliver_due(
    engine: Engine,
    settings: Settings,
    now: datetime | None = None,
    limit: int = 100,
    *,
    lease_seconds: float = LEASE_SECONDS,
    stop: threading.Event | None = None,
) -> DeliveryReport:
    """Send up to `limit` due messages, one claim at a time, and record each outcome.

    With `now` given, the whole pass runs at that moment (tests and replays); otherwise the clock is read
    at each step, so a backoff counts from the failure and not from the start of the pass. A set `stop`
    ends the pass before the next claim: a worker asked to shut down finishes the send it is in and
    records it, rather than leaving it to be sent again once its lease runs out.
    """
    clock = _clock(now)
    report = DeliveryReport()
    buried = bury_abandoned(engine, clock(), settings.notify_max_attempts)
    if buried:
        report.dead, report.errors[ABANDONED] = buried, buried
    with Channels(settings) as channels:
        for _ in range(limit):
            if stop is not None and stop.is_set():
                break
            claim = claim_next(engine, clock(), settings.notify_max_attempts, lease_seconds)
            if claim is None:
                break
            try:
                outcome = channels.send(claim.message)
            except Exception as error:  # a bug in a channel must not stop the pass or lose the message
                outcome = Outcome("retry", f"unexpected error ({type(error).__name__})")
            status = record(engine, claim, outcome, clock(), settings)
            report.count(status, outcome.error)
    return report


def claim_next(engine: Engine, now: datetime, max_attempts: int, lease_seconds: float) -> Claim | None:
    """Take the oldest due pending row whose lease is free, or None when there is none.

    The candidate is read first, then claimed by an UPDATE that repeats the conditions: if another worker
    took it in between, the update changes nothing and the next candidate is tried.
    """
    now = as_utc(now)
    due = (
        (OutboxMessage.status == "pending")
        & (OutboxMessage.next_attempt_at <= now)
        & (OutboxMessage.attempts < max_attempts)
        & or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until <= now)
    )
    until = now + timedelta(seconds=lease_seconds)
    for _ in range(CLAIM_TRIES):
        with engine.connect() as connection:
            candidate = connection.execute(
                select(OutboxMessage.id)
                .where(due)
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(1)
            ).scalar()
        if candidate is None:
            return None
        token = uuid.uuid4().hex
        with engine.begin() as connection:
            taken = connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == candidate, due)
                .values(claimed_until=until, claim_token=token, attempts=OutboxMessage.attempts + 1)
            )
            if taken.rowcount == 1:
                row = connection.execute(select(OutboxMessage).where(OutboxMessage.id == candidate)).one()
                return Claim(candidate, token, row.attempts, until, _message(row))
    return None


def record(engine: Engine, claim: Claim, outcome: Outcome, now: datetime, settings: Settings) -> str:
    """Write a send's outcome: "delivered", "retry" (scheduled) or "dead"; the status it was given.

    Delivered is written whoever holds the lease now, since the message did reach its receiver; a failure
    is written only under this worker's own claim, so a slow worker cannot undo a newer one's work.
    """
    now = as_utc(now)
    row = update(OutboxMessage).where(OutboxMessage.id == claim.row_id)
    released: dict[str, Any] = {"claimed_until": None, "claim_token": None}
    if outcome.status == "delivered":
        status = "delivered"
        statement = row.where(OutboxMessage.status != "delivered").values(
            status=status, delivered_at=now, last_error=None, **released
        )
    else:
        status, values = _failure(claim, outcome, now, settings)
        statement = row.where(OutboxMessage.claim_token == claim.token).values(values | released)
    with engine.begin() as connection:
        connection.execute(statement)
    return status


def _failure(claim: Claim, outcome: Outcome, now: datetime, settings: Settings) -> tuple[str, dict[str, Any]]:
    """Dead for a permanent refusal or the last allowed attempt; otherwise due again after the backoff."""
    error = short_error(outcome.error or "failed")
    if outcome.status == "dead":
        return "dead", {"status": "dead", "last_error": error}
    if claim.attempt >= settings.notify_max_attempts:
        return "dead", {
            "status": "dead",
            "last_error": short_error(f"{error}; gave up after {claim.attempt} attempts"),
        }
    delay = backoff_seconds(claim.attempt, settings.notify_backoff_seconds, outcome.retry_after)
    return "retry", {"next_attempt_at": now + timedelta(seconds=delay), "last_error": error}


def bury_abandoned(engine: Engine, now: datetime, max_attempts: int) -> int:
    """Mark dead the pending rows with no attempts left and no live lease: a worker died on the last try
    (or the limit was lowered). Without this they would stay pending, never sent and never reported."""
    now = as_utc(now)
    with engine.begin() as connection:
        result = connection.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == "pending",
                OutboxMessage.attempts >= max_attempts,
                or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until <= now),
            )
            .values(status="dead", last_error=ABANDONED, claimed_until=None, claim_token=None)
        )
    return int(result.rowcount)


def backoff_seconds(attempt: int, base: float, retry_after: float | None = None) -> float:
    """`base × 2^(attempt − 1)`, capped at a day, and never sooner than the receiver asked."""
    delay = min(base * 2.0 ** min(attempt - 1, 64), BACKOFF_CAP_SECONDS)
    return max(delay, retry_after or 0.0)


def short_error(text: str) -> str:
    """One line that fits the column; the channels build it from codes and exception types only."""
    line = " ".join(text.split())
    return line if len(line) <= LAST_ERROR_LENGTH else line[: LAST_ERROR_LENGTH - 1] + "…"


def _message(row: Any) -> Message:
    return Message(
        idempotency_key=row.idempotency_key,
        channel="email" if row.channel == "email" else "webhook",
        recipient=row.recipient,
        subject=row.subject,
        body=row.body,
        payload=dict(row.payload or {}),
    )


def _clock(now: datetime | None) -> Callable[[], datetime]:
    if now is not None:
        fixed = as_utc(now)
        return lambda: fixed
    return lambda: datetime.now(UTC)
