"""The console as a user meets it: `erta serve` and `streamlit run ui/app.py` as their own processes on
127.0.0.1, over a trained and scored district with one demo user per role, driven by Debian's Chromium.

Built once per test process: the district (about half a minute), the two servers and one browser. Each test
gets a fresh browser context, so sign-ins never leak between tests. Screenshots land in
`test-artifacts/console/` (or `ERTA_TEST_ARTIFACTS`), one per step a test names.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from service.cli.console_servers import start, stop, streamlit_command, wait_until_answering
from service.db.engine import make_engine
from service.settings import Settings
from tests.service.trained_district import District, build_trained_district, isolated_mlflow

CHROMIUM = Path(os.environ.get("ERTA_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ARTIFACTS = Path(os.environ.get("ERTA_TEST_ARTIFACTS", "test-artifacts")) / "console"
DEMO_PASSWORD = "demo"


@dataclass
class Console:
    district: District
    engine: Engine
    api_url: str
    url: str

    def api(self, username: str) -> httpx.Client:
        """An HTTP client of the API signed in as a demo user, for a test's set-up and its checks."""
        answer = httpx.post(
            f"{self.api_url}/auth/token", data={"username": username, "password": DEMO_PASSWORD}, timeout=30
        )
        answer.raise_for_status()
        headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
        return httpx.Client(base_url=self.api_url, headers=headers, timeout=60)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare(district: District) -> Engine:
    """Score every pupil and run the nightly alerts, as the night before a school day would, and make the
    demo's users (one per role, password `demo`) on the district's real staff records."""
    from service.alerts_job import run_alerts
    from service.auth.demo_users import create_demo_users
    from service.jobs import load_champion
    from service.scoring_job import score_all

    engine = make_engine(district.database_url)
    model, version = load_champion(district.home)
    run = score_all(engine, model, version)
    run_alerts(engine, as_of=run.as_of)
    settings = Settings(home=district.home, database_url=district.database_url, demo_mode=True)
    create_demo_users(engine, settings=settings)
    return engine


@pytest.fixture(scope="session")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; `make test` installs it (scripts/ensure-chromium.sh)")
    with isolated_mlflow():
        home: Path = tmp_path_factory.mktemp("console")
        district = build_trained_district(home)
        engine = _prepare(district)
    api_port, ui_port = free_port(), free_port()
    env = {
        **os.environ,
        "ERTA_HOME": str(home),
        "ERTA_DATABASE_URL": district.database_url,
        "MLFLOW_TRACKING_URI": f"sqlite:///{home / 'mlflow.db'}",
        "ERTA_DEMO_MODE": "true",
        "ERTA_API_REQUESTS_PER_MINUTE": "100000",
        "ERTA_API_REQUEST_BURST": "100000",
        "ERTA_API_SIGN_INS_PER_MINUTE": "1000",
        "ERTA_CONSOLE_API_URL": f"http://127.0.0.1:{api_port}",
        "ERTA_CONSOLE_CACHE_SECONDS": "5",
    }
    env.pop("MLFLOW_REGISTRY_URI", None)
    erta = str(Path(sys.executable).with_name("erta"))
    api_url, ui_url = f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{ui_port}"
    servers = [
        start("API", [erta, "serve", "--port", str(api_port)], api_url, f"{api_url}/ready",
              home / "api.log", env),
        start("console", streamlit_command(ui_port, "127.0.0.1"), ui_url, f"{ui_url}/_stcore/health",
              home / "console.log", env),
    ]  # fmt: skip
    try:
        for server in servers:
            wait_until_answering(server)
        yield Console(district, engine, api_url, ui_url)
    finally:
        stop(servers)
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def patient_expectations() -> None:
    """Assertions wait as long as actions do: a rerun on a busy 2-core machine can take seconds."""
    from playwright.sync_api import expect

    expect.set_options(timeout=30_000)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    from playwright.sync_api import Browser

    assert isinstance(browser, Browser)
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()
