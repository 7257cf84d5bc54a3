"""Teachers' notes over the API: the guardrail's warnings come back before anything is saved, identifiers are
refused without being repeated, wording warnings need the author's confirmation, and only a pupil the author
may read gets a note. The notes these tests save are removed when the module ends."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import delete, select

from service.db.models import AuditEntry, Note
from service.secrets import pseudonymizer
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow

PINFL = "31203051230017"
PHONE = "+998 90 123 45 67"


@pytest.fixture(scope="module")
def pupil(served: Served) -> Iterator[str]:
    with served.engine.connect() as connection:
        before = set(connection.scalars(select(Note.note_id)))
    yield sorted(served.scopes["teacher"] - {served.district.revoked})[0]
    with served.engine.begin() as connection:
        connection.execute(delete(Note).where(Note.note_id.not_in(before)))


def post(served: Served, username: str, path: str, body: dict[str, Any]) -> Any:
    return served.client.post(path, json=body, headers=served.headers(username))


def notes_of(served: Served, pupil: str) -> list[tuple[str, str]]:
    with served.engine.connect() as connection:
        return [(n.author_id, n.text) for n in connection.execute(select(Note).where(Note.pupil_id == pupil))]


def test_a_check_returns_every_warning_and_saves_nothing(served: Served, pupil: str) -> None:
    before = notes_of(served, pupil)
    text = f"U dangasa. Otasining telefoni {PHONE}, JShShIR {PINFL}"
    response = post(served, "teacher", "/interventions/notes/check", {"text": text, "language": "en",
                                                                      "pupil_id": pupil})  # fmt: skip
    assert response.status_code == 200
    body = response.json()
    assert (body["ok"], body["savable"]) == (False, False)
    found = [(w["kind"], w["category"], w["text"]) for w in body["warnings"]]
    assert found == [("wording", "label", "dangasa"), ("personal_data", "UZ_PHONE", None),
                     ("personal_data", "UZ_PINFL", None)]  # fmt: skip
    assert all(w["message"] and w["suggestion"] for w in body["warnings"])
    assert PINFL not in response.text
    assert "123 45 67" not in response.text
    assert notes_of(served, pupil) == before
    clean = post(
        served, "teacher", "/interventions/notes/check", {"text": "Uy vazifasini uch marta topshirmadi"}
    )
    assert clean.json() == {"ok": True, "savable": True, "warnings": []}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"JShShIR {PINFL}", "PINFL"),
        (f"Onasi bilan {PHONE} orqali gaplashdim", "phone number"),
        ("Pasporti AB1234567 yo'qolgan", "passport number"),
    ],
)
def test_an_identifier_is_never_saved_and_never_repeated(
    served: Served, pupil: str, text: str, kind: str
) -> None:
    before = notes_of(served, pupil)
    response = post(
        served, "teacher", "/interventions/notes", {"pupil_id": pupil, "text": text, "confirm": True}
    )
    assert response.status_code == 422
    assert kind in response.json()["error"]["message"]
    assert text not in response.text
    for digits in (PINFL, "1234567", "123 45 67"):
        assert digits not in response.text
    assert notes_of(served, pupil) == before


def test_wording_needs_the_authors_confirmation(served: Served, pupil: str) -> None:
    text = "Bugun u dangasa edi"
    first = post(served, "teacher", "/interventions/notes", {"pupil_id": pupil, "text": text})
    assert first.status_code == 200
    assert (first.json()["saved"], first.json()["note_id"]) == (False, None)
    assert [w["text"] for w in first.json()["warnings"]] == ["dangasa"]
    author = _staff(served, "teacher")
    assert (author, text) not in notes_of(served, pupil)
    confirmed = post(
        served, "teacher", "/interventions/notes", {"pupil_id": pupil, "text": text, "confirm": True}
    )
    assert confirmed.json()["saved"] is True
    assert confirmed.json()["note_id"].startswith("api-")
    assert (author, text) in notes_of(served, pupil)


def test_a_clean_note_is_saved_and_audited_without_its_text(served: Served, pupil: str) -> None:
    text = "Matematikadan oxirgi nazorat ishini 4 ga yozdi"
    saved = post(served, "teacher", "/interventions/notes", {"pupil_id": pupil, "text": text})
    assert saved.json()["saved"] is True
    assert saved.json()["warnings"] == []
    with served.engine.connect() as connection:
        entries = list(connection.execute(select(AuditEntry).where(AuditEntry.action == "note.save")))
    pseudonym = pseudonymizer(served.settings).pseudonym(pupil, "p")
    assert any(e.pupil_pseudonym == pseudonym and e.result == "ok" for e in entries)
    assert all(text not in (e.resource + (e.purpose or "")) and pupil not in e.resource for e in entries)


def test_a_person_outside_the_pupils_circle_is_not_saved(served: Served, pupil: str) -> None:
    before = notes_of(served, pupil)
    body = {"pupil_id": pupil, "text": "Ali bilan urishdi", "confirm": True}
    response = post(served, "teacher", "/interventions/notes", body)
    assert response.status_code == 422
    assert "outside the pupil's circle" in response.json()["error"]["message"]
    assert "Ali" not in response.text
    assert notes_of(served, pupil) == before


def test_only_staff_who_may_read_the_pupil_write_about_them(served: Served, pupil: str) -> None:
    body = {"pupil_id": "F0000001", "text": "Yaxshi o'qiydi"}
    foreign = post(served, "teacher", "/interventions/notes", body)
    assert foreign.status_code == 404
    assert foreign.json()["error"]["message"] == "no pupil you may read has the id 'F0000001'"
    checked = post(
        served, "teacher", "/interventions/notes/check", {"text": "Yaxshi", "pupil_id": "F0000001"}
    )
    assert checked.status_code == 404
    unlinked = post(served, "principal", "/interventions/notes", {"pupil_id": pupil, "text": "Yaxshi"})
    assert unlinked.status_code == 403
    assert "staff record" in unlinked.json()["error"]["message"]
    for username in ("data_scientist", "auditor", "admin"):
        assert (
            post(served, username, "/interventions/notes", {"pupil_id": pupil, "text": "x"}).status_code
            == 403
        )
        assert post(served, username, "/interventions/notes/check", {"text": "x"}).status_code == 403


def _staff(served: Served, username: str) -> str | None:
    me = served.client.get("/auth/me", headers=served.headers(username)).json()
    return me["staff_id"]
