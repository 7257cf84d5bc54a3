"""The class teacher's flagged pupils over the API: exactly the readable pupils the nightly run flagged, most
urgent first, with their band, reasons in the asked language and recent marks as stored; everyone else is
refused, and every request is audited."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import delete, insert, select

from model.alert_policy import TIERS
from service.db.access import AuditEntry
from service.db.records import Mark
from service.db.school import Pupil, SchoolClass
from service.db.support import Alert, RiskScore
from service.scoring_job import score_all
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow

VERSION = "test-flagged"
REASON = "test_flagged"
PURPOSE = "weekly review of flagged pupils"


@pytest.fixture(scope="module")
def school(served: Served) -> Iterator[str]:
    """The teacher's school scored by the nightly job under a version of its own, removed afterwards."""
    serving = served.client.app.state.erta.champion.current()
    assert serving is not None
    with served.engine.connect() as connection:
        school_id = str(
            connection.scalar(
                select(SchoolClass.school_id)
                .join(Pupil, Pupil.class_id == SchoolClass.class_id)
                .where(Pupil.pupil_id.in_(served.scopes["teacher"]))
            )
        )
    score_all(served.engine, serving.model, VERSION, school_id=school_id)
    yield school_id
    with served.engine.begin() as connection:
        connection.execute(delete(RiskScore).where(RiskScore.model_version == VERSION))
        connection.execute(delete(Alert).where(Alert.reason == REASON))


def pages(served: Served, username: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of the table, page by page."""
    items: list[dict[str, Any]] = []
    offset = 0
    while True:
        response = served.client.get(
            "/pupils/flagged",
            params={"limit": 7, "offset": offset, **params},
            headers=served.headers(username),
        )
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        offset += page["limit"]
        if offset >= page["total"]:
            assert len(items) == page["total"]
            return items


def latest_scores(served: Served, pupils: set[str]) -> dict[str, Any]:
    with served.engine.connect() as connection:
        rows = connection.execute(
            select(RiskScore.pupil_id, RiskScore.tier, RiskScore.drivers)
            .where(RiskScore.pupil_id.in_(pupils))
            .order_by(RiskScore.as_of, RiskScore.scored_at, RiskScore.id)
        ).all()
    return {row.pupil_id: row for row in rows}  # the last one wins


def test_a_class_teacher_gets_the_own_class_flagged_pupils_most_urgent_first(
    served: Served, school: str
) -> None:
    items = pages(served, "teacher", lang="en")
    own = served.scopes["teacher"] - {served.district.revoked}
    expected = {p for p, score in latest_scores(served, own).items() if score.tier != "low"}
    assert expected, "the teacher's class should have flagged pupils to show"
    assert {item["pupil_id"] for item in items} == expected
    assert all(item["tier"] in TIERS and item["tier"] != "low" for item in items)
    urgency = [(-TIERS.index(i["tier"]), -i["probability"], i["full_name"]) for i in items]
    assert urgency == sorted(urgency)
    for item in items:
        low, high = (int(edge) for edge in item["probability_band"].rstrip("%").split("–"))
        assert high - low == 10
        assert low / 100 <= item["probability"] <= high / 100
        assert len(item["top_reasons"]) <= 3


def test_recent_marks_are_the_pupils_last_ten_daily_and_test_marks(served: Served, school: str) -> None:
    item = pages(served, "teacher")[0]
    with served.engine.connect() as connection:
        stored = connection.execute(
            select(Mark.mark)
            .where(Mark.pupil_id == item["pupil_id"], Mark.kind.in_(("daily", "test")))
            .order_by(Mark.date, Mark.subject, Mark.kind)
        ).scalars()
        expected = [int(mark) for mark in stored][-10:]
    assert expected
    assert item["recent_marks"] == expected
    assert all(1 <= mark <= 5 for mark in item["recent_marks"])


def test_the_reasons_come_in_the_asked_language(served: Served, school: str) -> None:
    english = {i["pupil_id"]: i["top_reasons"] for i in pages(served, "teacher", lang="en")}
    russian = {i["pupil_id"]: i["top_reasons"] for i in pages(served, "teacher", lang="ru")}
    pupil = next(p for p, reasons in english.items() if reasons)
    assert english[pupil] != russian[pupil]
    drivers = latest_scores(served, {pupil})[pupil].drivers
    raising = sorted((d for d in drivers if d["contribution"] > 0), key=lambda d: -d["contribution"])
    assert english[pupil] == [d["text"]["en"] for d in raising][:3]
    assert russian[pupil] == [d["text"]["ru"] for d in raising][:3]


def test_open_alerts_addressed_to_the_caller_are_counted(served: Served, school: str) -> None:
    item = pages(served, "teacher")[0]
    before = item["open_alerts"]
    with served.engine.connect() as connection:
        teacher = connection.scalar(
            select(SchoolClass.class_teacher_id).where(SchoolClass.class_id == item["class_id"])
        )
    alert = {"pupil_id": item["pupil_id"], "reason": REASON, "recipient_staff_id": teacher}
    with served.engine.begin() as connection:
        connection.execute(
            insert(Alert),
            [
                {**alert, "subject": "a", "status": "open"},
                {**alert, "subject": "b", "status": "open"},
                {**alert, "subject": "c", "status": "acknowledged"},
            ],
        )
    counts = {i["pupil_id"]: i["open_alerts"] for i in pages(served, "teacher")}
    assert counts[item["pupil_id"]] == before + 2
    assert pages(served, "principal", purpose=PURPOSE)[0]["open_alerts"] == 0  # not addressed to them


def test_a_class_filter_and_the_principal_with_a_purpose(served: Served, school: str) -> None:
    items = pages(served, "teacher")
    class_id = items[0]["class_id"]
    assert pages(served, "teacher", class_id="C-FOREIGN") == []
    in_class = pages(served, "principal", class_id=class_id, purpose=PURPOSE)
    assert [i["pupil_id"] for i in in_class] == [i["pupil_id"] for i in items if i["class_id"] == class_id]
    school_wide = pages(served, "principal", purpose=PURPOSE)
    assert {i["pupil_id"] for i in items} <= {i["pupil_id"] for i in school_wide}


def test_refusals_and_audit(served: Served, school: str) -> None:
    refused = served.client.get("/pupils/flagged", headers=served.headers("principal"))
    assert refused.status_code == 403
    assert "purpose" in refused.json()["error"]["message"]
    for username in ("data_scientist", "auditor", "admin"):
        response = served.client.get("/pupils/flagged", headers=served.headers(username))
        assert response.status_code == 403, username
    too_long = served.client.get("/pupils/flagged", params={"limit": 201}, headers=served.headers("teacher"))
    assert too_long.status_code == 422
    answered = served.client.get(
        "/pupils/flagged", params={"purpose": PURPOSE}, headers=served.headers("principal")
    )
    assert answered.status_code == 200
    assert answered.json()["as_of"] is not None
    with served.engine.connect() as connection:
        entries = connection.execute(
            select(AuditEntry.actor, AuditEntry.result, AuditEntry.purpose, AuditEntry.action).where(
                AuditEntry.action.in_(("pupil.flagged", "GET /pupils/flagged"))
            )
        ).all()
    assert ("teacher", "ok", None, "pupil.flagged") in entries
    assert ("principal", "refused", None, "pupil.flagged") in entries
    assert ("principal", "ok", PURPOSE, "pupil.flagged") in entries
    assert ("data_scientist", "refused", None, "GET /pupils/flagged") in entries
