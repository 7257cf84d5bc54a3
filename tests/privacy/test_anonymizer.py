"""anonymize: typed, numbered placeholders that follow who is who within one note, suffixes kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from privacy.anonymizer import anonymize, identity
from privacy.findings import Finding


def at(text: str, substring: str, entity_type: str = "PERSON", *people: str, occurrence: int = 0) -> Finding:
    """A finding on the `occurrence`-th appearance of `substring` in `text`."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(substring, start + 1)
    return Finding(start, start + len(substring), entity_type, 0.9, frozenset(people))


def test_the_same_person_keeps_one_placeholder_within_a_note() -> None:
    text = "Karimov Alisher darsga kelmadi; Alisherning onasi keldi."
    findings = [
        at(text, "Karimov Alisher", "PERSON", "pupil:P001"),
        at(text, "Alisher", "PERSON", "pupil:P001", occurrence=1),
    ]
    assert anonymize(text, findings) == "<PERSON_1> darsga kelmadi; <PERSON_1>ning onasi keldi."


def test_equal_spellings_of_an_unknown_name_share_a_placeholder() -> None:
    text = "Bekzod keldi. BEKZOD yana keldi. Bekzod‘ning"
    findings = [at(text, "Bekzod"), at(text, "BEKZOD"), at(text, "Bekzod", occurrence=1)]
    assert anonymize(text, findings) == "<PERSON_1> keldi. <PERSON_1> yana keldi. <PERSON_1>‘ning"


def test_different_people_get_different_numbers() -> None:
    text = "Alisher va Lola darsga kelmadi. Alisherning onasi Karimova Dilnoza qo'ng'iroq qildi."
    findings = [
        at(text, "Alisher", "PERSON", "pupil:P001"),
        at(text, "Lola", "PERSON", "pupil:P002"),
        at(text, "Alisher", "PERSON", "pupil:P001", occurrence=1),
        at(text, "Karimova Dilnoza", "PERSON", "guardian:P001"),
    ]
    assert anonymize(text, findings) == (
        "<PERSON_1> va <PERSON_2> darsga kelmadi. <PERSON_1>ning onasi <PERSON_3> qo'ng'iroq qildi."
    )


def test_two_people_of_one_surname_are_told_apart_by_their_roster_keys() -> None:
    text = "Rahimov Bobur va Rahimov Sardor"
    findings = [
        at(text, "Rahimov Bobur", "PERSON", "pupil:P010"),
        at(text, "Rahimov Sardor", "PERSON", "pupil:P011"),
    ]
    assert anonymize(text, findings) == "<PERSON_1> va <PERSON_2>"


def test_each_type_is_numbered_on_its_own_and_findings_may_come_in_any_order() -> None:
    text = "Alisher: tel +998 90 123 45 67, pochta a.k@mail.ru, tel 91 765 43 21"
    findings = [
        at(text, "91 765 43 21", "UZ_PHONE"),
        at(text, "a.k@mail.ru", "EMAIL_ADDRESS"),
        at(text, "Alisher", "PERSON", "pupil:P001"),
        at(text, "+998 90 123 45 67", "UZ_PHONE"),
    ]
    assert anonymize(text, findings) == (
        "<PERSON_1>: tel <UZ_PHONE_1>, pochta <EMAIL_ADDRESS_1>, tel <UZ_PHONE_2>"
    )


@pytest.mark.parametrize(
    ("text", "findings", "expected"),
    [
        ("Alisherning daftari", [Finding(0, 7, "PERSON", 0.9)], "<PERSON_1>ning daftari"),
        ("Alisherga aytdim", [Finding(0, 7, "PERSON", 0.9)], "<PERSON_1>ga aytdim"),
        ("Дилнозы не было", [Finding(0, 6, "PERSON", 0.9)], "<PERSON_1>ы не было"),
        ("Hech kim yo'q", [], "Hech kim yo'q"),
        ("", [], ""),
    ],
)
def test_a_suffix_stays_after_the_placeholder(text: str, findings: list[Finding], expected: str) -> None:
    assert anonymize(text, findings) == expected


@pytest.mark.parametrize(
    "findings",
    [
        [Finding(0, 7, "PERSON", 0.9), Finding(5, 10, "UZ_PHONE", 0.9)],
        [Finding(0, 10, "ADDRESS", 0.9), Finding(2, 4, "PERSON", 0.9)],
        [Finding(3, 6, "PERSON", 0.9), Finding(3, 6, "PERSON", 0.9)],
    ],
)
def test_overlapping_findings_are_refused(findings: list[Finding]) -> None:
    with pytest.raises(ValueError, match="overlap"):
        anonymize("Karimov Alisher", findings)


def test_identity_is_the_roster_key_when_exactly_one_person_is_named() -> None:
    text = "Karimov keldi"
    assert identity(text, Finding(0, 7, "PERSON", 0.9, frozenset({"pupil:P001"}))) == "pupil:P001"
    ambiguous = Finding(0, 7, "PERSON", 0.9, frozenset({"pupil:P001", "guardian:P001"}))
    assert identity(text, ambiguous) == "karimov"


_PLACEHOLDER = re.compile(r"<[A-Z_]+_\d+>")
_TYPES = st.sampled_from(["PERSON", "UZ_PHONE", "UZ_PINFL", "ADDRESS", "EMAIL_ADDRESS"])


@st.composite
def texts_with_findings(draw: st.DrawFn) -> tuple[str, list[Finding]]:
    text = draw(st.text(alphabet=st.characters(blacklist_characters="<>"), max_size=80))
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), max_size=10)))
    # Consecutive cut points pair up into findings: [c0, c1), [c2, c3), … never overlap.
    pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    findings = [Finding(a, b, draw(_TYPES), 0.9) for a, b in pairs]
    return text, draw(st.permutations(findings))


@given(texts_with_findings())
def test_every_character_outside_the_findings_survives_in_order(case: tuple[str, list[Finding]]) -> None:
    text, findings = case
    output = anonymize(text, findings)
    outside, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        outside.append(text[position : finding.start])
        position = finding.end
    outside.append(text[position:])
    assert _PLACEHOLDER.split(output) == outside
    assert len(_PLACEHOLDER.findall(output)) == len(findings)
