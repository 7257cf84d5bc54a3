"""The auditor in the console: filters the access log by role, verifies the chain, downloads the export for
an inspection, and reads the privacy statistics, the fairness report and the champion's history; every
number on the page is checked against the API.

Nothing here assumes which version is champion: the data scientist's test moves it.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import httpx
from playwright.sync_api import Page, expect

from tests.ui.browser import (
    choose,
    open_page,
    settle,
    shot,
    sign_in,
)
from tests.ui.conftest import Console
from ui.i18n import text

EXPORT_HEADER = "seq,at,actor,role,action,resource,pupil_pseudonym,purpose,result,prev_hash,entry_hash"


def _grid_cells(page: Page, container: str) -> list[str]:
    cells = page.locator(f".st-key-{container} [role='gridcell']")
    expect(cells.first).to_be_attached()
    return [cell.strip() for cell in cells.all_text_contents()]


def _filters_by_role(page: Page, api: httpx.Client) -> int:
    """Only the admins' entries: as many as the API counts, and no other role among them."""
    admins = api.get("/audit", params={"role": "admin", "limit": 1}).json()["total"]
    assert admins > 0  # the demo users were made by the admin
    open_page(page, "auditor.log.nav")
    shot(page, "auditor-log")
    choose(page, text("auditor.log.role", "en"), text("role.admin", "en"))
    page.get_by_role("button", name=text("auditor.log.apply", "en")).click()
    settle(page)
    total = text("auditor.log.total", "en", total=admins).replace("**", "")
    expect(page.get_by_text(total)).to_be_visible()
    cells = _grid_cells(page, "audit_entries")
    assert text("role.admin", "en") in cells
    assert text("role.auditor", "en") not in cells
    shot(page, "auditor-log-admins")
    return admins


def _verifies_the_chain(page: Page, api: httpx.Client) -> None:
    page.get_by_role("button", name=text("auditor.verify.button", "en")).click()
    settle(page)
    result = page.locator(".st-key-verification_result")
    expect(result).to_be_visible()
    found = re.search(r"(\d+) entries", result.inner_text())
    assert found, result.inner_text()
    checked = int(found.group(1))
    expect(result).to_contain_text(text("auditor.verify.ok", "en", entries=checked))
    # The page's check wrote its own entry, naming how many entries it verified.
    entry = api.get("/audit", params={"action": "audit.verify", "actor": "auditor", "limit": 1}).json()
    assert (entry["items"][0]["resource"], entry["items"][0]["result"]) == (f"audit:{checked}", "ok")
    again = api.post("/audit/verify").json()
    assert again["ok"]
    assert again["problem_count"] == 0
    assert again["entries"] > checked  # the log only grows: every read since was written to it
    shot(page, "auditor-verified")


def _downloads_the_export(page: Page, admins: int) -> None:
    page.get_by_role("button", name=text("auditor.export.prepare", "en")).click()
    settle(page)
    button = page.locator(".st-key-export_download button")
    expect(button).to_contain_text(text("auditor.export.download", "en", rows=admins))
    with page.expect_download() as download:
        button.click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert content.splitlines()[0] == EXPORT_HEADER
    rows = list(csv.DictReader(io.StringIO(content)))
    assert len(rows) == admins
    assert {row["role"] for row in rows} == {"admin"}
    shot(page, "auditor-export")


def _reads_privacy_and_fairness(page: Page, api: httpx.Client) -> None:
    open_page(page, "auditor.privacy.nav")
    stats = api.get("/audit/privacy").json()
    stored = page.get_by_test_id("stMetric").filter(has_text=text("auditor.privacy.notes_stored", "en"))
    expect(stored).to_contain_text(f"{stats['notes_scanned']:,}")
    personal = page.get_by_test_id("stMetric").filter(has_text=text("auditor.privacy.with_personal", "en"))
    expect(personal).to_contain_text(f"{stats['notes_with_personal_data']:,}")
    if any(stats["entities"].values()):
        expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
        expect(page.get_by_text(text("auditor.entity.PERSON", "en")).first).to_be_attached()
    shot(page, "auditor-privacy")
    page.get_by_role("tab", name=text("auditor.fairness.tab", "en")).click()
    report = api.get("/reports/fairness").json()
    low, high = report["band"]
    intro = text("auditor.fairness.intro", "en", version=report["model_version"], low=low, high=high)
    expect(page.get_by_text(intro)).to_be_visible()
    if report["problems"]:
        expect(page.get_by_text(report["problems"][0])).to_be_visible()
    else:
        expect(
            page.get_by_text(text("auditor.fairness.no_problems", "en", low=low, high=high))
        ).to_be_visible()
    expect(page.get_by_text(text("auditor.fairness.rates_title", "en"))).to_be_visible()
    shot(page, "auditor-fairness")


def _reads_the_champion_history(page: Page, api: httpx.Client) -> None:
    open_page(page, "auditor.history.nav")
    moves = api.get("/models/history").json()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    cells = _grid_cells(page, "champion_moves")
    assert moves[0]["by"] in cells
    assert text(f"ds.action.{moves[0]['action']}", "en") in cells
    versions = _grid_cells(page, "versions")
    assert "★" in versions
    shot(page, "auditor-history")


def test_auditor_filters_verifies_exports_and_reads_privacy_and_fairness(
    console: Console, page: Page
) -> None:
    api = console.api("auditor")
    sign_in(page, console, "auditor")
    admins = _filters_by_role(page, api)
    _verifies_the_chain(page, api)
    _downloads_the_export(page, admins)
    _reads_privacy_and_fairness(page, api)
    _reads_the_champion_history(page, api)
