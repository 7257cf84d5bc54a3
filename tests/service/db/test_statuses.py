"""The database's status constraints and the domain's state machines name the same states."""

from __future__ import annotations

from model.intervention_lifecycle import STATUSES as INTERVENTION_LIFECYCLE
from service.db.support import INTERVENTION_STATUSES


def test_interventions_store_exactly_the_lifecycles_states() -> None:
    assert tuple(INTERVENTION_LIFECYCLE) == tuple(INTERVENTION_STATUSES)
