"""Intervention history: every move of an intervention, with its actor, day, statuses and note.

The interventions table keeps where support stands; this one keeps how it got there. A progress note is a
row whose status does not change. Rows go with their intervention.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "intervention_history"
STATUSES = "'proposed', 'accepted', 'in_progress', 'completed', 'declined'"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("intervention_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column(
            "at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False
        ),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("actor_user_id", sa.Integer(), nullable=True),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            f"from_status IS NULL OR from_status IN ({STATUSES})",
            name=op.f("ck_intervention_history_from_status"),
        ),
        sa.CheckConstraint(f"to_status IN ({STATUSES})", name=op.f("ck_intervention_history_to_status")),
        sa.ForeignKeyConstraint(
            ["intervention_id"],
            ["interventions.id"],
            name=op.f("fk_intervention_history_intervention_id_interventions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_user_id"], ["users.id"], name=op.f("fk_intervention_history_actor_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intervention_history")),
    )
    op.create_index(op.f("ix_intervention_history_intervention_id"), TABLE, ["intervention_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_intervention_history_intervention_id"), table_name=TABLE)
    op.drop_table(TABLE)
