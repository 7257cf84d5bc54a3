"""The last check before anything is written to MLflow: no personal data leaves in an artifact.

Training only handles pseudonymised frames, so this should never fire; it is the wall behind the
wall. It refuses text that holds a PINFL-shaped number, an Uzbek phone number, an e-mail address or
any identifier the caller knows is real (pupil ids, names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from privacy.pinfl import has_valid_structure

# A PINFL stands alone: the fourteen decimals of 0.51403120261231 in a metrics report are not one.
_PINFL = re.compile(r"(?<![\d.])\d{14}(?![\d]|\.\d)")
# Not preceded by a digit or a decimal point: 0.99812345671 in a metrics report is not a phone number.
_PHONE = re.compile(r"(?<![\d.])\+?998[\s\-()]*\d{2}[\s\-()]*\d{3}[\s\-]*\d{2}[\s\-]*\d{2}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


class PersonalDataInArtifactError(ValueError):
    """Raised instead of logging an artifact that holds personal data; says what kind, never the value."""


def check_artifact(name: str, text: str, known_identifiers: Iterable[str] = ()) -> None:
    """Raise PersonalDataInArtifactError if `text` (the artifact called `name`) holds personal data."""
    if any(has_valid_structure(match.group()) for match in _PINFL.finditer(text)):
        raise PersonalDataInArtifactError(f"refused to log {name}: it contains a PINFL-shaped number")
    if _PHONE.search(text):
        raise PersonalDataInArtifactError(f"refused to log {name}: it contains a phone number")
    if _EMAIL.search(text):
        raise PersonalDataInArtifactError(f"refused to log {name}: it contains an e-mail address")
    for identifier in known_identifiers:
        if identifier and identifier in text:
            raise PersonalDataInArtifactError(f"refused to log {name}: it contains a pupil identifier")
