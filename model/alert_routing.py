"""Who is told about an alert: the pupil's class teacher always, the subject's teacher for subject alerts.

Routing is kept apart from detection so that the same rule output can be sent to whoever a school's
timetable says teaches the pupil this year, and so that the digest can group one day's alerts per person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, Protocol, TypeVar


class AboutPupil(Protocol):
    """Anything routed like an alert: a signal, an open alert, an escalation."""

    @property
    def pupil_id(self) -> str: ...

    @property
    def reason(self) -> str: ...

    @property
    def subject(self) -> str | None: ...


def recipients(
    signal: AboutPupil,
    class_teacher_of: Mapping[str, str],
    subject_teachers_of: Mapping[tuple[str, str], str],
) -> list[str]:
    """Staff ids to tell, class teacher first; a role nobody holds for this pupil is skipped, none twice.

    `class_teacher_of` maps pupil id → staff id, `subject_teachers_of` maps (pupil id, subject) → staff id.
    """
    found = [class_teacher_of.get(signal.pupil_id)]
    if signal.subject is not None:
        found.append(subject_teachers_of.get((signal.pupil_id, signal.subject)))
    return list(dict.fromkeys(staff for staff in found if staff is not None))


Routed = TypeVar("Routed", bound=AboutPupil)


@dataclass(frozen=True)
class StaffDirectory:
    """Who holds which role for each pupil today: class teacher, subject teachers, the school's principal."""

    class_teacher_of: Mapping[str, str] = field(default_factory=dict)
    subject_teachers_of: Mapping[tuple[str, str], str] = field(default_factory=dict)
    principal_of: Mapping[str, str] = field(default_factory=dict)  # pupil id → the principal of their school

    def recipients(self, alert: AboutPupil) -> list[str]:
        return recipients(alert, self.class_teacher_of, self.subject_teachers_of)


@dataclass(frozen=True)
class Digest(Generic[Routed]):
    """Everything one member of staff is told on one day, in one message instead of one per alert."""

    recipient: str
    day: date
    alerts: tuple[Routed, ...]
    escalations: tuple[Routed, ...] = ()

    def by_reason(self) -> dict[str, tuple[Routed, ...]]:
        """The alerts grouped under their reason, for the message's headings."""
        groups: dict[str, list[Routed]] = {}
        for alert in self.alerts:
            groups.setdefault(alert.reason, []).append(alert)
        return {reason: tuple(items) for reason, items in sorted(groups.items())}


def daily_digest(
    alerts_to_notify: Iterable[Routed],
    staff: StaffDirectory,
    day: date,
    escalations: Iterable[Routed] = (),
) -> dict[str, Digest[Routed]]:
    """One digest per recipient: the day's alerts routed to teachers, escalations to the principal.

    The same alert listed twice is told once; alerts keep a stable order (pupil, reason, subject) so that
    tomorrow's message reads like today's.
    """
    alerts: dict[str, list[Routed]] = {}
    escalated: dict[str, list[Routed]] = {}
    for alert in _unique(alerts_to_notify):
        for person in staff.recipients(alert):
            alerts.setdefault(person, []).append(alert)
    for alert in _unique(escalations):
        principal = staff.principal_of.get(alert.pupil_id)
        if principal is not None:
            escalated.setdefault(principal, []).append(alert)
    return {
        person: Digest(person, day, tuple(alerts.get(person, ())), tuple(escalated.get(person, ())))
        for person in sorted(alerts.keys() | escalated.keys())
    }


def _unique(items: Iterable[Routed]) -> Sequence[Routed]:
    by_key = {(item.pupil_id, item.reason, item.subject or ""): item for item in items}
    return [by_key[key] for key in sorted(by_key)]
