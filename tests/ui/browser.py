"""Steps every console test takes in the browser: sign in, wait for Streamlit to finish, pick, screenshot.

Streamlit redraws after each action in its own time; `settle` waits until the script has stopped running,
so an assertion never reads a page halfway through a rerun. Opening a new address starts a new session
(signed out), so tests move between pages through the menu, as a user does.
"""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.ui.conftest import ARTIFACTS, DEMO_PASSWORD, Console
from ui.i18n import text

RUNNING = '[data-testid="stApp"][data-test-script-state="running"]'


def settle(page: Page, timeout: float = 60_000) -> None:
    """Wait for the app's script to stop running (and for it to have started at all)."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(150)
    page.wait_for_selector(RUNNING, state="detached", timeout=timeout)


def sign_in(page: Page, console: Console, username: str, lang: str = "en") -> None:
    page.goto(f"{console.url}/?lang={lang}")
    settle(page)
    page.get_by_role("textbox", name=text("login.username", lang)).fill(username)
    page.get_by_role("textbox", name=text("login.password", lang)).fill(DEMO_PASSWORD)
    page.get_by_role("button", name=text("login.submit", lang)).click()
    settle(page)
    expect(page.get_by_role("button", name=text("login.sign_out", lang))).to_be_visible()


def open_page(page: Page, title_key: str, lang: str = "en") -> None:
    """Open a page from the sidebar menu by its title."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=text(title_key, lang), exact=True).click()
    settle(page)


def choose(page: Page, label: str, option: str, *, within: Any = None) -> None:
    """Pick `option` in the selectbox labelled `label`."""
    scope = within or page
    box = scope.get_by_test_id("stSelectbox").filter(has_text=label)
    box.locator("input").click()
    page.get_by_role("option", name=option, exact=True).click()
    settle(page)


def switch_language(page: Page, lang: str, current: str) -> None:
    from ui.i18n import LANGUAGE_NAMES

    # By the switcher's widget key: a page's own sidebar widgets may share words with its label.
    page.locator(".st-key-language_switcher input").click()
    page.get_by_role("option", name=LANGUAGE_NAMES[lang], exact=True).click()
    settle(page)


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def visible_text(page: Page) -> str:
    return page.locator('[data-testid="stApp"]').inner_text()


UNTRANSLATED = re.compile(r"⟦[^⟧]*⟧")
