"""`erta console [--host 127.0.0.1] [--port 8501] [--api-url URL]`: run the Streamlit console.

The console is a client of `erta serve`: start the API first (or point `--api-url` at a running one).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from service.cli.output import console


def console_command(
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 for every interface.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8501,
    api_url: Annotated[
        str | None,
        typer.Option(
            help="Where `erta serve` answers (default ERTA_CONSOLE_API_URL or http://127.0.0.1:8000)."
        ),
    ] = None,
) -> None:
    """Serve the console for teachers, mentors, principals, data scientists and auditors until interrupted."""
    from service.cli.console_servers import (
        ServerStartError,
        child_environment,
        start,
        stop,
        streamlit_command,
        wait_for_interrupt,
        wait_until_answering,
    )
    from service.settings import get_settings

    api = api_url or os.environ.get("ERTA_CONSOLE_API_URL", "http://127.0.0.1:8000")
    shown = "127.0.0.1" if host == "0.0.0.0" else host
    url = f"http://{shown}:{port}"
    log = get_settings().home / "logs" / "console.log"
    server = start(
        "console", streamlit_command(port, host), url, f"{url}/_stcore/health", log,
        child_environment(ERTA_CONSOLE_API_URL=api),
    )  # fmt: skip
    try:
        with console.status("Starting the console"):
            wait_until_answering(server)
        console.print(f"Console: {url} (API at {api}; log in {log}). Press Ctrl-C to stop.")
        if wait_for_interrupt([server]) is not None:
            console.print(f"error: the console stopped; its output is in {log}", style="red")
            raise typer.Exit(1)
    except ServerStartError as error:
        console.print(f"error: {error}", style="red")
        raise typer.Exit(1) from None
    finally:
        stop([server])
