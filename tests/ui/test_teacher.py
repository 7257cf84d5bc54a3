"""The class teacher's day in the console: the flagged pupils most urgent first, the first one's page with
its charts and drivers, support proposed and dismissed with a reason, a note the guardrail checks before
saving, and alerts acknowledged and snoozed; every change checked in the API or the database. The
teacher's pages speak ru and en and back."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import httpx
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from service.db.models import Note
from tests.ui.browser import open_page, settle, shot, sign_in, visible_text
from tests.ui.conftest import Console
from ui.i18n import text

REASON = "Tarix extra lessons already run at school twice a week; we wait for the quarter test."
LABELLING = "He is lazy and never does his homework."
WITH_PHONE = "He is lazy. Call his mother on +998 90 123 45 67."
URGENCY = {"high": 0, "medium": 1, "low": 2}
OPEN = ("proposed", "accepted", "in_progress")


def _get(api: httpx.Client, path: str, **params: Any) -> Any:
    answer = api.get(path, params=params)
    answer.raise_for_status()
    return answer.json()


def _table_names(page: Page) -> list[str]:
    """The pupil column of the flagged table, top to bottom, from the grid's accessible cells."""
    grid = page.get_by_test_id("stDataFrame").first
    rows = grid.locator("tbody tr")
    # The grid draws on a canvas; its cells are also kept, unseen, in a table for screen readers.
    rows.first.wait_for(state="attached")
    return [rows.nth(i).locator("td").nth(1).inner_text().strip() for i in range(rows.count())]


def _free_recommendations(api: httpx.Client, pupil_id: str, as_of: str) -> list[tuple[int, dict]]:
    """(index on the page, recommendation) of those with no open support on file yet."""
    explanation = _get(api, f"/pupils/{pupil_id}/explanation", lang="en", as_of=as_of)
    on_file = _get(api, "/interventions", pupil_id=pupil_id, limit=200)["items"]
    taken = {(i["kind"], i["subject"]) for i in on_file if i["status"] in OPEN}
    recommendations = enumerate(explanation["recommendations"])
    return [(n, r) for n, r in recommendations if (r["kind"], r["subject"] or "") not in taken]


def _support(api: httpx.Client, pupil_id: str, recommendation: dict) -> dict:
    """The newest support on file of the recommendation's kind and subject."""
    on_file = _get(api, "/interventions", pupil_id=pupil_id, limit=200)["items"]
    subject = recommendation["subject"] or ""
    return next(i for i in on_file if i["kind"] == recommendation["kind"] and i["subject"] == subject)


def _confirmed(page: Page, message: str) -> None:
    """The page says what was done (in a box at the top, and in a toast)."""
    expect(page.get_by_test_id("stAlertContentSuccess").get_by_text(message)).to_be_visible()


def _title(recommendation: dict) -> str:
    title = text(f"kind.{recommendation['kind']}", "en")
    return f"{title} — {recommendation['subject']}" if recommendation["subject"] else title


def _notes_about(console: Console, pupil_id: str) -> int:
    with console.engine.connect() as connection:
        return connection.execute(select(func.count()).where(Note.pupil_id == pupil_id)).scalar_one()


def _write_note(page: Page, note: str, button_key: str) -> None:
    """Type the note (its box is keyed by how many notes were saved) and press Check or Save."""
    page.locator("[class*='st-key-note_text_'] textarea").fill(note)
    page.get_by_role("button", name=text(button_key, "en"), exact=True).click()
    settle(page)


def test_teacher_reviews_the_most_urgent_pupil_and_decides_on_support(console: Console, page: Page) -> None:
    api = console.api("teacher")
    flagged = _get(api, "/pupils/flagged", lang="en", limit=50)
    items = flagged["items"]
    assert items, "the demo class has flagged pupils"
    ranks = [(URGENCY[i["tier"]], -i["probability"]) for i in items]
    assert ranks == sorted(ranks)

    sign_in(page, console, "teacher")
    expect(page.get_by_role("heading", name=text("teacher.flagged.title", "en"))).to_be_visible()
    assert _table_names(page) == [i["full_name"] for i in items[: len(_table_names(page))]]
    shot(page, "teacher-1-flagged")

    first = items[0]
    page.get_by_role("button", name=text("teacher.flagged.open", "en")).click()
    settle(page)
    expect(page.get_by_role("heading", name=text("teacher.pupil.title", "en"))).to_be_visible()
    expect(page.get_by_role("heading", name=first["full_name"])).to_be_visible()
    assert f"pupil={first['pupil_id']}" in page.url
    expect(page.locator(".st-key-drivers_chart")).to_be_visible()
    expect(page.locator(".st-key-marks_chart")).to_be_visible()
    for reason in first["top_reasons"]:
        expect(page.get_by_text(reason).first).to_be_visible()
    shot(page, "teacher-2-pupil")

    free = _free_recommendations(api, first["pupil_id"], first["as_of"])
    assert len(free) >= 2, "the most urgent pupil has two recommendations without support yet"
    (proposed_at, proposed), (dismissed_at, dismissed) = free[0], free[1]

    page.locator(f".st-key-rec_{proposed_at}").get_by_role(
        "button", name=text("teacher.support.propose", "en")
    ).click()
    settle(page)
    _confirmed(page, text("teacher.support.proposed", "en", title=_title(proposed)))
    support = _support(api, first["pupil_id"], proposed)
    assert support["status"] == "proposed"
    assert support["rationale"] == proposed["rationale"]
    shot(page, "teacher-3-proposed")

    card = page.locator(f".st-key-rec_{dismissed_at}")
    card.get_by_role("button", name=text("teacher.support.dismiss", "en")).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("textbox", name=text("teacher.support.dismiss_reason", "en")).fill(REASON)
    dialog.get_by_role("button", name=text("teacher.support.dismiss_confirm", "en")).click()
    settle(page)
    expect(page.get_by_role("dialog")).to_have_count(0)
    declined = _support(api, first["pupil_id"], dismissed)
    assert declined["status"] == "declined"
    assert declined["reviewer"] is not None
    history = _get(api, f"/interventions/{declined['id']}")["history"]
    assert history[-1]["to_status"] == "declined"
    assert history[-1]["note"] == REASON
    expect(page.get_by_text(text("teacher.support.declined_because", "en", reason=REASON))).to_be_visible()
    shot(page, "teacher-4-dismissed")

    notes_before = _notes_about(console, first["pupil_id"])
    _write_note(page, WITH_PHONE, "teacher.note.check")
    expect(page.get_by_text(text("teacher.note.wording_found", "en", count=1))).to_be_visible()
    expect(page.get_by_text(text("teacher.note.personal_found", "en", count=1))).to_be_visible()
    assert "123 45 67" not in visible_text(page), "the page never repeats the personal data"
    shot(page, "teacher-5-note-checked")
    _write_note(page, WITH_PHONE, "teacher.note.save")
    expect(page.get_by_text(text("teacher.note.blocked", "en"))).to_be_visible()
    assert _notes_about(console, first["pupil_id"]) == notes_before

    _write_note(page, LABELLING, "teacher.note.save")
    expect(page.get_by_text(text("teacher.note.confirm_needed", "en"))).to_be_visible()
    assert _notes_about(console, first["pupil_id"]) == notes_before
    page.get_by_text(text("teacher.note.confirm", "en")).click()
    _write_note(page, LABELLING, "teacher.note.save")
    _confirmed(page, text("teacher.note.saved", "en"))
    assert _notes_about(console, first["pupil_id"]) == notes_before + 1
    shot(page, "teacher-6-note-saved")


def test_teacher_acknowledges_and_snoozes_alerts(console: Console, page: Page) -> None:
    api = console.api("teacher")
    inbox = _get(api, "/alerts", status="open", limit=2)["items"]
    assert len(inbox) == 2, "the nightly alerts reached the demo teacher"
    seen, later = inbox

    sign_in(page, console, "teacher")
    open_page(page, "alerts.nav")
    expect(page.get_by_role("heading", name=text("alerts.title", "en"))).to_be_visible()
    card = page.locator(f".st-key-alert_{seen['id']}")
    expect(card.get_by_text(seen["pupil_name"])).to_be_visible()
    expect(card.get_by_text(text(f"alerts.reason.{seen['reason']}", "en"), exact=False)).to_be_visible()
    shot(page, "teacher-7-alerts")

    card.get_by_role("button", name=text("alerts.acknowledge", "en")).click()
    settle(page)
    _confirmed(page, text("alerts.acknowledged", "en", pupil=seen["pupil_name"]))
    acknowledged = _get(api, "/alerts", status="acknowledged", limit=200)["items"]
    assert seen["id"] in {a["id"] for a in acknowledged}
    expect(page.locator(f".st-key-alert_{seen['id']}")).to_have_count(0)

    card = page.locator(f".st-key-alert_{later['id']}")
    card.get_by_role("button", name=text("alerts.snooze", "en")).click()
    page.get_by_role("dialog").get_by_role("button", name=text("alerts.snooze_confirm", "en")).click()
    settle(page)
    snoozed = {a["id"]: a for a in _get(api, "/alerts", status="snoozed", limit=200)["items"]}
    assert snoozed[later["id"]]["snoozed_until"] == (date.today() + timedelta(days=7)).isoformat()
    shot(page, "teacher-8-alerts-done")


def test_the_attendance_calendar_shows_each_days_worst_record() -> None:
    from ui.pages.teacher_charts import school_days

    attendance = [
        {"date": "2026-05-18", "subject": None, "status": "late"},
        {"date": "2026-05-18", "subject": None, "status": "absent_unexcused"},
        {"date": "2026-05-19", "subject": "Fizika", "status": "absent_excused"},
        {"date": "2026-05-20", "subject": "Tarix", "status": "late"},
    ]
    days = school_days(attendance, {"2026-05-21"}, date(2026, 5, 25))
    status = dict(zip(days["day"], days["status"], strict=True))
    assert status == {
        "2026-05-18": "absent_unexcused",
        "2026-05-19": "lesson",
        "2026-05-20": "late",
        "2026-05-21": "present",
        "2026-05-22": "none",
        "2026-05-23": "none",
        "2026-05-25": "none",
    }, "Sunday is no school day; a day with nothing recorded is not called present"


def test_the_waterfall_adds_the_drivers_up_and_ends_on_their_sum() -> None:
    from ui.pages.teacher_charts import waterfall

    drivers = [{"contribution": 0.5, "text": "a"}, {"contribution": 0.25, "text": "b"}]
    drivers.append({"contribution": -0.125, "text": "c"})
    words = dict.fromkeys(("raises", "lowers", "total", "sum", "axis", "driver"), "")
    words |= {"raises": "up", "lowers": "down", "total": "all", "sum": "sum"}
    spec = waterfall(drivers, ["1", "2", "3"], words).to_dict()
    rows = next(rows for rows in spec["datasets"].values() if "label" in rows[0])
    bars = [(r["label"], r["start"], r["end"], r["direction"]) for r in rows]
    assert bars == [
        ("1", 0.0, 0.5, "up"),
        ("2", 0.5, 0.75, "up"),
        ("3", 0.75, 0.625, "down"),
        ("sum", 0.0, 0.625, "all"),
    ]
