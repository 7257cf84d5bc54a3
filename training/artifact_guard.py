"""The last check before anything is written to MLflow: no personal data leaves in an artifact.

Training only handles pseudonymised frames, so this should never fire; it is the wall behind the
wall. Every text artifact is scanned with the same Presidio recognizers that mask teachers' notes
(PINFL, phone, e-mail, passport, STIR), and for any identifier the caller knows is real (pupil ids,
names). Names are not guessed here: a model card is full of capitalised words, and the real names
arrive through `known_identifiers`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from privacy.analyzer import NoteAnalyzer

_KINDS: Final = {
    "UZ_PINFL": "a PINFL-shaped number",
    "UZ_PHONE": "a phone number",
    "EMAIL_ADDRESS": "an e-mail address",
    "UZ_PASSPORT": "a passport number",
    "UZ_STIR": "a taxpayer number (STIR)",
}


class PersonalDataInArtifactError(ValueError):
    """Raised instead of logging an artifact that holds personal data; says what kind, never the value."""


@lru_cache(maxsize=1)
def _scanner() -> NoteAnalyzer:
    """Built on first use: importing Presidio and spaCy costs seconds that commands which never log an
    artifact should not pay."""
    from privacy.analyzer import NoteAnalyzer

    return NoteAnalyzer()


def check_artifact(name: str, text: str, known_identifiers: Iterable[str] = ()) -> None:
    """Raise PersonalDataInArtifactError if `text` (the artifact called `name`) holds personal data."""
    findings = _scanner().analyze(text, entities=list(_KINDS))
    if findings:
        kinds = sorted({_KINDS[finding.entity_type] for finding in findings})
        raise PersonalDataInArtifactError(f"refused to log {name}: it contains {' and '.join(kinds)}")
    for identifier in known_identifiers:
        if identifier and identifier in text:
            raise PersonalDataInArtifactError(f"refused to log {name}: it contains a pupil identifier")
