"""Demo users: one per role, tied to the loaded district, made only in demo mode, and safe to make twice."""

from __future__ import annotations

from datetime import date

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine, insert

from service.audit_trail import AuditTrail
from service.auth.demo_users import DemoUser, DemoUsersError, create_demo_users
from service.auth.users import authenticate, list_users
from service.db.access import USER_ROLES
from service.db.models import Alert, RiskScore
from service.settings import Settings
from tests.service.auth.conftest import audit_entries


@pytest.fixture
def demo(settings: Settings) -> Settings:
    return settings.model_copy(update={"demo_mode": True})


def make(engine: Engine, settings: Settings, trail: AuditTrail, hasher: PasswordHasher) -> list[DemoUser]:
    return create_demo_users(engine, settings=settings, trail=trail, hasher=hasher)


def scope(engine: Engine) -> dict[str, tuple[tuple[str, ...], str | None, str | None]]:
    return {user.username: (user.roles, user.staff_id, user.school_id) for user in list_users(engine)}


def test_demo_users_exist_only_in_demo_mode(
    school: Engine, settings: Settings, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with pytest.raises(DemoUsersError, match="only in demo mode"):
        make(school, settings, trail, hasher)
    assert list_users(school) == []


def test_without_a_district_there_is_nobody_to_tie_them_to(
    engine: Engine, demo: Settings, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with pytest.raises(DemoUsersError, match="load a district first"):
        make(engine, demo, trail, hasher)


def test_one_user_per_role_each_tied_to_the_first_class_when_nothing_is_flagged(
    school: Engine, demo: Settings, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    made = make(school, demo, trail, hasher)
    assert sorted(role for _, role, _ in made) == sorted(USER_ROLES)
    assert scope(school) == {
        "teacher": (("class_teacher",), "T1", None),  # class S1-7B, the smaller id
        "subject_teacher": (("subject_teacher",), "T2", None),  # not the class teacher, who also teaches
        "mentor": (("mentor",), "T1", None),  # the school's only mentor
        "principal": (("principal",), None, "S1"),  # S1 has no principal on staff: scoped to the school
        "psychologist": (("psychologist",), None, "S1"),
        "data_scientist": (("data_scientist",), None, None),
        "auditor": (("auditor",), None, None),
        "admin": (("admin",), None, None),
    }
    teacher = next(sees for name, _, sees in made if name == "teacher")
    assert teacher == "identified data of class 7-B at 45-maktab (6 pupils, 0 open alerts)"
    signed_in = authenticate(school, "teacher", "demo", hasher)
    assert signed_in is not None
    assert signed_in.school_id == "S1"


def test_the_teacher_is_the_one_whose_class_has_open_alerts(
    school: Engine, demo: Settings, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with school.begin() as connection:
        alerts = [("P0007", "open"), ("P0008", "open"), ("P0000", "closed"), ("P0001", "closed")]
        connection.execute(
            insert(Alert), [{"pupil_id": p, "reason": "model", "status": status} for p, status in alerts]
        )
    made = make(school, demo, trail, hasher)
    users = scope(school)
    assert users["teacher"] == (("class_teacher",), "T3", None)  # class S2-5A
    assert users["principal"] == (("principal",), "T4", "S2")  # that class's school's principal
    assert users["subject_teacher"] == (("subject_teacher",), "T3", None)  # S2's only subject teacher
    assert users["mentor"] == (("mentor",), None, "S2")
    assert next(sees for name, _, sees in made if name == "teacher").endswith("(6 pupils, 2 open alerts)")


def test_without_alerts_a_class_with_scored_pupils_is_preferred(
    school: Engine, demo: Settings, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    with school.begin() as connection:
        connection.execute(
            insert(RiskScore).values(
                pupil_id="P0009", as_of=date(2025, 11, 1), model_version="1", probability=0.4, tier="watch"
            )
        )
    make(school, demo, trail, hasher)
    assert scope(school)["teacher"] == (("class_teacher",), "T3", None)


def test_making_them_twice_changes_nothing(
    school: Engine, demo: Settings, trail: AuditTrail, hasher: PasswordHasher
) -> None:
    first = make(school, demo, trail, hasher)
    before, entries = scope(school), len(audit_entries(trail))
    assert entries == len(USER_ROLES)
    assert {e.actor for e in audit_entries(trail)} == {"erta demo"}
    assert make(school, demo, trail, hasher) == first
    assert scope(school) == before
    assert len(audit_entries(trail)) == entries
