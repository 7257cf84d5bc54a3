"""Replace each finding with a typed placeholder that stays the same for the same person within a note.

"<PERSON_1> darsga kelmadi; <PERSON_1>ning onasi <PERSON_2> …": a reader still follows who did what, and
nothing identifies anyone. The same person is recognised by the roster key the analyzer attached, so
"Karimov Alisher" and a later "Alisher" share a number when the roster knows only one Alisher; otherwise
equal spellings (folded) share one. Uzbek suffixes stay after the placeholder, as the grammar needs.
Presidio's anonymizer operators see only a span's text, not whose name it is, so the numbering lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from privacy.findings import Finding
from privacy.text_folding import fold


@dataclass(frozen=True, slots=True)
class AnonymizedNote:
    text: str
    findings: tuple[Finding, ...]


def identity(text: str, finding: Finding) -> str:
    """Who or what a finding stands for, as far as the note and the roster tell."""
    if finding.entity_type == "PERSON" and len(finding.people) == 1:
        return next(iter(finding.people))
    return "".join(char for char in fold(text[finding.start : finding.end]) if char.isalnum())


def anonymize(text: str, findings: Sequence[Finding]) -> str:
    """`text` with every finding replaced by `<TYPE_n>`; findings must not overlap."""
    numbers: dict[tuple[str, str], int] = {}
    per_type: dict[str, int] = {}
    ordered = sorted(findings, key=lambda f: f.start)
    for finding in ordered:
        key = (finding.entity_type, identity(text, finding))
        if key not in numbers:
            per_type[finding.entity_type] = per_type.get(finding.entity_type, 0) + 1
            numbers[key] = per_type[finding.entity_type]
    pieces: list[str] = []
    position = 0
    for finding in ordered:
        if finding.start < position:
            raise ValueError("findings overlap; resolve overlaps before anonymising")
        number = numbers[(finding.entity_type, identity(text, finding))]
        pieces += [text[position : finding.start], f"<{finding.entity_type}_{number}>"]
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
