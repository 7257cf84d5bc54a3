"""Row-level security on PostgreSQL: a second wall behind the API's own scope clauses.

The API reads identified pupils through the `erta_scoped` role, with the reader's roles, staff id, school and
whether a purpose was stated set for that transaction (`erta.roles`, `erta.staff_id`, `erta.school_id`,
`erta.purpose`). For that role every table holding a pupil's rows answers only the pupils
`erta_scoped_pupils()` lists, the same rule as `service/api/scope.py`; a query that forgot its WHERE clause
still returns nobody else's pupils. The role may only read, and only these tables. Jobs, the CLI and
ingestion connect as the schema's owner, which row-level security does not restrict, so they pay nothing.
SQLite has no such mechanism; there the API's clauses are the only wall.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLE = "erta_scoped"
PUPIL_TABLES = ("pupils", "marks", "attendance", "lms_events", "notes", "risk_scores", "alerts", "interventions")
PLAIN_TABLES = ("schools", "staff", "classes")  # no pupil in them: readable as they are

# SECURITY DEFINER: the function reads marks and interventions as their owner, so the policies on those
# tables (which call it) do not recurse into themselves.
SCOPED_PUPILS = """
CREATE OR REPLACE FUNCTION erta_scoped_pupils() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH reader AS (
        SELECT NULLIF(current_setting('erta.staff_id', true), '') AS staff,
               NULLIF(current_setting('erta.school_id', true), '') AS school,
               string_to_array(COALESCE(current_setting('erta.roles', true), ''), ',') AS roles,
               COALESCE(current_setting('erta.purpose', true), '') = 'stated' AS purpose
    )
    SELECT p.pupil_id FROM pupils p, reader r
    WHERE ('class_teacher' = ANY (r.roles)
           AND p.class_id IN (SELECT c.class_id FROM classes c WHERE c.class_teacher_id = r.staff))
       OR ('subject_teacher' = ANY (r.roles)
           AND p.pupil_id IN (SELECT m.pupil_id FROM marks m WHERE m.teacher_id = r.staff))
       OR ('mentor' = ANY (r.roles)
           AND p.pupil_id IN (SELECT i.pupil_id FROM interventions i
                              WHERE i.owner_staff_id = r.staff AND i.status <> 'declined'))
       OR ('psychologist' = ANY (r.roles)
           AND p.pupil_id IN (SELECT i.pupil_id FROM interventions i
                              WHERE i.owner_staff_id = r.staff AND i.kind = 'psychologist_referral'
                                AND i.status <> 'declined'))
       OR ('principal' = ANY (r.roles) AND r.purpose
           AND p.class_id IN (SELECT c.class_id FROM classes c WHERE c.school_id = r.school))
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Roles belong to the whole server: another Erta database on it may have made this one already.
    op.execute(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') "
        f"THEN CREATE ROLE {ROLE} NOLOGIN; END IF; END $$"
    )
    op.execute(f"GRANT {ROLE} TO CURRENT_USER")  # so the application may SET ROLE to it
    op.execute(SCOPED_PUPILS)
    op.execute("REVOKE ALL ON FUNCTION erta_scoped_pupils() FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION erta_scoped_pupils() TO {ROLE}")
    op.execute(f"GRANT USAGE ON SCHEMA {_schema()} TO {ROLE}")
    for table in PLAIN_TABLES:
        op.execute(f"GRANT SELECT ON {table} TO {ROLE}")
    for table in PUPIL_TABLES:
        op.execute(f"GRANT SELECT ON {table} TO {ROLE}")
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY {table}_scoped_read ON {table} FOR SELECT TO {ROLE} "
            "USING (pupil_id IN (SELECT erta_scoped_pupils()))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in PUPIL_TABLES:
        op.execute(f"DROP POLICY IF EXISTS {table}_scoped_read ON {table}")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute(f"REVOKE ALL ON {table} FROM {ROLE}")
    for table in PLAIN_TABLES:
        op.execute(f"REVOKE ALL ON {table} FROM {ROLE}")
    op.execute(f"REVOKE ALL ON SCHEMA {_schema()} FROM {ROLE}")
    op.execute("DROP FUNCTION IF EXISTS erta_scoped_pupils()")
    # The role stays: other databases on the server may still use it.


def _schema() -> str:
    return str(op.get_bind().exec_driver_sql("SELECT current_schema()").scalar_one())
