"""Every page of every role switches fully between Uzbek, Russian and English.

"Fully" is checked two ways on the text the browser shows: no key is left untranslated (⟦key⟧), and no
sentence of the catalog appears in a language other than the one chosen, which is what a string
forgotten in one language, or a widget that keeps its old label, would look like.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.ui.browser import UNTRANSLATED, open_page, shot, sign_in, switch_language, visible_text
from tests.ui.conftest import Console
from tests.ui.test_navigation import DEMO_ROLES
from ui import i18n
from ui.navigation import PAGES, ROLE_PAGES

MIN_LENGTH = 14  # shorter texts ("Risk", "OK") may be the same word in data of another language


def _telltales() -> dict[str, list[str]]:
    """Per language, the catalog sentences that only that language has: seen elsewhere, a string stuck."""
    found: dict[str, list[str]] = {lang: [] for lang in i18n.LANGUAGES}
    for texts in i18n.catalog().values():
        if len(set(texts.values())) < len(texts) or "{" in "".join(texts.values()):
            continue
        for lang, words in texts.items():
            if len(words) >= MIN_LENGTH:
                found[lang].append(words)
    return found


@pytest.mark.parametrize("username", sorted(DEMO_ROLES))
def test_every_page_of_the_role_switches_fully(console: Console, page: Page, username: str) -> None:
    telltales = _telltales()
    sign_in(page, console, username, "uz")
    current = "uz"
    for lang in ("ru", "en", "uz"):
        switch_language(page, lang, current)
        current = lang
        for path in ROLE_PAGES[DEMO_ROLES[username]]:
            open_page(page, PAGES[path].title_key, lang)
            expect(page.locator("h1").first).to_be_visible()
            shown = visible_text(page)
            assert not UNTRANSLATED.findall(shown), f"{path} in {lang}: {UNTRANSLATED.findall(shown)}"
            stuck = [w for other in i18n.LANGUAGES if other != lang for w in telltales[other] if w in shown]
            assert not stuck, f"{path} in {lang} still shows: {stuck}"
            shot(page, f"language-{username}-{path}-{lang}")
