"""Role × endpoint × foreign object: nobody reads a pupil outside their scope, and every refusal is audited.

Each user asks for every pupil of the district (their own and everyone else's); the test counts answers that
should have been refusals (leaks) and refusals that should have been answers.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.db.access import AuditEntry
from tests.service.api.conftest import NO_PUPIL_DATA, STAFF, Served

pytestmark = pytest.mark.slow


def listed(served: Served, username: str, **params: str) -> set[str]:
    headers = served.headers(username)
    seen: set[str] = set()
    offset = 0
    while True:
        response = served.client.get(
            "/pupils", params={"limit": 200, "offset": offset, **params}, headers=headers
        )
        assert response.status_code == 200, response.text
        page = response.json()
        seen |= {item["pupil_id"] for item in page["items"]}
        offset += page["limit"]
        if offset >= page["total"]:
            return seen


@pytest.mark.parametrize("username", STAFF)
def test_each_staff_list_holds_exactly_their_pupils(served: Served, username: str) -> None:
    assert listed(served, username) == served.scopes[username]


def test_a_principal_lists_the_school_only_with_a_purpose(served: Served) -> None:
    with_purpose = listed(served, "principal", purpose="quarter review of 7th grades")
    assert with_purpose
    assert with_purpose < served.all_pupils  # one school, not the district
    assert listed(served, "principal") == set()


@pytest.mark.parametrize("username", NO_PUPIL_DATA)
def test_roles_without_identified_data_are_refused_pupils(served: Served, username: str) -> None:
    headers = served.headers(username)
    pupil = sorted(served.all_pupils)[0]
    for path in ("/pupils", f"/pupils/{pupil}/explanation"):
        response = served.client.get(path, headers=headers)
        assert response.status_code == 403, path
        assert pupil not in response.text


@pytest.mark.parametrize("username", STAFF)
def test_no_explanation_leaks_outside_scope(served: Served, username: str) -> None:
    headers = served.headers(username)
    own = sorted(served.scopes[username])[:2]
    foreign = sorted(served.all_pupils - served.scopes[username])
    probes = own + foreign[:: max(1, len(foreign) // 6)]
    leaks, wrongly_refused = [], []
    for pupil in probes:
        response = served.client.get(f"/pupils/{pupil}/explanation", headers=headers)
        if pupil in served.scopes[username]:
            if response.status_code not in (200, 409):  # 409: consent revoked, refused for everyone
                wrongly_refused.append((pupil, response.status_code))
        elif response.status_code != 404 and response.status_code != 403:
            leaks.append((pupil, response.status_code))
        elif response.status_code in (403, 404):
            assert "probability" not in response.text
    assert leaks == []
    assert wrongly_refused == []


def test_a_principal_reads_a_pupil_of_the_school_with_a_purpose_only(served: Served) -> None:
    headers = served.headers("principal")
    school = sorted(listed(served, "principal", purpose="attendance review"))
    pupil = next(p for p in school if p != served.district.revoked)
    refused = served.client.get(f"/pupils/{pupil}/explanation", headers=headers)
    assert refused.status_code == 403
    assert "purpose" in refused.json()["error"]["message"]
    answered = served.client.get(
        f"/pupils/{pupil}/explanation", params={"purpose": "attendance review"}, headers=headers
    )
    assert answered.status_code == 200
    outside = sorted(served.all_pupils - set(school))[0]
    elsewhere = served.client.get(
        f"/pupils/{outside}/explanation", params={"purpose": "attendance review"}, headers=headers
    )
    assert elsewhere.status_code == 404


def test_every_refusal_is_audited_by_pseudonym(served: Served) -> None:
    foreign = sorted(served.all_pupils - served.scopes["mentor"])[0]
    served.client.get(f"/pupils/{foreign}/explanation", headers=served.headers("mentor"))
    served.client.get("/pupils", headers=served.headers("auditor"))
    with served.engine.connect() as connection:
        entries = connection.execute(select(AuditEntry).where(AuditEntry.result == "refused")).all()
    actions = {(e.actor, e.action) for e in entries}
    assert ("mentor", "pupil.explain") in actions
    assert ("auditor", "GET /pupils") in actions
    assert all(foreign not in e.resource and foreign != e.pupil_pseudonym for e in entries)
    pseudonym = next(
        e.pupil_pseudonym for e in entries if e.actor == "mentor" and e.action == "pupil.explain"
    )
    assert pseudonym is not None
    assert pseudonym.startswith("p_")


def test_no_token_or_a_forged_one_is_refused(served: Served) -> None:
    assert served.client.get("/pupils").status_code == 401
    forged = served.client.get("/pupils", headers={"Authorization": "Bearer not.a.jwt"})
    assert forged.status_code == 401
    assert forged.json()["error"]["code"] == "unauthenticated"
    unknown = served.client.get("/pupils", headers={"Authorization": "Bearer erta_nosuchtoken"})
    assert unknown.status_code == 401
