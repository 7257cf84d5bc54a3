"""Why a mentor was matched with a pupil, what such a match costs, and a short sentence in uz, ru or en.

The structured reason is what the cost is computed from, so a reviewer sees the same facts the optimiser
weighed. Subject names are shown as the school writes them (Uzbek); Russian needs them in the dative case
after "по", so the curriculum's subjects carry a Russian form and any other subject is quoted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal

Language = Literal["uz", "ru", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("uz", "ru", "en")

_APOSTROPHES: Final = str.maketrans(dict.fromkeys("‘’ʻʼ`´", "'"))

# Dative after "по": "специалист по математике".
_RUSSIAN_DATIVE: Final = {
    "ona tili": "родному языку",
    "o'zbek tili": "узбекскому языку",
    "adabiyot": "литературе",
    "matematika": "математике",
    "algebra": "алгебре",
    "geometriya": "геометрии",
    "ingliz tili": "английскому языку",
    "rus tili": "русскому языку",
    "fizika": "физике",
    "kimyo": "химии",
    "biologiya": "биологии",
    "tarix": "истории",
    "geografiya": "географии",
    "informatika": "информатике",
    "tarbiya": "воспитанию",
    "jismoniy tarbiya": "физкультуре",
}


def subject_key(subject: str) -> str:
    """A subject's name folded for comparison: case, spacing and the Uzbek apostrophe variants alike."""
    return " ".join(subject.translate(_APOSTROPHES).casefold().split())


def _russian_subject(subject: str) -> str:
    return _RUSSIAN_DATIVE.get(subject_key(subject), f"предмету «{subject}»")


@dataclass(frozen=True)
class MatchReason:
    """The facts behind one match: which needed subject the mentor knows, and how near the mentor is.

    `subject` is the pupil's highest-ranked needed subject that the mentor knows, `subject_rank` its place in
    the pupil's list (0 = the weakest subject); both are None when the mentor knows none of them.
    """

    subject: str | None
    subject_rank: int | None
    same_school: bool
    same_district: bool

    def __post_init__(self) -> None:
        if (self.subject is None) != (self.subject_rank is None):
            raise ValueError("subject and subject_rank are given together or not at all")
        if self.subject_rank is not None and self.subject_rank < 0:
            raise ValueError(f"subject_rank must be at least 0, got {self.subject_rank}")
        if self.same_school and not self.same_district:
            raise ValueError("a mentor in the same school is in the same district")

    @property
    def weakest_subject(self) -> bool:
        """True when the mentor knows the subject the pupil needs help in most."""
        return self.subject_rank == 0

    def describe(self, language: Language = "uz") -> str:
        """One sentence for a reviewer: the subject fit, then where the mentor works."""
        if language == "uz":
            return f"{self._subject_uz()}; {self._place_uz()}."
        if language == "ru":
            return f"{self._subject_ru()}; {self._place_ru()}."
        if language == "en":
            return f"{self._subject_en()}; {self._place_en()}."
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {language!r}")

    def _subject_uz(self) -> str:
        if self.subject is None:
            return "Oʻquvchining zaif fanlari boʻyicha mutaxassis emas"
        if self.weakest_subject:
            return f"Oʻquvchining eng zaif fani — {self.subject} boʻyicha mutaxassis"
        return f"Oʻquvchining zaif fanlaridan biri — {self.subject} boʻyicha mutaxassis"

    def _subject_ru(self) -> str:
        if self.subject is None:
            return "Не специалист по слабым предметам ученика"
        if self.weakest_subject:
            return f"Специалист по {_russian_subject(self.subject)} — самому слабому предмету ученика"
        return f"Специалист по {_russian_subject(self.subject)} — одному из слабых предметов ученика"

    def _subject_en(self) -> str:
        if self.subject is None:
            return "Knows none of the pupil's weak subjects"
        if self.weakest_subject:
            return f"Knows {self.subject}, the pupil's weakest subject"
        return f"Knows {self.subject}, one of the pupil's weak subjects"

    def _place_uz(self) -> str:
        if self.same_school:
            return "oʻsha maktabdan"
        return "oʻsha tumandagi boshqa maktabdan" if self.same_district else "boshqa tumandan"

    def _place_ru(self) -> str:
        if self.same_school:
            return "из той же школы"
        return "из другой школы того же района" if self.same_district else "из другого района"

    def _place_en(self) -> str:
        if self.same_school:
            return "same school"
        return "same district, another school" if self.same_district else "another district"


@dataclass(frozen=True)
class AssignmentCosts:
    """What a match costs: a subject part plus a place part; None makes that kind of pair not allowed.

    The cheapest match is a mentor who knows the pupil's weakest subject in the pupil's own school. Leaving a
    pupil out costs `unassigned + unassigned_per_priority * priority`, which must exceed every allowed match,
    so no pupil is left out while a suitable place is free.
    """

    weakest_subject: float = 0.0
    other_subject: float = 1.0
    no_subject: float | None = 4.0
    same_school: float = 0.0
    other_school: float = 2.0
    other_district: float | None = None
    unassigned: float = 1000.0
    unassigned_per_priority: float = 1000.0

    def __post_init__(self) -> None:
        for name, value in vars(self).items():
            if value is not None and not (math.isfinite(value) and value >= 0):
                raise ValueError(f"cost {name} must be finite and ≥ 0, got {value}")
        if self.unassigned <= self.worst_match:
            raise ValueError(
                f"unassigned ({self.unassigned}) must exceed the dearest match, {self.worst_match}"
            )

    @property
    def worst_match(self) -> float:
        """The highest cost an allowed match can have."""
        subject = max(c for c in (self.weakest_subject, self.other_subject, self.no_subject) if c is not None)
        place = max(c for c in (self.same_school, self.other_school, self.other_district) if c is not None)
        return subject + place

    def unassigned_cost(self, priority: float) -> float:
        """The cost of leaving a pupil of this priority without a mentor."""
        return self.unassigned + self.unassigned_per_priority * priority

    def price(self, reason: MatchReason) -> float | None:
        """What a match with this reason costs, or None if such a pair is not allowed."""
        rank = reason.subject_rank
        subject = (
            self.no_subject if rank is None else self.weakest_subject if rank == 0 else self.other_subject
        )
        if reason.same_school:
            place: float | None = self.same_school
        else:
            place = self.other_school if reason.same_district else self.other_district
        return None if subject is None or place is None else subject + place
