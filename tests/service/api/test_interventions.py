"""Interventions over the API: staff propose support for pupils they may read, the owner or the class teacher
moves it along its lifecycle (illegal moves refused with the lifecycle's reason), every change is kept in
its history and the audit log, a mentor sees their own caseload, and mentors are matched within their
free places.

The rows these tests add (interventions, their history, risk scores) are removed when the module ends, so
the scopes other tests rely on are as the fixture built them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select

from service.db.models import AuditEntry, Intervention, Pupil, RiskScore, SchoolClass, Staff, User
from service.secrets import pseudonymizer
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow

NO_PUPIL_DATA = ("data_scientist", "auditor", "admin")
VERSION = "test-interventions"
PINFL = "31203051230017"


@dataclass(frozen=True)
class People:
    user_ids: dict[str, int]
    staff_ids: dict[str, str | None]
    shared: str  # a pupil of the teacher's class whom the subject teacher also marks
    pupil: str  # another pupil of the teacher's class
    school: str


@pytest.fixture(scope="module")
def people(served: Served) -> Iterator[People]:
    with served.engine.connect() as connection:
        users = connection.execute(select(User.username, User.id, User.staff_id)).all()
        baseline = connection.scalar(select(func.max(Intervention.id))) or 0
        school = connection.scalar(
            select(SchoolClass.school_id)
            .join(Pupil, Pupil.class_id == SchoolClass.class_id)
            .where(Pupil.pupil_id.in_(served.scopes["teacher"]))
        )
    own = sorted(served.scopes["teacher"] - {served.district.revoked} - served.scopes["mentor"])
    shared = sorted(set(own) & served.scopes["subject_teacher"])[0]
    pupil = next(p for p in own if p != shared)
    yield People(
        {u.username: u.id for u in users}, {u.username: u.staff_id for u in users}, shared, pupil, str(school)
    )
    with served.engine.begin() as connection:
        connection.execute(delete(Intervention).where(Intervention.id > baseline))  # history goes with it
        connection.execute(delete(RiskScore).where(RiskScore.model_version == VERSION))


def post(served: Served, username: str, path: str, body: dict[str, Any], **params: str) -> Any:
    return served.client.post(path, json=body, params=params, headers=served.headers(username))


def propose(served: Served, pupil: str, **body: Any) -> dict[str, Any]:
    response = post(served, "teacher", "/interventions", {"pupil_id": pupil, **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def move(served: Served, username: str, intervention: int, **body: Any) -> Any:
    return post(served, username, f"/interventions/{intervention}/status", body)


def audited(served: Served, actor: str, action: str) -> list[AuditEntry]:
    with served.engine.connect() as connection:
        return list(
            connection.execute(
                select(AuditEntry).where(AuditEntry.actor == actor, AuditEntry.action == action)
            )
        )


def test_a_teacher_proposes_support_and_the_proposal_is_audited(served: Served, people: People) -> None:
    created = propose(
        served, people.pupil, kind="extra_lessons", subject="Matematika", rationale="Marks falling"
    )
    assert created["status"] == "proposed"
    assert created["proposed_by"] == people.user_ids["teacher"]
    assert created["reviewer"] is None
    assert created["allowed_next"] == ["accepted", "declined"]
    assert date.fromisoformat(created["follow_up_on"]) == date.today() + timedelta(days=14)  # the catalog's
    assert [(h["from_status"], h["to_status"]) for h in created["history"]] == [(None, "proposed")]
    pseudonym = pseudonymizer(served.settings).pseudonym(people.pupil, "p")
    entries = audited(served, "teacher", "intervention.create")
    assert any(e.pupil_pseudonym == pseudonym and e.result == "ok" for e in entries)
    assert all(people.pupil not in e.resource for e in entries)
    again = post(served, "teacher", "/interventions", {"pupil_id": people.pupil, "kind": "extra_lessons",
                                                       "subject": "Matematika"})  # fmt: skip
    assert again.status_code == 409
    assert f"intervention {created['id']}" in again.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"kind": "tutoring"}, "kind must be one of"),
        ({"kind": "methodological_support", "subject": "Fizika"}, "kind must be one of"),
        ({"kind": "extra_lessons"}, "given in a subject"),
        ({"kind": "parent_meeting", "follow_up_on": "2000-01-01"}, "before the proposal date"),
        ({"kind": "parent_meeting", "owner_staff_id": "T-FOREIGN"}, "no member of the pupil's school"),
    ],
)
def test_a_proposal_the_catalog_or_school_does_not_allow_is_invalid(
    served: Served, people: People, body: dict[str, str], words: str
) -> None:
    response = post(served, "teacher", "/interventions", {"pupil_id": people.pupil, **body})
    assert response.status_code == 422
    assert words in response.json()["error"]["message"]


def test_nobody_proposes_support_for_a_pupil_they_may_not_read(served: Served, people: People) -> None:
    response = post(served, "teacher", "/interventions", {"pupil_id": "F0000001", "kind": "parent_meeting"})
    assert response.status_code == 404
    assert response.json()["error"]["message"] == "no pupil you may read has the id 'F0000001'"
    pseudonym = pseudonymizer(served.settings).pseudonym("F0000001", "p")
    refused = [e for e in audited(served, "teacher", "intervention.create") if e.result == "refused"]
    assert any(e.pupil_pseudonym == pseudonym for e in refused)
    for username in NO_PUPIL_DATA:
        headers = served.headers(username)
        assert served.client.get("/interventions", headers=headers).status_code == 403
        assert served.client.get("/interventions/1", headers=headers).status_code == 403
        for path, body in (
            ("/interventions", {"pupil_id": people.pupil, "kind": "parent_meeting"}),
            ("/interventions/1/status", {"status": "declined", "reason": "no"}),
            ("/interventions/1/notes", {"text": "progress"}),
            ("/interventions/mentor-assignments/propose", {}),
        ):
            response = served.client.post(path, json=body, headers=headers)
            assert response.status_code == 403, (username, path)
            assert people.pupil not in response.text


def test_legal_moves_are_made_and_recorded_and_illegal_ones_refused_with_the_reason(
    served: Served, people: People
) -> None:
    created = propose(served, people.pupil, kind="parent_meeting")
    number = created["id"]
    before = Counter(e.result for e in audited(served, "teacher", "intervention.move"))
    early = move(served, "teacher", number, status="in_progress")
    assert early.status_code == 409
    assert early.json()["error"]["message"] == (
        "cannot go from proposed to in_progress: allowed next states are accepted, declined"
    )
    accepted = move(served, "teacher", number, status="accepted", note="Ota-onasi bilan gaplashamiz")
    assert accepted.status_code == 200
    assert accepted.json()["reviewer"] == people.user_ids["teacher"]
    ownerless = move(served, "teacher", number, status="in_progress")
    assert ownerless.status_code == 409
    assert "without an owner" in ownerless.json()["error"]["message"]
    teacher = people.staff_ids["teacher"]
    started = move(served, "teacher", number, status="in_progress", owner_staff_id=teacher)
    assert started.json()["owner_staff_id"] == teacher
    no_outcome = move(served, "teacher", number, status="completed")
    assert no_outcome.status_code == 422
    assert f"/interventions/{number}/outcome" in no_outcome.json()["error"]["message"]
    done = post(served, "teacher", f"/interventions/{number}/outcome", {"outcome": "Davomat tiklandi"})
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["outcome"]) == ("completed", "Davomat tiklandi")
    final = move(served, "teacher", number, status="declined", reason="too late")
    assert final.status_code == 409
    assert final.json()["error"]["message"] == "cannot go from completed to declined: completed is final"
    read = served.client.get(f"/interventions/{number}", headers=served.headers("teacher")).json()
    user = people.user_ids["teacher"]
    assert [(h["from_status"], h["to_status"], h["actor_user_id"], h["note"]) for h in read["history"]] == [
        (None, "proposed", user, None),
        ("proposed", "accepted", user, "Ota-onasi bilan gaplashamiz"),
        ("accepted", "in_progress", user, None),
        ("in_progress", "completed", user, None),
    ]
    after = Counter(e.result for e in audited(served, "teacher", "intervention.move"))
    assert after - before == {"ok": 2, "refused": 4}
    pseudonym = pseudonymizer(served.settings).pseudonym(people.pupil, "p")
    assert all(e.pupil_pseudonym == pseudonym for e in audited(served, "teacher", "intervention.outcome"))


def test_declining_needs_a_reason_and_records_it(served: Served, people: People) -> None:
    number = propose(served, people.pupil, kind="attendance_plan")["id"]
    for body in ({"status": "declined"}, {"status": "declined", "reason": "   "}):
        refused = move(served, "teacher", number, **body)
        assert refused.status_code == 422
        assert "declining needs a reason" in refused.json()["error"]["message"]
    misplaced = move(served, "teacher", number, status="accepted", reason="why not")
    assert misplaced.status_code == 422
    assert "only when declining" in misplaced.json()["error"]["message"]
    backdated = move(served, "teacher", number, status="accepted", on="2020-01-01")
    assert backdated.status_code == 422
    declined = move(served, "teacher", number, status="declined", reason="Oila boshqa maktabga ko'chdi")
    assert declined.status_code == 200
    body = declined.json()
    assert (body["status"], body["reviewer"]) == ("declined", people.user_ids["teacher"])
    assert body["history"][-1]["note"] == "Oila boshqa maktabga ko'chdi"


def test_only_the_owner_or_the_class_teacher_acts_on_support(served: Served, people: People) -> None:
    number = propose(served, people.shared, kind="extra_lessons", subject="Ona tili")["id"]
    seen = served.client.get(f"/interventions/{number}", headers=served.headers("subject_teacher"))
    assert seen.status_code == 200  # the subject teacher may read the pupil, and so the support
    refused = move(served, "subject_teacher", number, status="accepted")
    assert refused.status_code == 403
    assert "owner" in refused.json()["error"]["message"]
    noted = post(served, "subject_teacher", f"/interventions/{number}/notes", {"text": "Keldi"})
    assert noted.status_code == 403
    pseudonym = pseudonymizer(served.settings).pseudonym(people.shared, "p")
    entries = audited(served, "subject_teacher", "intervention.move")
    assert any(e.result == "refused" and e.pupil_pseudonym == pseudonym for e in entries)
    elsewhere = move(served, "psychologist", number, status="accepted")
    assert elsewhere.status_code == 404
    unchanged = served.client.get(f"/interventions/{number}", headers=served.headers("teacher")).json()
    assert unchanged["status"] == "proposed"


def test_a_mentor_sees_and_moves_only_their_own_caseload(served: Served, people: People) -> None:
    mentor = people.staff_ids["mentor"]
    owned = propose(served, people.pupil, kind="digital_skills", owner_staff_id=mentor)["id"]
    other = propose(served, people.pupil, kind="peer_tutoring", subject="Matematika")["id"]
    headers = served.headers("mentor")
    page = served.client.get("/interventions", params={"limit": 200}, headers=headers).json()
    assert {i["owner_staff_id"] for i in page["items"]} == {mentor}
    assert owned in {i["id"] for i in page["items"]}
    assert sum(page["by_status"].values()) == page["total"]
    assert served.client.get(f"/interventions/{other}", headers=headers).status_code == 404
    board = served.client.get(
        "/interventions", params={"status": "proposed", "mine": "true"}, headers=headers
    )
    assert [i["id"] for i in board.json()["items"]] == [owned]
    accepted = move(served, "mentor", owned, status="accepted")
    assert accepted.status_code == 200
    assert accepted.json()["reviewer"] == people.user_ids["mentor"]
    listed = served.client.get(
        "/interventions", params={"pupil_id": people.pupil}, headers=served.headers("teacher")
    )
    assert {owned, other} <= {i["id"] for i in listed.json()["items"]}
    assert served.client.get("/interventions", headers=served.headers("principal")).json()["total"] == 0
    with_purpose = served.client.get(
        "/interventions", params={"purpose": "quarter review"}, headers=served.headers("principal")
    )
    assert {owned, other} <= {i["id"] for i in with_purpose.json()["items"]}


def test_texts_with_identifiers_are_refused_without_repeating_them(served: Served, people: People) -> None:
    number = propose(served, people.pupil, kind="parent_meeting")["id"]
    for path, body in (
        (f"/interventions/{number}/status", {"status": "accepted", "note": f"JShShIR: {PINFL}"}),
        (f"/interventions/{number}/notes", {"text": "Otasi: +998 90 123 45 67"}),
        (
            "/interventions",
            {"pupil_id": people.pupil, "kind": "attendance_plan", "rationale": f"JShShIR {PINFL}"},
        ),
    ):
        response = post(served, "teacher", path, body)
        assert response.status_code == 422, path
        message = response.json()["error"]["message"]
        assert "PINFL" in message or "phone number" in message
        assert PINFL not in response.text
        assert "123 45 67" not in response.text
    read = served.client.get(f"/interventions/{number}", headers=served.headers("teacher")).json()
    assert (read["status"], len(read["history"])) == ("proposed", 1)
    worded = post(served, "teacher", f"/interventions/{number}/notes", {"text": "U dangasa bola"}, lang="en")
    assert worded.status_code == 200
    assert [(w["kind"], w["text"]) for w in worded.json()["warnings"]] == [("wording", "dangasa")]
    assert worded.json()["entry"]["to_status"] == worded.json()["entry"]["from_status"] == "proposed"


@pytest.fixture(scope="module")
def flagged(served: Served, people: People) -> list[str]:
    """Latest scores of medium or high risk for pupils of the teacher's school, the mentored one included."""
    with served.engine.connect() as connection:
        pupils = sorted(
            connection.scalars(
                select(Pupil.pupil_id)
                .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
                .where(SchoolClass.school_id == people.school, Pupil.consent != "revoked")
            )
        )
    chosen = sorted({*pupils[:14], *served.scopes["mentor"]})
    with served.engine.begin() as connection:
        connection.execute(
            insert(RiskScore),
            [
                {"pupil_id": p, "as_of": date(2099, 1, 1), "model_version": VERSION,
                 "probability": 0.5 + i / 100, "tier": "high" if i % 2 else "medium",
                 "drivers": [{"group": "Geometriya", "contribution": 0.3, "facts": {}}]}
                for i, p in enumerate(chosen)
            ],
        )  # fmt: skip
    return chosen


def test_mentors_are_proposed_within_free_places_and_confirmed(
    served: Served, people: People, flagged: list[str]
) -> None:
    plan = post(served, "principal", "/interventions/mentor-assignments/propose", {}, lang="en")
    assert plan.status_code == 200, plan.text
    body = plan.json()
    places = {m["staff_id"]: m for m in body["mentors"]}
    assert places
    assert all(m["proposed"] <= m["free_places"] for m in places.values())
    proposed = {p["pupil_id"] for p in body["proposals"]}
    assert proposed | set(body["unassigned"]) <= set(flagged)
    assert not proposed & served.scopes["mentor"]  # already has open mentor support
    free = sum(m["free_places"] for m in places.values())
    assert len(proposed) == min(len(set(flagged) - served.scopes["mentor"]), free)
    # Every pupil is weak in Geometriya: mentors who know it fill up before any other is used, and the
    # pupils left out are the ones at lowest risk.
    knows = {m for m in places if "Geometriya" in _subjects(served, m)}
    used = Counter(p["mentor_staff_id"] for p in body["proposals"])
    if any(m not in knows for m in used):
        assert all(used[m] == places[m]["free_places"] for m in knows)
    assert all(p["reason"] for p in body["proposals"])
    risk = {p: 0.5 + i / 100 for i, p in enumerate(flagged)}
    if body["unassigned"]:
        assert max(risk[p] for p in body["unassigned"]) <= min(risk[p] for p in proposed)
    first = body["proposals"][0]
    pairs = [{"pupil_id": first["pupil_id"], "mentor_staff_id": first["mentor_staff_id"]}]
    confirmed = post(served, "principal", "/interventions/mentor-assignments/confirm", {"assignments": pairs})
    assert confirmed.status_code == 201, confirmed.text
    [made] = confirmed.json()["items"]
    assert (made["kind"], made["status"], made["owner_staff_id"]) == (
        "mentor",
        "proposed",
        first["mentor_staff_id"],
    )
    after = post(served, "principal", "/interventions/mentor-assignments/propose", {}).json()
    mentor = {m["staff_id"]: m for m in after["mentors"]}[first["mentor_staff_id"]]
    assert mentor["free_places"] == places[first["mentor_staff_id"]]["free_places"] - 1
    assert first["pupil_id"] not in {p["pupil_id"] for p in after["proposals"]}
    full = mentor["free_places"] + 1
    rest = [p for p in flagged if p not in served.scopes["mentor"] and p != first["pupil_id"]][:full]
    over = [{"pupil_id": p, "mentor_staff_id": mentor["staff_id"]} for p in rest]
    refused = post(served, "principal", "/interventions/mentor-assignments/confirm", {"assignments": over})
    assert refused.status_code == 409
    assert mentor["staff_id"] in refused.json()["error"]["message"]
    assert len(audited(served, "principal", "mentor.confirm")) == 2


def test_mentor_planning_stays_within_the_planners_school_and_scope(
    served: Served, people: People, flagged: list[str]
) -> None:
    mine = post(served, "teacher", "/interventions/mentor-assignments/propose", {}).json()
    assert {p["pupil_id"] for p in mine["proposals"]} | set(mine["unassigned"]) <= served.scopes["teacher"]
    foreign = post(
        served, "principal", "/interventions/mentor-assignments/propose", {"school_id": "S-FOREIGN"}
    )
    assert foreign.status_code == 404
    for username in ("mentor", "subject_teacher", "auditor"):
        assert post(served, username, "/interventions/mentor-assignments/propose", {}).status_code == 403
    outside = [{"pupil_id": "F0000001", "mentor_staff_id": mine["mentors"][0]["staff_id"]}]
    assert post(served, "principal", "/interventions/mentor-assignments/confirm",
                {"assignments": outside}).status_code == 404  # fmt: skip


def _subjects(served: Served, staff_id: str) -> list[str]:
    with served.engine.connect() as connection:
        return list(connection.scalar(select(Staff.subjects).where(Staff.staff_id == staff_id)) or [])
