"""The privacy scan's statistics for an auditor: counts of the stored notes and what the note analyzer finds
in them, the guardrail's answers and the pseudonymised exports from the audit log; never a note's text,
rescanned only when the notes change, and every read audited."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from service.audit_trail import AuditTrail
from service.db.models import Note, Pupil
from service.secrets import audit_key
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow

PINFL_NOTE = "Onasi bilan gaplashdim, JShShIR 31503921230021, telefon +998 90 123 45 67."


def stats(served: Served, username: str = "auditor") -> dict[str, Any]:
    response = served.client.get("/audit/privacy", headers=served.headers(username))
    assert response.status_code == 200, response.text
    return dict(response.json())


def guardrail(answer: dict[str, Any], action: str, result: str) -> int:
    counts = {(c["action"], c["result"]): int(c["count"]) for c in answer["guardrail"]}
    return counts[action, result]


def test_counts_match_the_database_and_find_names_in_the_synthetic_notes(served: Served) -> None:
    answer = stats(served)
    with served.engine.connect() as connection:
        notes = connection.scalar(select(func.count()).select_from(Note))
    assert notes
    assert answer["notes_scanned"] == notes
    assert answer["notes_sampled"] == min(notes, 20_000)
    assert 0 < answer["notes_with_personal_data"] <= answer["notes_sampled"]
    assert all(isinstance(count, int) and count >= 0 for count in answer["entities"].values())
    assert any("PERSON" in kind and count > 0 for kind, count in answer["entities"].items())
    assert sum(answer["entities"].values()) >= answer["notes_with_personal_data"]
    assert answer["window_days"] == 90
    assert {(c["action"], c["result"]) for c in answer["guardrail"]} >= {
        (action, result)
        for action in ("note.check", "note.save", "intervention.note")
        for result in ("ok", "refused")
    }
    assert stats(served, "admin")["notes_scanned"] == notes


def test_no_note_text_or_name_comes_back(served: Served) -> None:
    response = served.client.get("/audit/privacy", headers=served.headers("auditor"))
    with served.engine.connect() as connection:
        texts = list(connection.scalars(select(Note.text)))
        names = list(connection.scalars(select(Pupil.full_name)))
    body = response.text
    assert not [text for text in texts if len(text) >= 8 and text in body]
    assert not [name for name in names if name in body]


def test_the_guardrails_answers_and_exports_are_counted_and_the_scan_reused(served: Served) -> None:
    before = stats(served)
    assert stats(served)["scanned_at"] == before["scanned_at"]  # the notes did not change: no rescan
    pupil = sorted(served.scopes["teacher"])[0]
    teacher = served.headers("teacher")
    checked = served.client.post(
        "/interventions/notes/check", json={"text": "Darsga kech qoldi.", "pupil_id": pupil}, headers=teacher
    )
    assert checked.status_code == 200, checked.text
    refused = served.client.post(
        "/interventions/notes", json={"pupil_id": pupil, "text": PINFL_NOTE, "confirm": True}, headers=teacher
    )
    assert refused.status_code == 422, refused.text
    saved = served.client.post(
        "/interventions/notes",
        json={"pupil_id": pupil, "text": "Uy vazifasini bajarmadi.", "confirm": True},
        headers=teacher,
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["saved"]
    AuditTrail(served.engine, audit_key(served.settings)).record(
        actor="tests", role="admin", action="export.pseudonymised", resource="export:tests", result="ok"
    )
    after = stats(served)
    assert guardrail(after, "note.check", "ok") == guardrail(before, "note.check", "ok") + 1
    assert guardrail(after, "note.save", "refused") == guardrail(before, "note.save", "refused") + 1
    assert guardrail(after, "note.save", "ok") == guardrail(before, "note.save", "ok") + 1
    assert after["exports_pseudonymised"] == before["exports_pseudonymised"] + 1
    assert after["notes_scanned"] == before["notes_scanned"] + 1  # the saved note: scanned afresh
    assert after["scanned_at"] > before["scanned_at"]


def test_only_auditors_and_admins_read_it_and_each_read_is_audited(served: Served) -> None:
    for username in ("teacher", "principal", "data_scientist"):
        assert served.client.get("/audit/privacy", headers=served.headers(username)).status_code == 403
    assert served.client.get("/audit/privacy").status_code == 401
    stats(served)
    page = served.client.get(
        "/audit", params={"action": "audit.privacy", "actor": "auditor"}, headers=served.headers("auditor")
    ).json()
    assert page["total"] >= 1
    assert page["items"][0]["result"] == "ok"
    assert page["items"][0]["resource"].startswith("notes:")
