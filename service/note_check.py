"""The guardrail as a teacher meets it: a note about one pupil checked against that pupil's circle.

The circle is everyone a note about the pupil may name: the pupil, the guardian, the class teacher, every
teacher who marked the pupil, and the author. Anyone else named in the note is flagged, and so is every
identifier, together with wording that stigmatises the pupil.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from privacy.analyzer import NoteAnalyzer
from privacy.findings import Finding
from privacy.note_guardrail import DetectedEntity, Lexicon, NoteCheck, check_note
from privacy.wording_lexicon import Language
from service.db.models import Mark, Pupil, SchoolClass, Staff
from service.privacy_engine import guardian_key, pupil_key, staff_key


class UnknownPersonError(LookupError):
    """The pupil or the author named is not in the database; says which id, which is not personal data."""


def pupil_circle(engine: Engine, pupil_id: str, author_id: str) -> frozenset[str]:
    """Roster keys of the people a note about `pupil_id` by `author_id` may name."""
    with engine.connect() as connection:
        class_teacher = connection.execute(
            select(SchoolClass.class_teacher_id)
            .join(Pupil, Pupil.class_id == SchoolClass.class_id)
            .where(Pupil.pupil_id == pupil_id)
        ).first()
        if class_teacher is None:
            raise UnknownPersonError(f"no pupil with id {pupil_id}")
        if connection.execute(select(Staff.staff_id).where(Staff.staff_id == author_id)).first() is None:
            raise UnknownPersonError(f"no staff member with id {author_id}")
        teachers = connection.execute(select(Mark.teacher_id).where(Mark.pupil_id == pupil_id).distinct())
        staff = {author_id, *(row[0] for row in teachers if row[0])}
    if class_teacher[0]:
        staff.add(class_teacher[0])
    return frozenset({pupil_key(pupil_id), guardian_key(pupil_id), *map(staff_key, staff)})


def as_detected(finding: Finding, circle: frozenset[str]) -> DetectedEntity:
    """A name is in the circle when anyone it may name is; otherwise it is someone else, or unknown."""
    if not finding.people:
        return DetectedEntity(finding.start, finding.end, finding.entity_type, None)
    inside = sorted(finding.people & circle)
    key = inside[0] if inside else min(finding.people)
    return DetectedEntity(finding.start, finding.end, finding.entity_type, key)


def check_new_note(
    engine: Engine,
    analyzer: NoteAnalyzer,
    lexicon: Lexicon,
    *,
    pupil_id: str,
    author_id: str,
    text: str,
    language: Language = "uz",
) -> NoteCheck:
    """What the author should see before saving `text` as a note about `pupil_id`."""
    circle = pupil_circle(engine, pupil_id, author_id)
    entities = [as_detected(finding, circle) for finding in analyzer.analyze(text)]
    return check_note(text, entities, circle, lexicon, language)
