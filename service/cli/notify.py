"""`erta notify run [--once]`, `erta notify status` and `erta notify enqueue`: the notification outbox.

`enqueue` turns what the alerts job told today into messages; `run` sends the due ones (all of them and
stop, with `--once`, for cron; or keep polling until Ctrl-C); `status` counts messages by status and lists
the dead ones with their reason. Nothing prints a message's text: it may name pupils by their diary id.
The outbox, SMTP and HTTP code load when a command runs, not at start-up.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from service.cli.database import DatabaseUrl

if TYPE_CHECKING:
    import threading

    from rich.console import Console
    from sqlalchemy import Engine

    from service.notifications.delivery import DeliveryReport
    from service.settings import Settings

app = typer.Typer(help="Notifications: alerts and digests to staff by e-mail and webhook, at least once.")


@app.command("run")
def run_command(
    once: Annotated[
        bool, typer.Option("--once", help="Send everything due now, then stop (for cron or a timer).")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Messages per pass.")] = 100,
    interval: Annotated[
        float, typer.Option("--interval", min=0.1, help="Seconds between passes without --once.")
    ] = 30.0,
    database_url: DatabaseUrl = None,
) -> None:
    """Deliver due messages: delivered ones are marked, failures retried with backoff, refusals dead.

    Without --once it polls until SIGINT (Ctrl-C) or SIGTERM (a service manager's stop), then finishes the
    message it is sending, records it and prints the totals.
    """
    from service.cli.database import open_database
    from service.cli.output import console
    from service.settings import get_settings

    engine, settings = open_database(database_url), get_settings()
    if once:
        print_report(drain(engine, settings, limit), console)
        return
    console.print(f"Delivering every {interval:g} s; Ctrl-C stops.")
    print_report(serve(engine, settings, limit, interval, console), console)


@app.command("status")
def status_command(database_url: DatabaseUrl = None) -> None:
    """Messages by status, how many are due now, and the latest dead ones with the reason they failed."""
    from service.cli.database import open_database
    from service.cli.output import console
    from service.notifications.outbox import count_by_status, count_due, list_dead

    engine = open_database(database_url)
    counts = count_by_status(engine)
    console.print(", ".join(f"{status}: {count:,}" for status, count in counts.items()))
    console.print(f"due now: {count_due(engine):,}")
    for dead in list_dead(engine):
        console.print(
            f"dead #{dead.id} {dead.channel} {dead.idempotency_key}, {dead.attempts} attempt(s): "
            f"{dead.last_error or 'no reason recorded'}",
            markup=False,
        )


@app.command("enqueue")
def enqueue_command(
    addresses: Annotated[
        Path,
        typer.Option("--addresses", help="CSV of staff contacts: staff_id,channel,recipient[,language]."),
    ],
    as_of: Annotated[
        datetime | None,
        typer.Option("--as-of", formats=["%Y-%m-%d"], help="The alerts run's day (default: today)."),
    ] = None,
    each: Annotated[
        bool, typer.Option("--each", help="One message per alert instead of one digest per person.")
    ] = False,
    database_url: DatabaseUrl = None,
) -> None:
    """Queue messages for what `erta alerts run` told on the day; running it again queues nothing twice."""
    from rich.markup import escape

    from service.cli.database import open_database
    from service.cli.output import console
    from service.notifications.addresses import AddressBookError, read_address_book
    from service.notifications.alert_messages import enqueue_alert_notifications

    try:
        book = read_address_book(addresses)
    except AddressBookError as error:
        console.print(f"[red]error:[/] {escape(str(error))}")
        raise typer.Exit(2) from None
    day = as_of.date() if as_of else date.today()
    queued = enqueue_alert_notifications(
        open_database(database_url), day=day, addresses=book, mode="each" if each else "digest"
    )
    console.print(
        f"Notifications for {day}: {queued.enqueued:,} queued, {queued.already_queued:,} already queued."
    )
    if queued.unreachable:
        console.print(f"No contact for: {', '.join(queued.unreachable)}", markup=False)


def serve(
    engine: Engine, settings: Settings, limit: int, interval: float, console: Console
) -> DeliveryReport:
    """Drain, wait, drain again until a stop signal; the totals of all passes."""
    import signal
    import threading

    from service.notifications.delivery import DeliveryReport

    stop = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda *_: stop.set()) for number in signals}
    total = DeliveryReport()
    try:
        while not stop.is_set():
            report = drain(engine, settings, limit, stop)
            if report.handled:
                print_report(report, console)
            total.add(report)
            stop.wait(interval)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
    console.print("Stopped.")
    return total


def drain(
    engine: Engine, settings: Settings, limit: int, stop: threading.Event | None = None
) -> DeliveryReport:
    """Passes of `limit` until one finds less to do (everything due now) or `stop` is set."""
    from service.notifications.delivery import DeliveryReport, deliver_due

    total = DeliveryReport()
    while True:
        report = deliver_due(engine, settings, limit=limit, stop=stop)
        total.add(report)
        if report.handled < limit or (stop is not None and stop.is_set()):
            return total


def print_report(report: DeliveryReport, console: Console) -> None:
    """`Delivered: 3, retry scheduled: 1, dead: 0`, then each failure reason with its count."""
    console.print(
        f"Delivered: {report.delivered:,}, retry scheduled: {report.retried:,}, dead: {report.dead:,}"
    )
    for reason, count in sorted(report.errors.items()):
        console.print(f"  {reason}: {count:,}", markup=False)
