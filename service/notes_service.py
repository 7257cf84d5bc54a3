"""The notes guardrail as the API applies it: check a text, refuse identifiers, save a pupil's note.

What staff write about a pupil goes through `service.note_check` first. Identifiers (PINFL, passport and
phone numbers, STIR, e-mail, home address) belong in the pupil's record, never in a note: any text holding
one is refused, naming the kind of data found and never repeating it. A note in the pupils' notes table
is read by many, so it is saved only when nothing is flagged, or when the author confirms wording warnings
after reading them; a person outside the pupil's circle is never saved there. Intervention texts (reasons,
progress notes, outcomes) refuse identifiers and return every other finding to the author as a warning.

The analyzer compiles the roster's names, so one is built per database and rebuilt every few minutes to
learn new names; a name it does not know yet is flagged, never let through.
"""

from __future__ import annotations

import threading
import time
import weakref
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Final
from uuid import uuid4

from sqlalchemy import Engine, insert

from service.db.models import Note

if TYPE_CHECKING:
    from privacy.analyzer import NoteAnalyzer
    from privacy.note_guardrail import Lexicon, NoteFinding
    from privacy.wording_lexicon import Language

REBUILD_SECONDS: Final = 300.0
PERSONAL_DATA: Final = "personal_data"
PERSON: Final = "PERSON"
# What the guardrail's identifier types are called in a refusal; it never quotes the data itself.
IDENTIFIER_WORDS: Final = {
    "UZ_PINFL": "a PINFL (JShShIR)",
    "UZ_PASSPORT": "a passport number",
    "UZ_PHONE": "a phone number",
    "UZ_STIR": "a taxpayer number (STIR)",
    "EMAIL_ADDRESS": "an e-mail address",
    "ADDRESS": "a home address",
}
OUTSIDE_CIRCLE: Final = "someone outside the pupil's circle"

_lock = threading.Lock()
_built: weakref.WeakKeyDictionary[Engine, tuple[float, NoteAnalyzer, Lexicon]] = weakref.WeakKeyDictionary()


class NoteError(ValueError):
    """A text refused; `status` is the HTTP status the API answers with. The message names no data."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class SavedNote:
    saved: bool
    note_id: str | None
    findings: tuple[NoteFinding, ...]


def _guardrail(engine: Engine) -> tuple[NoteAnalyzer, Lexicon]:
    # Imported on first use: Presidio and spaCy cost seconds at start-up.
    from privacy.note_guardrail import load_lexicon
    from service.privacy_engine import note_analyzer

    with _lock:
        found = _built.get(engine)
        if found is None or time.monotonic() - found[0] > REBUILD_SECONDS:
            found = (time.monotonic(), note_analyzer(engine), load_lexicon())
            _built[engine] = found
    return found[1], found[2]


def check_text(
    engine: Engine, text: str, author_id: str | None, pupil_id: str | None = None, language: Language = "uz"
) -> tuple[NoteFinding, ...]:
    """Every finding in `text` by `author_id` (a staff id); about `pupil_id`, the pupil's circle may be named.

    Without an author (a principal's account has no staff record) the circle is the pupil and guardian.
    """
    from privacy.note_guardrail import check_note
    from service.note_check import UnknownPersonError, as_detected, check_new_note
    from service.privacy_engine import guardian_key, pupil_key, staff_key

    analyzer, lexicon = _guardrail(engine)
    if pupil_id is not None and author_id is not None:
        try:
            found = check_new_note(
                engine,
                analyzer,
                lexicon,
                pupil_id=pupil_id,
                author_id=author_id,
                text=text,
                language=language,
            )
        except UnknownPersonError as error:
            raise NoteError(str(error), 404) from None
        return found.findings
    circle = frozenset(
        ([staff_key(author_id)] if author_id else [])
        + ([pupil_key(pupil_id), guardian_key(pupil_id)] if pupil_id else [])
    )
    entities = [as_detected(finding, circle) for finding in analyzer.analyze(text)]
    return check_note(text, entities, circle, lexicon, language).findings


def refuse_identifiers(findings: tuple[NoteFinding, ...], where: str = "a note") -> None:
    """Raise NoteError naming each kind of identifier found, if any."""
    kinds = sorted({IDENTIFIER_WORDS[f.category] for f in findings if f.category in IDENTIFIER_WORDS})
    if kinds:
        raise NoteError(f"{where} may not hold {_joined(kinds)}; keep it in the pupil's record and remove it")


def screen_text(
    engine: Engine,
    text: str,
    author_id: str | None,
    pupil_id: str,
    language: Language = "uz",
    where: str = "a note",
) -> tuple[NoteFinding, ...]:
    """An intervention text's findings, as warnings, once no identifier is among them."""
    if not text.strip():
        raise NoteError(f"{where} is blank; write something or leave it out")
    findings = check_text(engine, text, author_id, pupil_id, language)
    refuse_identifiers(findings, where)
    return findings


def save_pupil_note(
    engine: Engine,
    *,
    pupil_id: str,
    author_id: str,
    text: str,
    confirm: bool,
    today: date,
    language: Language = "uz",
) -> SavedNote:
    """Save a note about a pupil the author may read, when the guardrail allows it (see the module text)."""
    findings = screen_text(engine, text, author_id, pupil_id, language)
    if any(f.kind == PERSONAL_DATA for f in findings):
        raise NoteError(
            f"a note may not name {OUTSIDE_CIRCLE}; name only their role (for example, a classmate)"
        )
    if findings and not confirm:
        return SavedNote(False, None, findings)
    note_id = f"api-{uuid4().hex[:24]}"
    with engine.begin() as connection:
        connection.execute(
            insert(Note).values(
                note_id=note_id, pupil_id=pupil_id, author_id=author_id, date=today, text=text
            )
        )
    return SavedNote(True, note_id, findings)


def savable(findings: tuple[NoteFinding, ...]) -> bool:
    """Whether a pupil's note with these findings may be saved (with confirm when there is wording)."""
    return not any(f.kind == PERSONAL_DATA for f in findings)


def _joined(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
