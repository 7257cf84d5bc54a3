"""The console's settings, from `ERTA_CONSOLE_*` environment variables or `.env`.

The console knows only where the API is: every decision about who may see what is the API's.
"""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConsoleSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ERTA_CONSOLE_", env_file=".env", extra="ignore")

    api_url: str = Field(default="http://127.0.0.1:8000", description="where `erta serve` listens")
    cache_seconds: int = Field(default=30, ge=0, description="how long a read of the API is reused")
    timeout_seconds: float = Field(default=60.0, gt=0, description="the longest one API call may take")
    page_size: int = Field(default=25, ge=5, le=200, description="rows per page of long lists")
