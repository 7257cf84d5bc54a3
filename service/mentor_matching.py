"""Mentors for the pupils of a school who need one: a proposal to review, then the matches confirmed.

A pupil needs a mentor when their latest risk score is medium or high and no mentor support is open for
them. The school's mentors are the staff with the mentor role or a mentor capacity; a mentor's free places
are the capacity less the open mentor support they already own. `model.mentor_assignment` solves the match
at least total cost, never over a mentor's free places, each match with its reason. Proposing writes
nothing; confirming creates one proposed mentor intervention per pair, owned by the mentor, and refuses
the whole batch when any mentor would go over their free places. A principal plans for the school; a class
teacher for the pupils they may read.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Final

from sqlalchemy import Connection, Engine, select

from model.curriculum import all_subjects
from model.intervention_catalog import load_catalog
from model.mentor_assignment import Mentor, PupilNeed, assign_mentors, propose_match
from model.mentor_reasons import Language
from service.api.scope import pupil_scope
from service.auth.principal import Principal
from service.db.models import Intervention, Pupil, RiskScore, School, SchoolClass, Staff
from service.interventions_service import (
    MENTOR,
    OPEN_STATUSES,
    REVOKED,
    InterventionError,
    InterventionRecord,
    insert_intervention,
    open_mentor_cases,
    record_of,
)
from service.latest_scores import score_rank

PURPOSE: Final = "mentor assignment"
FLAGGED: Final = ("medium", "high")


@dataclass(frozen=True)
class MentorPlaces:
    """A mentor's places: capacity, open mentor support they own, what is free, and how many proposed."""

    staff_id: str
    full_name: str
    capacity: int
    open_cases: int
    free_places: int
    proposed: int = 0


@dataclass(frozen=True)
class Proposal:
    """One pupil with one mentor, the optimiser's cost and the reason, in the reader's language."""

    pupil_id: str
    pupil_name: str
    class_label: str
    mentor_staff_id: str
    mentor_name: str
    subject: str | None
    same_school: bool
    cost: float
    reason: str


@dataclass(frozen=True)
class MentorPlan:
    school_id: str
    proposals: list[Proposal]
    unassigned: list[str]
    mentors: list[MentorPlaces]


def planning_school(connection: Connection, principal: Principal, asked: str | None) -> str:
    """The caller's school (a principal's, or a class teacher's staff record's); another is not found."""
    school = principal.school_id if principal.has("principal") else None
    if school is None and principal.staff_id is not None:
        school = connection.scalar(select(Staff.school_id).where(Staff.staff_id == principal.staff_id))
    if school is None:
        raise InterventionError("this account is linked to no school to plan mentors for", 403)
    if asked is not None and asked != school:
        raise InterventionError(f"no school you may plan mentors for has the id {asked!r}", 404)
    return str(school)


def propose_mentors(
    engine: Engine, principal: Principal, school_id: str | None, language: Language = "uz"
) -> MentorPlan:
    """The least-cost matches of the school's pupils who need a mentor; writes nothing."""
    with engine.connect() as connection:
        school = planning_school(connection, principal, school_id)
        needs, names = _needs(connection, principal, school)
        mentors = school_mentors(connection, school)
    assignment = assign_mentors(list(needs.values()), [m for m, _ in mentors])
    proposed = Counter(m.staff_id for m in assignment.matches)
    places = [replace(p, proposed=proposed[m.staff_id]) for m, p in mentors]
    mentor_names = {p.staff_id: p.full_name for p in places}
    proposals = [
        Proposal(
            m.pupil_id,
            *names[m.pupil_id],
            m.staff_id,
            mentor_names[m.staff_id],
            m.reason.subject,
            m.reason.same_school,
            m.cost,
            m.reason.describe(language),
        )
        for m in assignment.matches
    ]
    return MentorPlan(school, proposals, list(assignment.unassigned), places)


def confirm_mentors(
    engine: Engine, principal: Principal, pairs: list[tuple[str, str]], today: date, language: Language = "uz"
) -> list[InterventionRecord]:
    """One proposed mentor intervention per (pupil, mentor) pair, all or none."""
    repeated = [pupil for pupil, n in Counter(p for p, _ in pairs).items() if n > 1]
    if repeated:
        raise InterventionError(f"pupil {repeated[0]!r} is listed twice; give each pupil one mentor", 422)
    entry = load_catalog().get(MENTOR)
    if entry is None:
        raise InterventionError("the intervention catalog offers no mentor support", 409)
    with engine.begin() as connection:
        school = planning_school(connection, principal, None)
        needs, _ = _needs(connection, principal, school, [p for p, _ in pairs])
        mentors = {m.staff_id: m for m, _ in school_mentors(connection, school)}
        asked = Counter(m for _, m in pairs)
        for mentor_id, wanted in sorted(asked.items()):
            if mentor_id not in mentors:
                raise InterventionError(f"no mentor of school {school} has the id {mentor_id!r}", 422)
            free = mentors[mentor_id].capacity
            if wanted > free:
                raise InterventionError(f"mentor {mentor_id} has {free} free place(s); {wanted} asked", 409)
        created = []
        for pupil_id, mentor_id in pairs:
            match = propose_match(needs[pupil_id], mentors[mentor_id])
            if match is None:
                raise InterventionError(
                    f"mentor {mentor_id} may not mentor pupil {pupil_id!r}", 422, pupil_id
                )
            values = {
                "pupil_id": pupil_id,
                "kind": MENTOR,
                "subject": "",
                "rationale": match.reason.describe(language),
                "proposed_by": principal.user_id,
                "owner_staff_id": mentor_id,
                "follow_up_on": entry.follow_up_from(today),
            }
            created.append(insert_intervention(connection, values, today))
        return [record_of(connection, new_id) for new_id in created]


def school_mentors(connection: Connection, school_id: str) -> list[tuple[Mentor, MentorPlaces]]:
    """The school's mentors, in staff-id order, each as the optimiser sees it (capacity = free places)."""
    rows = connection.execute(
        select(
            Staff.staff_id,
            Staff.full_name,
            Staff.roles,
            Staff.subjects,
            Staff.mentor_capacity,
            School.district,
        )
        .join(School, School.school_id == Staff.school_id)
        .where(Staff.school_id == school_id)
        .order_by(Staff.staff_id)
    ).all()
    chosen = [r for r in rows if MENTOR in (r.roles or []) or r.mentor_capacity > 0]
    taken = open_mentor_cases(connection, [r.staff_id for r in chosen])
    mentors = []
    for r in chosen:
        cases = taken.get(r.staff_id, 0)
        free = max(0, r.mentor_capacity - cases)
        mentor = Mentor(r.staff_id, school_id, r.district, frozenset(r.subjects or []), free)
        mentors.append((mentor, MentorPlaces(r.staff_id, r.full_name, r.mentor_capacity, cases, free)))
    return mentors


def _needs(
    connection: Connection, principal: Principal, school_id: str, only: list[str] | None = None
) -> tuple[dict[str, PupilNeed], dict[str, tuple[str, str]]]:
    """Pupils of the school the caller may read who need a mentor, and their names and class labels.

    With `only`, every listed pupil must be one of them: an unreadable one is not found (404), a pupil with
    revoked consent, no flagged score or open mentor support is a conflict (409).
    """
    latest = (
        select(
            RiskScore.pupil_id,
            RiskScore.probability,
            RiskScore.tier,
            RiskScore.drivers,
            score_rank(),
        )
        .join(Pupil, Pupil.pupil_id == RiskScore.pupil_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(SchoolClass.school_id == school_id)
    ).subquery()
    mentored = select(Intervention.pupil_id).where(
        Intervention.kind == MENTOR, Intervention.status.in_(OPEN_STATUSES)
    )
    query = (
        select(
            Pupil.pupil_id,
            Pupil.full_name,
            Pupil.consent,
            SchoolClass.label,
            School.district,
            latest.c.probability,
            latest.c.tier,
            latest.c.drivers,
            Pupil.pupil_id.in_(mentored).label("mentored"),
        )
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .join(School, School.school_id == SchoolClass.school_id)
        .outerjoin(latest, (latest.c.pupil_id == Pupil.pupil_id) & (latest.c.rank == 1))
        .where(SchoolClass.school_id == school_id, pupil_scope(principal, PURPOSE))
    )
    if only is not None:
        query = query.where(Pupil.pupil_id.in_(only))
    rows = {r.pupil_id: r for r in connection.execute(query)}
    for pupil_id in only or []:
        row = rows.get(pupil_id)
        if row is None:
            raise InterventionError(
                f"no pupil you may read in school {school_id} has the id {pupil_id!r}", 404
            )
        if row.consent == REVOKED or row.tier not in FLAGGED or row.mentored:
            why = "has open mentor support" if row.mentored else "is not flagged medium or high with consent"
            raise InterventionError(f"pupil {pupil_id!r} needs no new mentor: {why}", 409, pupil_id)
    needing = [r for r in rows.values() if r.consent != REVOKED and r.tier in FLAGGED and not r.mentored]
    needs = {
        r.pupil_id: PupilNeed(
            r.pupil_id, school_id, r.district, _weak_subjects(r.drivers), float(r.probability)
        )
        for r in needing
    }
    return needs, {r.pupil_id: (r.full_name, r.label) for r in needing}


def _weak_subjects(drivers: list[dict[str, Any]] | None) -> tuple[str, ...]:
    """The subjects raising the pupil's risk, most first, from the stored drivers of their latest score."""
    subjects = set(all_subjects())
    raising = [
        (float(d.get("contribution", 0.0)), str(d["group"]))
        for d in drivers or []
        if d.get("group") in subjects and float(d.get("contribution", 0.0)) > 0
    ]
    return tuple(group for _, group in sorted(raising, key=lambda pair: (-pair[0], pair[1])))
