"""The alerts job's decisions become messages: one digest per person, channel and day, in their language.

On the hand-built school of tests/service/test_alerts_job.py: T1 (7-B's class teacher) is told about a
falling and an absent pupil, T2 (Matematika) about the falling one, T9 (principal) gets the escalations five
days later, T5 has no contact. Messages are checked against what the job itself says it told, and for
what they must never carry: a pupil's name anywhere, a pupil's id outside a teacher's e-mail body.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update

from service.alerts_job import run_alerts
from service.db.models import Alert
from service.db.notifications import OutboxMessage
from service.notifications.addresses import AddressBookError, Contact, address_book, read_address_book
from service.notifications.alert_messages import enqueue_alert_notifications
from service.notifications.delivery import deliver_due
from service.settings import Settings
from tests.service.notifications.conftest import SmtpServer, WebhookReceiver
from tests.service.test_alerts_job import AS_OF, FALLS, HOLDS, NAMES, OTHER, REVOKED, load_school

BOOK = address_book(
    {
        "T1": [Contact("email", "t1@maktab45.uz"), Contact("webhook", "5001"), Contact("email", "x@x.uz")],
        "T2": [Contact("email", "t2@maktab45.uz", "ru")],
        "T9": [Contact("email", "direktor@maktab45.uz", "en")],
    }
)
DAY = AS_OF.isoformat()


@pytest.fixture
def school(engine: Engine) -> Engine:
    load_school(engine)
    return engine


def outbox(engine: Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(select(OutboxMessage).order_by(OutboxMessage.id)).mappings()
        return {row["idempotency_key"]: dict(row) for row in rows}


def pupils_of(engine: Engine, alert_ids: list[int]) -> list[str]:
    with engine.connect() as connection:
        found = connection.execute(select(Alert.id, Alert.pupil_id).where(Alert.id.in_(alert_ids)))
        by_id = dict(found.all())
    return sorted({by_id[alert_id] for alert_id in alert_ids})


def test_one_digest_per_person_and_channel_for_what_the_job_told(school: Engine) -> None:
    run = run_alerts(school, as_of=AS_OF)
    queued = enqueue_alert_notifications(school, day=AS_OF, addresses=BOOK)
    assert (queued.messages, queued.enqueued, queued.unreachable) == (3, 3, ("T5",))
    messages = outbox(school)
    assert set(messages) == {f"digest:T1:{DAY}:email", f"digest:T1:{DAY}:webhook", f"digest:T2:{DAY}:email"}
    assert messages[f"digest:T1:{DAY}:email"]["recipient"] == "t1@maktab45.uz"  # the first e-mail only
    told = {
        staff: sorted({item.pupil_id for item in digest.alerts + digest.escalations})
        for staff, digest in run.digests.items()
    }
    assert told == {"T1": [FALLS, HOLDS], "T2": [FALLS], "T5": [OTHER]}
    for key, message in messages.items():
        staff = key.split(":")[1]
        assert pupils_of(school, message["payload"]["alert_ids"]) == told[staff]
    again = enqueue_alert_notifications(school, day=AS_OF, addresses=BOOK)
    assert (again.enqueued, again.already_queued) == (0, 3)
    assert outbox(school) == messages


def test_texts_are_in_the_readers_language_with_class_reason_and_diary_id(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF)
    enqueue_alert_notifications(school, day=AS_OF, addresses=BOOK)
    messages = outbox(school)
    t1 = messages[f"digest:T1:{DAY}:email"]
    assert t1["subject"] == f"Erta: {DAY} ogohlantirishlari (2 ta)"
    assert "7-B sinf\n" in t1["body"]
    assert f"  - o'quvchi {FALLS}: Matematika — baholar pasaymoqda\n" in t1["body"]
    assert f"  - o'quvchi {HOLDS}: bir necha kun ketma-ket darsga kelmadi\n" in t1["body"]
    assert t1["body"].startswith("Assalomu alaykum.")
    t2 = messages[f"digest:T2:{DAY}:email"]
    assert t2["subject"] == "Erta: 7-B класс — оценки снижаются"
    assert f"учащийся {FALLS}: Matematika — оценки снижаются" in t2["body"]
    chat = messages[f"digest:T1:{DAY}:webhook"]
    assert chat["body"] == f"Erta, {DAY}: 2 ta ogohlantirish (7-B: 2). Batafsil Erta konsolida."


def test_no_pupil_name_anywhere_and_no_pupil_id_outside_an_email_body(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF)
    run_alerts(school, as_of=AS_OF + timedelta(days=5))
    for day in (AS_OF, AS_OF + timedelta(days=5)):
        enqueue_alert_notifications(school, day=day, addresses=BOOK)
        enqueue_alert_notifications(school, day=day, addresses=BOOK, mode="each")
    messages = outbox(school)
    assert len(messages) > 6
    names = [part for name in NAMES.values() for part in name.split()]
    for key, message in messages.items():
        everything = json.dumps(message, default=str)
        assert not any(name in everything for name in names)
        assert REVOKED not in everything
        logged = json.dumps([key, message["subject"], message["payload"], message["last_error"]])
        if message["channel"] == "webhook":
            logged += message["body"]
        assert not any(pupil in logged for pupil in (FALLS, HOLDS, OTHER))


def test_escalations_go_to_the_principal_in_their_digest(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF)
    due = run_alerts(school, as_of=AS_OF + timedelta(days=5))
    day = AS_OF + timedelta(days=5)
    queued = enqueue_alert_notifications(school, day=day, addresses=BOOK)
    assert (queued.enqueued, queued.unreachable) == (1, ())
    (message,) = outbox(school).values()
    assert message["idempotency_key"] == f"digest:T9:{day}:email"
    assert message["subject"] == f"Erta: alerts for {day} (2)"
    assert "Alerts nobody acknowledged in time (for the principal):\nclass 7-B\n" in message["body"]
    assert pupils_of(school, message["payload"]["escalation_ids"]) == [FALLS, HOLDS]
    assert message["payload"]["alert_ids"] == []
    assert {item.pupil_id for item in due.digests["T9"].escalations} == {FALLS, HOLDS}


def test_one_message_per_alert_when_asked(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF)
    queued = enqueue_alert_notifications(school, day=AS_OF, addresses=BOOK, mode="each")
    assert queued.enqueued == 5  # T1: two alerts × e-mail and webhook; T2: one
    messages = outbox(school)
    assert all(key.startswith("alert:") and f":{DAY}:" in key for key in messages)
    single = next(
        m for k, m in messages.items() if k.endswith(":email") and m["recipient"] == "t2@maktab45.uz"
    )
    assert single["payload"]["kind"] == "alert"
    run_alerts(school, as_of=AS_OF + timedelta(days=5))
    later = enqueue_alert_notifications(school, day=AS_OF + timedelta(days=5), addresses=BOOK, mode="each")
    assert later.enqueued == 2
    assert {key.split(":")[0] for key in outbox(school)} == {"alert", "escalation"}


def test_an_alert_acknowledged_before_the_messages_are_built_is_not_sent(school: Engine) -> None:
    run_alerts(school, as_of=AS_OF)
    with school.begin() as connection:
        connection.execute(
            update(Alert).where(Alert.recipient_staff_id == "T2").values(status="acknowledged")
        )
    enqueue_alert_notifications(school, day=AS_OF, addresses=BOOK)
    assert {key.split(":")[1] for key in outbox(school)} == {"T1"}


def test_the_digests_arrive_by_email_and_webhook(
    school: Engine, settings: Settings, smtp: SmtpServer, receiver: WebhookReceiver
) -> None:
    run_alerts(school, as_of=AS_OF)
    enqueue_alert_notifications(school, day=AS_OF, addresses=BOOK)
    assert deliver_due(school, settings).delivered == 3
    assert sorted(str(message["To"]) for message in smtp.messages) == ["t1@maktab45.uz", "t2@maktab45.uz"]
    russian = next(message for message in smtp.messages if message["To"] == "t2@maktab45.uz")
    assert "учащийся" in russian.get_content()
    assert russian["Subject"] == "Erta: 7-B класс — оценки снижаются"
    (chat,) = receiver.requests
    assert chat.body["chat_id"] == "5001"
    assert chat.body["erta"] == {"kind": "digest", "key": f"digest:T1:{DAY}:webhook"}
    assert FALLS not in chat.body["text"]


def test_an_address_book_is_read_from_csv_and_a_bad_line_is_named_without_the_address(tmp_path: Path) -> None:
    good = tmp_path / "contacts.csv"
    good.write_text(
        "staff_id,channel,recipient,language\nT1,email,t1@maktab45.uz,\nT1,webhook,5001,ru\n",
        encoding="utf-8",
    )
    book = read_address_book(good)
    assert list(book("T1")) == [Contact("email", "t1@maktab45.uz"), Contact("webhook", "5001", "ru")]
    assert list(book("T2")) == []
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "staff_id,channel,recipient\nT1,email,t1@maktab45.uz\nT2,sms,998901234567\n", encoding="utf-8"
    )
    with pytest.raises(AddressBookError, match=r"bad\.csv:3: channel must be one of email, webhook") as error:
        read_address_book(bad)
    assert "998901234567" not in str(error.value)
    headless = tmp_path / "headless.csv"
    headless.write_text("staff,address\nT1,t1@maktab45.uz\n", encoding="utf-8")
    with pytest.raises(AddressBookError, match="lacks staff_id, channel, recipient"):
        read_address_book(headless)
    with pytest.raises(AddressBookError, match="cannot read"):
        read_address_book(tmp_path / "missing.csv")
