"""The digital-culture guardrail on teachers' notes: what Erta flags back to the author before saving one.

Two kinds of finding, each with a suggestion: wording that stigmatises the pupil (from the lexicon), and
personal data that does not belong in the note, that is people outside the pupil's circle and identifiers that
belong in the pupil's record. Erta suggests; the teacher decides. A finding never repeats personal data:
its offsets are enough for the console to highlight it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from privacy.wording_lexicon import LANGUAGES, Language, Lexicon, Localized
from privacy.wording_lexicon_file import load_lexicon

__all__ = [
    "IDENTIFIER_TYPES",
    "PERSON",
    "DetectedEntity",
    "Lexicon",
    "NoteCheck",
    "NoteFinding",
    "check_note",
    "load_lexicon",
]

PERSON: Final = "PERSON"
_IDENTIFIER_NAMES: Final = {
    "UZ_PINFL": Localized(uz="JShShIR", ru="ПИНФЛ", en="PINFL"),
    "UZ_PASSPORT": Localized(uz="pasport raqami", ru="номер паспорта", en="passport number"),
    "UZ_PHONE": Localized(uz="telefon raqami", ru="номер телефона", en="phone number"),
    "UZ_STIR": Localized(uz="STIR", ru="ИНН", en="taxpayer number (STIR)"),
    "EMAIL_ADDRESS": Localized(
        uz="elektron pochta manzili", ru="адрес электронной почты", en="e-mail address"
    ),
    "ADDRESS": Localized(uz="yashash manzili", ru="адрес проживания", en="home address"),
}
IDENTIFIER_TYPES: Final = frozenset(_IDENTIFIER_NAMES)

_OUTSIDE_CIRCLE: Final = Localized(
    uz="Izohda oʻquvchining doirasiga kirmaydigan shaxs tilga olingan; doiradan tashqaridagi "
    "foydalanuvchilar uchun uning ismi yashiriladi.",
    ru="В записи упомянут человек не из круга ученика; для читателей вне этого круга его имя будет скрыто.",
    en="The note names someone outside the pupil's circle; they will be masked for readers outside "
    "the circle.",
)
_OUTSIDE_CIRCLE_SUGGESTION: Final = Localized(
    uz="Iloji boʻlsa, uni tilga olmang yoki faqat rolini yozing (masalan, «sinfdoshi»).",
    ru="По возможности не упоминайте его или укажите только роль (например, «одноклассник»).",
    en="Consider leaving them out, or name only their role (e.g. “a classmate”).",
)
_IDENTIFIER: Final = Localized(
    uz="Izohda identifikator bor ({name}).",
    ru="В записи указан идентификатор ({name}).",
    en="Identifier in a note ({name}).",
)
_IDENTIFIER_SUGGESTION: Final = Localized(
    uz="Identifikatorlarni izohda emas, oʻquvchining kartasida saqlang.",
    ru="Храните идентификаторы в карточке ученика, а не в записях.",
    en="Keep identifiers in the pupil's record, not in notes.",
)


@dataclass(frozen=True, slots=True)
class DetectedEntity:
    """A span the analyzer found; `person_key` is the roster person a PERSON span names, None if unknown."""

    start: int
    end: int
    entity_type: str
    person_key: str | None = None


@dataclass(frozen=True, slots=True)
class NoteFinding:
    """One thing to flag back to the author, at `start:end` of the note.

    `category` is the lexicon category for wording and the entity type for personal data. `text` is the
    wording as written; for personal data it is None, so a logged finding cannot leak what it points at.
    """

    kind: Literal["wording", "personal_data"]
    start: int
    end: int
    text: str | None
    category: str
    message: str
    suggestion: str


@dataclass(frozen=True, slots=True)
class NoteCheck:
    """Every finding in a note, by position; `ok` when there is none."""

    findings: tuple[NoteFinding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings


def check_note(
    text: str,
    entities: Sequence[DetectedEntity],
    circle: frozenset[str],
    lexicon: Lexicon,
    language: Language = "uz",
) -> NoteCheck:
    """Check a note before it is saved, with messages and suggestions in `language` (uz, ru or en).

    `entities` are what the analyzer found in `text`; `circle` holds the person keys of the pupil, their
    guardians, their teachers and the author. Entity types the guardrail has no rule for are passed over.
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")
    _check_spans(text, entities)
    findings = {
        *_wording_findings(text, entities, lexicon, language),
        *_personal_data_findings(entities, circle, language),
    }
    return NoteCheck(tuple(sorted(findings, key=lambda f: (f.start, f.end, f.kind, f.category))))


def _check_spans(text: str, entities: Sequence[DetectedEntity]) -> None:
    for number, entity in enumerate(entities, start=1):
        if not 0 <= entity.start < entity.end <= len(text):
            span = f"{entity.start}:{entity.end}"
            raise ValueError(
                f"entity {number} ({entity.entity_type}) spans {span}, outside a note of {len(text)}"
            )


def _wording_findings(
    text: str, entities: Sequence[DetectedEntity], lexicon: Lexicon, language: Language
) -> Iterator[NoteFinding]:
    """Lexicon terms in the note, except inside a name the roster knows: a surname is not an insult."""
    names = [(e.start, e.end) for e in entities if e.entity_type == PERSON and e.person_key is not None]
    for match in lexicon.find(text):
        if any(start <= match.start and match.end <= end for start, end in names):
            continue
        term = text[match.start : match.end]
        yield NoteFinding(
            kind="wording",
            start=match.start,
            end=match.end,
            text=term,
            category=match.entry.category,
            message=lexicon.message(match.entry.category, term, language),
            suggestion=match.entry.suggestion.in_language(language),
        )


def _personal_data_findings(
    entities: Sequence[DetectedEntity], circle: frozenset[str], language: Language
) -> Iterator[NoteFinding]:
    """People outside the circle (or unknown to the roster) and identifiers of any kind."""
    for entity in entities:
        if entity.entity_type == PERSON:
            if entity.person_key is not None and entity.person_key in circle:
                continue
            message, suggestion = _OUTSIDE_CIRCLE, _OUTSIDE_CIRCLE_SUGGESTION
            text = message.in_language(language)
        elif entity.entity_type in _IDENTIFIER_NAMES:
            message, suggestion = _IDENTIFIER, _IDENTIFIER_SUGGESTION
            name = _IDENTIFIER_NAMES[entity.entity_type].in_language(language)
            text = message.in_language(language).replace("{name}", name)
        else:
            continue
        yield NoteFinding(
            kind="personal_data",
            start=entity.start,
            end=entity.end,
            text=None,
            category=entity.entity_type,
            message=text,
            suggestion=suggestion.in_language(language),
        )
