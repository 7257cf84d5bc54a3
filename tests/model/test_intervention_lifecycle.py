from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise, product
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.intervention_lifecycle import (
    ACCEPTED,
    COMPLETED,
    DECLINED,
    FINAL_STATUSES,
    IN_PROGRESS,
    NEXT_STATUSES,
    PROPOSED,
    STATUSES,
    SYSTEM_ACTOR,
    HistoryEntry,
    IllegalTransition,
    InterventionState,
    propose,
    transition,
)

DAY = date(2024, 10, 1)
LEGAL = {(source, target) for source, targets in NEXT_STATUSES.items() for target in targets}
# The shortest legal walk from "proposed" to each status.
PATH_TO = {
    PROPOSED: (),
    ACCEPTED: (ACCEPTED,),
    IN_PROGRESS: (ACCEPTED, IN_PROGRESS),
    COMPLETED: (ACCEPTED, IN_PROGRESS, COMPLETED),
    DECLINED: (DECLINED,),
}


def _details(target: str) -> dict[str, Any]:
    """What each move needs beyond a named actor and a date."""
    return {
        DECLINED: {"reason": "family moved to another mahalla"},
        COMPLETED: {"outcome": "algebra marks up from 2.6 to 3.4"},
        IN_PROGRESS: {"owner": "mentor-17"},
    }.get(target, {})


def _move(state: InterventionState, target: str, **overrides: Any) -> InterventionState:
    kwargs: dict[str, Any] = {"actor": "Dilnoza Karimova", "on": DAY, **_details(target), **overrides}
    return transition(state, target, **kwargs)


def _state_at(status: str) -> InterventionState:
    state = propose(proposed_by=SYSTEM_ACTOR, on=DAY)
    for target in PATH_TO[status]:
        state = _move(state, target)
    return state


def test_the_lifecycle_has_the_database_statuses_and_two_final_ones() -> None:
    assert STATUSES == ("proposed", "accepted", "in_progress", "completed", "declined")
    assert {COMPLETED, DECLINED} == FINAL_STATUSES
    assert all(NEXT_STATUSES[status] == () for status in FINAL_STATUSES)


@pytest.mark.parametrize(("source", "target"), sorted(LEGAL))
def test_every_legal_move_is_made_and_recorded(source: str, target: str) -> None:
    before = _state_at(source)
    after = _move(before, target, note="agreed with the class teacher")
    assert after.status == target
    assert after.history[:-1] == before.history
    assert after.history[-1] == HistoryEntry(
        actor="Dilnoza Karimova",
        on=DAY,
        from_status=source,
        to_status=target,
        note="agreed with the class teacher",
    )


@pytest.mark.parametrize(("source", "target"), sorted(set(product(STATUSES, STATUSES)) - LEGAL))
def test_every_illegal_move_is_refused_naming_both_states_and_what_may_follow(
    source: str, target: str
) -> None:
    state = _state_at(source)
    with pytest.raises(IllegalTransition) as refused:
        _move(state, target)
    message = str(refused.value)
    assert message.startswith(f"cannot go from {source} to {target}: ")
    if source in FINAL_STATUSES:
        assert message.endswith(f"{source} is final")
    else:
        assert message.endswith("allowed next states are " + ", ".join(NEXT_STATUSES[source]))
    assert refused.value.allowed == NEXT_STATUSES[source]
    assert isinstance(refused.value, ValueError)


def test_the_message_for_a_final_state_reads_plainly() -> None:
    with pytest.raises(
        IllegalTransition, match=r"^cannot go from completed to in_progress: completed is final$"
    ):
        _move(_state_at(COMPLETED), IN_PROGRESS)


def test_accepted_cannot_jump_to_completed_without_being_started() -> None:
    with pytest.raises(IllegalTransition, match="allowed next states are in_progress, declined"):
        _move(_state_at(ACCEPTED), COMPLETED)


def test_an_unknown_status_is_refused_with_the_known_ones() -> None:
    with pytest.raises(IllegalTransition, match="finished is not a status; statuses are proposed, accepted"):
        _move(_state_at(PROPOSED), "finished")


def test_the_whole_story_is_kept_in_order_with_reviewer_owner_and_outcome() -> None:
    state = propose(proposed_by=SYSTEM_ACTOR, on=DAY, follow_up_on=DAY + timedelta(days=30), note="risk 0.71")
    state = transition(state, ACCEPTED, actor="Rustam Aliyev", on=DAY + timedelta(days=1))
    state = transition(
        state, IN_PROGRESS, actor="Rustam Aliyev", on=DAY + timedelta(days=2), owner="mentor-17"
    )
    state = transition(state, COMPLETED, actor="mentor-17", on=DAY + timedelta(days=40), outcome=" marks up ")
    assert [(e.actor, e.from_status, e.to_status) for e in state.history] == [
        (SYSTEM_ACTOR, None, PROPOSED),
        ("Rustam Aliyev", PROPOSED, ACCEPTED),
        ("Rustam Aliyev", ACCEPTED, IN_PROGRESS),
        ("mentor-17", IN_PROGRESS, COMPLETED),
    ]
    assert [e.on for e in state.history] == [DAY + timedelta(days=d) for d in (0, 1, 2, 40)]
    assert state.history[0].note == "risk 0.71"
    assert (state.reviewer, state.owner, state.outcome) == ("Rustam Aliyev", "mentor-17", "marks up")
    assert state.follow_up_on == DAY + timedelta(days=30)
    assert state.is_final
    assert state.allowed_next == ()


def test_a_decline_records_its_reviewer_and_reason() -> None:
    state = _move(_state_at(PROPOSED), DECLINED, actor="Rustam Aliyev", reason="already tutored")
    assert (state.reviewer, state.decline_reason) == ("Rustam Aliyev", "already tutored")
    assert state.is_final


def test_a_move_returns_a_new_state_and_leaves_the_old_one_as_it_was() -> None:
    before = _state_at(PROPOSED)
    after = _move(before, ACCEPTED)
    assert (before.status, len(before.history)) == (PROPOSED, 1)
    assert after is not before
    with pytest.raises(AttributeError):
        after.status = PROPOSED  # type: ignore[misc]


@pytest.mark.parametrize("target", [ACCEPTED, DECLINED])
@pytest.mark.parametrize("actor", ["", "   ", SYSTEM_ACTOR, "Erta"])
def test_accepting_or_declining_needs_a_named_reviewer(target: str, actor: str) -> None:
    with pytest.raises(IllegalTransition, match=f"^cannot go from proposed to {target}: .*a named reviewer"):
        _move(_state_at(PROPOSED), target, actor=actor)


@pytest.mark.parametrize(("source", "target"), [(ACCEPTED, IN_PROGRESS), (IN_PROGRESS, COMPLETED)])
def test_nothing_moves_past_proposed_without_a_named_person(source: str, target: str) -> None:
    with pytest.raises(IllegalTransition, match="needs a named person; Erta may only propose"):
        _move(_state_at(source), target, actor=" ")


@pytest.mark.parametrize("source", [PROPOSED, ACCEPTED, IN_PROGRESS])
@pytest.mark.parametrize("reason", [None, "", "  "])
def test_declining_needs_a_reason(source: str, reason: str | None) -> None:
    with pytest.raises(
        IllegalTransition, match=f"^cannot go from {source} to declined: declining needs a reason$"
    ):
        _move(_state_at(source), DECLINED, reason=reason)


@pytest.mark.parametrize("outcome", [None, "", "  "])
def test_completing_needs_an_outcome(outcome: str | None) -> None:
    with pytest.raises(IllegalTransition, match="completing needs an outcome"):
        _move(_state_at(IN_PROGRESS), COMPLETED, outcome=outcome)


def test_support_cannot_start_without_an_owner_but_an_owner_from_earlier_counts() -> None:
    with pytest.raises(IllegalTransition, match="support cannot start without an owner"):
        _move(_state_at(ACCEPTED), IN_PROGRESS, owner=None)
    with pytest.raises(IllegalTransition, match="an owner, when given, must be named"):
        _move(_state_at(ACCEPTED), IN_PROGRESS, owner=" ")
    owned = _move(_state_at(PROPOSED), ACCEPTED, owner="mentor-3")
    assert _move(owned, IN_PROGRESS, owner=None).owner == "mentor-3"
    assert propose(proposed_by="teacher-9", on=DAY, owner="mentor-4").owner == "mentor-4"


def test_details_of_another_move_are_refused_rather_than_dropped() -> None:
    with pytest.raises(IllegalTransition, match="a reason is recorded only when declining"):
        _move(_state_at(PROPOSED), ACCEPTED, reason="why not")
    with pytest.raises(IllegalTransition, match="an outcome is recorded only when completing"):
        _move(_state_at(ACCEPTED), IN_PROGRESS, outcome="done")


def test_follow_up_dates_cannot_be_before_the_proposal() -> None:
    with pytest.raises(ValueError, match="before the proposal date"):
        propose(proposed_by=SYSTEM_ACTOR, on=DAY, follow_up_on=DAY - timedelta(days=1))
    with pytest.raises(IllegalTransition, match=r"^cannot go from proposed to accepted: the follow-up date"):
        _move(_state_at(PROPOSED), ACCEPTED, follow_up_on=DAY - timedelta(days=1))
    assert _move(_state_at(PROPOSED), ACCEPTED, follow_up_on=DAY).follow_up_on == DAY


def test_a_move_cannot_be_dated_before_the_last_change() -> None:
    later = _move(_state_at(PROPOSED), ACCEPTED, on=DAY + timedelta(days=5))
    with pytest.raises(IllegalTransition, match="2024-10-03 is before the last change on 2024-10-06"):
        _move(later, IN_PROGRESS, on=DAY + timedelta(days=2))


def test_a_proposal_needs_a_proposer_and_a_state_a_known_status() -> None:
    with pytest.raises(ValueError, match="needs a proposer"):
        propose(proposed_by="  ", on=DAY)
    with pytest.raises(ValueError, match="unknown intervention status 'paused'"):
        InterventionState(status="paused", proposed_by="x", proposed_on=DAY)


def _reachable_along(history: tuple[HistoryEntry, ...]) -> bool:
    """The history starts with the proposal and every later entry follows a legal edge from the one before."""
    if not history or (history[0].from_status, history[0].to_status) != (None, PROPOSED):
        return False
    steps = pairwise(history)
    return all(b.from_status == a.to_status and (a.to_status, b.to_status) in LEGAL for a, b in steps)


# An attempt is a target and, most of the time, the details that target needs; sometimes one is spoiled.
SPOILS = (None, None, None, "blank actor", "erta", "earlier day", "no details", "stray details")
ATTEMPT = st.tuples(st.sampled_from([*STATUSES, "finished"]), st.sampled_from(SPOILS))


def _attempt(state: InterventionState, target: str, spoil: str | None) -> InterventionState:
    kwargs: dict[str, Any] = {"actor": "Dilnoza Karimova", "on": state.history[-1].on, **_details(target)}
    if spoil == "blank actor":
        kwargs["actor"] = " "
    elif spoil == "erta":
        kwargs["actor"] = SYSTEM_ACTOR
    elif spoil == "earlier day":
        kwargs["on"] -= timedelta(days=1)
    elif spoil == "no details":
        kwargs = {"actor": kwargs["actor"], "on": kwargs["on"]}
    elif spoil == "stray details":
        kwargs.update(outcome="helped", reason="moved")
    return transition(state, target, **kwargs)


@settings(max_examples=300, deadline=None)
@given(st.lists(ATTEMPT, max_size=12))
def test_any_sequence_of_attempts_stays_on_legal_edges_and_final_states_never_change(
    attempts: list[tuple[str, str | None]],
) -> None:
    state = propose(proposed_by=SYSTEM_ACTOR, on=DAY)
    for target, spoil in attempts:
        before = state
        try:
            state = _attempt(state, target, spoil)
        except IllegalTransition:
            assert state is before
        else:
            assert spoil not in ("blank actor", "erta", "earlier day")
        if before.is_final:
            assert state == before
        assert _reachable_along(state.history)
        assert state.status == state.history[-1].to_status
        assert state.status != IN_PROGRESS or state.owner is not None
