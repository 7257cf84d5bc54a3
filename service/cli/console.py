"""`erta console [--host 127.0.0.1] [--port 8501] [--api-url URL]`: run the Streamlit console.

The console is a client of `erta serve`: start the API first (or point `--api-url` at a running one).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer


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
        browsable,
        child_environment,
        serve_until_interrupted,
        start,
        streamlit_command,
    )
    from service.settings import get_settings

    api = api_url or os.environ.get("ERTA_CONSOLE_API_URL", "http://127.0.0.1:8000")
    url = f"http://{browsable(host)}:{port}"
    log = get_settings().home / "logs" / "console.log"
    server = start(
        "console", streamlit_command(port, host), url, f"{url}/_stcore/health", log,
        child_environment(ERTA_CONSOLE_API_URL=api),
    )  # fmt: skip
    ready = [f"Console: {url} (API at {api}; log in {log}). Press Ctrl-C to stop."]
    serve_until_interrupted([server], "Starting the console", ready)
