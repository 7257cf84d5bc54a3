"""A pupil's page over the API: the marks, absences and LMS weeks in it are the database's own, for the
readers the scope allows; everyone else is refused, and every request is audited."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, select

from service.db.access import AuditEntry
from service.db.records import Attendance, LmsEvent, Mark
from service.db.school import Pupil
from tests.service.api.conftest import Served


def test_a_class_teacher_sees_the_pupils_records_as_stored(served: Served) -> None:
    pupil = sorted(served.scopes["teacher"])[0]
    response = served.client.get(f"/pupils/{pupil}", params={"lang": "en"}, headers=served.headers("teacher"))
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["pupil"]["pupil_id"] == pupil
    assert "pinfl" not in page["pupil"]
    assert "address" not in page["pupil"]
    since = date.fromisoformat(page["since"])
    with served.engine.connect() as connection:
        marks = connection.scalar(
            select(func.count()).select_from(Mark).where(Mark.pupil_id == pupil, Mark.date >= since)
        )
        absences = connection.scalar(
            select(func.count())
            .select_from(Attendance)
            .where(Attendance.pupil_id == pupil, Attendance.date >= since)
        )
        events = connection.scalar(
            select(func.count())
            .select_from(LmsEvent)
            .where(LmsEvent.pupil_id == pupil, LmsEvent.timestamp >= datetime.combine(since, time()))
        )
        name = connection.scalar(select(Pupil.full_name).where(Pupil.pupil_id == pupil))
    assert marks
    assert len(page["marks"]) == marks
    assert len(page["attendance"]) == absences
    counted = sum(
        week[kind]
        for week in page["lms_weeks"]
        for kind in ("login", "view", "submit", "submit_late", "missed", "test")
    )
    assert counted == events
    assert page["pupil"]["full_name"] == name
    assert [m["date"] for m in page["marks"]] == sorted(m["date"] for m in page["marks"])
    assert all(date.fromisoformat(week["week"]).weekday() == 0 for week in page["lms_weeks"])


def test_readers_outside_scope_are_refused_and_audited(served: Served) -> None:
    pupil = sorted(served.scopes["teacher"])[0]
    outsider = next(p for p in sorted(served.all_pupils) if p not in served.scopes["subject_teacher"])
    assert (
        served.client.get(f"/pupils/{outsider}", headers=served.headers("subject_teacher")).status_code == 404
    )
    assert served.client.get(f"/pupils/{pupil}", headers=served.headers("principal")).status_code == 403
    assert served.client.get(f"/pupils/{pupil}", headers=served.headers("data_scientist")).status_code == 403
    allowed = served.client.get(
        f"/pupils/{pupil}", params={"purpose": "termly review"}, headers=served.headers("principal")
    )
    assert allowed.status_code == 200
    with served.engine.connect() as connection:
        name = str(connection.scalar(select(Pupil.full_name).where(Pupil.pupil_id == pupil)))
        results = connection.execute(
            select(AuditEntry.actor, AuditEntry.result).where(AuditEntry.action == "pupil.profile")
        ).all()
    naming = served.client.get(
        f"/pupils/{pupil}", params={"purpose": f"call about {name}"}, headers=served.headers("principal")
    )
    assert naming.status_code == 400
    assert name not in naming.text
    assert ("subject_teacher", "refused") in results
    assert ("principal", "refused") in results
    assert ("principal", "ok") in results


def test_a_refused_purpose_naming_the_pupil_stays_out_of_the_audit_log(served: Served) -> None:
    outsider = next(p for p in sorted(served.all_pupils) if p not in served.scopes["teacher"])
    with served.engine.connect() as connection:
        name = str(connection.scalar(select(Pupil.full_name).where(Pupil.pupil_id == outsider)))
    for path in (f"/pupils/{outsider}", f"/pupils/{outsider}/explanation"):
        response = served.client.get(
            path, params={"purpose": f"about {name}"}, headers=served.headers("teacher")
        )
        assert response.status_code == 404
    with served.engine.connect() as connection:
        purposes = connection.scalars(select(AuditEntry.purpose).where(AuditEntry.purpose.is_not(None))).all()
    assert not any(name in purpose for purpose in purposes)
