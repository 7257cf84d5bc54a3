"""Sending one message: e-mail over SMTP, or a JSON webhook shaped like a Telegram bot's sendMessage.

Each send answers with an outcome the outbox can act on: delivered, worth retrying (the server is down,
busy or timed out) or dead (the receiver refused this message for good, e.g. an unknown mailbox or an
HTTP 404). Errors are reduced to a short technical reason built from codes and exception types only: the
message's words, the recipient's address and the webhook's URL (which holds the bot's token) never appear.
"""

from __future__ import annotations

import hashlib
import html
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from types import TracebackType
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import httpx

    from service.notifications.outbox import Message
    from service.settings import Settings

SMTP_TIMEOUT_SECONDS = 30.0
WEBHOOK_TIMEOUT_SECONDS, WEBHOOK_CONNECT_SECONDS = 10.0, 5.0
TELEGRAM_TEXT_LIMIT = 4096
RETRY_AFTER_CAP_SECONDS = 24 * 3600.0
# 408 (timeout) and 429 (too many requests) say "later", not "never".
TRANSIENT_CLIENT_ERRORS = (408, 429)


@dataclass(frozen=True)
class Outcome:
    """How one send went; `retry_after` is the receiver's own "try again in" (HTTP Retry-After)."""

    status: Literal["delivered", "retry", "dead"]
    error: str | None = None
    retry_after: float | None = None


DELIVERED = Outcome("delivered")


def message_id(idempotency_key: str, sender: str) -> str:
    """The same Message-ID for every send of one message, so mail clients and servers can drop repeats."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:40]
    domain = sender.rpartition("@")[2] or "erta.localhost"
    return f"<{digest}@{domain}>"


def build_email(message: Message, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False, usegmt=True)
    email["Message-ID"] = message_id(message.idempotency_key, sender)
    email["X-Erta-Idempotency-Key"] = message.idempotency_key
    # RFC 3834: vacation responders must not answer an automatic message.
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.body)
    return email


def send_email(message: Message, settings: Settings, timeout: float = SMTP_TIMEOUT_SECONDS) -> Outcome:
    """Hand the message to the configured SMTP server; delivered once the server accepted the DATA."""
    email = build_email(message, settings.smtp_sender)
    try:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=timeout)
    except smtplib.SMTPResponseException as error:
        return Outcome("retry", f"SMTP {error.smtp_code} on connect")
    except (smtplib.SMTPException, OSError) as error:
        return Outcome("retry", network_error(error))
    try:
        if settings.smtp_starttls:
            smtp.starttls(context=ssl.create_default_context())
        if settings.smtp_username:
            password = settings.smtp_password.get_secret_value() if settings.smtp_password else ""
            smtp.login(settings.smtp_username, password)
        smtp.send_message(email)
    except smtplib.SMTPRecipientsRefused as error:
        code = min(code for code, _ in error.recipients.values())
        return Outcome("dead" if code >= 500 else "retry", f"SMTP {code} recipient refused")
    except smtplib.SMTPDataError as error:
        code = error.smtp_code
        return Outcome("dead" if code >= 500 else "retry", f"SMTP {code} message refused")
    except smtplib.SMTPAuthenticationError as error:
        # Wrong credentials are the operator's to fix; the messages wait for them rather than die.
        return Outcome("retry", f"SMTP {error.smtp_code} authentication failed")
    except smtplib.SMTPSenderRefused as error:
        return Outcome("retry", f"SMTP {error.smtp_code} sender refused")
    except smtplib.SMTPResponseException as error:
        return Outcome("retry", f"SMTP {error.smtp_code}")
    except smtplib.SMTPServerDisconnected as error:
        return Outcome("retry", network_error(error))
    except smtplib.SMTPNotSupportedError:
        return Outcome("retry", "SMTP server lacks STARTTLS or AUTH")
    except smtplib.SMTPException as error:
        return Outcome("retry", f"SMTP error ({type(error).__name__})")
    except OSError as error:
        return Outcome("retry", network_error(error))
    finally:
        _close(smtp)
    return DELIVERED


def _close(smtp: smtplib.SMTP) -> None:
    """Say QUIT, but a failure after the server took the message must not turn it into a retry."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def webhook_body(message: Message) -> dict[str, object]:
    """Telegram's sendMessage fields (unknown fields are ignored there) plus what Erta's own receivers need.

    A chat id recipient goes to the configured webhook URL; a URL recipient is its own endpoint, and then
    there is no chat id to send.
    """
    body: dict[str, object] = {}
    if not is_url(message.recipient):
        body["chat_id"] = message.recipient
    body["text"] = _telegram_html(message.body)
    body["parse_mode"] = "HTML"
    body["erta"] = {"kind": str(message.payload.get("kind", "message")), "key": message.idempotency_key}
    return body


def send_webhook(message: Message, settings: Settings, client: httpx.Client) -> Outcome:
    """POST the message as JSON with an Idempotency-Key header; 2xx delivered, 4xx (but 408/429) dead."""
    import httpx

    url = message.recipient if is_url(message.recipient) else settings.webhook_url
    if not url:
        return Outcome("retry", "webhook_url is not configured")
    headers = {"Idempotency-Key": message.idempotency_key}
    try:
        response = client.post(url, json=webhook_body(message), headers=headers)
    except httpx.TimeoutException:
        return Outcome("retry", "timed out")
    except httpx.ConnectError as error:
        return Outcome("retry", network_error(_root_cause(error)))
    except httpx.RemoteProtocolError:
        return Outcome("retry", "connection closed without a response")
    except httpx.HTTPError as error:
        return Outcome("retry", f"HTTP transport error ({type(error).__name__})")
    code = response.status_code
    if 200 <= code < 300:
        return DELIVERED
    if 400 <= code < 500 and code not in TRANSIENT_CLIENT_ERRORS:
        return Outcome("dead", f"HTTP {code}")
    return Outcome("retry", f"HTTP {code}", _retry_after(response.headers.get("Retry-After")))


def is_url(recipient: str) -> bool:
    return recipient.startswith(("http://", "https://"))


def network_error(error: BaseException) -> str:
    """ "connection refused", "timed out", … from the exception's type, never from its text (which may
    carry a host or a URL)."""
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, ConnectionError):
        return "connection reset"
    if isinstance(error, ssl.SSLError):
        return "TLS error"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "SMTP connection closed"
    return f"network error ({type(error).__name__})"


def _root_cause(error: BaseException) -> BaseException:
    """httpx wraps httpcore, which wraps the socket's OSError: the innermost one names what happened."""
    while error.__cause__ is not None or error.__context__ is not None:
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return error


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (the HTTP-date form is rare from bots and is ignored), capped at a day."""
    try:
        seconds = float(value) if value is not None else None
    except ValueError:
        return None
    return None if seconds is None or seconds < 0 else min(seconds, RETRY_AFTER_CAP_SECONDS)


def _telegram_html(text: str) -> str:
    """The text escaped for parse_mode HTML and cut to Telegram's 4096 characters, ellipsis included."""
    escaped = html.escape(text, quote=False)
    while len(escaped) > TELEGRAM_TEXT_LIMIT:
        text = text[: len(text) - (len(escaped) - TELEGRAM_TEXT_LIMIT) - 1]
        escaped = html.escape(text, quote=False) + "…"
    return escaped


class Channels:
    """The senders of one delivery pass, sharing one HTTP client (its connections) across the webhooks."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: httpx.Client | None = None

    def send(self, message: Message) -> Outcome:
        if message.channel == "email":
            return send_email(message, self._settings)
        return send_webhook(message, self._settings, self._http())

    def _http(self) -> httpx.Client:
        if self._client is None:
            import httpx

            timeout = httpx.Timeout(WEBHOOK_TIMEOUT_SECONDS, connect=WEBHOOK_CONNECT_SECONDS)
            self._client = httpx.Client(timeout=timeout, follow_redirects=False)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Channels:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
