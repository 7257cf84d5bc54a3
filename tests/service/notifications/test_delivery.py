"""The outbox against a real SMTP server and a real webhook receiver, on SQLite and PostgreSQL.

Delivered once each; a receiver that is down gets everything later, after backoff; a worker that dies
between send and mark is replaced by another that sends again under the same key; a permanent refusal is
dead with a clear reason; two workers at once never send one row twice; enqueueing is idempotent.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import SecretStr
from sqlalchemy import Engine, select, update

from service.db.engine import make_engine
from service.db.notifications import OutboxMessage
from service.notifications.channels import Channels, message_id
from service.notifications.delivery import ABANDONED, LEASE_SECONDS, claim_next, deliver_due
from service.notifications.outbox import Message, count_by_status, enqueue, enqueue_many
from service.settings import Settings
from tests.service.notifications.conftest import SmtpServer, WebhookReceiver

T0 = datetime(2025, 12, 3, 6, 0, tzinfo=UTC)
BODY = "7-B sinf\n  - o'quvchi S1-7B-01 (Karimov Alisher): Matematika — baholar pasaymoqda"


def email(n: int, to: str = "t{n}@maktab45.uz") -> Message:
    return Message(
        f"digest:T{n}:2025-12-03:email", "email", to.format(n=n), f"Erta: {n}", BODY, {"kind": "digest"}
    )


def webhook(n: int, recipient: str | None = None) -> Message:
    return Message(
        f"digest:T{n}:2025-12-03:webhook", "webhook", recipient or f"10{n}", "", BODY, {"kind": "digest"}
    )


def rows(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        found = connection.execute(select(OutboxMessage).order_by(OutboxMessage.id)).mappings()
        return [dict(row) for row in found]


def utc(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes (stored in UTC); PostgreSQL aware ones."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def reopen(engine: Engine) -> Engine:
    """Another process's engine over the same database: what a restarted worker gets."""
    return make_engine(engine.url.render_as_string(hide_password=False))


def test_each_message_is_delivered_once_to_each_receiver(
    engine: Engine, settings: Settings, smtp: SmtpServer, receiver: WebhookReceiver
) -> None:
    messages = [email(1), email(2), webhook(3), webhook(4, f"{receiver.url}/school-hook")]
    assert enqueue_many(engine, messages, now=T0) == 4
    report = deliver_due(engine, settings, now=T0)
    assert (report.delivered, report.retried, report.dead) == (4, 0, 0)
    assert deliver_due(engine, settings, now=T0 + timedelta(hours=1)).handled == 0
    assert sorted(smtp.keys()) == [messages[0].idempotency_key, messages[1].idempotency_key]
    first = smtp.messages[0]
    assert first["To"] == "t1@maktab45.uz"
    assert first["Subject"] == "Erta: 1"
    assert first["Message-ID"] == message_id(messages[0].idempotency_key, "erta@maktab45.uz")
    assert first.get_content().replace("\r\n", "\n").rstrip("\n") == BODY
    assert receiver.delivered == {messages[2].idempotency_key: 1, messages[3].idempotency_key: 1}
    bot, own = receiver.requests
    assert bot.path == "/bot123456:SECRET-TOKEN/sendMessage"
    assert bot.body == {
        "chat_id": "103",
        "text": BODY,
        "parse_mode": "HTML",
        "erta": {"kind": "digest", "key": messages[2].idempotency_key},
    }
    assert own.path == "/school-hook"
    assert "chat_id" not in own.body
    stored = rows(engine)
    assert {row["status"] for row in stored} == {"delivered"}
    assert all(row["attempts"] == 1 and row["claimed_until"] is None for row in stored)
    assert all(utc(row["delivered_at"]) == T0 and row["last_error"] is None for row in stored)


def test_receivers_that_are_down_get_everything_later_after_backoff(
    engine: Engine, settings: Settings, smtp: SmtpServer, receiver: WebhookReceiver
) -> None:
    enqueue_many(engine, [email(1), webhook(2), webhook(3)], now=T0)
    smtp.down()
    receiver.status = 503
    first = deliver_due(engine, settings, now=T0)
    assert (first.delivered, first.retried, first.dead) == (0, 3, 0)
    assert first.errors == {"connection refused": 1, "HTTP 503": 2}
    assert [utc(row["next_attempt_at"]) for row in rows(engine)] == [T0 + timedelta(seconds=60)] * 3
    assert deliver_due(engine, settings, now=T0 + timedelta(seconds=59)).handled == 0
    receiver.status = None  # the receiver now hangs up without answering
    second = deliver_due(engine, settings, now=T0 + timedelta(seconds=60))
    assert second.retried == 3
    assert second.errors == {"connection refused": 1, "connection closed without a response": 2}
    # 60 s × 2^(2 − 1): the second failure waits twice as long.
    assert {utc(row["next_attempt_at"]) for row in rows(engine)} == {T0 + timedelta(seconds=180)}
    receiver.down()
    third = deliver_due(engine, settings, now=T0 + timedelta(seconds=180))
    assert third.errors == {"connection refused": 3}
    assert {utc(row["next_attempt_at"]) for row in rows(engine)} == {T0 + timedelta(seconds=420)}
    smtp.up()
    receiver.status = 200
    receiver.up()
    last = deliver_due(engine, settings, now=T0 + timedelta(seconds=420))
    assert (last.delivered, last.retried, last.dead) == (3, 0, 0)
    assert smtp.keys() == [email(1).idempotency_key]
    assert receiver.unique_keys() == {webhook(2).idempotency_key, webhook(3).idempotency_key}
    assert [row["attempts"] for row in rows(engine)] == [4, 4, 4]
    assert count_by_status(engine) == {"pending": 0, "delivered": 3, "dead": 0}


def test_a_message_is_given_up_after_the_last_attempt_with_the_reason(
    engine: Engine, settings: Settings, receiver: WebhookReceiver
) -> None:
    enqueue(engine, webhook(1), now=T0)
    receiver.status = 503
    moment = T0
    for attempt in range(1, settings.notify_max_attempts + 1):
        report = deliver_due(engine, settings, now=moment)
        assert report.handled == 1
        moment += timedelta(seconds=60 * 2 ** (attempt - 1))
    (row,) = rows(engine)
    assert (row["status"], row["attempts"]) == ("dead", 4)
    assert row["last_error"] == "HTTP 503; gave up after 4 attempts"
    assert report.dead == 1
    assert deliver_due(engine, settings, now=moment + timedelta(days=1)).handled == 0


@pytest.mark.parametrize("status", [400, 403, 404, 410, 422])
def test_a_permanent_refusal_is_dead_at_once(
    engine: Engine, settings: Settings, receiver: WebhookReceiver, status: int
) -> None:
    enqueue(engine, webhook(1), now=T0)
    receiver.status = status
    report = deliver_due(engine, settings, now=T0)
    assert (report.delivered, report.retried, report.dead) == (0, 0, 1)
    (row,) = rows(engine)
    assert (row["status"], row["attempts"], row["last_error"]) == ("dead", 1, f"HTTP {status}")


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 302])
def test_timeouts_throttling_server_errors_and_redirects_are_retried(
    engine: Engine, settings: Settings, receiver: WebhookReceiver, status: int
) -> None:
    enqueue(engine, webhook(1), now=T0)
    receiver.status = status
    assert deliver_due(engine, settings, now=T0).retried == 1
    (row,) = rows(engine)
    assert (row["status"], row["last_error"]) == ("pending", f"HTTP {status}")


def test_retry_after_is_honoured_when_longer_than_the_backoff(
    engine: Engine, settings: Settings, receiver: WebhookReceiver
) -> None:
    enqueue(engine, webhook(1), now=T0)
    receiver.status, receiver.headers = 429, {"Retry-After": "600"}
    deliver_due(engine, settings, now=T0)
    (row,) = rows(engine)
    assert utc(row["next_attempt_at"]) == T0 + timedelta(seconds=600)


def test_an_unknown_mailbox_is_dead_and_the_others_delivered(
    engine: Engine, settings: Settings, smtp: SmtpServer
) -> None:
    enqueue_many(engine, [email(1), email(2)], now=T0)
    smtp.handler.refused.add("t2@maktab45.uz")
    report = deliver_due(engine, settings, now=T0)
    assert (report.delivered, report.dead) == (1, 1)
    assert [(row["status"], row["last_error"]) for row in rows(engine)] == [
        ("delivered", None),
        ("dead", "SMTP 550 recipient refused"),
    ]


def test_a_restarted_worker_resends_what_a_dead_worker_held_under_the_same_key(
    engine: Engine, settings: Settings, smtp: SmtpServer, receiver: WebhookReceiver
) -> None:
    messages = [email(1), webhook(2), webhook(3), email(4)]
    enqueue_many(engine, messages, now=T0)
    # The first worker claims two rows; it sends the first and dies before marking it, and dies before
    # even sending the second.
    sent = claim_next(engine, T0, settings.notify_max_attempts, LEASE_SECONDS)
    unsent = claim_next(engine, T0, settings.notify_max_attempts, LEASE_SECONDS)
    assert sent is not None
    assert unsent is not None
    with Channels(settings) as channels:
        assert channels.send(sent.message).status == "delivered"
    engine.dispose()
    restarted = reopen(engine)
    try:
        early = deliver_due(restarted, settings, now=T0 + timedelta(seconds=1))
        assert early.delivered == 2  # the two rows nobody held; the dead worker's lease still stands
        late = deliver_due(restarted, settings, now=sent.until)
        assert late.delivered == 2
        assert deliver_due(restarted, settings, now=sent.until + timedelta(hours=1)).handled == 0
        delivered = smtp.keys() + [key for key, n in receiver.delivered.items() for _ in range(n)]
        keys = {message.idempotency_key for message in messages}
        assert set(delivered) == keys  # every key at least once, nothing else
        assert len(delivered) == len(keys) + 1  # the one sent before the crash, once more
        assert delivered.count(sent.message.idempotency_key) == 2
        # The oldest row went first: an e-mail, sent twice with one Message-ID a mail client can dedupe on.
        assert sent.message == messages[0]
        again = [m for m in smtp.messages if m["X-Erta-Idempotency-Key"] == sent.message.idempotency_key]
        assert len(again) == 2
        assert again[0]["Message-ID"] == again[1]["Message-ID"]
        assert {row["status"] for row in rows(restarted)} == {"delivered"}
        by_key = {row["idempotency_key"]: row["attempts"] for row in rows(restarted)}
        assert by_key[sent.message.idempotency_key] == by_key[unsent.message.idempotency_key] == 2
    finally:
        restarted.dispose()


def test_a_worker_that_died_on_the_last_attempt_leaves_a_dead_message_not_a_lost_one(
    engine: Engine, settings: Settings
) -> None:
    enqueue(engine, webhook(1), now=T0)
    with engine.begin() as connection:
        connection.execute(update(OutboxMessage).values(attempts=settings.notify_max_attempts - 1))
    claim = claim_next(engine, T0, settings.notify_max_attempts, LEASE_SECONDS)
    assert claim is not None
    assert claim.attempt == settings.notify_max_attempts
    assert deliver_due(engine, settings, now=T0 + timedelta(seconds=1)).handled == 0
    report = deliver_due(engine, settings, now=claim.until)
    assert report.dead == 1
    assert report.errors == {ABANDONED: 1}
    (row,) = rows(engine)
    assert (row["status"], row["last_error"], row["claimed_until"]) == ("dead", ABANDONED, None)


def test_two_workers_at_once_never_send_the_same_row(
    engine: Engine, settings: Settings, receiver: WebhookReceiver
) -> None:
    messages = [webhook(n) for n in range(40)]
    enqueue_many(engine, messages)
    engines = [reopen(engine), reopen(engine)]
    reports = []

    def work(worker: Engine) -> None:
        reports.append(deliver_due(worker, settings))

    threads = [threading.Thread(target=work, args=(worker,)) for worker in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for worker in engines:
        worker.dispose()
    assert sum(report.delivered for report in reports) == 40
    assert receiver.delivered == {message.idempotency_key: 1 for message in messages}
    assert len(receiver.requests) == 40


def test_enqueue_is_idempotent(engine: Engine) -> None:
    first = email(1)
    assert enqueue(engine, first, now=T0) is True
    changed = Message(first.idempotency_key, "email", "other@maktab45.uz", "changed", "changed")
    assert enqueue(engine, changed, now=T0 + timedelta(hours=1)) is False
    assert enqueue_many(engine, [first, email(2), email(2)], now=T0) == 1
    stored = rows(engine)
    assert [row["idempotency_key"] for row in stored] == [first.idempotency_key, email(2).idempotency_key]
    assert (stored[0]["recipient"], stored[0]["body"], stored[0]["status"]) == (
        "t1@maktab45.uz",
        BODY,
        "pending",
    )


def test_a_message_needs_a_known_channel_a_key_and_a_recipient() -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        Message("k", "sms", "998901234567", "", "")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="idempotency key"):
        Message("", "email", "t@maktab45.uz", "", "")
    with pytest.raises(ValueError, match="recipient"):
        Message("k", "email", " ", "", "")


def test_last_error_never_holds_the_message_the_address_or_the_token(
    engine: Engine, settings: Settings, smtp: SmtpServer, receiver: WebhookReceiver
) -> None:
    outcomes: set[str] = set()
    failures: list[tuple[int | None, bool]] = [(503, True), (None, True), (404, True), (200, False)]
    for n, (status, smtp_up) in enumerate(failures):
        receiver.status = status
        (smtp.up if smtp_up else smtp.down)()
        smtp.handler.refused = {f"t{n}@maktab45.uz"}
        enqueue_many(engine, [email(n), webhook(n)], now=T0)
        deliver_due(engine, settings, now=T0)
    receiver.down()
    enqueue(engine, webhook(9), now=T0)
    deliver_due(engine, settings, now=T0)
    for row in rows(engine):
        if row["last_error"]:
            outcomes.add(row["last_error"])
    assert outcomes == {
        "HTTP 503",
        "HTTP 404",
        "connection closed without a response",
        "connection refused",
        "SMTP 550 recipient refused",
    }
    for error in outcomes:
        assert not any(word in error for word in ("Karimov", "S1-7B-01", "Matematika", "maktab45", "SECRET"))
        assert str(receiver.port) not in error


def test_a_webhook_without_a_url_waits_for_one(engine: Engine, settings: Settings) -> None:
    enqueue(engine, webhook(1), now=T0)
    report = deliver_due(engine, settings.model_copy(update={"webhook_url": None}), now=T0)
    assert report.errors == {"webhook_url is not configured": 1}
    assert rows(engine)[0]["status"] == "pending"


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_smtp_login_is_used_and_a_wrong_password_waits_for_the_operator(
    engine: Engine, settings: Settings
) -> None:
    server = SmtpServer(login=("erta", "correct horse"))
    server.up()
    try:
        enqueue_many(engine, [email(1), email(2)], now=T0)
        configured = settings.model_copy(update={"smtp_port": server.port, "smtp_username": "erta"})
        wrong = configured.model_copy(update={"smtp_password": SecretStr("wrong")})
        report = deliver_due(engine, wrong, now=T0, limit=1)
        assert report.errors == {"SMTP 535 authentication failed": 1}
        right = configured.model_copy(update={"smtp_password": SecretStr("correct horse")})
        assert deliver_due(engine, right, now=T0 + timedelta(minutes=1)).delivered == 2
        assert sorted(server.keys()) == [email(1).idempotency_key, email(2).idempotency_key]
    finally:
        server.down()
