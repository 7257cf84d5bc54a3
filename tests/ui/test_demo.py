"""`erta demo` as a newcomer runs it: from an empty home to a teacher looking at flagged pupils.

The demo is started as its own process, as the README says; the test reads the console's address from
what it prints, signs in as the demo teacher in Chromium and finds the flagged pupils' table. How long
that took is printed (the README promises about a minute on a laptop for the default district).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.ui.browser import settle, shot
from tests.ui.conftest import DEMO_PASSWORD, free_port
from ui.i18n import text

CONSOLE_LINE = re.compile(r"Console: (http://\S+)")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[str, float, subprocess.Popen[str]]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ERTA_", "MLFLOW_"))}
    env |= {"ERTA_HOME": str(tmp_path / ".erta"), "COLUMNS": "200"}
    erta = str(Path(sys.executable).with_name("erta"))
    command = [erta, "demo", "--api-port", str(free_port())]  # the README's default district
    command += ["--console-port", str(free_port())]
    started = time.monotonic()
    process = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert process.stdout is not None
    seen = []
    url = None
    for line in process.stdout:
        seen.append(line)
        if match := CONSOLE_LINE.search(line):
            url = match[1]
            break
    assert url, "the demo never printed the console's address:\n" + "".join(seen[-40:])
    try:
        yield url, started, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_the_demo_serves_the_console_and_its_teacher_sees_flagged_pupils(
    demo: tuple[str, float, subprocess.Popen[str]], browser: Browser
) -> None:
    url, started, process = demo
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url)
        settle(page)
        page.get_by_role("textbox", name=text("login.username", "uz")).fill("teacher")
        page.get_by_role("textbox", name=text("login.password", "uz")).fill(DEMO_PASSWORD)
        page.get_by_role("button", name=text("login.submit", "uz")).click()
        settle(page)
        expect(page.get_by_role("heading", name=text("teacher.flagged.title", "uz"))).to_be_visible()
        expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
        elapsed = time.monotonic() - started
        shot(page, "demo-teacher-flagged")
    finally:
        context.close()
    print(f"demo start → flagged pupils on screen: {elapsed:.0f} s")
    assert process.poll() is None, "the demo's servers stopped while in use"
