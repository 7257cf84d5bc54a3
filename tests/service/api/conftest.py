"""One trained district served by the API, with a user per role bound to real staff records.

Built once per test process (generation, ingestion and training take about half a minute). The users:
the class teacher of the riskiest pupil's class, a subject teacher who marks that class, a mentor and a
psychologist who each own support for one pupil, that school's principal, and the roles that see no
identified pupil data.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert, select

from service.audit_trail import AuditTrail
from service.db.engine import make_engine
from service.db.records import Mark
from service.db.school import Pupil, School, SchoolClass, Staff
from service.db.support import Intervention
from service.secrets import audit_key
from service.settings import Settings
from tests.service.trained_district import District, build_trained_district, isolated_mlflow

PASSWORD = "a long test password"
# The users `served` makes, one per role: the staff who read pupils, then those who see no identified data.
STAFF = ("teacher", "subject_teacher", "mentor", "psychologist", "principal")
NO_PUPIL_DATA = ("data_scientist", "auditor", "admin")
ROLES = STAFF + NO_PUPIL_DATA
TOKEN_REUSE_SECONDS = 300  # well inside the 15-minute access token


@dataclass
class Served:
    district: District
    settings: Settings
    engine: Engine
    client: TestClient
    # username → the pupils that user may read
    scopes: dict[str, set[str]] = field(default_factory=dict)
    all_pupils: set[str] = field(default_factory=set)
    _tokens: dict[str, tuple[float, str]] = field(default_factory=dict)

    def token(self, username: str) -> str:
        """A signed-in access token, reused for a few minutes (argon2 makes each sign-in cost ~0.1 s)."""
        issued, token = self._tokens.get(username, (0.0, ""))
        if time.monotonic() - issued < TOKEN_REUSE_SECONDS:
            return token
        response = self.client.post("/auth/token", data={"username": username, "password": PASSWORD})
        assert response.status_code == 200, response.text
        token = str(response.json()["access_token"])
        self._tokens[username] = (time.monotonic(), token)
        return token

    def headers(self, username: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(username)}"}


def _foreign_school(engine: Engine) -> None:
    """A second school with its own teacher and pupils: the objects nobody of the first school may read."""
    with engine.begin() as connection:
        connection.execute(
            insert(School).values(
                school_id="S-FOREIGN",
                name="Boshqa maktab",
                region="Toshkent shahri",
                district="Yunusobod",
                locality="urban",
                language="uz",
            )
        )
        connection.execute(
            insert(Staff).values(
                staff_id="T-FOREIGN",
                full_name="Boshqa O'qituvchi",
                school_id="S-FOREIGN",
                roles=["class_teacher"],
                subjects=["Matematika"],
            )
        )
        connection.execute(
            insert(SchoolClass).values(
                class_id="C-FOREIGN",
                school_id="S-FOREIGN",
                grade_level=7,
                label="7-A",
                class_teacher_id="T-FOREIGN",
            )
        )
        connection.execute(
            insert(Pupil),
            [
                {
                    "pupil_id": f"F{i:07d}", "full_name": f"Chet Bola {i}", "birth_date": date(2012, 3, i),
                    "sex": "F", "class_id": "C-FOREIGN", "language": "uz",
                }
                for i in range(1, 6)
            ],
        )  # fmt: skip


def _users(engine: Engine, settings: Settings) -> dict[str, set[str]]:
    """Create one user per role on real staff records; return who may read which pupils."""
    from service.auth.users import add_user

    _foreign_school(engine)
    with engine.connect() as connection:
        pupils = connection.execute(
            select(Pupil.pupil_id, Pupil.class_id, SchoolClass.school_id, SchoolClass.class_teacher_id).join(
                SchoolClass, SchoolClass.class_id == Pupil.class_id
            )
        ).all()
        marked, marker = connection.execute(
            select(Mark.pupil_id, Mark.teacher_id).order_by(Mark.id).limit(1)
        ).one()
        first = next(p for p in pupils if p.pupil_id == marked)
        school = first.school_id
        teacher = first.class_teacher_id
        taught = set(
            connection.execute(select(Mark.pupil_id).where(Mark.teacher_id == marker).distinct()).scalars()
        )
        others = sorted((p for p in pupils if p.school_id == school), key=lambda p: p.pupil_id)
        mentored, referred = others[1].pupil_id, others[2].pupil_id
        staff = connection.execute(
            select(SchoolClass.class_teacher_id).where(SchoolClass.school_id == school).distinct()
        ).scalars()
        mentor, psychologist = [s for s in staff if s not in (teacher, marker)][:2]
    with engine.begin() as connection:
        connection.execute(
            insert(Intervention),
            [
                {"pupil_id": mentored, "kind": "mentor", "status": "accepted", "owner_staff_id": mentor},
                {
                    "pupil_id": referred,
                    "kind": "psychologist_referral",
                    "status": "proposed",
                    "owner_staff_id": psychologist,
                },
            ],
        )
    roles = {
        "teacher": (["class_teacher"], teacher, None),
        "subject_teacher": (["subject_teacher"], marker, None),
        "mentor": (["mentor"], mentor, None),
        "psychologist": (["psychologist"], psychologist, None),
        "principal": (["principal"], None, school),
        "data_scientist": (["data_scientist"], None, None),
        "auditor": (["auditor"], None, None),
        "admin": (["admin"], None, None),
    }
    assert tuple(roles) == ROLES
    trail = AuditTrail(engine, audit_key(settings))
    for username, (granted, staff_id, school_id) in roles.items():
        add_user(
            engine,
            username,
            PASSWORD,
            granted,
            staff_id=staff_id,
            school_id=school_id,
            trail=trail,
            actor="tests",
        )
    return {
        "teacher": {p.pupil_id for p in pupils if p.class_teacher_id == teacher},
        "subject_teacher": taught,
        "mentor": {mentored},
        "psychologist": {referred},
        "principal": set(),  # without a stated purpose
        "data_scientist": set(),
        "auditor": set(),
        "admin": set(),
    }


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    from service.api.app import create_app

    with isolated_mlflow():
        home: Path = tmp_path_factory.mktemp("api")
        district = build_trained_district(home)
        # Limits high enough for Schemathesis' thousands of calls; test_rate_limits checks the real ones.
        settings = Settings(
            home=home,
            database_url=district.database_url,
            api_requests_per_minute=1_000_000,
            api_request_burst=1_000_000,
            api_sign_ins_per_minute=1_000,
        )
        engine = make_engine(district.database_url)
        scopes = _users(engine, settings)
        with engine.connect() as connection:
            everyone = set(connection.execute(select(Pupil.pupil_id)).scalars())
        app = create_app(settings, engine=engine, watch_model=False)
        with TestClient(app) as client:
            yield Served(district, settings, engine, client, scopes, everyone)
        engine.dispose()
