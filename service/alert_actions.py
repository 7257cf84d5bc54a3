"""What staff do with an alert: read their inbox, acknowledge it, or snooze it until a day.

Only the alert's recipient may act on it; anyone else is told no such alert exists, so ids reveal nothing.
Acknowledging stops escalation to the principal; a snooze silences reminders until its day, at most
`MAX_SNOOZE_DAYS` ahead, and a closed alert accepts neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Final

from sqlalchemy import Engine, Select, func, select, update

from service.db.models import Alert, Pupil, SchoolClass

MAX_SNOOZE_DAYS: Final = 30
INBOX_STATUSES: Final = ("open", "acknowledged", "snoozed")


class AlertActionError(ValueError):
    """An action refused; `status` is the HTTP status the API answers with."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class InboxAlert:
    id: int
    pupil_id: str
    pupil_name: str
    class_label: str
    reason: str
    subject: str
    tier: str | None
    status: str
    opened_on: date | None
    snoozed_until: date | None
    details: dict[str, Any]


def inbox(
    engine: Engine, staff_id: str, status: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[InboxAlert], int]:
    """The staff member's live alerts (or those of one status), newest first, with the page's total."""
    query = _alerts_of(staff_id).where(Alert.status == status if status else Alert.status.in_(INBOX_STATUSES))
    with engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = connection.execute(query.order_by(Alert.id.desc()).limit(limit).offset(offset)).all()
    return [InboxAlert(*row) for row in rows], int(total)


def _alerts_of(staff_id: str) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Alert.id,
            Alert.pupil_id,
            Pupil.full_name,
            SchoolClass.label,
            Alert.reason,
            Alert.subject,
            Alert.tier,
            Alert.status,
            Alert.opened_on,
            Alert.snoozed_until,
            Alert.details,
        )
        .join(Pupil, Pupil.pupil_id == Alert.pupil_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(Alert.recipient_staff_id == staff_id, Pupil.consent != "revoked")
    )


def acknowledge(engine: Engine, alert_id: int, staff_id: str, user_id: int, today: date) -> InboxAlert:
    _change(
        engine,
        alert_id,
        staff_id,
        {"status": "acknowledged", "acknowledged_by": user_id, "acknowledged_on": today},
    )
    return _one(engine, alert_id, staff_id)


def snooze(engine: Engine, alert_id: int, staff_id: str, until: date, today: date) -> InboxAlert:
    if until <= today:
        raise AlertActionError(f"snooze until a day after today ({today}), not {until}", 422)
    if until > today + timedelta(days=MAX_SNOOZE_DAYS):
        raise AlertActionError(
            f"snooze at most {MAX_SNOOZE_DAYS} days, until {today + timedelta(days=MAX_SNOOZE_DAYS)}", 422
        )
    _change(engine, alert_id, staff_id, {"status": "snoozed", "snoozed_until": until})
    return _one(engine, alert_id, staff_id)


def _change(engine: Engine, alert_id: int, staff_id: str, values: dict[str, Any]) -> None:
    with engine.begin() as connection:
        row = connection.execute(
            select(Alert.status).where(Alert.id == alert_id, Alert.recipient_staff_id == staff_id)
        ).first()
        if row is None:
            raise AlertActionError(f"you have no alert with the id {alert_id}", 404)
        if row.status == "closed":
            raise AlertActionError(f"alert {alert_id} is closed", 409)
        connection.execute(
            update(Alert).where(Alert.id == alert_id).values(**values, updated_at=datetime.now(UTC))
        )


def _one(engine: Engine, alert_id: int, staff_id: str) -> InboxAlert:
    with engine.connect() as connection:
        row = connection.execute(_alerts_of(staff_id).where(Alert.id == alert_id)).one()
    return InboxAlert(*row)
