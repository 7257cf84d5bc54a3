"""The note guardrail flags stigmatising wording and out-of-circle personal data, and nothing innocent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.note_guardrail import DetectedEntity, Lexicon, NoteFinding, check_note, load_lexicon
from privacy.wording_lexicon import LANGUAGES, WordingEntry

LEXICON = load_lexicon()
APOSTROPHES = "'‘’ʻʼ`"
NOBODY: frozenset[str] = frozenset()


def flagged(text: str, lexicon: Lexicon = LEXICON) -> list[str]:
    return [f.text or "" for f in check_note(text, [], NOBODY, lexicon).findings if f.kind == "wording"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Uzbek, Latin: the stem alone and with suffixes glued on.
        ("Ali juda dangasa.", ["dangasa"]),
        ("Uning dangasaligi darsga xalaqit beradi", ["dangasaligi"]),
        ("U dangasaligini tan oldi", ["dangasaligini"]),
        ("Tentakligi bor", ["Tentakligi"]),
        ("tentagi chiqdi", ["tentagi"]),
        ("Sinfdagi bezorilik", ["bezorilik"]),
        ("ahmoqona savol berdi", ["ahmoqona"]),
        ("AHMOQ deb baqirdi", ["AHMOQ"]),
        ("axmoq gap", ["axmoq"]),
        ("U qobiliyatsiz", ["qobiliyatsiz"]),
        ("aqli past bola", ["aqli past"]),
        ("aqli  pastligi bilinadi", ["aqli  pastligi"]),
        ("umidsiz holat", ["umidsiz"]),
        ("yalqovlik qilmoqda", ["yalqovlik"]),
        ("jinnilarcha kuldi", ["jinnilarcha"]),
        ("«dangasa» deb yozmang", ["dangasa"]),
        ("'dangasa'", ["dangasa"]),
        # Uzbek, Cyrillic, including letters typed on a Russian keyboard (х for ҳ, к for қ).
        ("Жуда дангаса бола", ["дангаса"]),
        ("тентаклиги", ["тентаклиги"]),
        ("безорилик қилди", ["безорилик"]),
        ("Аҳмоқ", ["Аҳмоқ"]),
        ("ахмоқ", ["ахмоқ"]),
        ("ахмок", ["ахмок"]),
        ("қобилиятсиз", ["қобилиятсиз"]),
        ("ақли паст", ["ақли паст"]),
        ("умидсизлиги", ["умидсизлиги"]),
        ("ялқов", ["ялқов"]),
        ("жинни", ["жинни"]),
        # Russian inflections.
        ("Он тупой", ["тупой"]),
        ("Она тупая и ленивая", ["тупая", "ленивая"]),
        ("эти тупые дети", ["тупые"]),
        ("про тупого ученика", ["тупого"]),
        ("Тупица!", ["Тупица"]),
        ("лентяй", ["лентяй"]),
        ("лентяйка", ["лентяйка"]),
        ("все лентяи класса", ["лентяи"]),
        ("бездарь", ["бездарь"]),
        ("дебил", ["дебил"]),
        ("Хулиганы в 7-Б", ["Хулиганы"]),
        ("безнадёжный случай", ["безнадёжный"]),
        ("безнадежный", ["безнадежный"]),
        ("Он из неблагополучной семьи", ["из неблагополучной семьи"]),
        ("умственно отсталый", ["умственно отсталый"]),
        # English.
        ("He is lazy", ["lazy"]),
        ("Laziness again", ["Laziness"]),
        ("a stupid answer", ["stupid"]),
        ("hopeless", ["hopeless"]),
        ("DUMB", ["DUMB"]),
        ("the troublemakers sat at the back", ["troublemakers"]),
        ("the troublemaker’s bag", ["troublemaker’s"]),
        ("comes from a bad family", ["from a bad family"]),
    ],
)
def test_stigmatising_wording_is_flagged_as_written(text: str, expected: list[str]) -> None:
    assert flagged(text) == expected


@pytest.mark.parametrize("apostrophe", list(APOSTROPHES))
@pytest.mark.parametrize(
    ("template", "term"),
    [
        ("U bo{a}shang o{a}quvchi", "bo{a}shang"),
        ("nosog{a}lom oiladan chiqqan", "nosog{a}lom oiladan"),
        ("aqli yo{a}q", "aqli yo{a}q"),
        ("ahmog{a}i", "ahmog{a}i"),
    ],
)
def test_every_uzbek_apostrophe_is_treated_alike(apostrophe: str, template: str, term: str) -> None:
    assert flagged(template.format(a=apostrophe)) == [term.format(a=apostrophe)]


@pytest.mark.parametrize(
    "text",
    [
        "Tentakov bugun kelmadi",  # a surname-like word is not a suffixed stem
        "qobiliyatli o'quvchi",
        "umidvor",
        "past baho oldi",
        "pastki qavat",
        "bo'sh vaqtida kitob o'qiydi",
        "ikkinchi chorak",
        "Uy vazifasini uch marta topshirmadi",
        "Тупик в конце коридора",
        "наступил на ступени",
        "он отстал по математике",
        "неспособна сосредоточиться больше 10 минут",
        "психическое здоровье",
        "процедура",
        "Домашнее задание не сдал три раза",
        "dumbbell",
        "fire retardant",
        "the psychologist saw him",
        "Bratislava",
        "closer to the board",
        "did not hand in homework three times this week",
    ],
)
def test_innocent_look_alikes_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


REQUIRED_TERMS = [
    *["dangasa", "tentak", "bezori", "ahmoq", "qobiliyatsiz", "umidsiz", "yalqov", "jinni"],
    *["дангаса", "тентак", "безори", "аҳмоқ", "қобилиятсиз", "умидсиз", "ялқов", "жинни"],
    *["тупой", "тупая", "тупица", "лентяй", "лентяйка", "бездарь", "дебил", "хулиган", "безнадёжный"],
    *["lazy", "stupid", "hopeless", "dumb", "troublemaker"],
    "aqli past",
    "из неблагополучной семьи",
    "from a bad family",
]


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_the_bundled_lexicon_holds_the_required_terms(term: str) -> None:
    assert flagged(f"— {term} —") == [term]


def test_every_bundled_entry_and_category_speaks_all_three_languages() -> None:
    assert len(LEXICON.entries) >= 40
    assert {e.language for e in LEXICON.entries} == set(LANGUAGES)
    for entry in LEXICON.entries:
        for language in LANGUAGES:
            assert entry.suggestion.in_language(language).strip(), (entry.id, language)
    for category, messages in LEXICON.categories.items():
        for language in LANGUAGES:
            assert "{term}" in messages.in_language(language), (category, language)


def test_offsets_point_at_the_words_as_written() -> None:
    text = "Bugun Ali dars paytida o‘ta dangasaligini ko‘rsatdi, ДАНГАСА emas deb aytdi; he is lazy."
    findings = check_note(text, [], NOBODY, LEXICON, "en").findings
    assert [(f.start, f.end) for f in findings] == [(28, 41), (53, 60), (83, 87)]
    assert all(text[f.start : f.end] == f.text for f in findings)


def test_a_wording_finding_echoes_the_term_and_suggests_in_the_requested_language() -> None:
    (uz,) = check_note("dangasa", [], NOBODY, LEXICON).findings
    (ru,) = check_note("dangasa", [], NOBODY, LEXICON, "ru").findings
    (en,) = check_note("dangasa", [], NOBODY, LEXICON, "en").findings
    assert (uz.kind, uz.category) == ("wording", "label")
    assert "dangasa" in uz.message
    assert "dangasa" in en.message
    assert (uz.suggestion, ru.suggestion, en.suggestion) == tuple(
        LEXICON.entries[0].suggestion.in_language(language) for language in LANGUAGES
    )
    assert "Describe" in en.suggestion
    assert "Опишите" in ru.suggestion


def test_a_clean_note_is_ok_and_an_unknown_language_is_refused() -> None:
    assert check_note("Bugun uy vazifasini topshirdi.", [], NOBODY, LEXICON).ok
    with pytest.raises(ValueError, match="language"):
        check_note("dangasa", [], NOBODY, LEXICON, "kk")  # type: ignore[arg-type]


# Personal data -------------------------------------------------------------------------------------------

NOTE = "Rustam Karimov bilan Dilnoza Aliyeva urushdi; onasi +998 90 123-45-67, JShShIR 50101085010012."
PUPIL = DetectedEntity(0, 14, "PERSON", "pupil-1")
CLASSMATE = DetectedEntity(21, 36, "PERSON", "pupil-2")
PHONE = DetectedEntity(52, 69, "UZ_PHONE")
PINFL = DetectedEntity(79, 93, "UZ_PINFL")
CIRCLE = frozenset({"pupil-1", "guardian-1", "teacher-1"})


def personal(findings: tuple[NoteFinding, ...]) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.category) for f in findings if f.kind == "personal_data"]


def test_people_in_the_circle_pass_and_others_are_flagged_with_identifiers() -> None:
    check = check_note(NOTE, [PINFL, PUPIL, PHONE, CLASSMATE], CIRCLE, LEXICON, "en")
    assert personal(check.findings) == [(21, 36, "PERSON"), (52, 69, "UZ_PHONE"), (79, 93, "UZ_PINFL")]
    person, phone, pinfl = check.findings
    assert "outside the pupil's circle" in person.message
    assert "masked" in person.message
    assert "leaving them out" in person.suggestion
    assert "Identifier in a note" in phone.message
    assert "phone number" in phone.message
    assert phone.suggestion == "Keep identifiers in the pupil's record, not in notes."
    assert "PINFL" in pinfl.message


def test_an_unknown_name_is_flagged_like_one_outside_the_circle() -> None:
    unknown = DetectedEntity(21, 36, "PERSON", None)
    (finding,) = check_note(NOTE, [PUPIL, unknown], CIRCLE, LEXICON).findings
    assert (finding.start, finding.end, finding.category) == (21, 36, "PERSON")
    assert "doirasiga kirmaydigan" in finding.message


@pytest.mark.parametrize("language", LANGUAGES)
def test_findings_never_echo_the_personal_data(language: str) -> None:
    entities = [CLASSMATE, PHONE, PINFL, DetectedEntity(0, 14, "PERSON", "stranger")]
    findings = check_note(NOTE, entities, CIRCLE, LEXICON, language).findings  # type: ignore[arg-type]
    assert len(findings) == 4
    for finding in findings:
        assert finding.text is None
        said = finding.message + finding.suggestion + repr(finding)
        for secret in ("Rustam", "Karimov", "Dilnoza", "Aliyeva", "123-45-67", "50101085010012"):
            assert secret not in said


@pytest.mark.parametrize("entity_type", ["UZ_PASSPORT", "UZ_STIR", "EMAIL_ADDRESS", "ADDRESS"])
def test_every_identifier_type_is_flagged(entity_type: str) -> None:
    (finding,) = check_note("x" * 20, [DetectedEntity(2, 12, entity_type)], CIRCLE, LEXICON, "ru").findings
    assert (finding.kind, finding.category) == ("personal_data", entity_type)
    assert finding.suggestion == "Храните идентификаторы в карточке ученика, а не в записях."


def test_unknown_entity_types_pass_and_spans_outside_the_note_are_refused() -> None:
    assert check_note("Toshkentda", [DetectedEntity(0, 10, "LOCATION")], CIRCLE, LEXICON).ok
    with pytest.raises(ValueError, match=r"entity 1 \(UZ_PHONE\) spans 5:40"):
        check_note("short note", [DetectedEntity(5, 40, "UZ_PHONE")], CIRCLE, LEXICON)


def test_a_known_name_that_looks_like_a_term_is_not_wording_but_both_kinds_sort_together() -> None:
    text = "Tentak Aliyev dangasa emas"
    name = DetectedEntity(0, 13, "PERSON", "pupil-2")
    findings = check_note(text, [name], CIRCLE, LEXICON).findings
    assert [(f.kind, f.start) for f in findings] == [("personal_data", 0), ("wording", 14)]


# The lexicon file ---------------------------------------------------------------------------------------

CUSTOM = """
version = 1
[categories.label]
uz = "«{term}» yorliq"
ru = "«{term}» ярлык"
en = "“{term}” is a label"
[endings.en]
suffixes = ["", "s"]
[[entry]]
id = "slacker"
language = "en"
category = "label"
forms = ["slacker"]
endings = "en"
suggestion.uz = "Kuzatganingizni yozing."
suggestion.ru = "Опишите наблюдаемое."
suggestion.en = "Describe what you saw."
"""


def test_a_custom_lexicon_file_replaces_the_bundled_one(tmp_path: Path) -> None:
    path = tmp_path / "custom.toml"
    path.write_text(CUSTOM, encoding="utf-8")
    custom = load_lexicon(path)
    assert flagged("two slackers, one lazy", custom) == ["slackers"]
    (finding,) = check_note("slacker", [], NOBODY, custom, "en").findings
    assert (finding.message, finding.suggestion) == ("“slacker” is a label", "Describe what you saw.")


@pytest.mark.parametrize(
    ("broken", "expected"),
    [
        (
            CUSTOM.replace('suggestion.ru = "Опишите наблюдаемое."\n', ""),
            r"entry 1 \('slacker'\).*'ru' is missing",
        ),
        (CUSTOM.replace('language = "en"', 'language = "fr"'), r"entry 1 \('slacker'\).*'language' is 'fr'"),
        (CUSTOM.replace('endings = "en"', 'endings = "de"'), r"entry 1 \('slacker'\).*'endings' is 'de'"),
        (CUSTOM.replace('category = "label"', 'category = "rude"'), r"'slacker'.*category 'rude'"),
        (CUSTOM.replace('forms = ["slacker"]', "forms = []"), r"entry 1 \('slacker'\).*'forms'"),
        (CUSTOM.replace("forms =", "form ="), r"entry 1 \('slacker'\).*unknown field 'form'"),
        (CUSTOM.replace('id = "slacker"\n', ""), r"entry 1: field 'id' is missing"),
        (CUSTOM + CUSTOM.split("[[entry]]")[1].join(["[[entry]]", ""]), r"'slacker'.*already in entry"),
        (CUSTOM.replace("[[entry]]", "[[entries]]"), r"unknown field 'entries'"),
        (CUSTOM.replace("version = 1", "version = 2"), r"'version' is 2"),
        (CUSTOM.replace('id = "slacker"', 'id = "slacker'), r"not valid TOML"),
    ],
)
def test_a_malformed_lexicon_names_file_entry_and_field(tmp_path: Path, broken: str, expected: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ValueError, match=rf"broken\.toml: .*{expected}"):
        load_lexicon(path)


# The property -------------------------------------------------------------------------------------------


@st.composite
def written_forms(draw: st.DrawFn) -> str:
    """A lexicon term as a teacher might write it: any form, its endings, any apostrophe, any case."""
    entry: WordingEntry = draw(st.sampled_from(LEXICON.entries))
    word = draw(st.sampled_from(entry.forms))
    if entry.endings is not None:
        suffixes = list(entry.endings.suffixes)
        count = draw(st.integers(0, 3)) if entry.endings.repeat else 1
        word += "".join(draw(st.lists(st.sampled_from(suffixes), min_size=count, max_size=count)))
    word = "".join(draw(st.sampled_from(APOSTROPHES)) if c in APOSTROPHES else c for c in word)
    return str(draw(st.sampled_from([word, word.upper(), word.lower(), word.capitalize()])))


@given(before=st.text(max_size=40), term=written_forms(), after=st.text(max_size=40))
def test_a_term_put_into_any_text_is_flagged_there(before: str, term: str, after: str) -> None:
    text = f"{before} {term} {after}"
    start, end = len(before) + 1, len(before) + 1 + len(term)
    findings = check_note(text, [], NOBODY, LEXICON).findings
    assert any(f.kind == "wording" and f.start <= start and end <= f.end for f in findings), findings
