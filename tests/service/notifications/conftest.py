"""Real receivers for the outbox to talk to: an SMTP server (aiosmtpd) and an HTTP webhook receiver.

Both listen on 127.0.0.1 on a free port, record what they are sent, and can be taken down and brought back
on the same port, so a test can show a message waiting through an outage and arriving afterwards. The
webhook receiver answers with whatever status a test sets, or closes the connection without answering,
and dedupes on the Idempotency-Key header the way a receiver of at-least-once messages must.
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session

from service.settings import Settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class MailHandler:
    """Keeps every accepted message; refuses the RCPT of addresses in `refused` with a 550."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.refused: set[str] = set()

    async def handle_RCPT(  # noqa: N802  (aiosmtpd's hook names)
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address in self.refused:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        content = envelope.original_content or b""
        parsed = message_from_bytes(content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 Message accepted for delivery"


class SmtpServer:
    """An SMTP server that can go down (the port refuses connections) and come back on the same port;
    with `login`, it requires AUTH with that user name and password (over plain text: a test server)."""

    def __init__(self, login: tuple[str, str] | None = None) -> None:
        self.port = free_port()
        self.handler = MailHandler()
        self.login = login
        self._controller: Controller | None = None

    def up(self) -> None:
        if self._controller is None:
            options: dict[str, Any] = {}
            if self.login is not None:
                options = {"auth_require_tls": False, "auth_required": True, "authenticator": self._check}
            self._controller = Controller(self.handler, hostname="127.0.0.1", port=self.port, **options)
            self._controller.start()

    def _check(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        user, password = self.login or ("", "")
        accepted = (data.login, data.password) == (user.encode(), password.encode())
        return AuthResult(success=accepted, handled=False)  # handled=False: aiosmtpd answers 235 or 535

    def down(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def keys(self) -> list[str]:
        return [str(message["X-Erta-Idempotency-Key"]) for message in self.messages]


@dataclass
class WebhookRequest:
    path: str
    idempotency_key: str | None
    body: dict[str, Any]


@dataclass
class WebhookReceiver:
    """Answers `status` (None: closes the socket unanswered); `delivered` counts 2xx answers per key."""

    port: int = field(default_factory=free_port)
    status: int | None = 200
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[WebhookRequest] = field(default_factory=list)
    delivered: dict[str, int] = field(default_factory=dict)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def up(self) -> None:
        if self._server is None:
            self._server = ThreadingHTTPServer(("127.0.0.1", self.port), _handler(self))
            threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def down(self) -> None:
        """Stop listening: a connection is refused until `up()`."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def unique_keys(self) -> set[str]:
        """What a receiver that dedupes on the key has taken in: each key once."""
        return set(self.delivered)

    def record(self, request: WebhookRequest) -> int | None:
        with self._lock:
            self.requests.append(request)
            status = self.status
            if status is not None and 200 <= status < 300 and request.idempotency_key:
                self.delivered[request.idempotency_key] = self.delivered.get(request.idempotency_key, 0) + 1
            return status


def _handler(receiver: WebhookReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            request = WebhookRequest(self.path, self.headers.get("Idempotency-Key"), body)
            status = receiver.record(request)
            if status is None:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            answer = json.dumps({"ok": 200 <= status < 300}).encode()
            self.send_response(status)
            for name, value in receiver.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads `requests`, not stderr."""

    return Handler


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.up()
    yield server
    server.down()


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    server = WebhookReceiver()
    server.up()
    yield server
    server.down()


@pytest.fixture
def settings(smtp: SmtpServer, receiver: WebhookReceiver, tmp_path: Path) -> Settings:
    """Erta's settings pointed at the two receivers; no .env or ERTA_* variable leaks in."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        home=tmp_path / "home",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_sender="erta@maktab45.uz",
        webhook_url=f"{receiver.url}/bot123456:SECRET-TOKEN/sendMessage",
        notify_max_attempts=4,
        notify_backoff_seconds=60.0,
    )
