"""The guardrail against a real roster: the circle comes from the database, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, update

from privacy.analyzer import NoteAnalyzer
from privacy.note_guardrail import load_lexicon
from service.db.models import Pupil, Staff
from service.ingest import ingest_bundle
from service.note_check import UnknownPersonError, check_new_note, pupil_circle
from service.privacy_engine import note_analyzer
from tests.service.ingest.conftest import build_bundle


@pytest.fixture
def school(engine: Engine, tmp_path: Path) -> Engine:
    ingest_bundle(build_bundle(tmp_path / "bundle"), engine)
    with engine.begin() as connection:
        connection.execute(
            update(Pupil)
            .where(Pupil.pupil_id == "P0000")
            .values(full_name="Yusupova Malika Rustam qizi", guardian_name="Yusupov Rustam Akmal o'g'li")
        )
        connection.execute(
            update(Pupil)
            .where(Pupil.pupil_id == "P0001")
            .values(full_name="Toshpo'latov Sardor Bobur o'g'li")
        )
    return engine


@pytest.fixture
def analyzer(school: Engine) -> NoteAnalyzer:
    return note_analyzer(school)


def _check(engine: Engine, analyzer: NoteAnalyzer, text: str, language: str = "en") -> list[tuple[str, str]]:
    result = check_new_note(
        engine, analyzer, load_lexicon(), pupil_id="P0000", author_id="T1", text=text, language=language
    )
    return [(f.kind, text[f.start : f.end]) for f in result.findings]


def test_the_circle_holds_the_pupil_guardian_class_teacher_markers_and_author(school: Engine) -> None:
    circle = pupil_circle(school, "P0000", "T2")
    assert circle == {"pupil:P0000", "guardian:P0000", "staff:T1", "staff:T2"}


def test_people_of_the_circle_pass_and_others_are_flagged(school: Engine, analyzer: NoteAnalyzer) -> None:
    text = "Malikaning otasi Yusupov Rustam bilan gaplashdim, Karimova Nodira ham bor edi."
    assert _check(school, analyzer, text) == []
    flagged = _check(school, analyzer, "Malika va Toshpo‘latov Sardor urishdi.")
    assert flagged == [("personal_data", "Toshpo‘latov Sardor")]


def test_a_name_erta_does_not_know_is_flagged(school: Engine, analyzer: NoteAnalyzer) -> None:
    # Malika is in the roster, but no Malika Qurbonova is: the joined name is somebody else.
    assert _check(school, analyzer, "Malika Qurbonova keldi.") == [("personal_data", "Malika Qurbonova")]
    assert _check(school, analyzer, "Malika partada Qurbonova Zilola bilan o'tiradi.") == [
        ("personal_data", "Qurbonova Zilola")
    ]


def test_identifiers_and_stigmatising_wording_are_flagged(school: Engine, analyzer: NoteAnalyzer) -> None:
    text = "Malika dangasa, onasining telefoni +998 90 123-45-67."
    assert _check(school, analyzer, text) == [("wording", "dangasa"), ("personal_data", "+998 90 123-45-67")]


def test_messages_come_in_the_authors_language(school: Engine, analyzer: NoteAnalyzer) -> None:
    messages = {}
    for language in ("uz", "ru", "en"):
        result = check_new_note(
            school, analyzer, load_lexicon(), pupil_id="P0000", author_id="T1", text="Malika tentak.",
            language=language,
        )  # fmt: skip
        (finding,) = result.findings
        assert finding.suggestion
        messages[language] = finding.message
    assert len(set(messages.values())) == 3
    assert "оскорбительное" in messages["ru"]


def test_an_unknown_pupil_or_author_is_refused_by_id(school: Engine) -> None:
    with pytest.raises(UnknownPersonError, match="P9999"):
        pupil_circle(school, "P9999", "T1")
    with pytest.raises(UnknownPersonError, match="T99"):
        pupil_circle(school, "P0000", "T99")


def test_renaming_a_staff_member_changes_who_is_known(school: Engine) -> None:
    with school.begin() as connection:
        connection.execute(update(Staff).where(Staff.staff_id == "T4").values(full_name="Nazarov Otabek"))
    names = note_analyzer(school).analyze("Nazarov Otabek keldi.")
    assert [finding.people for finding in names] == [frozenset({"staff:T4"})]
