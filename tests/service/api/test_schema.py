"""Schemathesis over the whole OpenAPI schema, signed in as each role: no 5xx, and every answer (refusals
included) has a documented status, content type and body.

Every operation gets 100 generated examples as every role: one test per role, so the roles share the
test workers. Operations are driven one by one from the loaded schema (Schemathesis' own pytest plugin
does not run under pytest 9), each failure naming its operation and role.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks

from tests.service.api.conftest import ROLES, Served

pytestmark = pytest.mark.slow

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]
EXAMPLES = 100


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_as_each_role(served: Served, role: str) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", served.client.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == len(served.client.app.openapi()["paths"]) + _extra_methods(served)
    headers = served.headers(role)
    failures: list[str] = []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
        )
        @given(case=operation.as_strategy())
        def exercise(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            exercise()
        except Exception as error:
            failures.append(f"{operation.label} as {role}: {type(error).__name__}: {str(error)[:600]}")
    assert not failures, "\n".join(failures)


def _extra_methods(served: Served) -> int:
    """Paths with more than one method count once in `paths`, once per method in the operations."""
    paths = served.client.app.openapi()["paths"]
    return sum(len(methods) - 1 for methods in paths.values())
