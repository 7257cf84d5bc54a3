"""The API's response bodies, so the OpenAPI schema states exactly what leaves the service."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    ready: bool
    database: str
    model_version: str | None
    problems: list[str]


class TokenPair(BaseModel):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds until the access token expires")


class RefreshRequest(BaseModel):
    refresh_token: str = Field(min_length=1, max_length=4096)


class Me(BaseModel):
    username: str
    roles: list[str]
    staff_id: str | None
    school_id: str | None


class PupilSummary(BaseModel):
    pupil_id: str
    full_name: str
    class_id: str
    class_label: str
    grade_level: int


class PupilPage(BaseModel):
    items: list[PupilSummary]
    total: int
    limit: int
    offset: int


class DriverOut(BaseModel):
    text: str
    contribution: float
    facts: dict[str, Any]


class HintOut(BaseModel):
    text: str
    changes: dict[str, Any]
    probability_after: float


class RecommendationOut(BaseModel):
    kind: str
    subject: str | None = Field(description="the subject the support is about, or null for the whole pupil")
    owner_role: str
    rationale: str
    follow_up_on: str
    status: str


class ExplanationOut(BaseModel):
    """One pupil scored and explained: the same keys as `erta explain --json`."""

    pupil_id: str
    probability: float
    tier: str
    drivers: list[DriverOut]
    hint: HintOut | None
    recommendations: list[RecommendationOut]
    as_of: str
    insufficient_data: bool
    model_version: str


class AlertOut(BaseModel):
    id: int
    pupil_id: str
    pupil_name: str
    class_label: str
    reason: str
    subject: str
    tier: str | None
    status: str
    opened_on: date | None
    snoozed_until: date | None
    details: dict[str, Any]


class AlertPage(BaseModel):
    items: list[AlertOut]
    total: int
    limit: int
    offset: int


class SnoozeRequest(BaseModel):
    until: date = Field(description="the first day the alert may remind you again")


class ScoreRequest(BaseModel):
    pupil_ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(min_length=1, max_length=500)
    lang: Literal["uz", "ru", "en"] = "uz"
    purpose: str | None = Field(default=None, max_length=200)


class PupilScore(BaseModel):
    pupil_id: str
    probability: float
    tier: str
    insufficient_data: bool
    drivers: list[DriverOut]
    as_of: str
    model_version: str


class ScoreBatch(BaseModel):
    scores: list[PupilScore]
    refused: list[str] = Field(description="ids not answered: not in your scope, unknown, or consent revoked")
