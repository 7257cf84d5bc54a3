"""The day's alerts as messages in the outbox: what the nightly alerts job decided to tell, to whom.

The alerts job (service/alerts_job.py) writes its decisions to the alerts table: a row told today has
`last_notified_on` = today, an escalation `escalated_on` = today. This module reads those rows back
rather than taking the job's return value, so a crash between the job and the outbox loses nothing:
running it again for the same day finds the same rows and, by the idempotency keys, queues nothing twice.
By default each person gets one digest a day (`digest:{staff}:{day}:{channel}`), as the alert policy
intends; `mode="each"` sends one message per alert instead. Pupils whose consent is revoked are left out,
alerts acknowledged or closed before the messages were built too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection, Engine, Row, Select, select

from service.db.models import Alert, Pupil, SchoolClass, Staff
from service.notifications import alert_texts as texts
from service.notifications.addresses import AddressBook, Contact
from service.notifications.alert_texts import Notice
from service.notifications.outbox import Message, enqueue_many

Mode = Literal["digest", "each"]
Told = dict[str, list[Notice]]  # staff id → what they are told


@dataclass(frozen=True)
class AlertNotifications:
    """What was queued for a day: messages built, how many were new, and who could not be reached."""

    day: date
    messages: int
    enqueued: int
    unreachable: tuple[str, ...]  # staff ids without a contact in the address book

    @property
    def already_queued(self) -> int:
        return self.messages - self.enqueued


def enqueue_alert_notifications(
    engine: Engine, *, day: date, addresses: AddressBook, mode: Mode = "digest"
) -> AlertNotifications:
    """Queue the messages for what the alerts job told on `day`: teachers' alerts, principals' escalations."""
    with engine.connect() as connection:
        alerts, escalations = read_told(connection, day), read_escalated(connection, day)
    messages, unreachable = build_messages(alerts, escalations, day, addresses, mode)
    enqueued = enqueue_many(engine, messages) if messages else 0
    return AlertNotifications(day, len(messages), enqueued, unreachable)


def build_messages(
    alerts: Told, escalations: Told, day: date, addresses: AddressBook, mode: Mode = "digest"
) -> tuple[list[Message], tuple[str, ...]]:
    """Per person and contact, a digest or one message per alert; the staff ids no contact reaches."""
    messages: list[Message] = []
    unreachable = []
    for staff_id in sorted(alerts.keys() | escalations.keys()):
        contacts = _one_per_channel(addresses(staff_id))
        if not contacts:
            unreachable.append(staff_id)
        mine, escalated = alerts.get(staff_id, []), escalations.get(staff_id, [])
        for contact in contacts:
            if mode == "digest":
                key = f"digest:{staff_id}:{day.isoformat()}:{contact.channel}"
                messages.append(_message(key, "digest", contact, staff_id, mine, escalated, day))
                continue
            for notice in mine:
                key = f"alert:{notice.alert_id}:{day.isoformat()}:{contact.channel}"
                messages.append(_message(key, "alert", contact, staff_id, [notice], [], day))
            for notice in escalated:
                key = f"escalation:{notice.alert_id}:{contact.channel}"
                messages.append(_message(key, "escalation", contact, staff_id, [], [notice], day))
    return messages, tuple(unreachable)


def _message(
    key: str,
    kind: str,
    contact: Contact,
    staff_id: str,
    alerts: Sequence[Notice],
    escalations: Sequence[Notice],
    day: date,
) -> Message:
    """An e-mail lists pupils by diary id; a webhook's text counts by class. The payload holds row ids."""
    language = contact.language
    body = (
        texts.email_body(alerts, escalations, day, language)
        if contact.channel == "email"
        else texts.chat_text(alerts, escalations, day, language)
    )
    payload = {
        "kind": kind,
        "day": day.isoformat(),
        "staff_id": staff_id,
        "language": language,
        "alert_ids": [notice.alert_id for notice in alerts],
        "escalation_ids": [notice.alert_id for notice in escalations],
    }
    subject = texts.subject_line(alerts, escalations, day, language)
    return Message(key, contact.channel, contact.recipient, subject, body, payload)


def _one_per_channel(contacts: Iterable[Contact]) -> list[Contact]:
    """The first contact of each channel: the keys name person, day and channel, so a second address on
    the same channel would share the first one's key and never be sent."""
    first: dict[str, Contact] = {}
    for contact in contacts:
        first.setdefault(contact.channel, contact)
    return list(first.values())


def read_told(connection: Connection, day: date) -> Told:
    """Open alerts told on `day`, per recipient, of consenting pupils, in pupil, reason, subject order."""
    statement = _notices().where(
        Alert.last_notified_on == day, Alert.status == "open", Alert.recipient_staff_id.is_not(None)
    )
    told: Told = {}
    for row in connection.execute(statement):
        told.setdefault(str(row.recipient_staff_id), []).append(_notice(row))
    return told


def read_escalated(connection: Connection, day: date) -> Told:
    """Alerts escalated on `day`, once per pupil × reason × subject, to the principal of the pupil's school.

    The principal is chosen as the alerts job chooses (the school's staff member with that role, the smaller
    id if there are two): the job does not store whom it escalated to.
    """
    rows = list(connection.execute(_notices().where(Alert.escalated_on == day, Alert.status == "open")))
    schools = {row.school_id for row in rows}
    principals: dict[str, str] = {}
    staff = select(Staff.staff_id, Staff.school_id, Staff.roles).where(Staff.school_id.in_(schools))
    for staff_id, school_id, roles in connection.execute(staff.order_by(Staff.staff_id)):
        if "principal" in (roles or ()):
            principals.setdefault(school_id, staff_id)
    escalated: Told = {}
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        key = (row.pupil_id, row.reason, row.subject or "")
        principal = principals.get(row.school_id)
        if principal is None or key in seen:
            continue
        seen.add(key)
        escalated.setdefault(principal, []).append(_notice(row))
    return escalated


def _notices() -> Select[*tuple[Any, ...]]:
    """Alert rows with the pupil's class label and school; never the pupil's name."""
    return (
        select(
            Alert.id,
            Alert.pupil_id,
            Alert.reason,
            Alert.subject,
            Alert.tier,
            Alert.recipient_staff_id,
            SchoolClass.label,
            SchoolClass.school_id,
        )
        .join(Pupil, Pupil.pupil_id == Alert.pupil_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(Pupil.consent != "revoked")
        .order_by(Alert.recipient_staff_id, Alert.pupil_id, Alert.reason, Alert.subject, Alert.id)
    )


def _notice(row: Row[*tuple[Any, ...]]) -> Notice:
    values = row._mapping
    return Notice(
        alert_id=int(values["id"]),
        pupil_id=str(values["pupil_id"]),
        class_label=str(values["label"]),
        reason=str(values["reason"]),
        subject=values["subject"] or None,
        tier=values["tier"],
    )
