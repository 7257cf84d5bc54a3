"""Consent changes: applied, audited by pseudonym with the reason as purpose, felt by training and export."""

from __future__ import annotations

from dataclasses import astuple
from pathlib import Path

import polars as pl
import pytest
from sqlalchemy import Engine, select

from privacy.audit_chain import AuditRecord
from privacy.pseudonyms import Pseudonymizer
from service.audit_trail import AuditTrail
from service.consent import Consent, ConsentError, UnknownPupilError, change_consent
from service.db.models import Pupil
from service.export import export_pseudonymised
from service.ingest import ingest_bundle
from tests.service.ingest.conftest import PUPILS, build_bundle
from training.dataset import load_training_records

KEYS = Pseudonymizer(b"c" * 32)
AUDIT_KEY = b"a" * 32


@pytest.fixture
def loaded(engine: Engine, tmp_path: Path) -> Engine:
    ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    return engine


def change(engine: Engine, pupil_id: str, consent: Consent, reason: str = "ota-onasi ariza berdi") -> None:
    trail = AuditTrail(engine, AUDIT_KEY)
    change_consent(engine, trail, KEYS, pupil_id=pupil_id, consent=consent, reason=reason, actor="cli:admin")


def consent_of(engine: Engine, pupil_id: str) -> str:
    with engine.connect() as connection:
        return str(connection.scalar(select(Pupil.consent).where(Pupil.pupil_id == pupil_id)))


def entries(engine: Engine) -> list[AuditRecord]:
    return list(AuditTrail(engine, AUDIT_KEY).entries())


def personal_data_of(engine: Engine, pupil_id: str) -> list[str]:
    with engine.connect() as connection:
        row = connection.execute(
            select(
                Pupil.full_name, Pupil.pinfl, Pupil.guardian_name, Pupil.guardian_phone, Pupil.address
            ).where(Pupil.pupil_id == pupil_id)
        ).one()
    return [pupil_id, *(value for value in row if value)]


def test_revoking_sets_the_consent_and_audits_the_pseudonym_and_reason_only(loaded: Engine) -> None:
    change(loaded, "P0005", "revoked", "Ota-onasi yozma ariza berdi")
    assert consent_of(loaded, "P0005") == "revoked"
    (entry,) = entries(loaded)
    assert (entry.action, entry.role, entry.actor, entry.result) == (
        "consent.revoke",
        "admin",
        "cli:admin",
        "revoked",
    )
    assert entry.pupil_pseudonym == KEYS.pseudonym("P0005", "p")
    assert entry.purpose == "Ota-onasi yozma ariza berdi"
    written = " ".join(str(value) for value in astuple(entry))
    assert not any(value in written for value in personal_data_of(loaded, "P0005"))
    assert AuditTrail(loaded, AUDIT_KEY).verify().ok


def test_a_repeated_request_changes_nothing_but_is_still_recorded_and_grant_restores(loaded: Engine) -> None:
    change(loaded, "P0005", "revoked")
    change(loaded, "P0005", "revoked")
    change(loaded, "P0005", "granted")
    assert consent_of(loaded, "P0005") == "granted"
    assert [(e.action, e.result) for e in entries(loaded)] == [
        ("consent.revoke", "revoked"),
        ("consent.revoke", "already revoked"),
        ("consent.grant", "granted"),
    ]
    assert AuditTrail(loaded, AUDIT_KEY).verify().ok


def test_an_unknown_pupil_is_refused_without_an_audit_entry(loaded: Engine) -> None:
    with pytest.raises(UnknownPupilError, match="no pupil has the id 'P9999'"):
        change(loaded, "P9999", "revoked")
    assert entries(loaded) == []


@pytest.mark.parametrize(
    "reason",
    [
        "Pupil5ning otasi so'radi",  # the pupil's given name, with a suffix
        "FAMILIYA oilasi ko'chib ketdi",  # the surname, in capitals
        "Guardian Name ariza berdi",
        "tel +998 90 105-45-67 orqali",  # the guardian's phone
        "tel 90 1054567",  # the same phone, written otherwise
        "Navoiy ko‘chasi, 12-uy dan ko'chdi",  # the address, with another apostrophe
    ],
)
def test_a_reason_repeating_the_pupils_personal_data_is_refused(loaded: Engine, reason: str) -> None:
    with pytest.raises(ConsentError, match="personal data"):
        change(loaded, "P0005", "revoked", reason)
    assert consent_of(loaded, "P0005") == "granted"
    assert entries(loaded) == []


def test_a_reason_with_the_pinfl_is_refused(loaded: Engine) -> None:
    pinfl = personal_data_of(loaded, "P0005")[2]
    with pytest.raises(ConsentError, match="personal data"):
        change(loaded, "P0005", "revoked", f"JShShIR {pinfl}")


@pytest.mark.parametrize(("reason", "message"), [("   ", "give a reason"), ("x" * 201, "at most 200")])
def test_an_empty_or_overlong_reason_is_refused(loaded: Engine, reason: str, message: str) -> None:
    with pytest.raises(ConsentError, match=message):
        change(loaded, "P0005", "revoked", reason)


def test_a_revoked_pupil_leaves_the_next_training_load_and_export(loaded: Engine, tmp_path: Path) -> None:
    with loaded.connect() as connection:
        before = load_training_records(connection, KEYS)
    change(loaded, "P0005", "revoked")
    with loaded.connect() as connection:
        after = load_training_records(connection, KEYS)
    pseudonym = KEYS.pseudonym("P0005", "p")
    assert pseudonym in before.records.pupils["pupil_id"].cast(pl.String).to_list()
    assert pseudonym not in after.records.pupils["pupil_id"].cast(pl.String).to_list()
    assert pseudonym not in after.records.marks["pupil_id"].cast(pl.String).to_list()
    assert after.pupils == before.pupils - 1 == PUPILS - 2
    export_pseudonymised(loaded, tmp_path / "export", KEYS, lambda text: text)
    assert all(pseudonym.encode() not in path.read_bytes() for path in (tmp_path / "export").iterdir())
