"""The principal's school report: the class × subject heatmap and the flagged pupils per class of their own
school, another quarter picked, the PDF and CSV downloaded; the report speaks ru and en."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from tests.ui.browser import UNTRANSLATED, choose, settle, shot, sign_in, switch_language, visible_text
from tests.ui.conftest import Console
from ui.i18n import text

CSV_HEADER = ["school_id", "quarter", "previous_quarter", "class", "subject"]


def _report(console: Console, **params: str) -> dict:
    api = console.api("principal")
    school = api.get("/auth/me").json()["school_id"]
    answer = api.get("/reports/monitoring", params={"school_id": school, "format": "json", **params})
    answer.raise_for_status()
    return answer.json()


def _quarter(code: str, lang: str = "en") -> str:
    year, number = int(code[:4]), int(code[-1])
    return text("principal.quarter", lang, start=year, end=year + 1, number=number)


def _metric(page: Page, label_key: str) -> Locator:
    metric = page.get_by_test_id("stMetric").filter(has_text=text(label_key, "en"))
    return metric.get_by_test_id("stMetricValue")


def test_principal_reads_the_school_report_and_downloads_it(console: Console, page: Page) -> None:
    report = _report(console, lang="en")
    sign_in(page, console, "principal")
    expect(page.locator("h1").first).to_contain_text(text("principal.nav", "en"))
    expect(page.get_by_text(report["school_name"])).to_be_visible()
    expect(page.get_by_text(_quarter(report["quarter"])).first).to_be_visible()

    heatmap = page.locator(".st-key-principal_heatmap")
    expect(heatmap).to_be_visible()
    expect(heatmap.locator("canvas, svg").first).to_be_visible()
    expect(page.get_by_text(text("principal.marks.title", "en"))).to_be_visible()
    shot(page, "principal-1-report")

    flagged = sum(row["flagged"] for row in report["flagged"] if not row["suppressed"])
    expect(_metric(page, "principal.metric.flagged")).to_have_text(str(flagged))
    slipping = sum(1 for row in report["marks"] if row["slipping"])
    expect(_metric(page, "principal.metric.slipping")).to_have_text(str(slipping))
    chart = page.locator(".st-key-principal_flagged")
    chart.scroll_into_view_if_needed()
    expect(chart.locator("canvas, svg").first).to_be_visible()
    for advice in report["recommendations"]:
        expect(page.get_by_text(advice["text"])).to_be_visible()
    shot(page, "principal-2-flagged")

    with page.expect_download() as pdf:
        page.locator(".st-key-principal_download_pdf button").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    assert pdf.value.path().read_bytes().startswith(b"%PDF")
    with page.expect_download() as csv:
        page.locator(".st-key-principal_download_csv button").click()
    header = csv.value.path().read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert header[: len(CSV_HEADER)] == CSV_HEADER
    assert "flagged" in header

    before = report["previous_quarter"]
    choose(page, text("principal.quarter_picker", "en"), _quarter(before))
    earlier = _report(console, lang="en", quarter=before)
    expect(page.get_by_text(_quarter(earlier["previous_quarter"])).first).to_be_visible()
    expect(page.locator(".st-key-principal_heatmap")).to_be_visible()
    shot(page, "principal-3-previous-quarter")


def test_the_school_report_speaks_russian_and_english(console: Console, page: Page) -> None:
    latest = _report(console, lang="en")["quarter"]
    sign_in(page, console, "principal", "uz")
    current = "uz"
    for lang in ("uz", "ru", "en", "uz"):
        if lang != current:
            switch_language(page, lang, current)
            current = lang
        settle(page)
        expect(page.locator("h1").first).to_contain_text(text("principal.nav", lang))
        picker = page.get_by_role("combobox", name=text("principal.quarter_picker", lang))
        expect(picker).to_have_value(_quarter(latest, lang))
        expect(page.get_by_text(text("principal.marks.title", lang))).to_be_visible()
        expect(page.get_by_text(text("principal.effect.title", lang))).to_be_visible()
        assert not UNTRANSLATED.findall(visible_text(page))
        shot(page, f"school-report-{lang}")
