"""The life of one piece of support for a pupil: proposed → accepted → in_progress → completed, or declined.

Erta may propose support, but a person decides: every move out of "proposed" (and every later one) needs a
named actor, and accepting or declining makes that person the reviewer of record. Each move returns a new
frozen state with the move appended to its history, so the record of who did what, and when, is never lost.

Accepted → completed directly is refused: "completed" says support was given, and a record that never went
through "in_progress" would have no owner of the work and no start date, which the effectiveness analysis
(model.intervention_effect) needs to tell when help began. A one-off session is started and completed the
same day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType

PROPOSED = "proposed"
ACCEPTED = "accepted"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
DECLINED = "declined"
# The same statuses, in the same order, as the database's check constraint (service/db/support.py).
STATUSES = (PROPOSED, ACCEPTED, IN_PROGRESS, COMPLETED, DECLINED)
FINAL_STATUSES = frozenset({COMPLETED, DECLINED})
NEXT_STATUSES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        PROPOSED: (ACCEPTED, DECLINED),
        ACCEPTED: (IN_PROGRESS, DECLINED),
        IN_PROGRESS: (COMPLETED, DECLINED),
        COMPLETED: (),
        DECLINED: (),
    }
)
# The name Erta proposes under. It may start a record but never move one: that takes a person.
SYSTEM_ACTOR = "erta"
_REVIEW_STATUSES = frozenset({ACCEPTED, DECLINED})


# The lifecycle's own word for a refused move, the name callers catch: hence no Error suffix.
class IllegalTransition(ValueError):  # noqa: N818
    """A move the lifecycle refuses; the message names both states and says why, or what may come next."""

    def __init__(self, current: str, target: str, why: str) -> None:
        super().__init__(f"cannot go from {current} to {target}: {why}")
        self.current = current
        self.target = target
        self.why = why
        self.allowed = NEXT_STATUSES.get(current, ())


@dataclass(frozen=True)
class HistoryEntry:
    """One move: who made it, on which day, from which status to which, and their note.

    The proposal itself is the first entry, with from_status None.
    """

    actor: str
    on: date
    from_status: str | None
    to_status: str
    note: str | None = None


@dataclass(frozen=True)
class InterventionState:
    """Where one intervention stands, with everything its moves so far have recorded.

    Build it with propose() and move it with transition(); both check the rules that construction alone
    cannot (a named reviewer, a reason for declining, an outcome for completing).
    """

    status: str
    proposed_by: str
    proposed_on: date
    owner: str | None = None
    follow_up_on: date | None = None
    reviewer: str | None = None
    outcome: str | None = None
    decline_reason: str | None = None
    history: tuple[HistoryEntry, ...] = ()

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            known = ", ".join(STATUSES)
            raise ValueError(f"unknown intervention status {self.status!r}; statuses are {known}")

    @property
    def is_final(self) -> bool:
        """Completed and declined interventions never change again."""
        return self.status in FINAL_STATUSES

    @property
    def allowed_next(self) -> tuple[str, ...]:
        """The statuses this intervention may move to next (empty once final)."""
        return NEXT_STATUSES[self.status]


def _named(value: str | None) -> str | None:
    """The value without surrounding blanks, or None when nothing is left of it."""
    if value is None:
        return None
    stripped = value.strip()
    return stripped or None


def propose(
    *,
    proposed_by: str,
    on: date,
    owner: str | None = None,
    follow_up_on: date | None = None,
    note: str | None = None,
) -> InterventionState:
    """A new intervention in "proposed", by a member of staff or by Erta itself (SYSTEM_ACTOR)."""
    proposer = _named(proposed_by)
    if proposer is None:
        raise ValueError("a proposal needs a proposer: a member of staff or Erta")
    if owner is not None and _named(owner) is None:
        raise ValueError("an owner, when given, must be named")
    if follow_up_on is not None and follow_up_on < on:
        raise ValueError(f"the follow-up date {follow_up_on} is before the proposal date {on}")
    entry = HistoryEntry(actor=proposer, on=on, from_status=None, to_status=PROPOSED, note=note)
    return InterventionState(
        status=PROPOSED,
        proposed_by=proposer,
        proposed_on=on,
        owner=_named(owner),
        follow_up_on=follow_up_on,
        history=(entry,),
    )


def _check_edge(current: str, to: str) -> None:
    """Refuses unknown statuses, moves out of a final status and moves along no edge of the lifecycle."""
    if to not in STATUSES:
        raise IllegalTransition(current, to, f"{to} is not a status; statuses are {', '.join(STATUSES)}")
    if current in FINAL_STATUSES:
        raise IllegalTransition(current, to, f"{current} is final")
    allowed = NEXT_STATUSES[current]
    if to not in allowed:
        raise IllegalTransition(current, to, f"allowed next states are {', '.join(allowed)}")


def _check_actor(current: str, to: str, actor: str) -> str:
    """The actor's name, refusing a blank one or Erta itself: only a named person moves an intervention."""
    name = _named(actor)
    if name is None or name.casefold() == SYSTEM_ACTOR:
        who = "a named reviewer" if to in _REVIEW_STATUSES else "a named person"
        raise IllegalTransition(current, to, f"this move needs {who}; Erta may only propose")
    return name


def _check_dates(state: InterventionState, to: str, on: date, follow_up_on: date | None) -> None:
    """Time runs forwards: no move before the last one, no follow-up before the proposal."""
    last = state.history[-1].on if state.history else state.proposed_on
    if on < max(last, state.proposed_on):
        raise IllegalTransition(state.status, to, f"{on} is before the last change on {last}")
    if follow_up_on is not None and follow_up_on < state.proposed_on:
        why = f"the follow-up date {follow_up_on} is before the proposal date {state.proposed_on}"
        raise IllegalTransition(state.status, to, why)


def _check_details(
    state: InterventionState, to: str, outcome: str | None, reason: str | None, owner: str | None
) -> None:
    """Each move's own requirements; a detail that belongs to another move is refused, not dropped."""
    current = state.status
    if to == DECLINED and _named(reason) is None:
        raise IllegalTransition(current, to, "declining needs a reason")
    if to != DECLINED and reason is not None:
        raise IllegalTransition(current, to, "a reason is recorded only when declining")
    if to == COMPLETED and _named(outcome) is None:
        raise IllegalTransition(current, to, "completing needs an outcome")
    if to != COMPLETED and outcome is not None:
        raise IllegalTransition(current, to, "an outcome is recorded only when completing")
    if owner is not None and _named(owner) is None:
        raise IllegalTransition(current, to, "an owner, when given, must be named")
    if to == IN_PROGRESS and _named(owner) is None and state.owner is None:
        raise IllegalTransition(current, to, "support cannot start without an owner")


def transition(
    current: InterventionState,
    to: str,
    *,
    actor: str,
    on: date,
    note: str | None = None,
    outcome: str | None = None,
    reason: str | None = None,
    owner: str | None = None,
    follow_up_on: date | None = None,
) -> InterventionState:
    """The state after `actor` moves the intervention to `to` on `on`, with the move added to its history.

    owner and follow_up_on, when given, (re)assign the owner of the work and the follow-up date. Raises
    IllegalTransition, leaving `current` untouched, when the move or any of its details is not allowed.
    """
    _check_edge(current.status, to)
    name = _check_actor(current.status, to, actor)
    _check_dates(current, to, on, follow_up_on)
    _check_details(current, to, outcome, reason, owner)
    entry = HistoryEntry(actor=name, on=on, from_status=current.status, to_status=to, note=note)
    return replace(
        current,
        status=to,
        owner=_named(owner) or current.owner,
        follow_up_on=follow_up_on if follow_up_on is not None else current.follow_up_on,
        reviewer=name if to in _REVIEW_STATUSES else current.reviewer,
        outcome=_named(outcome) if to == COMPLETED else current.outcome,
        decline_reason=_named(reason) if to == DECLINED else current.decline_reason,
        history=(*current.history, entry),
    )
