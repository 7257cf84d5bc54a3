"""Mentor matching over a real database, on SQLite and PostgreSQL: the proposal is the cheapest assignment
there is (checked by brute force on tiny schools), it never gives a mentor more pupils than their free
places, and confirming creates the support, all or nothing."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import Engine, func, insert, select

from model.mentor_assignment import AssignmentCosts, Mentor, PupilNeed, propose_match
from service.auth.principal import Principal
from service.db.models import (
    Intervention,
    InterventionHistory,
    Pupil,
    RiskScore,
    School,
    SchoolClass,
    Staff,
    User,
)
from service.interventions_service import InterventionError
from service.mentor_matching import confirm_mentors, propose_mentors, school_mentors

SUBJECTS = ("Matematika", "Fizika", "Ona tili", "Ingliz tili")
TODAY = date(2026, 3, 2)


@dataclass
class TinySchool:
    principal: Principal
    teacher: Principal  # class teacher of class C1 only
    needs: list[PupilNeed]  # the pupils who need a mentor, as the optimiser should see them
    mentors: list[Mentor]  # capacity = free places
    classes: dict[str, str]  # pupil → class


def _school(engine: Engine, seed: int) -> TinySchool:
    """A school with two classes, two or three mentors (some places already taken) and flagged pupils."""
    rng = random.Random(seed)
    mentors = [
        {
            "staff_id": f"M{j}",
            "full_name": f"Mentor {j}",
            "school_id": "S1",
            "roles": ["subject_teacher", "mentor"] if j % 2 == 0 else ["subject_teacher"],
            "subjects": rng.sample(SUBJECTS, rng.randint(1, 2)),
            "mentor_capacity": rng.randint(0, 3) if j % 2 == 0 else rng.randint(1, 3),
        }
        for j in range(rng.randint(2, 3))
    ]
    staff = [
        *mentors,
        {"staff_id": "CT1", "full_name": "Sinf Rahbari", "school_id": "S1", "roles": ["class_teacher"],
         "subjects": [], "mentor_capacity": 0},
    ]  # fmt: skip
    pupils, scores, open_cases, needs, classes = [], [], [], [], {}
    for i in range(rng.randint(3, 6) + 2):
        pupil_id = f"P{i}"
        classes[pupil_id] = rng.choice(("C1", "C2"))
        pupils.append({"pupil_id": pupil_id, "full_name": f"Bola {i}", "birth_date": date(2013, 1, 1 + i),
                       "sex": "M", "class_id": classes[pupil_id], "language": "uz"})  # fmt: skip
        weak = rng.sample(SUBJECTS, rng.randint(0, 3))
        contributions = sorted((rng.uniform(0.01, 1.0) for _ in weak), reverse=True)
        drivers = [
            {"group": s, "contribution": c, "facts": {}} for s, c in zip(weak, contributions, strict=True)
        ]
        drivers.append({"group": "attendance", "contribution": 2.0, "facts": {}})  # not a subject: ignored
        drivers.append({"group": "Kimyo", "contribution": -0.5, "facts": {}})  # lowers risk: ignored
        probability = round(rng.uniform(0.3, 0.95), 3)
        tier = rng.choice(("high", "medium", "low"))
        scores.append({"pupil_id": pupil_id, "as_of": TODAY, "model_version": "1", "probability": probability,
                       "tier": tier, "drivers": drivers})  # fmt: skip
        # An older score that says otherwise: only the latest counts.
        older = "high" if tier == "low" else "low"
        scores.append({"pupil_id": pupil_id, "as_of": date(2026, 1, 5), "model_version": "1",
                       "probability": 0.99, "tier": older, "drivers": []})  # fmt: skip
        if i < 2:  # these two already have open mentor support, using up places
            owner = mentors[i % len(mentors)]
            if owner["mentor_capacity"] > 0:
                open_cases.append({"pupil_id": pupil_id, "kind": "mentor", "status": "accepted",
                                   "owner_staff_id": owner["staff_id"]})  # fmt: skip
                continue
        if tier != "low":
            needs.append(PupilNeed(pupil_id, "S1", "Chilonzor", tuple(weak), probability))
    with engine.begin() as connection:
        connection.execute(
            insert(School).values(school_id="S1", name="1-maktab", region="Toshkent shahri",
                                  district="Chilonzor", locality="urban", language="uz")
        )  # fmt: skip
        connection.execute(insert(Staff), staff)
        connection.execute(
            insert(SchoolClass),
            [{"class_id": c, "school_id": "S1", "grade_level": 7, "label": f"7-{c}", "class_teacher_id": "CT1"
              if c == "C1" else None} for c in ("C1", "C2")],
        )  # fmt: skip
        connection.execute(insert(Pupil), pupils)
        connection.execute(insert(RiskScore), scores)
        if open_cases:
            connection.execute(insert(Intervention), open_cases)
        connection.execute(insert(User).values(id=1, username="direktor", password_hash="-", school_id="S1"))
        connection.execute(insert(User).values(id=2, username="rahbar", password_hash="-", staff_id="CT1"))
    taken = Counter(c["owner_staff_id"] for c in open_cases)
    free = [
        Mentor(
            m["staff_id"],
            "S1",
            "Chilonzor",
            frozenset(m["subjects"]),
            m["mentor_capacity"] - taken[m["staff_id"]],
        )
        for m in mentors
    ]
    return TinySchool(
        Principal(1, "direktor", frozenset({"principal"}), school_id="S1"),
        Principal(2, "rahbar", frozenset({"class_teacher"}), staff_id="CT1"),
        needs,
        free,
        classes,
    )


def _cheapest(needs: list[PupilNeed], mentors: list[Mentor]) -> float:
    """Every way to give each pupil a mentor or none within the free places; the least total cost."""
    costs = AssignmentCosts()
    best = math.inf
    for choice in itertools.product([None, *mentors], repeat=len(needs)):
        load = Counter(m.staff_id for m in choice if m is not None)
        if any(load[m.staff_id] > m.capacity for m in mentors):
            continue
        total = 0.0
        for need, mentor in zip(needs, choice, strict=True):
            match = None if mentor is None else propose_match(need, mentor, costs)
            total += costs.unassigned_cost(need.priority) if match is None else match.cost
        best = min(best, total)
    return best


@pytest.mark.parametrize("seed", range(10))
def test_the_proposal_is_the_cheapest_assignment_within_free_places(engine: Engine, seed: int) -> None:
    school = _school(engine, seed)
    plan = propose_mentors(engine, school.principal, None, "en")
    proposed = Counter(p.mentor_staff_id for p in plan.proposals)
    assert all(proposed[m.staff_id] <= m.capacity for m in school.mentors)
    assert {p.pupil_id for p in plan.proposals} | set(plan.unassigned) == {n.pupil_id for n in school.needs}
    priority = {n.pupil_id: n.priority for n in school.needs}
    total = sum(p.cost for p in plan.proposals) + sum(
        AssignmentCosts().unassigned_cost(priority[pupil]) for pupil in plan.unassigned
    )
    assert total == pytest.approx(_cheapest(school.needs, school.mentors))
    assert {(m.staff_id, m.free_places, m.proposed) for m in plan.mentors} == {
        (m.staff_id, m.capacity, proposed[m.staff_id]) for m in school.mentors
    }
    assert all(p.reason.endswith("same school.") for p in plan.proposals)


def test_a_class_teacher_plans_only_for_the_pupils_of_their_class(engine: Engine) -> None:
    school = _school(engine, 3)
    plan = propose_mentors(engine, school.teacher, None)
    planned = {p.pupil_id for p in plan.proposals} | set(plan.unassigned)
    assert planned == {n.pupil_id for n in school.needs if school.classes[n.pupil_id] == "C1"}
    with pytest.raises(InterventionError, match="no school you may plan mentors for") as refused:
        propose_mentors(engine, school.principal, "S2")
    assert refused.value.status == 404


def test_confirming_creates_proposed_mentor_support_and_uses_up_places(engine: Engine) -> None:
    school = _school(engine, 1)
    plan = propose_mentors(engine, school.principal, None)
    assert plan.proposals
    pairs = [(p.pupil_id, p.mentor_staff_id) for p in plan.proposals]
    created = confirm_mentors(engine, school.principal, pairs, TODAY)
    assert {(r.pupil_id, r.owner_staff_id, r.kind, r.status, r.proposed_by) for r in created} == {
        (pupil, mentor, "mentor", "proposed", 1) for pupil, mentor in pairs
    }
    with engine.connect() as connection:
        free = {m.staff_id: m.capacity for m, _ in school_mentors(connection, "S1")}
        firsts = connection.scalar(
            select(func.count()).where(
                InterventionHistory.intervention_id.in_([r.id for r in created]),
                InterventionHistory.from_status.is_(None),
                InterventionHistory.to_status == "proposed",
            )
        )
    used = Counter(mentor for _, mentor in pairs)
    assert free == {m.staff_id: m.capacity - used[m.staff_id] for m in school.mentors}
    assert firsts == len(created)
    again = propose_mentors(engine, school.principal, None)
    assert not {p.pupil_id for p in again.proposals} & {pupil for pupil, _ in pairs}


def test_a_batch_over_a_mentors_free_places_is_refused_whole(engine: Engine) -> None:
    school = _school(engine, 4)
    fullest = min(school.mentors, key=lambda m: m.capacity)
    pupils = [n.pupil_id for n in school.needs][: fullest.capacity + 1]
    assert len(pupils) > fullest.capacity  # the seed has more pupils in need than the mentor's places
    with engine.connect() as connection:
        before = connection.scalar(select(func.count()).select_from(Intervention))
    with pytest.raises(
        InterventionError, match=f"mentor {fullest.staff_id} has {fullest.capacity} free"
    ) as refused:
        confirm_mentors(engine, school.principal, [(p, fullest.staff_id) for p in pupils], TODAY)
    assert refused.value.status == 409
    with engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(Intervention)) == before


def test_pupils_that_need_no_mentor_are_refused(engine: Engine) -> None:
    school = _school(engine, 2)
    mentor = max(school.mentors, key=lambda m: m.capacity).staff_id
    with engine.connect() as connection:
        mentored = set(connection.scalars(select(Intervention.pupil_id).where(Intervention.kind == "mentor")))
    needing = {n.pupil_id for n in school.needs}
    busy = min(mentored)
    calm = next(p for p in sorted(school.classes) if p not in needing | mentored)
    for pupil, status, words in (
        (busy, 409, "has open mentor support"),
        (calm, 409, "is not flagged"),
        ("P-NOBODY", 404, "no pupil you may read"),
    ):
        with pytest.raises(InterventionError, match=words) as refused:
            confirm_mentors(engine, school.principal, [(pupil, mentor)], TODAY)
        assert refused.value.status == status
    with pytest.raises(InterventionError, match="listed twice"):
        confirm_mentors(engine, school.principal, [(calm, mentor), (calm, mentor)], TODAY)
