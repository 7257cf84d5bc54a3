"""Where to reach a member of staff: an address book kept outside the e-diary's staff table.

The staff table (service/db/school.py) holds no e-mail, phone or Telegram column, and the e-diary's bundle
carries none, so Erta asks an `AddressBook` (staff id → contacts) instead of adding contact data to the
school's records. A school or district supplies it as a CSV file (`staff_id,channel,recipient,language`),
or code passes any function of the same shape; a member of staff without a contact is reported, not told.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal, cast

from service.db.notifications import NOTIFICATION_CHANNELS
from service.notifications.outbox import Channel

Language = Literal["uz", "ru", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("uz", "ru", "en")
COLUMNS: Final = ("staff_id", "channel", "recipient", "language")


@dataclass(frozen=True)
class Contact:
    """One way to reach a person: an e-mail address, or a chat id / URL for the webhook; and in which
    language they read Erta's messages (Uzbek unless said otherwise)."""

    channel: Channel
    recipient: str
    language: Language = "uz"


AddressBook = Callable[[str], Sequence[Contact]]


class AddressBookError(ValueError):
    """The address book cannot be read: a missing file, a missing column or a bad line (named by number)."""


def address_book(contacts: Mapping[str, Sequence[Contact]]) -> AddressBook:
    """An address book over a mapping staff id → contacts."""
    frozen = {staff_id: tuple(found) for staff_id, found in contacts.items()}
    return lambda staff_id: frozen.get(staff_id, ())


def read_address_book(path: Path) -> AddressBook:
    """The contacts in a UTF-8 CSV file with the header `staff_id,channel,recipient[,language]`.

    A bad line is named by its number only: the file holds staff's addresses, which do not belong in a
    terminal's scrollback or a CI log.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = set(rows[0]) if rows else set(COLUMNS)
    except OSError as error:
        raise AddressBookError(f"cannot read the address book {path}: {error.strerror or error}") from None
    missing = [column for column in COLUMNS[:3] if column not in header]
    if missing:
        raise AddressBookError(f"{path}: the header lacks {', '.join(missing)}")
    contacts: dict[str, list[Contact]] = {}
    for line, row in enumerate(rows, start=2):
        staff_id, channel = (row.get("staff_id") or "").strip(), (row.get("channel") or "").strip()
        recipient, language = (row.get("recipient") or "").strip(), (row.get("language") or "uz").strip()
        if not staff_id or not recipient:
            raise AddressBookError(f"{path}:{line}: staff_id and recipient are required")
        if channel not in NOTIFICATION_CHANNELS:
            raise AddressBookError(
                f"{path}:{line}: channel must be one of {', '.join(NOTIFICATION_CHANNELS)}"
            )
        if language not in LANGUAGES:
            raise AddressBookError(f"{path}:{line}: language must be one of {', '.join(LANGUAGES)}")
        contact = Contact(cast(Channel, channel), recipient, cast(Language, language))
        contacts.setdefault(staff_id, []).append(contact)
    return address_book(contacts)
