"""`erta notify enqueue | run --once | status` through Typer's runner, against the real receivers.

Settings come from ERTA_* variables as an operator would set them; no command prints a message's text.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, update
from typer.testing import CliRunner, Result

from service.alerts_job import run_alerts
from service.cli.main import app
from service.db.notifications import OutboxMessage
from service.notifications.outbox import Message, enqueue_many
from tests.service.notifications.conftest import SmtpServer, WebhookReceiver
from tests.service.test_alerts_job import AS_OF, FALLS, load_school


@pytest.fixture
def erta(
    engine: Engine,
    smtp: SmtpServer,
    receiver: WebhookReceiver,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Engine:
    monkeypatch.chdir(tmp_path)
    variables = {
        "ERTA_HOME": str(tmp_path / "home"),
        "ERTA_DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "ERTA_SMTP_HOST": "127.0.0.1",
        "ERTA_SMTP_PORT": str(smtp.port),
        "ERTA_SMTP_SENDER": "erta@maktab45.uz",
        "ERTA_WEBHOOK_URL": f"{receiver.url}/bot1:TOKEN/sendMessage",
        "ERTA_NOTIFY_BACKOFF_SECONDS": "60",
        "ERTA_NOTIFY_MAX_ATTEMPTS": "3",
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return engine


ERTA = str(Path(sys.executable).with_name("erta"))


def notify(*args: str) -> Result:
    return CliRunner().invoke(app, ["notify", *args])


def make_due(engine: Engine) -> None:
    """Jump past every backoff: the CLI runs on the wall clock."""
    with engine.begin() as connection:
        past = datetime.now(UTC) - timedelta(seconds=1)
        connection.execute(update(OutboxMessage).values(next_attempt_at=past))


def test_run_once_delivers_schedules_retries_and_status_counts(
    erta: Engine, receiver: WebhookReceiver
) -> None:
    body = f"o'quvchi {FALLS}: Matematika"
    enqueue_many(
        erta,
        [
            Message("digest:T1:2025-12-03:email", "email", "t1@maktab45.uz", "Erta", body),
            Message("digest:T2:2025-12-03:email", "email", "t2@maktab45.uz", "Erta", body),
            Message("digest:T3:2025-12-03:webhook", "webhook", "5003", "", body),
        ],
    )
    receiver.status = 503
    first = notify("run", "--once")
    assert first.exit_code == 0, first.output
    assert "Delivered: 2, retry scheduled: 1, dead: 0" in first.stderr
    assert "  HTTP 503: 1" in first.stderr
    status = notify("status")
    assert status.exit_code == 0, status.output
    assert status.stderr.splitlines() == ["pending: 1, delivered: 2, dead: 0", "due now: 0"]
    receiver.status = 404
    make_due(erta)
    second = notify("run", "--once")
    assert "Delivered: 0, retry scheduled: 0, dead: 1" in second.stderr
    dead = notify("status")
    assert dead.stderr.splitlines()[0] == "pending: 0, delivered: 2, dead: 1"
    assert (
        dead.stderr.splitlines()[2] == "dead #3 webhook digest:T3:2025-12-03:webhook, 2 attempt(s): HTTP 404"
    )
    assert not any(FALLS in result.output for result in (first, status, second, dead))


def test_run_once_with_nothing_to_do(erta: Engine) -> None:
    result = notify("run", "--once")
    assert result.exit_code == 0, result.output
    assert "Delivered: 0, retry scheduled: 0, dead: 0" in result.stderr


def test_enqueue_queues_the_days_digests_once_and_run_delivers_them(
    erta: Engine, tmp_path: Path, smtp: SmtpServer, receiver: WebhookReceiver
) -> None:
    load_school(erta)
    run_alerts(erta, as_of=AS_OF)
    contacts = tmp_path / "contacts.csv"
    contacts.write_text(
        "staff_id,channel,recipient,language\nT1,email,t1@maktab45.uz,uz\nT1,webhook,5001,uz\n"
        "T2,email,t2@maktab45.uz,ru\n",
        encoding="utf-8",
    )
    args = ("enqueue", "--addresses", str(contacts), "--as-of", AS_OF.isoformat())
    first = notify(*args)
    assert first.exit_code == 0, first.output
    assert f"Notifications for {AS_OF}: 3 queued, 0 already queued." in first.stderr
    assert "No contact for: T5" in first.stderr
    again = notify(*args)
    assert f"Notifications for {AS_OF}: 0 queued, 3 already queued." in again.stderr
    sent = notify("run", "--once")
    assert "Delivered: 3, retry scheduled: 0, dead: 0" in sent.stderr
    assert len(smtp.messages) == 2
    assert len(receiver.requests) == 1


def test_enqueue_with_a_bad_address_book_names_the_line_and_exits_two(erta: Engine, tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("staff_id,channel,recipient\nT1,sms,998901234567\n", encoding="utf-8")
    result = notify("enqueue", "--addresses", str(contacts))
    assert result.exit_code == 2
    assert "contacts.csv:2: channel must be one of email, webhook" in result.stderr
    assert "998901234567" not in result.output


def wait_for(condition: Callable[[], bool], seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_run_without_once_keeps_delivering_until_stopped(erta: Engine, receiver: WebhookReceiver) -> None:
    """The long-running worker, as a service manager runs it: a real process, stopped with SIGTERM as soon
    as the last message arrived, which it still records before it exits."""
    # The ERTA_* variables and the working folder the fixture set are inherited.
    worker = subprocess.Popen([ERTA, "notify", "run", "--interval", "0.1"], stderr=subprocess.PIPE, text=True)
    try:
        enqueue_many(erta, [Message("k1", "webhook", "5001", "", "first")])
        wait_for(lambda: "k1" in receiver.delivered)
        enqueue_many(erta, [Message("k2", "webhook", "5001", "", "second")])
        wait_for(lambda: "k2" in receiver.delivered)
    finally:
        worker.send_signal(signal.SIGTERM)
        _, stderr = worker.communicate(timeout=60)
    assert worker.returncode == 0, stderr
    lines = stderr.splitlines()
    assert lines[-2:] == ["Stopped.", "Delivered: 2, retry scheduled: 0, dead: 0"]
    assert receiver.delivered == {"k1": 1, "k2": 1}
