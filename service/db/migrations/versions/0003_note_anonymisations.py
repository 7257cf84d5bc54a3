"""Note anonymisations: which notes the retention job has anonymised, and a digest of the text it left.

A side table rather than a column of `notes`, so that loading a bundle again (which rewrites a note's
columns) never marks a restored original as already anonymised.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "note_anonymisations",
        sa.Column("note_id", sa.String(length=32), nullable=False),
        sa.Column("anonymised_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("text_sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.note_id"],
            name=op.f("fk_note_anonymisations_note_id_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("note_id", name=op.f("pk_note_anonymisations")),
    )


def downgrade() -> None:
    op.drop_table("note_anonymisations")
