"""Did support help in one school? Helped pupils against risk-matched pupils who were not helped.

A pupil counts as helped once support for them is under way or done (in progress or completed), from the
day it was recorded: the database keeps no separate start day. Each pupil's marks, attendance and risk are
read over `WINDOW_DAYS` before that day and as many after; the pupils with no support at all (declined
proposals aside) are read over the same windows around the helped pupils' median start, and matched to them
on the risk before (`model.intervention_effect`). Only aggregates leave: an effect over fewer than
`MIN_PAIRS` matched pairs is not shown, and the report says so in words.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Final

from sqlalchemy import Connection, Select, case, func, select

from model.intervention_effect import OutcomeEffect, PupilOutcome, effectiveness
from model.monitoring import ABSENT, LESSON_KINDS, MIN_GROUP
from model.school_calendar import academic_year_of, school_days
from service.db.models import Attendance, Intervention, Mark, Pupil, RiskScore, SchoolClass
from service.monitoring_queries import school_name

WINDOW_DAYS: Final = 56
MIN_PAIRS: Final = MIN_GROUP
CALIPER: Final = 0.05
CONFIDENCE: Final = 0.95
HELPED_STATUSES: Final = ("in_progress", "completed")
ALL_KINDS: Final = "all"


class InterventionReportError(ValueError):
    """The report cannot be made: no school has the id."""


@dataclass(frozen=True)
class KindEffect:
    """The effect of one kind of support (or of all), or why there is none to show."""

    kind: str
    helped: int
    measurable: int
    matched: int
    insufficient_data: bool
    message: str
    effects: tuple[OutcomeEffect, ...] = ()


@dataclass(frozen=True)
class InterventionReport:
    school_id: str
    school_name: str
    window_days: int
    caliper: float
    confidence: float
    interval_method: str
    min_pairs: int
    controls: int
    control_day: date | None
    groups: tuple[KindEffect, ...] = field(default_factory=tuple)

    @property
    def insufficient_data(self) -> bool:
        return all(group.insufficient_data for group in self.groups)


def build_intervention_report(connection: Connection, school_id: str) -> InterventionReport:
    """Effects on marks, attendance and risk for all support of the school and for each kind of it."""
    name = school_name(connection, school_id)
    if name is None:
        raise InterventionReportError(f"no school has the id {school_id!r}")
    starts, kinds = _helped(connection, school_id)
    control_day = _median_day(list(starts.values()))
    outcomes: dict[str, PupilOutcome] = {}
    by_day: dict[date, list[str]] = defaultdict(list)
    for pupil_id, day in starts.items():
        by_day[day].append(pupil_id)
    for day, pupil_ids in by_day.items():
        outcomes |= _outcomes(connection, pupil_ids, day)
    controls = list(_outcomes(connection, _controls(school_id), control_day).values()) if control_day else []
    groups = [_effect(ALL_KINDS, list(starts), outcomes, controls)]
    for kind in sorted(kinds):
        groups.append(_effect(kind, sorted(kinds[kind]), outcomes, controls))
    return InterventionReport(
        school_id=school_id,
        school_name=name,
        window_days=WINDOW_DAYS,
        caliper=CALIPER,
        confidence=CONFIDENCE,
        interval_method="paired t",
        min_pairs=MIN_PAIRS,
        controls=len(controls),
        control_day=control_day,
        groups=tuple(groups),
    )


def _effect(
    kind: str, helped: list[str], outcomes: dict[str, PupilOutcome], controls: list[PupilOutcome]
) -> KindEffect:
    measurable = [outcomes[pupil_id] for pupil_id in helped if pupil_id in outcomes]

    def effect(matched: int, message: str, effects: tuple[OutcomeEffect, ...] = ()) -> KindEffect:
        return KindEffect(kind, len(helped), len(measurable), matched, not effects, message, effects)

    if len(measurable) < MIN_PAIRS:
        return effect(
            0,
            f"{len(helped)} pupil(s) got this support, {len(measurable)} with marks, attendance and risk "
            f"scores both before and after; at least {MIN_PAIRS} are needed to estimate an effect",
        )
    report = effectiveness(measurable, controls, caliper=CALIPER, confidence=CONFIDENCE)
    if report.matched < MIN_PAIRS:
        return effect(
            report.matched,
            f"only {report.matched} of {len(measurable)} helped pupils found a not-helped pupil within "
            f"{CALIPER} of their risk before support; at least {MIN_PAIRS} pairs are needed",
        )
    return effect(
        report.matched,
        f"{report.matched} helped pupils matched to not-helped pupils of similar risk before support; "
        f"{len(report.unmatched_helped)} found no match",
        report.effects,
    )


def _school_pupils(school_id: str) -> Select[str]:
    return (
        select(Pupil.pupil_id)
        .join(SchoolClass, SchoolClass.class_id == Pupil.class_id)
        .where(SchoolClass.school_id == school_id, Pupil.consent != "revoked")
    )


def _helped(connection: Connection, school_id: str) -> tuple[dict[str, date], dict[str, set[str]]]:
    """Each helped pupil's first day of support, and the pupils helped by each kind of support."""
    rows = connection.execute(
        select(Intervention.pupil_id, Intervention.kind, Intervention.created_at).where(
            Intervention.status.in_(HELPED_STATUSES), Intervention.pupil_id.in_(_school_pupils(school_id))
        )
    ).all()
    starts: dict[str, date] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    for pupil_id, kind, created in rows:
        day = created.date() if isinstance(created, datetime) else date.fromisoformat(str(created)[:10])
        starts[pupil_id] = min(day, starts.get(pupil_id, day))
        kinds[kind].add(pupil_id)
    return starts, kinds


def _controls(school_id: str) -> Select[str]:
    """The school's pupils with no support other than declined proposals."""
    supported = select(Intervention.pupil_id).where(Intervention.status != "declined")
    return _school_pupils(school_id).where(Pupil.pupil_id.not_in(supported))


def _median_day(days: list[date]) -> date | None:
    if not days:
        return None
    return date.fromordinal(round(statistics.median(day.toordinal() for day in days)))


def _outcomes(connection: Connection, pupils: list[str] | Select[str], day: date) -> dict[str, PupilOutcome]:
    """Outcomes of `pupils` over the windows before and after `day`, for those with every value."""
    first, last = day - timedelta(days=WINDOW_DAYS), day + timedelta(days=WINDOW_DAYS)
    days = _teaching_days(first, last)
    teaching = (sum(1 for d in days if d < day), sum(1 for d in days if d >= day))
    if not all(teaching):
        return {}
    before = Mark.date < day
    marks = connection.execute(
        select(
            Mark.pupil_id,
            func.avg(case((before, Mark.mark))),
            func.avg(case((~before, Mark.mark))),
        )
        .where(Mark.pupil_id.in_(pupils), Mark.kind.in_(LESSON_KINDS), Mark.date >= first, Mark.date < last)
        .group_by(Mark.pupil_id)
    ).all()
    absences = _absences(connection, pupils, days, day)
    risks = _risks(connection, pupils, first, day, last)
    found = {}
    for pupil_id, mark_before, mark_after in marks:
        risk = risks.get(pupil_id, (None, None))
        if mark_before is None or mark_after is None or None in risk:
            continue
        away = absences.get(pupil_id, (0, 0))
        found[pupil_id] = PupilOutcome(
            pupil_id=pupil_id,
            risk_before=float(risk[0]),  # type: ignore[arg-type]
            risk_after=float(risk[1]),  # type: ignore[arg-type]
            mark_mean_before=float(mark_before),
            mark_mean_after=float(mark_after),
            attendance_before=1.0 - away[0] / teaching[0],
            attendance_after=1.0 - away[1] / teaching[1],
        )
    return found


def _teaching_days(first: date, last: date) -> set[date]:
    """Teaching days in [first, last)."""
    years = range(academic_year_of(first), academic_year_of(last) + 1)
    return {d for year in years for d in school_days(year) if first <= d < last}


def _absences(
    connection: Connection, pupils: list[str] | Select[str], days: set[date], day: date
) -> dict[str, tuple[int, int]]:
    """Whole teaching days absent before and after `day` (a late pupil was there)."""
    rows = connection.execute(
        select(Attendance.pupil_id, Attendance.date)
        .where(
            Attendance.pupil_id.in_(pupils),
            Attendance.subject == "",
            Attendance.status.in_(ABSENT),
            Attendance.date >= min(days),
            Attendance.date <= max(days),
        )
        .distinct()
    ).all()
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pupil_id, absent_on in rows:
        if absent_on in days:
            counts[pupil_id][0 if absent_on < day else 1] += 1
    return {pupil_id: (pair[0], pair[1]) for pupil_id, pair in counts.items()}


def _risks(
    connection: Connection, pupils: list[str] | Select[str], first: date, day: date, last: date
) -> dict[str, tuple[float | None, float | None]]:
    """Each pupil's latest risk scored before `day`, and latest scored from `day` on, within the windows."""
    rows = connection.execute(
        select(RiskScore.pupil_id, RiskScore.as_of, RiskScore.probability)
        .where(RiskScore.pupil_id.in_(pupils), RiskScore.as_of >= first, RiskScore.as_of < last)
        .order_by(RiskScore.as_of, RiskScore.scored_at, RiskScore.id)
    ).all()
    latest: dict[str, list[float | None]] = defaultdict(lambda: [None, None])
    for pupil_id, as_of, probability in rows:
        latest[pupil_id][0 if as_of < day else 1] = float(probability)
    return {pupil_id: (pair[0], pair[1]) for pupil_id, pair in latest.items()}
