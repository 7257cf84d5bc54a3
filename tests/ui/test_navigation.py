"""Every role signs in and gets its own menu, and only its own."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.ui.browser import shot, sign_in
from tests.ui.conftest import Console
from ui.i18n import text
from ui.navigation import PAGES, ROLE_PAGES

DEMO_ROLES = {
    "teacher": "class_teacher",
    "mentor": "mentor",
    "principal": "principal",
    "data_scientist": "data_scientist",
    "auditor": "auditor",
}


@pytest.mark.parametrize("username", sorted(DEMO_ROLES))
def test_menu_holds_exactly_the_roles_pages(console: Console, page: Page, username: str) -> None:
    sign_in(page, console, username)
    menu = page.get_by_test_id("stSidebarNav")
    mine = ROLE_PAGES[DEMO_ROLES[username]]
    for path, spec in PAGES.items():
        link = menu.get_by_role("link", name=text(spec.title_key, "en"), exact=True)
        if path in mine:
            expect(link).to_be_visible()
        else:
            expect(link).to_have_count(0)
    shot(page, f"menu-{username}")
