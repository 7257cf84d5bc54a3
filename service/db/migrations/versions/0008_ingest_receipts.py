"""Ingest receipts: the idempotency keys of records an e-diary or LMS pushed, so a resend loads nothing twice.

A pushed record carries its sender's key. Once the record has loaded, its key and a hash of its content are
kept here, per sender (a user or integration token); the same key sent again with the same content is
answered as a duplicate, with other content refused, so a retry after a lost answer is always safe.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "ingest_receipts"


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("sender", sa.String(length=80), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sender", "idempotency_key", name=op.f("pk_ingest_receipts")),
    )
    op.create_index(op.f("ix_ingest_receipts_received_at"), TABLE, ["received_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_ingest_receipts_received_at"), table_name=TABLE)
    op.drop_table(TABLE)
