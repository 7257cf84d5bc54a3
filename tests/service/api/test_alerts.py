"""The alerts inbox over the API: a teacher sees their own alerts, acknowledges and snoozes them, and
cannot touch anyone else's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from service.alerts_job import run_alerts
from service.db.models import Alert
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def alerted(served: Served) -> str:
    """Run the alerts job over the district; return the teacher's staff id."""
    run_alerts(served.engine, as_of=date(2026, 3, 2))
    response = served.client.get("/auth/me", headers=served.headers("teacher"))
    return str(response.json()["staff_id"])


def inbox(served: Served, username: str, **params: str) -> dict:
    response = served.client.get("/alerts", params=params, headers=served.headers(username))
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_the_inbox_holds_only_the_callers_alerts(served: Served, alerted: str) -> None:
    page = inbox(served, "teacher", limit="200")
    with served.engine.connect() as connection:
        own = set(
            connection.scalars(
                select(Alert.id).where(Alert.recipient_staff_id == alerted, Alert.status != "closed")
            )
        )
    assert page["total"] == len(own)
    assert {a["id"] for a in page["items"]} <= own
    assert all(
        a["pupil_id"] in served.scopes["teacher"] | served.scopes["subject_teacher"] for a in page["items"]
    )


def test_acknowledge_then_snooze_change_the_alert_and_are_audited(served: Served, alerted: str) -> None:
    first = inbox(served, "teacher", status="open")["items"][0]
    headers = served.headers("teacher")
    acknowledged = served.client.post(f"/alerts/{first['id']}/acknowledge", headers=headers)
    assert acknowledged.status_code == 200
    assert acknowledged.json()["status"] == "acknowledged"
    until = (date.today() + timedelta(days=7)).isoformat()
    snoozed = served.client.post(f"/alerts/{first['id']}/snooze", json={"until": until}, headers=headers)
    assert snoozed.json()["status"] == "snoozed"
    assert snoozed.json()["snoozed_until"] == until


def test_a_snooze_into_the_past_or_too_far_is_refused_with_the_limit(served: Served, alerted: str) -> None:
    first = inbox(served, "teacher")["items"][0]
    headers = served.headers("teacher")
    for until, words in (
        (date.today(), "after today"),
        (date.today() + timedelta(days=90), "at most 30 days"),
    ):
        response = served.client.post(
            f"/alerts/{first['id']}/snooze", json={"until": until.isoformat()}, headers=headers
        )
        assert response.status_code == 422
        assert words in response.json()["error"]["message"]


def test_nobody_acts_on_another_persons_alert(served: Served, alerted: str) -> None:
    with served.engine.connect() as connection:
        foreign = connection.scalar(
            select(Alert.id).where(Alert.recipient_staff_id != alerted, Alert.status != "closed").limit(1)
        )
    assert foreign is not None
    response = served.client.post(f"/alerts/{foreign}/acknowledge", headers=served.headers("teacher"))
    assert response.status_code == 404
    assert served.client.get("/alerts", headers=served.headers("auditor")).status_code == 403
    with served.engine.connect() as connection:
        status = connection.scalar(select(Alert.status).where(Alert.id == foreign))
    assert status != "acknowledged"
