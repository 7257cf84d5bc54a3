"""The principal's reports over the API (own school only; an admin names any), the champion's fairness, and
what data scientists, auditors and principals receive from the reports, audit and models endpoints: never a
pupil's id, PINFL or name."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select

from service.db.access import AuditEntry
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow


def school(served: Served) -> str:
    return str(served.client.get("/auth/me", headers=served.headers("principal")).json()["school_id"])


def report(served: Served, username: str, **params: str) -> tuple[int, str, bytes]:
    response = served.client.get("/reports/monitoring", params=params, headers=served.headers(username))
    return response.status_code, response.headers["content-type"], response.content


def test_a_principal_gets_the_monitoring_report_of_their_school(served: Served) -> None:
    response = served.client.get("/reports/monitoring", headers=served.headers("principal"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["school_id"] == school(served)
    assert body["marks"]
    assert {"class", "subject", "change", "slipping", "suppressed"} <= set(body["marks"][0])
    assert body["min_group"] >= 5
    with served.engine.connect() as connection:
        audited = connection.execute(
            select(AuditEntry.resource, AuditEntry.result)
            .where(AuditEntry.action == "report.monitoring", AuditEntry.actor == "principal")
            .order_by(AuditEntry.seq.desc())
        ).first()
    assert audited == (f"school:{body['school_id']}", "ok")


def test_the_csv_has_a_header_and_a_row_per_class_and_subject(served: Served) -> None:
    marks = served.client.get("/reports/monitoring", headers=served.headers("principal")).json()["marks"]
    status, kind, content = report(served, "principal", format="csv")
    assert (status, kind) == (200, "text/csv; charset=utf-8")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    assert rows
    assert {"class", "subject", "change", "attendance_now", "flagged"} <= set(rows[0])
    assert [(r["class"], r["subject"]) for r in rows] == [(m["class"], m["subject"]) for m in marks]


@pytest.mark.parametrize("lang", ["uz", "ru", "en"])
def test_the_pdf_is_a_pdf_in_the_language_asked(served: Served, lang: str) -> None:
    status, kind, content = report(served, "principal", format="pdf", lang=lang)
    assert (status, kind) == (200, "application/pdf")
    assert content.startswith(b"%PDF")


def test_a_principal_reads_no_other_school_and_a_teacher_no_report(served: Served) -> None:
    for path in ("/reports/monitoring", "/reports/interventions"):
        foreign = served.client.get(
            path, params={"school_id": "S-FOREIGN"}, headers=served.headers("principal")
        )
        assert foreign.status_code == 403, path
        assert "own school" in foreign.json()["error"]["message"]
        for username in ("teacher", "data_scientist", "auditor"):
            assert served.client.get(path, headers=served.headers(username)).status_code == 403


def test_an_admin_names_the_school(served: Served) -> None:
    headers = served.headers("admin")
    assert served.client.get("/reports/monitoring", headers=headers).status_code == 422
    assert (
        served.client.get("/reports/monitoring", params={"school_id": "S-NONE"}, headers=headers).status_code
        == 404
    )
    named = served.client.get("/reports/monitoring", params={"school_id": school(served)}, headers=headers)
    assert named.status_code == 200
    empty = served.client.get("/reports/monitoring", params={"school_id": "S-FOREIGN"}, headers=headers)
    assert empty.status_code == 409
    assert "no marks" in empty.json()["error"]["message"]


def test_the_intervention_report_says_plainly_when_data_is_too_thin(served: Served) -> None:
    response = served.client.get("/reports/interventions", headers=served.headers("principal"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["school_id"] == school(served)
    assert body["insufficient_data"] is True
    overall = body["groups"][0]
    assert overall["kind"] == "all"
    assert overall["effects"] == []
    assert f"at least {body['min_pairs']}" in overall["message"]
    as_csv = served.client.get(
        "/reports/interventions", params={"format": "csv"}, headers=served.headers("principal")
    )
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert rows[0]["kind"] == "all"
    assert rows[0]["insufficient_data"] == "True"


def test_fairness_shows_group_rates_and_ratios_to_those_who_may_see_them(served: Served) -> None:
    for username in ("data_scientist", "auditor", "principal"):
        response = served.client.get("/reports/fairness", headers=served.headers(username))
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["band"] == [0.8, 1.25]
        assert {g["attribute"] for g in body["groups"]} >= {"sex", "region"}
        assert all({"fnr", "fpr", "fnr_ratio", "fpr_ratio", "assessed"} <= set(g) for g in body["groups"])
    for username in ("teacher", "admin"):
        assert served.client.get("/reports/fairness", headers=served.headers(username)).status_code == 403


def test_no_pupil_is_named_in_what_these_roles_receive(served: Served) -> None:
    """Tempting entries first (a pupil's explanation read, a principal's purpose), then every endpoint of
    reports, audit and models as the roles that see no identified pupil, and the principal's reports."""
    teacher_pupil = sorted(served.scopes["teacher"])[0]
    served.client.get(f"/pupils/{teacher_pupil}/explanation", headers=served.headers("teacher"))
    served.client.get("/pupils", params={"purpose": "quarter review"}, headers=served.headers("principal"))
    bodies: list[tuple[str, str]] = []
    for username in ("data_scientist", "auditor"):
        headers = served.headers(username)
        versions = served.client.get("/models", headers=headers).json()
        paths = ["/models", "/models/history", "/models/jobs", "/reports/fairness"]
        paths += [f"/models/{v['version']}" for v in versions]
        paths += ["/audit?limit=200", "/audit/export"] if username == "auditor" else []
        bodies += [(f"{username} {p}", served.client.get(p, headers=headers).text) for p in paths]
        for job in served.client.get("/models/jobs", headers=headers).json():
            path = f"/models/jobs/{job['job_id']}"
            bodies.append((f"{username} {path}", served.client.get(path, headers=headers).text))
    bodies.append(("verify", served.client.post("/audit/verify", headers=served.headers("auditor")).text))
    for params in ({}, {"format": "csv"}):
        for path in ("/reports/monitoring", "/reports/interventions"):
            response = served.client.get(path, params=params, headers=served.headers("principal"))
            bodies.append((f"principal {path} {params}", response.text))
    assert all(text for _, text in bodies)
    secrets = {p["pupil_id"] for p in served.district.pupils} | {
        p["full_name"] for p in served.district.pupils
    }
    secrets |= {p["pinfl"] for p in served.district.pupils} | {
        p["guardian_name"] for p in served.district.pupils
    }
    secrets |= {pupil for pupil in served.all_pupils if pupil.startswith("F")} | {"Chet Bola"}
    leaks = [(where, secret) for where, text in bodies for secret in secrets if secret and secret in text]
    assert leaks == []
