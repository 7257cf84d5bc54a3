"""Alert policy columns: the days the nightly alerts job counts from, and one live alert per recipient.

The policy (model/alert_policy.py) decides by day: when an alert was opened, last told, acknowledged,
escalated or closed, and which tier staff last heard of. A partial unique index keeps at most one alert
that is not closed per pupil × reason × subject × recipient, so no run, however interleaved, stores two.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAYS = ("opened_on", "last_notified_on", "acknowledged_on", "escalated_on", "closed_on")
LIVE = sa.text("status <> 'closed'")
KEY = ["pupil_id", "reason", "subject", "recipient_staff_id"]


def upgrade() -> None:
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        for column in DAYS:
            batch_op.add_column(sa.Column(column, sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("notified_tier", sa.String(length=16), nullable=True))
    op.create_index(
        "ix_alerts_live_key", "alerts", KEY, unique=True, sqlite_where=LIVE, postgresql_where=LIVE
    )


def downgrade() -> None:
    op.drop_index("ix_alerts_live_key", table_name="alerts")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_column("notified_tier")
        for column in reversed(DAYS):
            batch_op.drop_column(column)
