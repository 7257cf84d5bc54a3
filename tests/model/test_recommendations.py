"""Recommendations: the intervention catalog, the rules from drivers to proposals, and their rationales."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.drivers import Driver
from model.features.names import ATTENDANCE, LMS, MARK_SUMMARY, NOTES, SUBJECT_STATS, subject_feature
from model.intervention_catalog import LANGUAGES, ROLES, Catalog, Intervention, Localized, load_catalog
from model.recommendations import PROPOSED, RecommendationRules, recommend

AS_OF = date(2025, 12, 3)
KINDS = (
    "extra_lessons",
    "mentor",
    "parent_meeting",
    "attendance_plan",
    "psychologist_referral",
    "digital_skills",
    "peer_tutoring",
    "methodological_support",
)
ALL = RecommendationRules(max_recommendations=20)  # the rule table sees every candidate, uncapped


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def marks(subject: str = "Matematika", contribution: float = 1.0, **stats: float | None) -> Driver:
    return Driver(subject, contribution, {subject_feature(subject, stat): v for stat, v in stats.items()})


def attendance(contribution: float = 0.6, **facts: float | None) -> Driver:
    return Driver("attendance", contribution, facts)


Proposal = tuple[str, str | None]


def kinds(
    drivers: list[Driver], catalog: Catalog, tier: str = "low", rules: RecommendationRules = ALL
) -> list[Proposal]:
    return [
        (r.kind, r.subject) for r in recommend(drivers, tier=tier, as_of=AS_OF, catalog=catalog, rules=rules)
    ]


# --- the catalog --------------------------------------------------------------------------------------


def test_bundled_catalog_has_every_kind_in_three_languages_with_an_owner_and_a_follow_up(
    catalog: Catalog,
) -> None:
    assert set(KINDS) <= set(catalog.kinds)
    for intervention in catalog:
        for text in (intervention.title, intervention.description):
            assert all(text.in_language(language).strip() for language in LANGUAGES)
        assert "\n" not in intervention.description.en  # one paragraph, however the file wraps it
        assert intervention.owner_role in ROLES
        assert 1 <= intervention.follow_up_days <= 365


def test_bundled_catalog_marks_what_is_per_subject_and_who_it_is_for(catalog: Catalog) -> None:
    per_subject = {i.kind for i in catalog if i.per_subject}
    assert per_subject == {"extra_lessons", "peer_tutoring", "methodological_support"}
    assert catalog["methodological_support"].audience == "teacher"
    assert {i.kind for i in catalog if i.audience == "pupil"} == set(KINDS) - {"methodological_support"}
    assert catalog["psychologist_referral"].owner_role == "psychologist"
    assert catalog["mentor"].owner_role == "mentor"


def test_a_language_erta_has_no_text_in_falls_back_to_uzbek() -> None:
    text = Localized(uz="Salom", ru="Привет", en="Hello")
    assert text.in_language("ru") == "Привет"
    assert text.in_language("kaa") == "Salom"


def _toml(entries: list[dict[str, Any]]) -> str:
    """A catalog file from plain dicts; a value of None leaves the field out."""
    lines: list[str] = []
    for entry in entries:
        lines.append("[[intervention]]")
        lines += [
            f"{key} = {json.dumps(value, ensure_ascii=False)}"
            for key, value in entry.items()
            if value is not None
        ]
    return "\n".join(lines) + "\n"


def _entry(**overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": "extra_lessons",
        "owner_role": "subject_teacher",
        "follow_up_days": 5,
        "per_subject": True,
        "title.uz": "Qo'shimcha darslar",
        "title.ru": "Дополнительные занятия",
        "title.en": "Extra lessons",
        "description.uz": "Fan o'qituvchisi qo'shimcha dars o'tadi.",
        "description.ru": "Учитель проводит дополнительные занятия.",
        "description.en": "The subject teacher gives extra lessons.",
    }
    return entry | overrides


def test_a_custom_catalog_path_replaces_the_bundled_one(tmp_path: Path) -> None:
    path = tmp_path / "school.toml"
    path.write_text(_toml([_entry(**{"description.en": "Two lessons a week,\n   after school."})]), "utf-8")
    custom = load_catalog(path)
    assert custom.kinds == ("extra_lessons",)
    assert custom["extra_lessons"].description.en == "Two lessons a week, after school."
    # Kinds the school deleted (peer tutoring, mentor) are not proposed, even where a rule fires.
    found = recommend(
        [marks(recent_mean=3.5), marks("Fizika", 0.5)], tier="high", as_of=AS_OF, catalog=custom
    )
    assert [(r.kind, r.subject) for r in found] == [
        ("extra_lessons", "Matematika"),
        ("extra_lessons", "Fizika"),
    ]
    assert found[0].follow_up_on == AS_OF + timedelta(days=5)


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([_entry(follow_up_days="14")], ["entry 'extra_lessons' (#1)", "field 'follow_up_days'", "'14'"]),
        ([_entry(follow_up_days=0)], ["entry 'extra_lessons' (#1)", "field 'follow_up_days'"]),
        ([_entry(follow_up_days=True)], ["field 'follow_up_days'"]),
        ([_entry(owner_role="janitor")], ["entry 'extra_lessons' (#1)", "field 'owner_role'", "'janitor'"]),
        ([_entry(**{"title.ru": None})], ["entry 'extra_lessons' (#1)", "field 'title.ru'", "missing"]),
        ([_entry(**{"description.en": "  "})], ["field 'description.en'", "non-empty"]),
        ([_entry(**{"title.kk": "Qosymsha"})], ["field 'title.kk'"]),
        ([_entry(title="Extra lessons", **{f"title.{lang}": None for lang in LANGUAGES})], ["field 'title'"]),
        ([_entry(per_subject="yes")], ["field 'per_subject'"]),
        ([_entry(audience="class")], ["field 'audience'"]),
        ([_entry(folow_up_days=7)], ["entry 'extra_lessons' (#1)", "field 'folow_up_days'"]),
        ([_entry(id=None)], ["entry #1", "field 'id'", "missing"]),
        ([_entry(id="Extra lessons")], ["(#1)", "field 'id'"]),
        ([_entry(), _entry(id="mentor", owner_role="tutor")], ["entry 'mentor' (#2)", "field 'owner_role'"]),
        ([_entry(), _entry()], ["entry 'extra_lessons' (#2)", "field 'id'", "repeats"]),
    ],
)
def test_a_malformed_catalog_names_the_file_entry_and_field(
    tmp_path: Path, entries: list[dict[str, Any]], expected: list[str]
) -> None:
    path = tmp_path / "interventions.toml"
    path.write_text(_toml(entries), "utf-8")
    with pytest.raises(ValueError, match=r"interventions\.toml") as error:
        load_catalog(path)
    for part in expected:
        assert part in str(error.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'[[intervention]]\nid = "extra_lessons\n', "not valid TOML"),
        (b"[[intervention]]\nid = '\xff'\n", "not UTF-8"),
        (b"", "no [[intervention]] entries"),
        (b'[extra_lessons]\nowner_role = "mentor"\n', "unknown top-level key 'extra_lessons'"),
    ],
)
def test_an_unreadable_catalog_names_the_file(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "broken.toml"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=r"broken\.toml") as error:
        load_catalog(path)
    assert expected in str(error.value)


# --- the rules ----------------------------------------------------------------------------------------

RULES = [
    ("a falling subject", [marks(recent_mean=2.6, slope=-0.2)], "low", [("extra_lessons", "Matematika")]),
    (
        "a slipping subject still at 3 or more: peer tutoring as a lighter alternative",
        [marks("Algebra", recent_mean=3.4)],
        "low",
        [("extra_lessons", "Algebra"), ("peer_tutoring", "Algebra")],
    ),
    ("a subject with no recent mean", [marks(twos=4)], "low", [("extra_lessons", "Matematika")]),
    (
        "unexcused absence",
        [attendance(unexcused_rate=0.09, longest_absence_streak=1)],
        "low",
        [("attendance_plan", None), ("parent_meeting", None)],
    ),
    (
        "a long absence streak",
        [attendance(unexcused_rate=0.0, longest_absence_streak=4)],
        "low",
        [("attendance_plan", None), ("parent_meeting", None)],
    ),
    ("excused, short absences", [attendance(unexcused_rate=0.01, longest_absence_streak=2)], "low", []),
    ("missed LMS work", [Driver("lms", 0.4, {"lms_missed_rate": 0.4})], "low", [("digital_skills", None)]),
    ("no LMS login", [Driver("lms", 0.4, {"lms_days_since_login": 21.0})], "low", [("digital_skills", None)]),
    ("few LMS logins only", [Driver("lms", 0.4, {"lms_logins_per_week": 0.5})], "low", []),
    (
        "several notes",
        [Driver("notes", 0.3, {"notes_recent": 3.0})],
        "low",
        [("psychologist_referral", None)],
    ),
    ("a single note", [Driver("notes", 0.3, {"notes_recent": 1.0})], "low", []),
    (
        "two subjects: a mentor, answering the stronger one",
        [marks("Fizika", 0.5, recent_mean=2.5), marks(recent_mean=2.8)],
        "low",
        [("extra_lessons", "Matematika"), ("mentor", None), ("extra_lessons", "Fizika")],
    ),
    (
        "a high tier: a mentor",
        [attendance(longest_absence_streak=5)],
        "high",
        [("attendance_plan", None), ("parent_meeting", None), ("mentor", None)],
    ),
    ("a high tier with nothing raising the risk", [marks(contribution=-0.5, recent_mean=2.0)], "high", []),
    (
        "overall marks and grade: no rule of their own",
        [Driver("marks", 0.9), Driver("grade", 0.2)],
        "medium",
        [],
    ),
]


@pytest.mark.parametrize(("drivers", "tier", "expected"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_rule_table(catalog: Catalog, drivers: list[Driver], tier: str, expected: list[Proposal]) -> None:
    assert kinds(drivers, catalog, tier) == expected


def test_drivers_that_lower_the_risk_yield_nothing(catalog: Catalog) -> None:
    lowering = [
        marks(contribution=-1.2, recent_mean=2.1, twos=6),
        marks("Fizika", contribution=-0.4, recent_mean=2.5),
        attendance(contribution=-0.8, unexcused_rate=0.3, longest_absence_streak=9),
        Driver("lms", -0.3, {"lms_missed_rate": 0.9}),
        Driver("notes", 0.0, {"notes_recent": 5.0}),
    ]
    assert kinds(lowering, catalog, "high") == []


def test_at_most_three_by_default_in_order_of_contribution(catalog: Catalog) -> None:
    drivers = [
        Driver("notes", 0.2, {"notes_recent": 4.0}),
        Driver("lms", 0.9, {"lms_missed_rate": 0.5}),
        attendance(0.5, unexcused_rate=0.2),
    ]
    found = recommend(drivers, tier="low", as_of=AS_OF, catalog=catalog)
    assert [r.kind for r in found] == ["digital_skills", "attendance_plan", "parent_meeting"]
    assert len(recommend(drivers, tier="low", as_of=AS_OF, catalog=catalog, rules=ALL)) == 4
    capped = RecommendationRules(max_recommendations=1)
    assert kinds(drivers, catalog, rules=capped) == [("digital_skills", None)]


def test_a_lighter_alternative_never_pushes_a_main_recommendation_out(catalog: Catalog) -> None:
    drivers = [marks(recent_mean=3.4), attendance(0.3, unexcused_rate=0.1)]
    assert kinds(drivers, catalog, rules=RecommendationRules()) == [
        ("extra_lessons", "Matematika"),
        ("attendance_plan", None),
        ("parent_meeting", None),
    ]


def test_a_kind_and_subject_is_proposed_once_for_its_strongest_driver(catalog: Catalog) -> None:
    twice = [marks(contribution=0.4, recent_mean=2.0), marks(contribution=0.9, recent_mean=2.2)]
    found = recommend(twice, tier="low", as_of=AS_OF, catalog=catalog, rules=ALL)
    assert [(r.kind, r.subject) for r in found] == [("extra_lessons", "Matematika")]  # one subject: no mentor
    assert "2,2" in found[0].rationale.uz  # the 0.9 driver's facts, not the 0.4 one's
    # A school that offers peer tutoring for the pupil as a whole gets it once, not once per subject.
    whole_pupil = dataclasses.replace(catalog["peer_tutoring"], per_subject=False)
    edited = Catalog(tuple(whole_pupil if i.kind == "peer_tutoring" else i for i in catalog))
    two = [marks(recent_mean=3.5), marks("Fizika", 0.5, recent_mean=3.3)]
    assert [k for k in kinds(two, edited) if k[0] == "peer_tutoring"] == [("peer_tutoring", None)]


def test_follow_up_is_the_proposal_date_plus_the_kinds_days(catalog: Catalog) -> None:
    drivers = [
        marks(recent_mean=3.1),
        marks("Kimyo", 0.8, recent_mean=2.4),
        attendance(unexcused_rate=0.1),
        Driver("lms", 0.3, {"lms_missed_rate": 0.3}),
        Driver("notes", 0.2, {"notes_recent": 2.0}),
    ]
    found = recommend(drivers, tier="high", as_of=AS_OF, catalog=catalog, rules=ALL)
    assert {r.kind for r in found} == set(KINDS) - {"methodological_support"}
    for recommendation in found:
        intervention: Intervention = catalog[recommendation.kind]
        assert recommendation.follow_up_on == AS_OF + timedelta(days=intervention.follow_up_days)
        assert recommendation.owner_role == intervention.owner_role
        assert recommendation.status == PROPOSED
    extra = next(r for r in found if r.kind == "extra_lessons")
    assert extra.follow_up_on == date(2025, 12, 17)


def test_rules_refuse_a_cap_below_one() -> None:
    with pytest.raises(ValueError, match="max_recommendations"):
        RecommendationRules(max_recommendations=0)


# --- rationales ---------------------------------------------------------------------------------------


def _rationale(driver: Driver, catalog: Catalog, tier: str = "low") -> Localized:
    return recommend([driver], tier=tier, as_of=AS_OF, catalog=catalog)[0].rationale


def _assert_cites(sentence: str, *facts: str) -> None:
    missing = [fact for fact in facts if fact not in sentence]
    assert not missing, f"{missing} not in {sentence!r}"


def _assert_no_feature_names(text: Localized) -> None:
    for language in LANGUAGES:
        sentence = text.in_language(language)
        assert "|" not in sentence
        assert "_" not in sentence, sentence  # attendance_rate, lms_missed_rate, recent_mean…


def test_a_subject_rationale_cites_the_marks_with_one_decimal(catalog: Catalog) -> None:
    text = _rationale(marks(recent_mean=3.24, last_quarter=4.0, slope=-0.15, twos=3.0), catalog)
    assert text.en == (
        "Matematika marks fell from 4.0 last quarter to 3.2 over the last 6 weeks. "
        "Failing marks (2 or lower) this school year: 3."
    )
    _assert_cites(text.ru, "4,0", "3,2", "6 недель")
    _assert_cites(text.uz, "4,0", "3,2", "6 haftada")
    assert "Matematika|recent_mean" not in text.en
    _assert_no_feature_names(text)


def test_a_subject_rationale_without_a_quarter_fall_cites_the_mean_and_the_weekly_fall(
    catalog: Catalog,
) -> None:
    text = _rationale(marks(recent_mean=2.875, last_quarter=2.0, slope=-0.21), catalog)
    assert (
        text.en
        == "Matematika marks average 2.9 over the last 6 weeks. They are falling by 0.2 points a week."
    )
    _assert_cites(text.ru, "2,9", "0,2")
    _assert_cites(text.uz, "2,9", "0,2")
    _assert_no_feature_names(text)


def test_an_attendance_rationale_gives_rates_as_percentages_and_days(catalog: Catalog) -> None:
    text = _rationale(
        attendance(
            attendance_rate=0.86, unexcused_rate=0.094, recent_absence_rate=0.2, longest_absence_streak=5.0
        ),
        catalog,
    )
    assert text.en == (
        "Attendance: attended 86% of school days; 9% of school days missed without a valid reason; "
        "20% of school days missed over the last 4 weeks; longest absence 5 days in a row."
    )
    _assert_cites(text.ru, "86%", "9%", "20%", "5 дней")
    _assert_cites(text.uz, "86%", "9%", "20%", "5 kun")
    _assert_no_feature_names(text)


def test_lms_notes_and_mentor_rationales_cite_their_facts(catalog: Catalog) -> None:
    lms = _rationale(Driver("lms", 0.5, {"lms_missed_rate": 0.4, "lms_days_since_login": 21.0}), catalog)
    assert lms.en == "LMS: 40% of assignments missed over the last 4 weeks; last login 21 days ago."
    _assert_cites(lms.ru, "40%", "21 день")
    _assert_cites(lms.uz, "40%", "21 kun")
    notes = _rationale(Driver("notes", 0.5, {"notes_recent": 3.0}), catalog)
    assert all("3" in notes.in_language(language) for language in LANGUAGES)
    two = [marks(recent_mean=2.5), marks("Fizika", 0.5, recent_mean=2.5)]
    mentor = next(r for r in recommend(two, tier="high", as_of=AS_OF, catalog=catalog) if r.kind == "mentor")
    assert (
        mentor.rationale.en
        == "Marks in Matematika and Fizika raise the risk. The pupil's overall risk is high."
    )
    assert "«Matematika» и «Fizika»" in mentor.rationale.ru
    for text in (lms, notes, mentor.rationale):
        _assert_no_feature_names(text)


# --- a property over random drivers -------------------------------------------------------------------

_GROUP_FACTS = {
    **{s: [subject_feature(s, stat) for stat in SUBJECT_STATS] for s in ("Matematika", "Fizika", "Ona tili")},
    "marks": list(MARK_SUMMARY),
    "attendance": list(ATTENDANCE),
    "lms": list(LMS),
    "notes": list(NOTES),
    "grade": ["grade_level"],
}
_values = st.none() | st.just(float("nan")) | st.floats(min_value=-1, max_value=40, allow_nan=False)


@st.composite
def _drivers(draw: st.DrawFn) -> Driver:
    group = draw(st.sampled_from(sorted(_GROUP_FACTS)))
    facts = draw(st.dictionaries(st.sampled_from(_GROUP_FACTS[group]), _values))
    return Driver(group, draw(st.floats(min_value=-3, max_value=3, allow_nan=False)), facts)


@settings(max_examples=200, deadline=None)
@given(
    drivers=st.lists(_drivers(), max_size=8),
    tier=st.sampled_from(["low", "medium", "high"]),
    cap=st.integers(min_value=1, max_value=6),
)
def test_every_recommendation_answers_a_driver_that_raises_the_risk(
    catalog: Catalog, drivers: list[Driver], tier: str, cap: int
) -> None:
    found = recommend(drivers, tier=tier, as_of=AS_OF, catalog=catalog, rules=RecommendationRules(cap))
    raising = {d.group for d in drivers if d.contribution > 0}
    assert len(found) <= cap
    assert all(r.driver_group in raising for r in found)
    assert len({(r.kind, r.subject) for r in found}) == len(found)
    assert all(r.status == PROPOSED for r in found)
    for recommendation in found:
        assert all(recommendation.rationale.in_language(language) for language in LANGUAGES)
        _assert_no_feature_names(recommendation.rationale)
