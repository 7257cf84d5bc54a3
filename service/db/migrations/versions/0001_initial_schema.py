"""Initial schema: the school, its records, risk and support, access and audit.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('resource', sa.String(length=200), nullable=False),
    sa.Column('pupil_pseudonym', sa.String(length=64), nullable=True),
    sa.Column('purpose', sa.String(length=200), nullable=True),
    sa.Column('result', sa.String(length=32), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('entry_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_log')),
    sa.UniqueConstraint('entry_hash', name=op.f('uq_audit_log_entry_hash'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_pupil_pseudonym'), ['pupil_pseudonym'], unique=False)

    op.create_table('ingest_runs',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source_format', sa.String(length=16), nullable=False),
    sa.Column('counts', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('rejected_rows', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_runs'))
    )
    op.create_table('schools',
    sa.Column('school_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('region', sa.String(length=64), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=False),
    sa.Column('locality', sa.String(length=8), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.CheckConstraint("locality IN ('urban', 'rural')", name=op.f('ck_schools_locality')),
    sa.PrimaryKeyConstraint('school_id', name=op.f('pk_schools'))
    )
    with op.batch_alter_table('schools', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schools_region'), ['region'], unique=False)

    op.create_table('staff',
    sa.Column('staff_id', sa.String(length=32), nullable=False),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('school_id', sa.String(length=32), nullable=False),
    sa.Column('roles', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('subjects', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('mentor_capacity', sa.Integer(), nullable=False),
    sa.CheckConstraint('mentor_capacity >= 0', name=op.f('ck_staff_mentor_capacity')),
    sa.ForeignKeyConstraint(['school_id'], ['schools.school_id'], name=op.f('fk_staff_school_id_schools')),
    sa.PrimaryKeyConstraint('staff_id', name=op.f('pk_staff'))
    )
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_school_id'), ['school_id'], unique=False)

    op.create_table('classes',
    sa.Column('class_id', sa.String(length=32), nullable=False),
    sa.Column('school_id', sa.String(length=32), nullable=False),
    sa.Column('grade_level', sa.SmallInteger(), nullable=False),
    sa.Column('label', sa.String(length=16), nullable=False),
    sa.Column('class_teacher_id', sa.String(length=32), nullable=True),
    sa.CheckConstraint('grade_level BETWEEN 1 AND 11', name=op.f('ck_classes_grade_level')),
    sa.ForeignKeyConstraint(['class_teacher_id'], ['staff.staff_id'], name=op.f('fk_classes_class_teacher_id_staff')),
    sa.ForeignKeyConstraint(['school_id'], ['schools.school_id'], name=op.f('fk_classes_school_id_schools')),
    sa.PrimaryKeyConstraint('class_id', name=op.f('pk_classes'))
    )
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_classes_class_teacher_id'), ['class_teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_classes_school_id'), ['school_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('staff_id', sa.String(length=32), nullable=True),
    sa.Column('school_id', sa.String(length=32), nullable=True),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['schools.school_id'], name=op.f('fk_users_school_id_schools')),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.staff_id'], name=op.f('fk_users_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=128), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('pupils',
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('pinfl', sa.String(length=14), nullable=True),
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('sex', sa.String(length=1), nullable=False),
    sa.Column('class_id', sa.String(length=32), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('guardian_name', sa.String(length=200), nullable=True),
    sa.Column('guardian_phone', sa.String(length=16), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=True),
    sa.Column('consent', sa.String(length=8), nullable=False),
    sa.CheckConstraint("consent IN ('granted', 'revoked')", name=op.f('ck_pupils_consent')),
    sa.CheckConstraint("sex IN ('M', 'F')", name=op.f('ck_pupils_sex')),
    sa.ForeignKeyConstraint(['class_id'], ['classes.class_id'], name=op.f('fk_pupils_class_id_classes')),
    sa.PrimaryKeyConstraint('pupil_id', name=op.f('pk_pupils')),
    sa.UniqueConstraint('pinfl', name=op.f('uq_pupils_pinfl'))
    )
    with op.batch_alter_table('pupils', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pupils_class_id'), ['class_id'], unique=False)

    op.create_table('user_roles',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.CheckConstraint("role IN ('class_teacher', 'subject_teacher', 'mentor', 'principal', 'psychologist', 'data_scientist', 'auditor', 'admin')", name=op.f('ck_user_roles_role')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_roles_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'role', name=op.f('pk_user_roles'))
    )
    op.create_table('alerts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('tier', sa.String(length=16), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('recipient_staff_id', sa.String(length=32), nullable=True),
    sa.Column('details', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('acknowledged_by', sa.Integer(), nullable=True),
    sa.Column('snoozed_until', sa.Date(), nullable=True),
    sa.Column('escalated_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('open', 'acknowledged', 'snoozed', 'closed')", name=op.f('ck_alerts_status')),
    sa.ForeignKeyConstraint(['acknowledged_by'], ['users.id'], name=op.f('fk_alerts_acknowledged_by_users')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.pupil_id'], name=op.f('fk_alerts_pupil_id_pupils')),
    sa.ForeignKeyConstraint(['recipient_staff_id'], ['staff.staff_id'], name=op.f('fk_alerts_recipient_staff_id_staff')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alerts'))
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index('ix_alerts_pupil_reason', ['pupil_id', 'reason', 'subject'], unique=False)
        batch_op.create_index(batch_op.f('ix_alerts_recipient_staff_id'), ['recipient_staff_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.CheckConstraint("status IN ('present', 'absent_excused', 'absent_unexcused', 'late')", name=op.f('ck_attendance_status')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.pupil_id'], name=op.f('fk_attendance_pupil_id_pupils')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('pupil_id', 'date', 'subject', name=op.f('uq_attendance_pupil_id_date_subject'))
    )
    op.create_table('interventions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=48), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('proposed_by', sa.Integer(), nullable=True),
    sa.Column('reviewer', sa.Integer(), nullable=True),
    sa.Column('owner_staff_id', sa.String(length=32), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint("status IN ('proposed', 'accepted', 'in_progress', 'completed', 'declined')", name=op.f('ck_interventions_status')),
    sa.ForeignKeyConstraint(['owner_staff_id'], ['staff.staff_id'], name=op.f('fk_interventions_owner_staff_id_staff')),
    sa.ForeignKeyConstraint(['proposed_by'], ['users.id'], name=op.f('fk_interventions_proposed_by_users')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.pupil_id'], name=op.f('fk_interventions_pupil_id_pupils')),
    sa.ForeignKeyConstraint(['reviewer'], ['users.id'], name=op.f('fk_interventions_reviewer_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interventions'))
    )
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interventions_owner_staff_id'), ['owner_staff_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interventions_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('lms_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('timestamp', sa.DateTime(), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('event', sa.String(length=12), nullable=False),
    sa.Column('score', sa.SmallInteger(), nullable=True),
    sa.CheckConstraint("event IN ('login', 'view', 'submit', 'submit_late', 'missed', 'test')", name=op.f('ck_lms_events_event')),
    sa.CheckConstraint('score IS NULL OR score BETWEEN 0 AND 100', name=op.f('ck_lms_events_score')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.pupil_id'], name=op.f('fk_lms_events_pupil_id_pupils')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lms_events')),
    sa.UniqueConstraint('pupil_id', 'timestamp', 'subject', 'event', name=op.f('uq_lms_events_pupil_id_timestamp_subject_event'))
    )
    op.create_table('marks',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('mark', sa.SmallInteger(), nullable=False),
    sa.Column('teacher_id', sa.String(length=32), nullable=True),
    sa.CheckConstraint("kind IN ('daily', 'test', 'quarter', 'annual')", name=op.f('ck_marks_kind')),
    sa.CheckConstraint('mark BETWEEN 1 AND 5', name=op.f('ck_marks_mark')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.pupil_id'], name=op.f('fk_marks_pupil_id_pupils')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_marks')),
    sa.UniqueConstraint('pupil_id', 'subject', 'date', 'kind', name=op.f('uq_marks_pupil_id_subject_date_kind'))
    )
    op.create_table('notes',
    sa.Column('note_id', sa.String(length=32), nullable=False),
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('author_id', sa.String(length=32), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['staff.staff_id'], name=op.f('fk_notes_author_id_staff')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.pupil_id'], name=op.f('fk_notes_pupil_id_pupils')),
    sa.PrimaryKeyConstraint('note_id', name=op.f('pk_notes'))
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notes_pupil_id'), ['pupil_id'], unique=False)

    op.create_table('risk_scores',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('pupil_id', sa.String(length=32), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('model_version', sa.String(length=32), nullable=False),
    sa.Column('probability', sa.Float(), nullable=False),
    sa.Column('tier', sa.String(length=16), nullable=False),
    sa.Column('insufficient_data', sa.Boolean(), nullable=False),
    sa.Column('drivers', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('scored_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.CheckConstraint('probability BETWEEN 0 AND 1', name=op.f('ck_risk_scores_probability')),
    sa.ForeignKeyConstraint(['pupil_id'], ['pupils.pupil_id'], name=op.f('fk_risk_scores_pupil_id_pupils')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_scores')),
    sa.UniqueConstraint('pupil_id', 'as_of', 'model_version', name=op.f('uq_risk_scores_pupil_id_as_of_model_version'))
    )


def downgrade() -> None:
    op.drop_table('risk_scores')
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notes_pupil_id'))

    op.drop_table('notes')
    op.drop_table('marks')
    op.drop_table('lms_events')
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interventions_pupil_id'))
        batch_op.drop_index(batch_op.f('ix_interventions_owner_staff_id'))

    op.drop_table('interventions')
    op.drop_table('attendance')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alerts_recipient_staff_id'))
        batch_op.drop_index('ix_alerts_pupil_reason')

    op.drop_table('alerts')
    op.drop_table('user_roles')
    with op.batch_alter_table('pupils', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pupils_class_id'))

    op.drop_table('pupils')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    op.drop_table('users')
    with op.batch_alter_table('classes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_classes_school_id'))
        batch_op.drop_index(batch_op.f('ix_classes_class_teacher_id'))

    op.drop_table('classes')
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_school_id'))

    op.drop_table('staff')
    with op.batch_alter_table('schools', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schools_region'))

    op.drop_table('schools')
    op.drop_table('ingest_runs')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_pupil_pseudonym'))

    op.drop_table('audit_log')
