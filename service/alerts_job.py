"""The nightly alerts job: trend signals become alerts for the staff who should look, few and never twice.

School by school it detects the signals of consenting pupils as of the morning of a day, routes each to the
pupil's class teacher and, for a subject, to the teacher who marks the pupil in it, and lets the alert policy
decide per recipient: open, update silently, notify again, or ignore. Alerts nobody acknowledged in time go
to the principal, once. Every decision is made first and written in one transaction, so a run happens whole
or not at all; a dry run decides the same and writes nothing. The summary and the digests name pupils by id
and reason only, never by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, update

from model.alert_policy import AlertPolicy, AlertState, decide, escalate
from model.alert_routing import AboutPupil, Digest, StaffDirectory, daily_digest
from model.signals import Signal, SignalRules, detect_signals
from service import alerts_queries as queries
from service.db.models import Alert

Key = tuple[str, str, str | None]  # pupil, reason, subject
DEFAULT_POLICY, DEFAULT_RULES = AlertPolicy(), SignalRules()
UPDATED = ("status", "tier", "notified_tier", "last_notified_on", "details")


class AlertsError(ValueError):
    """The run cannot start: an unknown school."""


@dataclass(frozen=True)
class DigestItem:
    """One line of a digest: which pupil, why, and the numbers the rule fired on (no name, ever)."""

    pupil_id: str
    reason: str
    subject: str | None
    facts: Mapping[str, float] = field(default_factory=dict)


@dataclass
class ReasonCounts:
    """Alert rows (one per recipient) by what the run did to them; `notified` is an existing alert told
    again (a snooze over), `opened` ones are told too."""

    opened: int = 0
    updated: int = 0
    notified: int = 0
    ignored: int = 0
    escalated: int = 0


@dataclass(frozen=True)
class AlertsRun:
    """What a run did (or, dry, would do): counts per reason and each recipient's digest for the day."""

    as_of: date
    dry_run: bool
    schools: int
    pupils: int
    signals: int
    by_reason: dict[str, ReasonCounts]
    digests: dict[str, Digest[DigestItem]]  # recipient staff id → what they are told today

    def total(self, what: str) -> int:
        return sum(getattr(counts, what) for counts in self.by_reason.values())


@dataclass
class _Plan:
    """One school's decisions, ready to write, and what they tell whom."""

    inserts: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    told: dict[Key, list[str]] = field(default_factory=dict)
    items: dict[Key, DigestItem] = field(default_factory=dict)
    escalations: list[DigestItem] = field(default_factory=list)


@dataclass(frozen=True)
class _ToldToday(StaffDirectory):
    """Routes each alert only to those whose own alert row notifies today: a colleague's snoozed or
    acknowledged row for the same pupil and reason keeps that colleague's digest quiet."""

    told: Mapping[Key, list[str]] = field(default_factory=dict)

    def recipients(self, alert: AboutPupil) -> list[str]:
        return list(self.told.get((alert.pupil_id, alert.reason, alert.subject), ()))


def run_alerts(
    engine: Engine,
    *,
    as_of: date,
    school_id: str | None = None,
    dry_run: bool = False,
    policy: AlertPolicy = DEFAULT_POLICY,
    rules: SignalRules = DEFAULT_RULES,
) -> AlertsRun:
    """Decide every school's alerts as of `as_of` (or one school's), write them unless `dry_run`."""
    counts: dict[str, ReasonCounts] = {}
    digests: dict[str, Digest[DigestItem]] = {}
    pupils = signals = 0
    with engine.connect() as connection:
        schools = queries.school_ids(connection, school_id)
        if schools is None:
            raise AlertsError(f"no school has the id {school_id!r}")
        plans = []
        for school in schools:
            records = queries.read_records(connection, school, as_of)
            found = detect_signals(records, as_of, rules)
            staff = queries.read_directory(connection, school, as_of)
            plan = _plan(found, queries.read_alerts(connection, school), staff, as_of, policy, counts)
            routing = _ToldToday(principal_of=staff.principal_of, told=plan.told)
            digests.update(daily_digest(plan.items.values(), routing, as_of, plan.escalations))
            pupils, signals = pupils + records.pupils.height, signals + len(found)
            plans.append(plan)
        if not dry_run:
            _write(connection, plans, as_of)
            connection.commit()
    by_reason, by_recipient = dict(sorted(counts.items())), dict(sorted(digests.items()))
    return AlertsRun(as_of, dry_run, len(schools), pupils, signals, by_reason, by_recipient)


def _plan(
    signals: list[Signal],
    stored: list[queries.StoredAlert],
    staff: StaffDirectory,
    today: date,
    policy: AlertPolicy,
    counts: dict[str, ReasonCounts],
) -> _Plan:
    """Per signal and recipient, the policy's decision over that recipient's own rows; then escalations."""
    plan = _Plan()
    rows: dict[tuple[str | None, Key], list[queries.StoredAlert]] = {}
    for alert in stored:
        rows.setdefault((alert.recipient, alert.state.key), []).append(alert)
    current = {alert.id: alert.state for alert in stored}
    for signal in signals:
        key = (signal.pupil_id, signal.reason, signal.subject)
        details = {"facts": signal.facts, "severity": signal.severity, "as_of": today.isoformat()}
        tally = counts.setdefault(signal.reason, ReasonCounts())
        for person in staff.recipients(signal):
            mine = rows.get((person, key), [])
            decision = decide(signal, [alert.state for alert in mine], today, policy)
            if decision.alert is None:
                tally.ignored += 1
                continue
            if decision.action == "open":
                plan.inserts.append(_new_row(decision.alert, person, details))
                tally.opened += 1
            else:
                # The live row decide() updated: the unique index keeps at most one per recipient.
                live = next(alert for alert in mine if alert.state.status != "closed")
                current[live.id] = decision.alert
                plan.updates.append(_changed_row(live.id, decision.alert, details))
                tally.updated += decision.action == "update"
                tally.notified += decision.action == "notify"
            if decision.notify:
                plan.told.setdefault(key, []).append(person)
                plan.items[key] = DigestItem(*key, facts=signal.facts)
    _escalate(plan, stored, current, staff, today, policy, counts)
    return plan


def _escalate(
    plan: _Plan,
    stored: list[queries.StoredAlert],
    current: Mapping[int, AlertState],
    staff: StaffDirectory,
    today: date,
    policy: AlertPolicy,
    counts: dict[str, ReasonCounts],
) -> None:
    """Stored alerts due for the principal, judged as they stand after today's decisions (a snooze that
    ended today counts from its end). Without a principal to tell, an alert is not marked escalated, so it
    goes to the one the school records next."""
    for alert in stored:
        state = current[alert.id]
        if state.pupil_id in staff.principal_of and escalate([state], today, policy):
            plan.escalated.append(alert.id)
            plan.escalations.append(DigestItem(*state.key, facts=alert.details.get("facts", {})))
            counts.setdefault(state.reason, ReasonCounts()).escalated += 1


def _new_row(state: AlertState, recipient: str, details: dict[str, Any]) -> dict[str, Any]:
    return {
        "pupil_id": state.pupil_id,
        "reason": state.reason,
        "subject": state.subject or "",
        "tier": state.tier,
        "status": state.status,
        "recipient_staff_id": recipient,
        "details": details,
        "opened_on": state.created_on,
        "last_notified_on": state.last_notified_on,
        "notified_tier": state.notified_tier,
    }


def _changed_row(row_id: int, state: AlertState, details: dict[str, Any]) -> dict[str, Any]:
    values = {
        "status": state.status,
        "tier": state.tier,
        "notified_tier": state.notified_tier,
        "last_notified_on": state.last_notified_on,
        "details": details,
    }
    return {"row_id": row_id, **{f"new_{name}": values[name] for name in UPDATED}}


def _write(connection: Connection, plans: list[_Plan], today: date) -> None:
    """Every school's inserts, updates and escalations, executed in bulk inside the caller's transaction."""
    now = datetime.now(UTC)
    inserts = [row for plan in plans for row in plan.inserts]
    updates = [row | {"new_updated_at": now} for plan in plans for row in plan.updates]
    escalated = [{"row_id": row_id} for plan in plans for row_id in plan.escalated]
    if inserts:
        connection.execute(insert(Alert), inserts)
    if updates:
        columns: dict[str, Any] = {name: bindparam(f"new_{name}") for name in (*UPDATED, "updated_at")}
        connection.execute(update(Alert).where(Alert.id == bindparam("row_id")).values(columns), updates)
    if escalated:
        statement = update(Alert).where(Alert.id == bindparam("row_id"))
        connection.execute(statement.values(escalated_on=today, escalated_at=now, updated_at=now), escalated)


def list_open_alerts(engine: Engine, staff_id: str | None = None) -> list[queries.StoredAlert]:
    """Open alerts of consenting pupils, all of them or one recipient's."""
    with engine.connect() as connection:
        return queries.read_open_alerts(connection, staff_id)
