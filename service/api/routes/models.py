"""The risk model's versions for a data scientist (an auditor may read them): metrics, gates and model card,
moving `@champion` through the gates or back, and retraining in the background.

The API serves a new champion as soon as it moves (`context.champion.refresh()`). While a retraining runs
the champion stays put: the new version's gates are decided against the champion it started with.
Retraining jobs live in this process's memory; a restart forgets them (see `service.model_jobs`).
"""

from __future__ import annotations

import threading
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response

from service.api.context import ApiContext, api_context
from service.api.schemas import (
    ChampionMoveOut,
    ChampionOut,
    GateCheckOut,
    ModelDetailOut,
    ModelVersionOut,
    PromoteRequest,
    RetrainJobOut,
    RetrainRequest,
    RollbackRequest,
)
from service.api.security import require
from service.auth.principal import Principal
from service.model_jobs import JobBusyError, RetrainJob, RetrainJobs

if TYPE_CHECKING:
    from service.model_versions import VersionSummary

router = APIRouter(prefix="/models", tags=["models"])
Context = Annotated[ApiContext, Depends(api_context)]
Reader = Annotated[Principal, Depends(require("data_scientist", "auditor"))]
DataScientist = Annotated[Principal, Depends(require("data_scientist"))]
Version = Annotated[str, Path(pattern=r"^[1-9][0-9]{0,8}$", description="a registered version number")]
PlotName = Annotated[
    str,
    Path(
        pattern=r"^[a-z][a-z_]{0,39}$",
        description="one of the version's `plots`: roc, calibration, fairness, shap_summary, global_drivers",
    ),
]
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="the id POST /models/retrain returned")]
_jobs_created = threading.Lock()


def retrain_jobs(request: Request) -> RetrainJobs:
    """This app's job registry, made on first use."""
    with _jobs_created:
        jobs = getattr(request.app.state, "retrain_jobs", None)
        if jobs is None:
            jobs = request.app.state.retrain_jobs = RetrainJobs()
    return jobs


Jobs = Annotated[RetrainJobs, Depends(retrain_jobs)]


@router.post(
    "/retrain",
    response_model=RetrainJobOut,
    status_code=202,
    summary="Retrain on the database's records in the background; one job at a time",
)
def retrain(body: RetrainRequest, principal: DataScientist, context: Context, jobs: Jobs) -> RetrainJobOut:
    from service.jobs import TrainingConfig
    from service.model_jobs import retraining

    config = TrainingConfig()
    if body.trees is not None:
        config = replace(config, booster=replace(config.booster, n_estimators=body.trees))
    if body.bootstrap_samples is not None:
        config = replace(config, bootstrap_samples=body.bootstrap_samples)
    actor = f"api:{principal.username}"
    train = retraining(context.engine, context.pseudonymizer, context.settings.home, config, actor)

    def finished(job: RetrainJob) -> None:
        if job.promoted:
            context.champion.refresh()
        _audit(
            context, principal, "model.retrain", job.version or "new", job.status, job.error or body.reason
        )

    try:
        job = jobs.start(principal.username, train, finished)
    except JobBusyError as error:
        _audit(context, principal, "model.retrain", "new", "refused", str(error))
        raise HTTPException(409, str(error)) from None
    _audit(context, principal, "model.retrain", "new", "queued", body.reason)
    return _job(job)


@router.get("/jobs", response_model=list[RetrainJobOut], summary="Retraining jobs this process remembers")
def list_jobs(principal: Reader, jobs: Jobs) -> list[RetrainJobOut]:
    return [_job(job) for job in jobs.recent()]


@router.get("/jobs/{job_id}", response_model=RetrainJobOut, summary="A retraining job's status and progress")
def job_status(job_id: JobId, principal: Reader, jobs: Jobs) -> RetrainJobOut:
    job = jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no retraining job {job_id} in this process (a restart forgets jobs)")
    return _job(job)


@router.get("", response_model=list[ModelVersionOut], summary="Registered versions, newest first")
def list_models(principal: Reader, context: Context) -> list[ModelVersionOut]:
    from service.model_versions import model_versions

    return [_version(summary) for summary in model_versions(context.settings.home)]


@router.get("/history", response_model=list[ChampionMoveOut], summary="Every move of @champion, newest first")
def champion_moves(principal: Reader, context: Context) -> list[ChampionMoveOut]:
    from service.model_versions import champion_history

    return [ChampionMoveOut(**move) for move in champion_history(context.settings.home)]


@router.post("/rollback", response_model=ChampionOut, summary="Give @champion back to the version before")
def rollback(body: RollbackRequest, principal: DataScientist, context: Context, jobs: Jobs) -> ChampionOut:
    from service.model_versions import ModelRequestError, rollback_champion

    _not_while_training(jobs)
    try:
        version = rollback_champion(context.settings.home, f"api:{principal.username}")
    except ModelRequestError as error:
        _audit(context, principal, "model.rollback", "champion", "refused", str(error))
        raise HTTPException(error.status, str(error)) from None
    _audit(context, principal, "model.rollback", version, "champion", body.reason)
    return _serving(context, version)


@router.get("/{version}", response_model=ModelDetailOut, summary="A version's metrics, gates and model card")
def model_detail(version: Version, principal: Reader, context: Context) -> ModelDetailOut:
    from service.model_plots import plot_names
    from service.model_versions import ModelRequestError, version_details

    try:
        details = version_details(context.settings.home, version)
    except ModelRequestError as error:
        raise HTTPException(error.status, str(error)) from None
    return ModelDetailOut(
        version=_version(details.summary),
        metrics=details.metrics,
        gates_passed=details.gates_passed,
        gates=[GateCheckOut(**check) for check in details.gates],
        model_card=details.model_card,
        plots=plot_names(context.settings.home, details.summary.run_id),
    )


@router.get(
    "/{version}/plots/{name}",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "the chart as PNG"}},
    summary="A chart of the version's training run, as PNG",
)
def model_plot(version: Version, name: PlotName, principal: Reader, context: Context) -> Response:
    from service.model_plots import plot_png
    from service.model_versions import ModelRequestError

    try:
        image = plot_png(context.settings.home, version, name)
    except ModelRequestError as error:
        raise HTTPException(error.status, str(error)) from None
    # A run's charts never change; the browser may keep them, but only for this signed-in user.
    return Response(image, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.post(
    "/{version}/promote", response_model=ChampionOut, summary="Make a version champion, through its gates"
)
def promote(
    version: Version, body: PromoteRequest, principal: DataScientist, context: Context, jobs: Jobs
) -> ChampionOut:
    from service.model_versions import ModelRequestError, promote_version

    _not_while_training(jobs)
    try:
        promote_version(
            context.settings.home,
            version,
            f"api:{principal.username}",
            body.reason,
            body.override_failed_gates,
        )
    except ModelRequestError as error:
        _audit(context, principal, "model.promote", version, "refused", str(error))
        raise HTTPException(error.status, str(error)) from None
    _audit(context, principal, "model.promote", version, "champion", body.reason)
    return _serving(context, version)


def _not_while_training(jobs: RetrainJobs) -> None:
    running = jobs.running()
    if running is not None:
        raise HTTPException(
            409,
            f"a retraining is running (job {running.job_id}); its gates compare with the current champion, "
            "so the champion stays put until it finishes",
        )


def _serving(context: ApiContext, champion: str) -> ChampionOut:
    context.champion.refresh()
    serving = context.champion.current()
    return ChampionOut(champion=champion, serving=serving.version if serving else None)


def _audit(
    context: ApiContext, principal: Principal, action: str, version: str, result: str, detail: str
) -> None:
    context.audit(
        actor=principal.username,
        role="data_scientist",
        action=action,
        resource=f"model:erta-risk/{version}",
        result=result,
        purpose=detail[:200],
    )


def _version(summary: VersionSummary) -> ModelVersionOut:
    return ModelVersionOut(**asdict(summary), champion=summary.champion)


def _job(job: RetrainJob) -> RetrainJobOut:
    return RetrainJobOut(**asdict(job))
