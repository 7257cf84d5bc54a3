"""POST /scores: a batch answers only the pupils the caller may read, with the same probabilities as one
pupil's explanation, and writes one audit entry per pupil asked for."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from service.db.access import AuditEntry
from tests.service.api.conftest import Served

pytestmark = pytest.mark.slow


def count_scored(served: Served) -> int:
    with served.engine.connect() as connection:
        return int(
            connection.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "pupil.score")
            )
        )


def test_a_batch_answers_own_pupils_and_refuses_the_rest(served: Served) -> None:
    own = sorted(served.scopes["teacher"] - {served.district.revoked})[:5]
    foreign = sorted(served.all_pupils - served.scopes["teacher"])[:3]
    before = count_scored(served)
    response = served.client.post(
        "/scores", json={"pupil_ids": [*own, *foreign, "NO-SUCH-PUPIL"]}, headers=served.headers("teacher")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert [s["pupil_id"] for s in body["scores"]] == own
    assert body["refused"] == [*foreign, "NO-SUCH-PUPIL"]
    assert count_scored(served) == before + len(own) + len(foreign) + 1
    assert not any(name in response.text for name in (p["full_name"] for p in served.district.pupils))


def test_batch_probabilities_equal_the_single_explanation(served: Served) -> None:
    headers = served.headers("teacher")
    pupil = sorted(served.scopes["teacher"] - {served.district.revoked})[0]
    batch = served.client.post("/scores", json={"pupil_ids": [pupil], "lang": "en"}, headers=headers).json()
    single = served.client.get(f"/pupils/{pupil}/explanation", params={"lang": "en"}, headers=headers).json()
    scored = batch["scores"][0]
    assert scored["probability"] == pytest.approx(single["probability"], abs=1e-9)
    assert scored["tier"] == single["tier"]
    assert [d["text"] for d in scored["drivers"]] == [d["text"] for d in single["drivers"]]


def test_a_batch_over_the_limit_is_refused_naming_the_field(served: Served) -> None:
    response = served.client.post(
        "/scores", json={"pupil_ids": [f"P{n}" for n in range(501)]}, headers=served.headers("teacher")
    )
    assert response.status_code == 422
    assert "body.pupil_ids" in response.json()["error"]["message"]


def test_roles_without_pupil_data_cannot_score(served: Served) -> None:
    pupil = sorted(served.scopes["teacher"])[0]
    response = served.client.post(
        "/scores", json={"pupil_ids": [pupil]}, headers=served.headers("data_scientist")
    )
    assert response.status_code == 403
