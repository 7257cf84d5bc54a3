"""Start the API and the console as child processes and keep them until interrupted.

`erta demo` ends here, and `erta console` starts the console alone. The console is a Streamlit script
(`ui/app.py`) that talks to the API over HTTP, so the two run as separate processes, exactly as they would
on a school's server; this module only starts them, waits until each answers, and stops them together.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import typer

from service.cli.output import console

# The console script, found beside the service package: the service never imports the console.
CONSOLE_SCRIPT = Path(__file__).resolve().parents[2] / "ui" / "app.py"
START_SECONDS = 90


class ServerStartError(RuntimeError):
    """A server exited or did not answer in time; the message holds the end of its output."""


@dataclass
class Server:
    name: str
    url: str
    health: str
    process: subprocess.Popen[bytes]
    log: Path


def streamlit_command(port: int, host: str) -> list[str]:
    return [
        str(Path(sys.executable).with_name("streamlit")),
        "run",
        str(CONSOLE_SCRIPT),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        # No "Deploy" button or developer menu: the console is a product, not a script being written.
        "--client.toolbarMode",
        "minimal",
    ]


def start(name: str, command: Sequence[str], url: str, health: str, log: Path, env: dict[str, str]) -> Server:
    """Start one server with its output in `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as sink:
        process = subprocess.Popen(list(command), env=env, stdout=sink, stderr=subprocess.STDOUT)
    return Server(name, url, health, process, log)


def wait_until_answering(server: Server, seconds: float = START_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerStartError(f"the {server.name} stopped at start:\n{_tail(server.log)}")
        try:
            if httpx.get(server.health, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise ServerStartError(f"the {server.name} did not answer within {seconds:.0f} s:\n{_tail(server.log)}")


def stop(servers: Sequence[Server]) -> None:
    """Ask every server to stop, then make sure each has."""
    for server in servers:
        if server.process.poll() is None:
            server.process.terminate()
    for server in servers:
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()


def wait_for_interrupt(servers: Sequence[Server]) -> str | None:
    """Block until Ctrl-C (None) or until a server exits on its own (its name)."""
    try:
        while True:
            for server in servers:
                if server.process.poll() is not None:
                    return server.name
            time.sleep(0.5)
    except KeyboardInterrupt:
        return None


def serve_until_interrupted(
    servers: Sequence[Server], starting: str, ready: Sequence[str], heading: str | None = None
) -> None:
    """Wait for every server to answer, print `ready`, serve until Ctrl-C, and stop them all however it
    ends; a server that never answers, or stops on its own, ends the command with exit code 1."""
    try:
        with console.status(starting):
            for server in servers:
                wait_until_answering(server)
        if heading:
            console.rule(heading)
        for line in ready:
            console.print(line)
        stopped = wait_for_interrupt(servers)
        if stopped is not None:
            log = next(server.log for server in servers if server.name == stopped)
            console.print(f"error: the {stopped} stopped; its output is in {log}", style="red")
            raise typer.Exit(1)
    except ServerStartError as error:
        console.print(f"error: {error}", style="red")
        raise typer.Exit(1) from None
    finally:
        stop(servers)


def browsable(host: str) -> str:
    """The address to print for a server listening on `host`: every interface is reachable locally."""
    return "127.0.0.1" if host == "0.0.0.0" else host


def child_environment(**values: str) -> dict[str, str]:
    return {**os.environ, **values}


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no output)"
