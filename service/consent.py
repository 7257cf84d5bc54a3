"""Pupils' consent to the use of their data: revoking or granting it, each request audited.

A pupil whose consent is revoked is left out of training, scoring and the pseudonymised export from their
next run on. The audit entry names the pupil by pseudonym only and keeps the stated reason as its purpose;
a reason that repeats the pupil's own name, PINFL, guardian, phone or address is refused, so the log
never holds them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Engine, RowMapping, select, update

from privacy.pseudonyms import Pseudonymizer
from service.audit_trail import AuditTrail
from service.db.models import Pupil

Consent = Literal["granted", "revoked"]
MAX_REASON_CHARS = 200  # the audit log's purpose column
ACTIONS: dict[Consent, str] = {"revoked": "consent.revoke", "granted": "consent.grant"}
# Uzbek writes o‘/g‘ and the tutuq belgisi with any of these; they all count as one apostrophe.
APOSTROPHES = re.compile("[‘’ʻʼ`´]")
# Words of a patronymic ("… qizi", "… o'g'li") name nobody on their own.
PATRONYMIC_WORDS = frozenset({"qizi", "kizi", "o'g'li", "ogli", "ugli", "қизи", "кизи", "ўғли", "угли"})
MIN_NAME_PART = 3


class ConsentError(ValueError):
    """A request refused; the message never holds the pupil's personal data."""


class UnknownPupilError(ConsentError):
    """No pupil has the id given."""


@dataclass(frozen=True)
class ConsentChange:
    pupil_pseudonym: str
    before: Consent
    after: Consent

    @property
    def changed(self) -> bool:
        return self.before != self.after


def change_consent(
    engine: Engine,
    trail: AuditTrail,
    pseudonymizer: Pseudonymizer,
    *,
    pupil_id: str,
    consent: Consent,
    reason: str,
    actor: str,
    role: str = "admin",
) -> ConsentChange:
    """Set a pupil's consent and write the request to the audit log (also when nothing changed)."""
    reason = _checked_reason(reason)
    with engine.begin() as connection:
        pupil = connection.execute(select(*PERSONAL_COLUMNS).where(Pupil.pupil_id == pupil_id)).first()
        if pupil is None:
            raise UnknownPupilError(f"no pupil has the id {pupil_id!r}")
        if mentions_pupil(reason, pupil._mapping):
            raise ConsentError(
                "the reason repeats the pupil's personal data (name, PINFL, guardian, phone or address); "
                "state it without them"
            )
        before: Consent = "revoked" if pupil.consent == "revoked" else "granted"
        if before != consent:
            connection.execute(update(Pupil).where(Pupil.pupil_id == pupil_id).values(consent=consent))
    change = ConsentChange(pseudonymizer.pseudonym(pupil_id, "p"), before, consent)
    # Recorded after the commit: SQLite allows one writer at a time, and the audit trail writes on its own.
    trail.record(
        actor=actor,
        role=role,
        action=ACTIONS[consent],
        resource="pupil:consent",
        result=consent if change.changed else f"already {consent}",
        pupil_pseudonym=change.pupil_pseudonym,
        purpose=reason,
    )
    return change


PERSONAL_COLUMNS = (
    Pupil.consent,
    Pupil.full_name,
    Pupil.pinfl,
    Pupil.guardian_name,
    Pupil.guardian_phone,
    Pupil.address,
)


def mentions_pupil(reason: str, pupil: RowMapping) -> bool:
    """Whether the reason holds the pupil's or guardian's name (or a part of it), PINFL, phone or address."""
    text = _folded(reason)
    parts = {
        part for name in (pupil["full_name"], pupil["guardian_name"]) for part in _folded(name or "").split()
    }
    if any(re.search(rf"(?<!\w){re.escape(part)}", text) for part in parts if _is_name_part(part)):
        return True
    address = _folded(pupil["address"] or "")
    if address and address in text:
        return True
    digits = re.sub(r"\D", "", reason)
    phone = re.sub(r"\D", "", pupil["guardian_phone"] or "")[-7:]
    return any(value and value in digits for value in (pupil["pinfl"], phone))


def _is_name_part(word: str) -> bool:
    return len(word) >= MIN_NAME_PART and word not in PATRONYMIC_WORDS


def _checked_reason(reason: str) -> str:
    reason = " ".join(reason.split())
    if not reason:
        raise ConsentError("give a reason for the change")
    if len(reason) > MAX_REASON_CHARS:
        raise ConsentError(f"the reason must be at most {MAX_REASON_CHARS} characters")
    return reason


def _folded(text: str) -> str:
    return APOSTROPHES.sub("'", text).casefold()
