"""The data scientist in the console: reads the runs and their gates, retrains with a few trees and follows
the progress bar, compares the new version with the champion, promotes it (overriding failed gates, after
the refusal is shown in words) and rolls it back; every move is checked in the registry through the API.

This test moves @champion and leaves it where it started; other tests must not depend on which version
is champion anyway.
"""

from __future__ import annotations

import re
from typing import Any

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

RETRAIN_SECONDS = 240


def _champion(api: httpx.Client) -> dict[str, Any]:
    return next(v for v in api.get("/models").json() if v["champion"])


def _words(key: str, **values: Any) -> str:
    """The English text of `key` as the page shows it, markdown emphasis removed."""
    return text(key, "en", **values).replace("**", "")


def _grid_cells(page: Page, container: str) -> list[str]:
    """The cells of the st.dataframe inside `.st-key-<container>` (the grid keeps an accessible copy)."""
    cells = page.locator(f".st-key-{container} [role='gridcell']")
    expect(cells.first).to_be_attached()
    return [cell.strip() for cell in cells.all_text_contents()]


def _reads_the_runs(page: Page, api: httpx.Client) -> None:
    champion = _champion(api)
    open_page(page, "ds.runs.nav")
    expect(page.get_by_text(_words("ds.runs.champion_now", **champion))).to_be_visible()
    cells = _grid_cells(page, "versions")
    assert "★" in cells
    numbers = [float(c) for c in cells if re.fullmatch(r"-?\d+\.\d+", c)]
    assert any(abs(n - champion["metrics"]["roc_auc"]) < 1e-6 for n in numbers), cells
    for gate in ("auc", "brier", "ece", "fairness"):
        expect(page.get_by_text(text(f"ds.gate.{gate}", "en"), exact=True).first).to_be_visible()
    shot(page, "ds-runs-gates")
    page.get_by_role("tab", name=text("ds.tab.metrics", "en")).click()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    shot(page, "ds-runs-metrics")
    page.get_by_role("tab", name=text("ds.tab.charts", "en")).click()
    newest = api.get("/models").json()[0]["version"]
    plots = api.get(f"/models/{newest}").json()["plots"]
    expect(page.get_by_test_id("stImage")).to_have_count(len(plots), timeout=30_000)
    shot(page, "ds-runs-charts")


def _retrains(page: Page, api: httpx.Client) -> dict[str, Any]:
    """Start a 20-tree retraining from the page and wait for the progress bar to end in an outcome."""
    known = {v["version"] for v in api.get("/models").json()}
    open_page(page, "ds.retrain.nav")
    page.get_by_role("textbox", name=text("common.reason", "en")).fill("console test: quick retraining")
    page.get_by_role("spinbutton", name=text("ds.retrain.trees", "en"), exact=True).fill("20")
    page.get_by_role("button", name=text("ds.retrain.start", "en")).click()
    expect(page.locator(".st-key-retrain_progress [data-testid='stProgress']")).to_be_visible(timeout=30_000)
    shot(page, "ds-retrain-progress")
    outcome = page.locator(".st-key-retrain_outcome")
    expect(outcome).to_be_visible(timeout=RETRAIN_SECONDS * 1000)
    settle(page)
    job = next(j for j in api.get("/models/jobs").json() if j["status"] in ("done", "failed"))
    assert job["status"] == "done", job
    assert job["version"] not in known
    expect(outcome).to_contain_text(_words("ds.job.done", version=job["version"]))
    if not job["promoted"]:
        for gate in job["failed_gates"]:
            expect(outcome).to_contain_text(text(f"ds.gate.{gate}", "en"))
    shot(page, "ds-retrain-done")
    return job


def _compares(page: Page, first: str, second: str) -> None:
    open_page(page, "ds.compare.nav")
    expect(page.get_by_text(text("ds.compare.gates", "en"))).to_be_visible()
    cells = _grid_cells(page, "compare")
    assert text("ds.metric.roc_auc", "en") in cells
    columns = page.locator(".st-key-compare")
    expect(columns).to_contain_text(text("ds.compare.version_column", "en", version=first))
    expect(columns).to_contain_text(text("ds.compare.version_column", "en", version=second))
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    shot(page, "ds-compare")


def _promotes(page: Page, api: httpx.Client, target: str) -> None:
    """Promote `target` through the dialog; a version that failed its gates is refused (in words) until
    the override is ticked."""
    gates_passed = api.get(f"/models/{target}").json()["gates_passed"] is True
    open_page(page, "ds.retrain.nav")
    choose(page, text("ds.promote.version", "en"), text("ds.version_label", "en", **_version(api, target)))
    page.get_by_role("button", name=text("ds.promote.button", "en", version=target)).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("textbox", name=text("common.reason", "en")).fill("console test: promote the new run")
    confirm = dialog.get_by_role("button", name=text("ds.promote.confirm", "en"), exact=True)
    if not gates_passed:
        confirm.click()
        settle(page)
        expect(dialog.get_by_text(text("ds.promote.refused_gates", "en", version=target))).to_be_visible()
        shot(page, "ds-promote-refused")
        dialog.get_by_text(text("ds.promote.override", "en")).click()
        settle(page)
    shot(page, "ds-promote-confirm")
    confirm.click()
    settle(page)
    expect(dialog).to_have_count(0)
    expect(page.get_by_text(text("ds.promote.done", "en", version=target)).first).to_be_visible()
    shot(page, "ds-promoted")


def _version(api: httpx.Client, version: str) -> dict[str, Any]:
    return next(v for v in api.get("/models").json() if v["version"] == version)


def _rolls_back(page: Page, previous: str) -> None:
    page.get_by_role("button", name=text("ds.rollback.button", "en", version=previous)).click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_role("textbox", name=text("common.reason", "en")).fill("console test: back to the champion")
    shot(page, "ds-rollback-confirm")
    dialog.get_by_role("button", name=text("ds.rollback.confirm", "en"), exact=True).click()
    settle(page)
    expect(dialog).to_have_count(0)
    expect(page.get_by_text(text("ds.rollback.done", "en", version=previous)).first).to_be_visible()
    shot(page, "ds-rolled-back")


def test_data_scientist_retrains_compares_promotes_and_rolls_back(console: Console, page: Page) -> None:
    api = console.api("data_scientist")
    sign_in(page, console, "data_scientist")
    _reads_the_runs(page, api)

    job = _retrains(page, api)
    champion = _champion(api)["version"]
    assert (champion == job["version"]) == bool(job["promoted"])
    # A new version that passed its gates took the champion's place; then promote the one it replaced.
    target = next(v["version"] for v in api.get("/models").json() if v["version"] != champion)
    _compares(page, champion, target)

    _promotes(page, api, target)
    assert _champion(api)["version"] == target
    move = api.get("/models/history").json()[0]
    assert (move["version"], move["action"], move["by"]) == (target, "promote", "api:data_scientist")
    assert move["reason"] == "console test: promote the new run"

    _rolls_back(page, champion)
    assert _champion(api)["version"] == champion
    move = api.get("/models/history").json()[0]
    assert (move["version"], move["action"], move["by"]) == (champion, "rollback", "api:data_scientist")
    audited = api.get("/models/history").json()
    assert [m["action"] for m in audited[:2]] == ["rollback", "promote"]
