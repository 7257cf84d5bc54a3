"""Parsers for single fields of a bundle row.

Each raises `FieldError` with a reason that names the field. Personal values (names, PINFL, phones,
addresses, birth dates, note text) are never repeated in a reason, because reasons end up in terminals,
logs and reject files.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date, datetime
from functools import lru_cache

APOSTROPHES = "'‘’ʻʼ`´"
_APOSTROPHE_TABLE = str.maketrans(dict.fromkeys(APOSTROPHES[1:], "'"))
_PHONE_NOISE = re.compile(r"[\s\-().]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class FieldError(ValueError):
    """A field that cannot be loaded; the message is safe to show anyone."""


@lru_cache(maxsize=8192)
def normalise_apostrophes(text: str) -> str:
    """Treat every apostrophe variant alike by writing them all as ASCII '."""
    return text.translate(_APOSTROPHE_TABLE)


def required(value: str, field: str) -> str:
    value = value.strip()
    if not value:
        raise FieldError(f"{field} is empty")
    return value


def optional(value: str) -> str | None:
    value = value.strip()
    return value or None


class _NotIsoFormError(ValueError):
    pass


def parse_date(value: str, field: str, *, personal: bool = False) -> date:
    value = value.strip()
    try:
        return _iso_date(value)
    except _NotIsoFormError:
        problem = "is not a date in YYYY-MM-DD form"
    except ValueError:
        problem = "is not a real calendar date"
    shown = "" if personal else f" {value!r}"
    raise FieldError(f"{field}{shown} {problem}")


@lru_cache(maxsize=4096)
def _iso_date(value: str) -> date:
    """Cached: record files repeat the same few hundred school days millions of times."""
    if not _ISO_DATE.fullmatch(value):
        raise _NotIsoFormError(value)
    return date.fromisoformat(value)


def parse_timestamp(value: str, field: str) -> datetime:
    value = value.strip()
    if not _ISO_DATE.match(value):
        raise FieldError(f"{field} {value!r} is not an ISO timestamp (YYYY-MM-DDTHH:MM:SS)")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(f"{field} {value!r} is not an ISO timestamp (YYYY-MM-DDTHH:MM:SS)") from None
    return parsed if parsed.tzinfo is None else parsed.astimezone().replace(tzinfo=None)


def parse_int(value: str, field: str, low: int, high: int) -> int:
    value = value.strip()
    try:
        number = int(value)
    except ValueError:
        raise FieldError(f"{field} {value!r} is not a whole number") from None
    if not low <= number <= high:
        raise FieldError(f"{field} {number} is outside {low}-{high}")
    return number


def parse_choice(value: str, field: str, choices: Collection[str]) -> str:
    value = value.strip()
    if value not in choices:
        raise FieldError(f"{field} {value!r} is not one of: {', '.join(choices)}")
    return value


def parse_list(value: str, field: str, choices: Collection[str] | None = None) -> list[str]:
    """A `;`-separated list; with `choices`, every item must be one of them."""
    items = [normalise_apostrophes(item.strip()) for item in value.split(";") if item.strip()]
    if choices is not None:
        unknown = [item for item in items if item not in choices]
        if unknown:
            raise FieldError(f"{field} has unknown value(s) {', '.join(map(repr, unknown))}")
    return items


def parse_uz_phone(value: str, field: str) -> str | None:
    """An Uzbek number in any common spelling, stored as +998XXXXXXXXX; empty means unknown."""
    digits = _PHONE_NOISE.sub("", value)
    if not digits:
        return None
    if digits.startswith("+"):
        digits = digits[1:]
    if len(digits) == 10 and digits.startswith("8"):
        digits = digits[1:]  # the old domestic trunk prefix: 8 90 123 45 67
    if len(digits) == 9 and digits.isdigit():
        digits = "998" + digits
    if len(digits) != 12 or not digits.isdigit() or not digits.startswith("998"):
        raise FieldError(f"{field} is not an Uzbek phone number (+998 and 9 digits)")
    return "+" + digits
