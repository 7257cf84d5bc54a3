"""PostgreSQL's row-level security answers a scoped reader exactly the pupils `pupil_scope` allows, on every
table holding pupils' rows, even for a query with no WHERE clause at all; it refuses writes, and leaves the
schema's owner (jobs, the CLI, ingestion) unrestricted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert, select, text
from sqlalchemy.exc import ProgrammingError

from service.api.scope import pupil_scope, reader_scope
from service.auth.principal import Principal
from service.db.models import Intervention, Mark, Pupil, SchoolClass, Staff
from service.db.scoped import ReaderScope, scoped_engine
from service.ingest import ingest_bundle
from service.synthetic import generate_bundle

pytestmark = pytest.mark.postgres

PUPIL_TABLES = (
    "pupils",
    "marks",
    "attendance",
    "lms_events",
    "notes",
    "risk_scores",
    "alerts",
    "interventions",
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rls_bundle")
    generate_bundle(folder, seed=11, pupils=240, schools=2, on_school_done=lambda _: None)
    return folder


@pytest.fixture
def district(postgres_engine: Engine, bundle: Path) -> Engine:
    report = ingest_bundle(bundle, postgres_engine)
    assert report.ok, report.problems[:3]
    return postgres_engine


def readers(engine: Engine) -> list[tuple[str, Principal, str | None]]:
    """One reader of each kind, drawn from the district's own staff, with a mentor given one pupil."""
    with engine.begin() as connection:
        teacher, school = connection.execute(
            select(SchoolClass.class_teacher_id, SchoolClass.school_id)
            .where(SchoolClass.class_teacher_id.is_not(None))
            .order_by(SchoolClass.class_id)
        ).first()  # type: ignore[misc]
        marker = connection.scalar(select(Mark.teacher_id).where(Mark.teacher_id != teacher).limit(1))
        mentor = connection.scalar(
            select(Staff.staff_id).where(Staff.staff_id.not_in([teacher, marker])).limit(1)
        )
        pupil = connection.scalar(select(Pupil.pupil_id).order_by(Pupil.pupil_id.desc()).limit(1))
        for kind, status in (("tutoring", "accepted"), ("psychologist_referral", "declined")):
            connection.execute(
                insert(Intervention).values(pupil_id=pupil, kind=kind, status=status, owner_staff_id=mentor)
            )
    return [
        ("class teacher", Principal(1, "ct", frozenset({"class_teacher"}), teacher, school), None),
        ("subject teacher", Principal(2, "st", frozenset({"subject_teacher"}), marker, school), None),
        ("mentor", Principal(3, "m", frozenset({"mentor"}), mentor, school), None),
        ("psychologist", Principal(4, "ps", frozenset({"psychologist"}), mentor, school), None),
        (
            "principal with purpose",
            Principal(5, "p", frozenset({"principal"}), None, school),
            "termly review",
        ),
        ("principal without purpose", Principal(5, "p", frozenset({"principal"}), None, school), None),
        ("two roles", Principal(6, "two", frozenset({"class_teacher", "mentor"}), teacher, school), None),
        ("data scientist", Principal(7, "ds", frozenset({"data_scientist"})), None),
        ("auditor", Principal(8, "au", frozenset({"auditor"})), None),
    ]


def test_a_query_without_any_scope_clause_sees_exactly_the_readers_pupils(district: Engine) -> None:
    seen_someone = set()
    for label, principal, purpose in readers(district):
        with district.connect() as owner:
            allowed = set(owner.scalars(select(Pupil.pupil_id).where(pupil_scope(principal, purpose))))
            marks_allowed = owner.scalar(
                text("SELECT count(*) FROM marks WHERE pupil_id = ANY(:ids)"), {"ids": list(allowed)}
            )
        with scoped_engine(district, reader_scope(principal, purpose)).connect() as scoped:
            visible = set(scoped.scalars(text("SELECT pupil_id FROM pupils")))
            marks_visible = scoped.scalar(text("SELECT count(*) FROM marks"))
            mark_pupils = set(scoped.scalars(text("SELECT DISTINCT pupil_id FROM marks")))
        assert visible == allowed, label
        assert marks_visible == marks_allowed, label
        assert mark_pupils <= allowed, label
        if allowed:
            seen_someone.add(label)
    # The comparison is only worth something if most readers do see pupils.
    assert {
        "class teacher",
        "subject teacher",
        "mentor",
        "principal with purpose",
        "two roles",
    } <= seen_someone


def test_every_table_holding_pupils_is_empty_to_a_reader_with_no_pupils(district: Engine) -> None:
    nobody = scoped_engine(district, ReaderScope(("data_scientist",)))
    with nobody.connect() as connection:
        for table in PUPIL_TABLES:
            assert connection.scalar(text(f"SELECT count(*) FROM {table}")) == 0, table
    with district.connect() as owner:
        assert owner.scalar(text("SELECT count(*) FROM pupils")) == 240
        assert owner.scalar(text("SELECT count(*) FROM marks")) > 0


def test_a_scoped_reader_cannot_write_nor_read_accounts_or_the_audit_log(district: Engine) -> None:
    principal = readers(district)[0][1]
    scoped = scoped_engine(district, reader_scope(principal, None))
    with scoped.connect() as connection:
        pupil = connection.scalar(text("SELECT pupil_id FROM pupils LIMIT 1"))
    assert pupil is not None
    for statement in (
        text("UPDATE pupils SET full_name = 'x' WHERE pupil_id = :p").bindparams(p=pupil),
        text("SELECT count(*) FROM users"),
        text("SELECT count(*) FROM audit_log"),
    ):
        with scoped.connect() as connection, pytest.raises(ProgrammingError, match="permission denied"):
            connection.execute(statement)
    with scoped.connect() as connection, pytest.raises(ProgrammingError, match="permission denied"):
        connection.execute(
            insert(Mark).values(
                pupil_id=pupil, subject="math", date=date(2026, 3, 2), kind="daily", mark=5, teacher_id=None
            )
        )


def test_the_scope_ends_with_the_transaction(district: Engine) -> None:
    scoped = scoped_engine(district, ReaderScope(("auditor",)))
    with scoped.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM pupils")) == 0
    with district.connect() as connection:  # very likely the same pooled connection
        assert connection.scalar(text("SELECT current_user")) != "erta_scoped"
        assert connection.scalar(text("SELECT count(*) FROM pupils")) == 240
