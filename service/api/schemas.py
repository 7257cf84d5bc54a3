"""The API's response bodies, so the OpenAPI schema states exactly what leaves the service."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field


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
    group: str = Field(description="a subject's name, or attendance, lms, notes, grade, marks")
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


# Interventions, mentor assignments and notes (service/api/routes/interventions.py).


def _no_nul(text: str) -> str:
    # PostgreSQL's text refuses the NUL character; refuse it here rather than fail in the database.
    if "\x00" in text:
        raise ValueError("must not contain the NUL character")
    return text


Typed = Annotated[str, AfterValidator(_no_nul)]
StaffText = Annotated[Typed, Field(max_length=4000)]
InterventionStatus = Literal["proposed", "accepted", "in_progress", "completed", "declined"]
NoteLanguage = Literal["uz", "ru", "en"]


class InterventionCreate(BaseModel):
    """Support proposed for one pupil, typically from one of the pupil's recommendations."""

    pupil_id: Typed = Field(min_length=1, max_length=32)
    kind: str = Field(pattern=r"^[a-z][a-z0-9_]{0,47}$", description="a kind of the intervention catalog")
    subject: Typed = Field(default="", max_length=64, description="required for per-subject kinds")
    rationale: Typed = Field(default="", max_length=2000)
    follow_up_on: date | None = Field(default=None, description="default: the catalog's follow-up period")
    owner_staff_id: Typed | None = Field(default=None, min_length=1, max_length=32)


class InterventionOut(BaseModel):
    id: int
    pupil_id: str
    pupil_name: str
    class_label: str
    kind: str
    subject: str
    status: str
    rationale: str
    proposed_by: int | None = Field(description="user id of the proposer; none when Erta proposed it")
    reviewer: int | None = Field(description="user id of the person who accepted or declined it")
    owner_staff_id: str | None
    follow_up_on: date | None
    outcome: str | None
    created_at: datetime
    updated_at: datetime
    allowed_next: list[str]


class InterventionPage(BaseModel):
    items: list[InterventionOut]
    total: int
    limit: int
    offset: int
    by_status: dict[str, int] = Field(description="how many match the other filters, per status")


class HistoryEntryOut(BaseModel):
    at: datetime
    on: date
    actor_user_id: int | None
    from_status: str | None
    to_status: str
    note: str | None


class NoteWarningOut(BaseModel):
    """One guardrail finding; `text` is the wording flagged, and always null for personal data."""

    kind: Literal["wording", "personal_data"]
    start: int
    end: int
    text: str | None
    category: str
    message: str
    suggestion: str


class InterventionDetail(InterventionOut):
    history: list[HistoryEntryOut]
    warnings: list[NoteWarningOut] = Field(default_factory=list, description="on the text just written")


class StatusChange(BaseModel):
    status: InterventionStatus
    reason: Typed | None = Field(default=None, max_length=500, description="required when declining")
    note: StaffText | None = None
    on: date | None = Field(default=None, description="the day of the change; default today")
    follow_up_on: date | None = None
    owner_staff_id: Typed | None = Field(default=None, min_length=1, max_length=32)


class ProgressNote(BaseModel):
    text: StaffText = Field(min_length=1)


class ProgressNoteOut(BaseModel):
    entry: HistoryEntryOut
    warnings: list[NoteWarningOut]


class OutcomeRequest(BaseModel):
    outcome: StaffText = Field(min_length=1)
    completed_on: date | None = Field(default=None, description="default today")


class MentorProposeRequest(BaseModel):
    school_id: Typed | None = Field(default=None, min_length=1, max_length=32, description="default: yours")


class MentorProposalOut(BaseModel):
    pupil_id: str
    pupil_name: str
    class_label: str
    mentor_staff_id: str
    mentor_name: str
    subject: str | None = Field(description="the pupil's weak subject the mentor knows, if any")
    same_school: bool
    cost: float
    reason: str


class MentorPlacesOut(BaseModel):
    staff_id: str
    full_name: str
    capacity: int
    open_cases: int
    free_places: int
    proposed: int


class MentorPlanOut(BaseModel):
    school_id: str
    proposals: list[MentorProposalOut]
    unassigned: list[str] = Field(description="pupils who need a mentor but got no place")
    mentors: list[MentorPlacesOut]


class MentorPair(BaseModel):
    pupil_id: Typed = Field(min_length=1, max_length=32)
    mentor_staff_id: Typed = Field(min_length=1, max_length=32)


class MentorConfirmRequest(BaseModel):
    assignments: list[MentorPair] = Field(min_length=1, max_length=100)


class MentorConfirmOut(BaseModel):
    items: list[InterventionOut]


class NoteCheckRequest(BaseModel):
    text: StaffText = Field(min_length=1)
    language: NoteLanguage = "uz"
    pupil_id: Typed | None = Field(
        default=None, min_length=1, max_length=32, description="the pupil it is about"
    )


class NoteCheckOut(BaseModel):
    ok: bool = Field(description="nothing to flag")
    savable: bool = Field(description="no personal data: it may be saved, with confirm if there is wording")
    warnings: list[NoteWarningOut]


class PupilNoteRequest(BaseModel):
    pupil_id: Typed = Field(min_length=1, max_length=32)
    text: StaffText = Field(min_length=1)
    confirm: bool = Field(default=False, description="save despite wording warnings")
    language: NoteLanguage = "uz"


class PupilNoteOut(BaseModel):
    saved: bool
    note_id: str | None
    warnings: list[NoteWarningOut]


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


# Reports, audit and models (appended).

Ratio = float | Literal["inf"]


class MonitoringReportOut(BaseModel):
    """One school's quarter against the previous one: the same keys as `erta report monitoring --json`."""

    school_id: str
    school_name: str
    quarter: str
    quarter_label: str
    previous_quarter: str
    previous_quarter_label: str
    through: str
    language: str
    min_group: int
    slip_change: float
    alpha: float
    marks: list[dict[str, Any]]
    attendance: list[dict[str, Any]]
    lms: list[dict[str, Any]]
    flagged: list[dict[str, Any]] | None
    scores_as_of: str | None
    recommendations: list[dict[str, Any]]


class OutcomeEffectOut(BaseModel):
    outcome: Literal["marks", "attendance", "risk"]
    pairs: int
    helped_change: float
    control_change: float
    difference: float = Field(description="helped pupils' mean change minus their matched controls'")
    ci_low: float | None
    ci_high: float | None


class SupportEffectOut(BaseModel):
    kind: str = Field(description="a kind of support, or 'all'")
    helped: int
    measurable: int
    matched: int
    insufficient_data: bool
    message: str
    effects: list[OutcomeEffectOut]


class InterventionReportOut(BaseModel):
    """Did support help: helped pupils against not-helped pupils of similar risk before it."""

    school_id: str
    school_name: str
    window_days: int
    caliper: float
    confidence: float
    interval_method: str
    min_pairs: int
    controls: int
    control_day: date | None
    insufficient_data: bool
    groups: list[SupportEffectOut]


class FairnessRowOut(BaseModel):
    attribute: str
    group: str
    rows: int
    positives: int
    negatives: int
    fnr: float | None
    fpr: float | None
    fnr_ci: list[float] | None
    fpr_ci: list[float] | None
    fnr_ratio: Ratio | None
    fpr_ratio: Ratio | None
    fnr_ratio_ci: list[Ratio] | None
    fpr_ratio_ci: list[Ratio] | None
    assessed: bool
    clusters: int | None = None


class FairnessReportOut(BaseModel):
    """Error rates per group of the champion's test period, and their ratios to the largest group."""

    model_version: str
    band: tuple[float, float] = Field(description="ratios outside it fail the fairness gate")
    groups: list[FairnessRowOut]
    problems: list[str]
    warnings: list[str]


class AuditEntryOut(BaseModel):
    seq: int
    at: datetime
    actor: str
    role: str
    action: str
    resource: str
    pupil_pseudonym: str | None
    purpose: str | None
    result: str


class AuditPage(BaseModel):
    items: list[AuditEntryOut]
    total: int
    limit: int
    offset: int


class ChainProblemOut(BaseModel):
    seq: int | None
    reason: str


class AuditVerificationOut(BaseModel):
    ok: bool
    entries: int
    problem_count: int
    first_problem: ChainProblemOut | None
    problems: list[ChainProblemOut] = Field(description="the first problems found, in the order met")


class ModelVersionOut(BaseModel):
    version: str
    aliases: list[str]
    champion: bool
    created: str = Field(description="UTC, YYYY-MM-DD HH:MM")
    run_id: str
    gate: str = Field(description="pass, fail, or – when never checked")
    metrics: dict[str, float] = Field(description="the model's test metrics: roc_auc, pr_auc, brier, ece, …")


class GateCheckOut(BaseModel):
    name: str
    passed: bool
    detail: str


class ModelDetailOut(BaseModel):
    version: ModelVersionOut
    metrics: dict[str, dict[str, float]] = Field(description="per model: the candidate and both baselines")
    gates_passed: bool | None
    gates: list[GateCheckOut]
    model_card: str | None
    plots: list[str] = Field(description="the run's charts, each at GET /models/{version}/plots/{name}")


class PromoteRequest(BaseModel):
    reason: str = Field(min_length=3, max_length=200, description="why; kept in the registry and audit log")
    override_failed_gates: bool = Field(
        default=False,
        description="promote a version whose gates failed; the reason is recorded as the override",
    )


class RollbackRequest(BaseModel):
    reason: str = Field(min_length=3, max_length=200, description="why; kept in the audit log")


class ChampionOut(BaseModel):
    champion: str = Field(description="the version `@champion` points at now")
    serving: str | None = Field(description="the version the API scores with now")


class ChampionMoveOut(BaseModel):
    version: str
    at: str
    by: str
    reason: str
    action: str = "promote"


class RetrainRequest(BaseModel):
    reason: str = Field(min_length=3, max_length=200, description="why; kept in the audit log")
    trees: int | None = Field(default=None, ge=10, le=600, description="at most this many boosting rounds")
    bootstrap_samples: int | None = Field(
        default=None, ge=10, le=200, description="fairness bootstrap replicates (fewer: quicker, rougher)"
    )


class RetrainJobOut(BaseModel):
    job_id: str
    status: Literal["queued", "running", "done", "failed"]
    progress: float = Field(ge=0, le=1)
    step: str
    requested_by: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    version: str | None = Field(description="the new version, once done")
    promoted: bool | None = Field(description="whether the new version passed its gates and became champion")
    gates_passed: bool | None
    failed_gates: list[str]
    error: str | None


class FileCounts(BaseModel):
    """Rows of one file; a OneRoster file (`oneroster/users.csv`) has read, skipped and rejected only."""

    read: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = Field(default=0, description="OneRoster rows marked tobedeleted")
    rejected: int


class IngestOut(BaseModel):
    """What an uploaded bundle (or OneRoster export) did: counts per file and each problem, `file:line:
    reason`, where the reason names the field and never repeats a personal value."""

    format: Literal["bundle", "oneroster"]
    files: dict[str, FileCounts]
    rejected: int
    problems: list[str] = Field(description="the first problems, `file:line: reason`")
    problems_total: int
    ignored: list[str] = Field(description="uploaded files that are not part of a bundle, left unread")


PushValue = Annotated[str | int | float | None, Field(union_mode="left_to_right")]
IdempotencyKey = Annotated[
    str, Field(min_length=1, max_length=128, description="the sender's own id for this record")
]


class _Pushed(BaseModel):
    key: IdempotencyKey
    pupil_id: PushValue = None


class PushedGrade(_Pushed):
    """A mark from the e-diary; fields as in grades.csv (docs/BUNDLE.md)."""

    type: Literal["grade"]
    subject: PushValue = None
    date: PushValue = None
    kind: PushValue = Field(default=None, description="daily, test, quarter or annual")
    mark: PushValue = None
    teacher_id: PushValue = None


class PushedAttendance(_Pushed):
    """A missed or late day or lesson from the e-diary; fields as in attendance.csv."""

    type: Literal["attendance"]
    date: PushValue = None
    subject: PushValue = None
    status: PushValue = None


class PushedLmsEvent(_Pushed):
    """An LMS event; fields as in lms_events.csv."""

    type: Literal["lms_event"]
    timestamp: PushValue = None
    subject: PushValue = None
    event: PushValue = None
    score: PushValue = None


PushedRecordIn = Annotated[PushedGrade | PushedAttendance | PushedLmsEvent, Field(discriminator="type")]


class PushRequest(BaseModel):
    records: list[PushedRecordIn] = Field(min_length=1, max_length=1000)


class RecordProblemOut(BaseModel):
    index: int = Field(description="the record's position in the request, from 0")
    key: str
    reason: str


class PushOut(BaseModel):
    received: int
    loaded: int = Field(description="records loaded now (new, corrected or unchanged rows)")
    duplicates: int = Field(description="records whose key had loaded before with the same content")
    rejected: list[RecordProblemOut]


class PupilCard(BaseModel):
    pupil_id: str
    full_name: str
    class_id: str
    class_label: str
    grade_level: int
    school_id: str
    language: str
    consent: str


class MarkOut(BaseModel):
    date: date
    subject: str
    kind: str
    mark: int


class AbsenceOut(BaseModel):
    date: date
    subject: str | None = Field(description="empty for a whole day")
    status: str


class LmsWeekOut(BaseModel):
    week: date = Field(description="the Monday the week starts on")
    login: int
    view: int
    submit: int
    submit_late: int
    missed: int
    test: int
    mean_test_score: float | None


class StoredDriverOut(BaseModel):
    group: str
    contribution: float
    text: str
    facts: dict[str, Any]


class StoredRiskOut(BaseModel):
    """What the nightly run (`erta score --all`) found; the explanation endpoint scores afresh."""

    as_of: date
    model_version: str
    probability: float
    tier: str
    insufficient_data: bool
    drivers: list[StoredDriverOut]


class PupilProfileOut(BaseModel):
    pupil: PupilCard
    since: date
    until: date
    marks: list[MarkOut]
    attendance: list[AbsenceOut] = Field(description="days and lessons missed or late; other days present")
    lms_weeks: list[LmsWeekOut]
    risk: StoredRiskOut | None


class FlaggedPupil(BaseModel):
    """A row of the class teacher's flagged pupils: the latest nightly risk, its reasons and recent marks."""

    pupil_id: str
    full_name: str
    class_id: str
    class_label: str
    tier: str
    probability: float
    probability_band: str = Field(description='the 10-point band the probability falls in, e.g. "60–70%"')
    as_of: date
    top_reasons: list[str] = Field(description="up to 3 stored drivers raising the risk most, in `lang`")
    recent_marks: list[int] = Field(description="the last 10 daily and test marks, oldest first")
    open_alerts: int = Field(description="open alerts about the pupil addressed to you")


class FlaggedPage(BaseModel):
    items: list[FlaggedPupil]
    total: int
    limit: int
    offset: int
    as_of: date | None = Field(description="the newest nightly run among your flagged pupils; none if none")


class GuardrailCountOut(BaseModel):
    action: str = Field(description="note.check, note.save or intervention.note")
    result: str = Field(
        description="ok: answered (a check with warnings, a save), or refused: the text held an identifier "
        "or named someone outside the pupil's circle, or the caller may not write about the pupil (the log "
        "keeps no reason)"
    )
    count: int = Field(ge=0)


class PrivacyStatsOut(BaseModel):
    """What the privacy layer finds in the stored notes and refuses, in counts: never a text or a value."""

    notes_scanned: int = Field(ge=0, description="teachers' notes stored")
    notes_sampled: int = Field(ge=0, description="the newest of them scanned (at most 20,000)")
    notes_with_personal_data: int = Field(ge=0, description="sampled notes with at least one finding")
    entities: dict[str, int] = Field(description="findings per entity type in the sampled notes")
    scanned_at: datetime = Field(description="when the notes were scanned; reused until they change")
    window_days: int = Field(description="the audit log's counts cover this many days up to now")
    since: datetime
    guardrail: list[GuardrailCountOut] = Field(description="audit entries per guardrail action and result")
    exports_pseudonymised: int = Field(ge=0, description="`erta export --pseudonymised` runs in the window")
