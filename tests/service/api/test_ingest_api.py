"""Data in over the API: records pushed under idempotency keys load once, whatever is resent, and a bad
record is reported by position and key while the rest load; uploaded bundles and OneRoster exports load by
the bundle's rules, reported by file and line; only an admin (or an admin's integration token) may send."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select

from service.audit_trail import AuditTrail
from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.db.models import Mark, Pupil, School, Staff
from service.ingest import ingest_bundle
from service.secrets import audit_key
from service.settings import Settings
from service.synthetic import generate_bundle
from tests.service.trained_district import isolated_mlflow

PASSWORD = "a long test password"
ONEROSTER = Path(__file__).parents[1] / "ingest" / "oneroster_fixture"


@dataclass
class Loading:
    client: TestClient
    engine: Engine
    bundle: Path
    pupil: str
    teacher: str
    admin: dict[str, str]
    teacher_headers: dict[str, str]


@pytest.fixture(scope="module")
def loading(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loading]:
    from service.api.app import create_app
    from service.auth.users import add_user

    home = tmp_path_factory.mktemp("ingest_api")
    bundle = home / "bundle"
    generate_bundle(bundle, seed=5, pupils=60, schools=1, on_school_done=lambda _: None)
    settings = Settings(home=home, database_url=f"sqlite:///{home / 'erta.db'}")
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    for name in ("schools.csv", "staff.csv", "classes.csv", "pupils.csv"):
        single = home / name.removesuffix(".csv")
        single.mkdir()
        (single / name).write_bytes((bundle / name).read_bytes())
        assert ingest_bundle(single, engine).ok
    with engine.connect() as connection:
        pupil = str(connection.scalar(select(Pupil.pupil_id).order_by(Pupil.pupil_id)))
        teacher = str(connection.scalar(select(Staff.staff_id).order_by(Staff.staff_id)))
    trail = AuditTrail(engine, audit_key(settings))
    add_user(engine, "admin", PASSWORD, ["admin"], trail=trail, actor="tests")
    add_user(engine, "teacher", PASSWORD, ["class_teacher"], staff_id=teacher, trail=trail, actor="tests")
    with isolated_mlflow():
        app = create_app(settings, engine=engine, watch_model=False)
        with TestClient(app) as client:

            def headers(username: str) -> dict[str, str]:
                response = client.post("/auth/token", data={"username": username, "password": PASSWORD})
                return {"Authorization": f"Bearer {response.json()['access_token']}"}

            yield Loading(client, engine, bundle, pupil, teacher, headers("admin"), headers("teacher"))
    engine.dispose()


def grade(key: str, pupil: str, teacher: str, day: str, mark: object = 4) -> dict[str, object]:
    return {
        "type": "grade", "key": key, "pupil_id": pupil, "subject": "Matematika", "date": day,
        "kind": "daily", "mark": mark, "teacher_id": teacher,
    }  # fmt: skip


def marks_of(loading: Loading, pupil: str) -> dict[str, int]:
    with loading.engine.connect() as connection:
        rows = connection.execute(
            select(Mark.date, Mark.mark).where(Mark.pupil_id == pupil, Mark.kind == "daily")
        )
        return {str(day): int(mark) for day, mark in rows}


def push(loading: Loading, records: list[dict[str, object]]) -> dict[str, object]:
    response = loading.client.post("/ingest/records", json={"records": records}, headers=loading.admin)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_pushed_records_load_once_and_bad_ones_are_named_by_position_and_key(loading: Loading) -> None:
    p, t = loading.pupil, loading.teacher
    records = [
        grade("g-1", p, t, "2026-02-02"),
        grade("g-2", p, t, "2026-02-03", mark=5.0),
        {
            "type": "attendance",
            "key": "a-1",
            "pupil_id": p,
            "date": "2026-02-03",
            "status": "absent_unexcused",
        },
        grade("g-3", p, t, "2026-02-04", mark=7),
        grade("g-4", "NO-SUCH-PUPIL", t, "2026-02-05"),
        grade("g-1", p, t, "2026-02-06"),
    ]
    body = push(loading, records)
    assert (body["received"], body["loaded"], body["duplicates"]) == (6, 3, 0)
    rejected = {r["index"]: r for r in body["rejected"]}  # type: ignore[attr-defined]
    assert sorted(rejected) == [3, 4, 5]
    assert rejected[3]["key"] == "g-3"
    assert "mark" in rejected[3]["reason"]
    assert "pupil_id" in rejected[4]["reason"]
    assert "repeats record 0" in rejected[5]["reason"]
    assert marks_of(loading, p) == {"2026-02-02": 4, "2026-02-03": 5}

    again = push(loading, records)
    assert (again["loaded"], again["duplicates"]) == (0, 3)  # the rejected ones are not remembered
    assert marks_of(loading, p) == {"2026-02-02": 4, "2026-02-03": 5}

    corrected = push(loading, [grade("g-3", p, t, "2026-02-04", mark=3)])
    assert corrected["loaded"] == 1
    assert corrected["rejected"] == []
    assert marks_of(loading, p)["2026-02-04"] == 3


def test_a_key_reused_for_other_content_is_refused_and_changes_nothing(loading: Loading) -> None:
    p, t = loading.pupil, loading.teacher
    assert push(loading, [grade("k-1", p, t, "2026-03-02", mark=2)])["loaded"] == 1
    body = push(loading, [grade("k-1", p, t, "2026-03-02", mark=5)])
    assert body["loaded"] == 0
    assert "other content" in body["rejected"][0]["reason"]  # type: ignore[index]
    assert marks_of(loading, p)["2026-03-02"] == 2


def test_only_an_admin_may_send_data(loading: Loading) -> None:
    record = {"records": [grade("x-1", loading.pupil, loading.teacher, "2026-03-03")]}
    assert loading.client.post("/ingest/records", json=record).status_code == 401
    refused = loading.client.post("/ingest/records", json=record, headers=loading.teacher_headers)
    assert refused.status_code == 403
    upload = loading.client.post(
        "/ingest/bundle", files=[("files", ("grades.csv", b"pupil_id\n"))], headers=loading.teacher_headers
    )
    assert upload.status_code == 403
    assert "2026-03-03" not in marks_of(loading, loading.pupil)


def test_an_uploaded_zip_loads_by_the_bundles_rules_and_reports_file_and_line(loading: Loading) -> None:
    lines = (loading.bundle / "grades.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], lines[1:200]
    broken = rows[10].split(",")
    broken[header.split(",").index("mark")] = "9"
    rows[10] = ",".join(broken)
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("export/grades.csv", "\n".join([header, *rows]) + "\n")
        bundle.writestr("../../outside.csv", "x\n")
        bundle.writestr("readme.txt", "not data")
    response = loading.client.post(
        "/ingest/bundle", files=[("files", ("delta.zip", archive.getvalue()))], headers=loading.admin
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["format"] == "bundle"
    assert body["files"]["grades.csv"]["read"] == 199
    assert body["files"]["grades.csv"]["rejected"] == 1
    assert len(body["problems"]) == body["problems_total"] == 1
    assert body["problems"][0].startswith("grades.csv:12: mark")
    assert sorted(body["ignored"]) == ["delta.zip/../../outside.csv", "delta.zip/readme.txt"]
    with loading.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Mark)) >= 198


def test_an_upload_that_is_not_a_bundle_is_refused_with_its_name(loading: Loading) -> None:
    for files, message in (
        ([("files", ("photo.png", b"\x89PNG"))], "photo.png: send CSV files"),
        ([("files", ("broken.zip", b"PK not really"))], "broken.zip: not a readable .zip"),
        ([("files", ("notes.txt.csv", b"a\n"))], "none of the files Erta loads"),
    ):
        response = loading.client.post("/ingest/bundle", files=files, headers=loading.admin)
        assert response.status_code == 400, response.text
        assert message in response.json()["error"]["message"]
        assert "erta-upload-" not in response.text  # no server path leaks


def test_a_oneroster_export_uploads_as_files(loading: Loading) -> None:
    files = [("files", (path.name, path.read_bytes())) for path in sorted(ONEROSTER.glob("*.csv"))]
    response = loading.client.post(
        "/ingest/bundle", params={"format": "oneroster"}, files=files, headers=loading.admin
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["format"] == "oneroster"
    assert body["files"]["schools.csv"]["inserted"] >= 1
    assert body["files"]["oneroster/users.csv"]["read"] > 0
    with loading.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(School)) >= 2
