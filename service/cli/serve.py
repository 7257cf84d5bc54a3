"""`erta serve [--host 127.0.0.1] [--port 8000]`: run the API with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from service.cli.database import DatabaseUrl
from service.cli.output import console


def serve_command(
    host: Annotated[
        str, typer.Option(help="Address to listen on; 0.0.0.0 for every interface.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    database_url: DatabaseUrl = None,
) -> None:
    """Serve Erta's API (OpenAPI documentation at /docs) until interrupted."""
    import uvicorn

    from service.api.app import create_app
    from service.settings import get_settings

    settings = get_settings()
    if database_url:
        settings = settings.model_copy(update={"database_url": database_url})
    app = create_app(settings)
    console.print(f"Erta API on http://{host}:{port} (documentation at /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=5, access_log=False)
