"""Mentor assignment: optimal against brute force, within capacity, explained, validated and fast enough."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.mentor_assignment import (
    Assignment,
    AssignmentCosts,
    Mentor,
    PupilNeed,
    assign_mentors,
    propose_match,
)
from model.mentor_reasons import LANGUAGES, MatchReason

SUBJECTS = ("Matematika", "Fizika", "Ona tili", "Ingliz tili", "O'zbek tili")
CROSS_DISTRICT = AssignmentCosts(other_district=5.0, no_subject=None)
SUBJECT_FIRST = AssignmentCosts(other_subject=3.0, no_subject=6.0, other_school=0.5)


def pupil(
    pupil_id: str,
    school: str = "s1",
    district: str = "d1",
    subjects: tuple[str, ...] = ("Matematika",),
    priority: float = 0.5,
) -> PupilNeed:
    return PupilNeed(pupil_id, school, district, subjects, priority)


def mentor(
    staff_id: str,
    school: str = "s1",
    district: str = "d1",
    subjects: Sequence[str] = ("Matematika",),
    capacity: int = 1,
) -> Mentor:
    return Mentor(staff_id, school, district, frozenset(subjects), capacity)


def brute_force_cost(pupils: Sequence[PupilNeed], mentors: Sequence[Mentor], costs: AssignmentCosts) -> float:
    """The least total cost over every way to give each pupil an allowed mentor or none."""
    options: list[list[tuple[str | None, float]]] = []
    for p in pupils:
        matches = [match for m in mentors if (match := propose_match(p, m, costs)) is not None]
        options.append(
            [(None, costs.unassigned_cost(p.priority)), *((match.staff_id, match.cost) for match in matches)]
        )
    best = math.inf
    for choice in itertools.product(*options):
        load = Counter(staff_id for staff_id, _ in choice if staff_id is not None)
        if all(load[m.staff_id] <= m.capacity for m in mentors):
            best = min(best, math.fsum(cost for _, cost in choice))
    return best


def assert_valid(
    result: Assignment, pupils: Sequence[PupilNeed], mentors: Sequence[Mentor], costs: AssignmentCosts
) -> None:
    """Every pupil once, no mentor over capacity, each match as `propose_match` prices it, totals add up."""
    by_pupil = {p.pupil_id: p for p in pupils}
    by_mentor = {m.staff_id: m for m in mentors}
    matched = [m.pupil_id for m in result.matches]
    assert sorted(matched + list(result.unassigned)) == sorted(by_pupil)
    assert matched == sorted(matched)
    assert list(result.unassigned) == sorted(result.unassigned)
    load = Counter(m.staff_id for m in result.matches)
    assert all(load[staff_id] <= by_mentor[staff_id].capacity for staff_id in load)
    for match in result.matches:
        assert match == propose_match(by_pupil[match.pupil_id], by_mentor[match.staff_id], costs)
    parts = [m.cost for m in result.matches] + [
        costs.unassigned_cost(by_pupil[p].priority) for p in result.unassigned
    ]
    assert result.total_cost == pytest.approx(math.fsum(parts), abs=1e-9)


@st.composite
def small_cases(draw: st.DrawFn) -> tuple[list[PupilNeed], list[Mentor], AssignmentCosts]:
    places = st.tuples(st.sampled_from(("s1", "s2", "s3")), st.sampled_from(("d1", "d2")))
    subjects = st.lists(st.sampled_from(SUBJECTS), max_size=3, unique=True)
    # Close priorities (a gap worth less than a better fit) as well as far ones.
    priority = st.sampled_from((0.0, 0.2, 0.5, 0.5, 0.5001, 0.5004, 0.502, 0.9, 1.0)) | st.floats(0, 1)
    pupils = [
        PupilNeed(f"p{i}", *draw(places), tuple(draw(subjects)), draw(priority))
        for i in range(draw(st.integers(0, 5)))
    ]
    mentors = [
        Mentor(f"m{j}", *draw(places), frozenset(draw(subjects)), draw(st.integers(0, 2)))
        for j in range(draw(st.integers(0, 3)))
    ]
    return pupils, mentors, draw(st.sampled_from((AssignmentCosts(), CROSS_DISTRICT, SUBJECT_FIRST)))


@settings(max_examples=300, deadline=None)
@given(small_cases())
def test_total_cost_is_the_brute_force_minimum(
    case: tuple[list[PupilNeed], list[Mentor], AssignmentCosts],
) -> None:
    pupils, mentors, costs = case
    result = assign_mentors(pupils, mentors, costs)
    assert_valid(result, pupils, mentors, costs)
    assert abs(result.total_cost - brute_force_cost(pupils, mentors, costs)) <= 1e-9


@st.composite
def crowded_cases(draw: st.DrawFn) -> tuple[list[PupilNeed], list[Mentor]]:
    rng = random.Random(draw(st.integers(0, 2**32)))
    pupils = [
        PupilNeed(
            f"p{i:02d}",
            f"s{rng.randrange(4)}",
            f"d{rng.randrange(2)}",
            tuple(rng.sample(SUBJECTS, 2)),
            rng.random(),
        )
        for i in range(draw(st.integers(0, 40)))
    ]
    mentors = [
        Mentor(
            f"m{j}",
            f"s{rng.randrange(4)}",
            f"d{rng.randrange(2)}",
            frozenset(rng.sample(SUBJECTS, 2)),
            rng.randrange(4),
        )
        for j in range(draw(st.integers(0, 8)))
    ]
    return pupils, mentors


@settings(max_examples=100, deadline=None)
@given(crowded_cases())
def test_capacity_is_never_exceeded_and_no_match_crosses_a_district(
    case: tuple[list[PupilNeed], list[Mentor]],
) -> None:
    pupils, mentors = case
    result = assign_mentors(pupils, mentors)
    assert_valid(result, pupils, mentors, AssignmentCosts())
    assert all(match.reason.same_district for match in result.matches)
    places = sum(m.capacity for m in mentors)
    assert len(result.matches) <= places


def test_a_mentor_in_another_district_is_never_matched_even_with_places_free() -> None:
    result = assign_mentors(
        [pupil("p1", district="Chilonzor")], [mentor("m1", district="Yunusobod", capacity=5)]
    )
    assert result.matches == ()
    assert result.unassigned == ("p1",)


def test_another_district_is_allowed_when_the_costs_price_it() -> None:
    pupils, mentors = [pupil("p1", district="Chilonzor")], [mentor("m1", district="Yunusobod")]
    result = assign_mentors(pupils, mentors, CROSS_DISTRICT)
    assert [(m.pupil_id, m.staff_id) for m in result.matches] == [("p1", "m1")]
    assert result.matches[0].reason == MatchReason("Matematika", 0, same_school=False, same_district=False)


def test_the_mentor_who_knows_the_weakest_subject_in_the_same_school_is_preferred() -> None:
    pupils = [pupil("p1", subjects=("Matematika", "Fizika"))]
    mentors = [
        mentor("m1", subjects=("Fizika",)),
        mentor("m2", school="s2", subjects=("Matematika",)),
        mentor("m3", subjects=("Matematika", "Tarix")),
    ]
    (match,) = assign_mentors(pupils, mentors).matches
    assert match.staff_id == "m3"
    assert match.cost == 0.0
    assert match.reason == MatchReason("Matematika", 0, same_school=True, same_district=True)


def test_the_weakest_subject_counts_when_a_mentor_knows_several_of_the_pupils_subjects() -> None:
    pupils = [pupil("p1", subjects=("Matematika", "Fizika"))]
    mentors = [
        mentor("m1", school="s2", subjects=("Fizika", "Matematika")),
        mentor("m2", subjects=("Fizika",)),
    ]
    (match,) = assign_mentors(pupils, mentors, SUBJECT_FIRST).matches
    assert match.staff_id == "m1"
    assert match.reason == MatchReason("Matematika", 0, same_school=False, same_district=True)


def test_a_higher_priority_pupil_gets_the_last_place() -> None:
    # The calmer pupil fits the mentor better, but the riskier one must not be left out.
    pupils = [
        pupil("p1", subjects=("Matematika",), priority=0.30),
        pupil("p2", school="s2", subjects=("Fizika", "Matematika"), priority=0.80),
    ]
    result = assign_mentors(pupils, [mentor("m1", capacity=1)])
    assert [m.pupil_id for m in result.matches] == ["p2"]
    assert result.unassigned == ("p1",)


def test_a_much_better_fit_outweighs_a_slightly_higher_priority() -> None:
    pupils = [
        pupil("p1", subjects=("Matematika",), priority=0.5000),
        pupil("p2", school="s2", subjects=("Tarix",), priority=0.5001),
    ]
    result = assign_mentors(pupils, [mentor("m1", capacity=1)])
    assert [m.pupil_id for m in result.matches] == ["p1"]


def test_more_pupils_than_places_fill_every_place_by_priority() -> None:
    pupils = [pupil(f"p{i}", priority=i / 10) for i in range(10)]
    mentors = [mentor("m1", capacity=2), mentor("m2", capacity=0), mentor("m3", school="s2", capacity=1)]
    result = assign_mentors(pupils, mentors)
    assert sorted(m.pupil_id for m in result.matches) == ["p7", "p8", "p9"]
    assert Counter(m.staff_id for m in result.matches) == {"m1": 2, "m3": 1}


def test_the_reason_matches_the_pair() -> None:
    pupils = [pupil("p1", school="s1", subjects=("Matematika", "Fizika"))]
    (match,) = assign_mentors(pupils, [mentor("m1", school="s2", subjects=("Fizika", "Kimyo"))]).matches
    assert match.reason == MatchReason("Fizika", 1, same_school=False, same_district=True)
    assert not match.reason.weakest_subject
    assert match.cost == AssignmentCosts().other_subject + AssignmentCosts().other_school


def test_subjects_match_whatever_apostrophe_the_school_typed() -> None:
    (match,) = assign_mentors(
        [pupil("p1", subjects=("O‘zbek tili",))], [mentor("m1", subjects=("o'zbek tili",))]
    ).matches
    assert match.reason.subject == "O‘zbek tili"
    assert match.reason.weakest_subject


def test_the_sentences_read_as_in_each_language() -> None:
    reason = MatchReason("Matematika", 0, same_school=True, same_district=True)
    assert reason.describe("en") == "Knows Matematika, the pupil's weakest subject; same school."
    assert (
        reason.describe() == "Oʻquvchining eng zaif fani — Matematika boʻyicha mutaxassis; oʻsha maktabdan."
    )
    assert (
        reason.describe("ru")
        == "Специалист по математике — самому слабому предмету ученика; из той же школы."
    )


REASONS = [
    MatchReason("Matematika", 0, same_school=True, same_district=True),
    MatchReason("Fizika", 2, same_school=False, same_district=True),
    MatchReason("Astronomiya", 1, same_school=False, same_district=False),
    MatchReason(None, None, same_school=False, same_district=True),
]


@pytest.mark.parametrize("reason", REASONS)
def test_every_reason_has_a_sentence_in_every_language(reason: MatchReason) -> None:
    sentences = {language: reason.describe(language) for language in LANGUAGES}
    assert len(set(sentences.values())) == len(LANGUAGES)
    assert all(s.endswith(".") and len(s) > 20 for s in sentences.values())
    if reason.subject is not None:
        assert reason.subject in sentences["uz"]
        assert reason.subject in sentences["en"]


def test_a_subject_without_a_russian_name_is_quoted() -> None:
    reason = MatchReason("Astronomiya", 0, same_school=False, same_district=False)
    assert (
        reason.describe("ru")
        == "Специалист по предмету «Astronomiya» — самому слабому предмету ученика; из другого района."
    )


def test_an_unknown_language_or_an_inconsistent_reason_is_refused() -> None:
    with pytest.raises(ValueError, match="language"):
        REASONS[0].describe("de")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="together"):
        MatchReason("Fizika", None, same_school=False, same_district=True)
    with pytest.raises(ValueError, match="same district"):
        MatchReason(None, None, same_school=True, same_district=False)


def test_input_errors_name_the_culprit() -> None:
    with pytest.raises(ValueError, match="duplicate pupil id 'p1'"):
        assign_mentors([pupil("p1"), pupil("p1")], [])
    with pytest.raises(ValueError, match="duplicate mentor id 'm1'"):
        assign_mentors([], [mentor("m1"), mentor("m1", school="s2")])
    with pytest.raises(ValueError, match="mentor m7: capacity"):
        mentor("m7", capacity=-1)
    with pytest.raises(ValueError, match="pupil p3: priority"):
        pupil("p3", priority=math.nan)
    with pytest.raises(ValueError, match="pupil p4: priority"):
        pupil("p4", priority=-0.1)


def test_costs_that_would_leave_pupils_out_beside_a_free_place_are_refused() -> None:
    with pytest.raises(ValueError, match="unassigned"):
        AssignmentCosts(unassigned=5.0)
    with pytest.raises(ValueError, match="other_school"):
        AssignmentCosts(other_school=-1.0)
    with pytest.raises(ValueError, match="no_subject"):
        AssignmentCosts(no_subject=math.inf)


def test_empty_inputs_and_zero_capacity() -> None:
    assert assign_mentors([], []) == Assignment((), (), 0.0)
    assert assign_mentors([], [mentor("m1")]) == Assignment((), (), 0.0)
    pupils = [pupil("p2", priority=0.0), pupil("p1", priority=1.0)]
    costs = AssignmentCosts()
    expected = Assignment((), ("p1", "p2"), costs.unassigned_cost(0.0) + costs.unassigned_cost(1.0))
    assert assign_mentors(pupils, []) == expected
    assert assign_mentors(pupils, [mentor("m1", capacity=0)]) == expected


def test_the_result_does_not_depend_on_input_order() -> None:
    rng = random.Random(7)
    # Equal priorities and equal mentors: many optimal assignments, so only the id order decides.
    pupils = [pupil(f"p{i}", school=f"s{i % 2}", priority=0.5) for i in range(12)]
    mentors = [mentor(f"m{j}", school=f"s{j % 2}", capacity=2) for j in range(4)]
    first = assign_mentors(pupils, mentors)
    for _ in range(5):
        rng.shuffle(pupils)
        rng.shuffle(mentors)
        assert assign_mentors(pupils, mentors) == first


def national_case(districts: int) -> tuple[list[PupilNeed], list[Mentor]]:
    """2,000 pupils and 300 mentors with 1,500 places in all, spread over `districts` districts."""
    rng = random.Random(districts)
    subjects = [*SUBJECTS, "Kimyo", "Tarix", "Biologiya"]
    pupils = [
        PupilNeed(
            f"p{i:04d}",
            f"s{rng.randrange(80)}",
            f"d{rng.randrange(districts)}",
            tuple(rng.sample(subjects, 3)),
            rng.random(),
        )
        for i in range(2000)
    ]
    capacities = [5] * 300
    mentors = [
        Mentor(
            f"m{j:03d}",
            f"s{rng.randrange(80)}",
            f"d{rng.randrange(districts)}",
            frozenset(rng.sample(subjects, 2)),
            c,
        )
        for j, c in enumerate(capacities)
    ]
    return pupils, mentors


@pytest.mark.parametrize("districts", [14, 1])
def test_a_national_sized_case_returns_a_valid_assignment(districts: int) -> None:
    pupils, mentors = national_case(districts)
    result = assign_mentors(pupils, mentors)
    assert_valid(result, pupils, mentors, AssignmentCosts())
    assert len(result.matches) <= 1500
    if districts == 1:
        assert len(result.matches) == 1500  # every pair is allowed, so every place is taken
