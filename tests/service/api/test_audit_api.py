"""The audit log over the API for an auditor: filtered pages newest first, reads of the log audited, the
chain verified, a CSV export, and a tampered copy of the database caught by the same endpoint."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from service.audit_queries import EXPORT_COLUMNS
from service.db.engine import make_engine
from service.settings import Settings
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow


def entries(served: Served, username: str = "auditor", **params: Any) -> dict[str, Any]:
    response = served.client.get("/audit", params=params, headers=served.headers(username))
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_entries_come_newest_first_and_each_filter_narrows_them(served: Served) -> None:
    served.client.get("/reports/monitoring", params={"format": "csv"}, headers=served.headers("principal"))
    served.client.get("/audit", headers=served.headers("teacher"))  # refused, and audited as such
    page = entries(served, limit=50)
    seqs = [item["seq"] for item in page["items"]]
    assert seqs == sorted(seqs, reverse=True)
    assert page["total"] >= len(seqs) > 2
    reports = entries(served, action="report.monitoring", actor="principal", role="principal", result="ok")
    assert reports["total"] >= 1
    assert all(
        (i["action"], i["actor"], i["role"], i["result"])
        == ("report.monitoring", "principal", "principal", "ok")
        for i in reports["items"]
    )
    refused = entries(served, actor="teacher", result="refused")
    assert any(item["action"] == "GET /audit" for item in refused["items"])
    assert entries(served, actor="nobody-at-all")["total"] == 0


def test_a_time_window_and_paging_select_the_entries_between(served: Served) -> None:
    started = datetime.now(UTC) - timedelta(seconds=1)
    served.client.get("/reports/fairness", headers=served.headers("auditor"))
    window = entries(served, action="report.fairness", since=started.isoformat())
    assert window["total"] >= 1
    assert all(datetime.fromisoformat(item["at"]) >= started for item in window["items"])
    assert entries(served, until="2000-01-01T00:00:00Z")["total"] == 0
    assert entries(served, since=(datetime.now(UTC) + timedelta(hours=1)).isoformat())["total"] == 0
    tashkent = started.astimezone(timezone(timedelta(hours=5))).isoformat()  # the same moment, UTC+5
    assert entries(served, action="report.fairness", since=tashkent)["total"] == window["total"]
    # Each read adds an entry, so pages are read up to a fixed moment.
    frozen = datetime.now(UTC).isoformat()
    first = entries(served, limit=2, offset=0, until=frozen)
    second = entries(served, limit=2, offset=2, until=frozen)
    assert first["total"] == second["total"]
    assert not {i["seq"] for i in first["items"]} & {i["seq"] for i in second["items"]}
    assert first["items"][-1]["seq"] > second["items"][0]["seq"]


def test_purpose_and_pseudonym_find_the_reads_of_one_pupil(served: Served) -> None:
    pupil = sorted(served.scopes["teacher"])[0]
    served.client.get(f"/pupils/{pupil}/explanation", headers=served.headers("teacher"))
    served.client.get(
        "/pupils", params={"purpose": "Quarter Review of 7th grades"}, headers=served.headers("principal")
    )
    found = entries(served, purpose="quarter review")
    assert found["total"] >= 1
    assert all("quarter review" in i["purpose"].lower() for i in found["items"])
    read = entries(served, action="pupil.explain", actor="teacher")["items"][0]
    assert read["pupil_pseudonym"]
    assert read["resource"] == read["pupil_pseudonym"]
    same = entries(served, pupil_pseudonym=read["pupil_pseudonym"])
    assert same["total"] >= 1
    assert {i["pupil_pseudonym"] for i in same["items"]} == {read["pupil_pseudonym"]}
    assert pupil not in str(same)


def test_reading_the_log_is_itself_audited(served: Served) -> None:
    before = entries(served, action="audit.read", actor="auditor")["total"]
    after = entries(served, action="audit.read", actor="auditor")["total"]
    assert after == before + 1
    assert entries(served, "admin", limit=1)["items"]


def test_only_auditors_and_admins_read_the_log(served: Served) -> None:
    for username in ("teacher", "principal", "data_scientist", "mentor"):
        headers = served.headers(username)
        assert served.client.get("/audit", headers=headers).status_code == 403
        assert served.client.post("/audit/verify", headers=headers).status_code == 403
        assert served.client.get("/audit/export", headers=headers).status_code == 403


def test_the_chain_verifies_and_the_check_is_audited(served: Served) -> None:
    response = served.client.post("/audit/verify", headers=served.headers("auditor"))
    body = response.json()
    assert (response.status_code, body["ok"], body["problems"]) == (200, True, [])
    assert body["entries"] >= 1
    assert body["first_problem"] is None
    assert entries(served, action="audit.verify", actor="auditor", result="ok")["total"] >= 1


def test_the_export_is_csv_with_hashes_oldest_first(served: Served) -> None:
    response = served.client.get("/audit/export", params={"format": "csv"}, headers=served.headers("auditor"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    seqs = [int(row["seq"]) for row in rows]
    assert seqs == sorted(seqs)
    assert seqs[0] == 1
    assert all(len(row["entry_hash"]) == 64 for row in rows)
    only = served.client.get(
        "/audit/export", params={"action": "audit.export"}, headers=served.headers("admin")
    )
    assert {row["action"] for row in csv.DictReader(io.StringIO(only.text))} == {"audit.export"}


def test_a_tampered_row_is_found_in_a_copy_of_the_database(served: Served, tmp_path: Path) -> None:
    from service.api.app import create_app

    copy = tmp_path / "erta.db"
    with sqlite3.connect(served.district.home / "erta.db") as source, sqlite3.connect(copy) as target:
        source.backup(target)
    engine = make_engine(f"sqlite:///{copy}")
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text("UPDATE audit_log SET purpose = 'routine check' WHERE seq = 2"))
    settings = Settings(home=served.settings.home, database_url=f"sqlite:///{copy}")
    app = create_app(settings, engine=engine, watch_model=False)
    body = TestClient(app).post("/audit/verify", headers=served.headers("auditor")).json()
    with engine.connect() as connection:
        recorded = connection.execute(text("SELECT action, result FROM audit_log ORDER BY seq DESC")).first()
    engine.dispose()
    assert tuple(recorded or ()) == ("audit.verify", "broken")
    assert body["ok"] is False
    assert body["first_problem"]["seq"] == 2
    assert "altered" in body["first_problem"]["reason"]
    assert served.client.post("/audit/verify", headers=served.headers("auditor")).json()["ok"] is True
