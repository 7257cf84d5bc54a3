"""Reports for the principal (their own school; an admin names any) and the champion's fairness: aggregates
only, small groups suppressed, no pupil named; each report made is audited."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Response

from service.api.context import ApiContext, api_context
from service.api.schemas import FairnessReportOut, InterventionReportOut, MonitoringReportOut
from service.api.security import require
from service.auth.principal import Principal

router = APIRouter(prefix="/reports", tags=["reports"])
Context = Annotated[ApiContext, Depends(api_context)]
SchoolReader = Annotated[Principal, Depends(require("principal", "admin"))]
FairnessReader = Annotated[Principal, Depends(require("data_scientist", "auditor", "principal"))]
SchoolId = Annotated[
    str | None,
    Query(min_length=1, max_length=32, description="an admin names the school; a principal reads their own"),
]
Lang = Annotated[Literal["uz", "ru", "en"], Query(description="language of the texts and recommendations")]
FAIRNESS_BAND = (0.8, 1.25)
CSV, PDF = "text/csv; charset=utf-8", "application/pdf"
FILES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}, "application/pdf": {}}, "description": "the report"}
}


def _school(context: ApiContext, principal: Principal, school_id: str | None, action: str) -> str:
    """The school the caller may read: their own for a principal, the one named for an admin."""
    if principal.has("admin") and (school_id is not None or principal.school_id is None):
        if school_id is None:
            raise HTTPException(422, "query.school_id: an admin names the school (?school_id=…)")
        return school_id
    if principal.school_id is None:
        raise HTTPException(403, "this principal account is not linked to a school")
    if school_id is not None and school_id != principal.school_id:
        context.audit(
            actor=principal.username,
            role="principal",
            action=action,
            resource=f"school:{school_id}",
            result="refused",
        )
        raise HTTPException(403, "a principal reads the reports of their own school only")
    return principal.school_id


def _audited(context: ApiContext, principal: Principal, action: str, school_id: str, result: str) -> None:
    role = "admin" if principal.has("admin") else "principal"
    context.audit(
        actor=principal.username, role=role, action=action, resource=f"school:{school_id}", result=result
    )


@router.get(
    "/monitoring",
    response_model=MonitoringReportOut,
    responses=FILES,
    summary="Which class or subject is slipping this quarter, as JSON, CSV or PDF",
)
def monitoring(
    principal: SchoolReader,
    context: Context,
    school_id: SchoolId = None,
    quarter: Annotated[
        str | None,
        Query(pattern=r"^20[0-9]{2}-Q[1-4]$", description="2025-Q2: default the latest quarter with marks"),
    ] = None,
    format_: Annotated[Literal["json", "csv", "pdf"], Query(alias="format")] = "json",
    lang: Lang = "uz",
) -> Any:
    from service.monitoring_queries import school_name
    from service.monitoring_report import MonitoringError, build_monitoring_report, parse_quarter
    from service.report_files import json_ready, monitoring_csv, monitoring_pdf

    school = _school(context, principal, school_id, "report.monitoring")
    with context.engine.connect() as connection:
        if school_name(connection, school) is None:
            raise HTTPException(404, f"no school has the id {school!r}")
        try:
            report = build_monitoring_report(
                connection, school, parse_quarter(quarter) if quarter else None, lang=lang
            )
        except MonitoringError as error:
            _audited(context, principal, "report.monitoring", school, "no_data")
            raise HTTPException(409, str(error)) from None
    _audited(context, principal, "report.monitoring", school, "ok")
    name = f"monitoring-{_safe(school)}-{report.quarter}"
    if format_ == "csv":
        return _file(monitoring_csv(report).encode("utf-8"), CSV, f"{name}.csv")
    if format_ == "pdf":
        return _file(monitoring_pdf(report), PDF, f"{name}.pdf")
    return MonitoringReportOut.model_validate(json_ready(report.to_json()))


@router.get(
    "/interventions",
    response_model=InterventionReportOut,
    responses={200: {"content": {"text/csv": {}}, "description": "the report"}},
    summary="Did support help: helped pupils against not-helped pupils of similar risk before it",
)
def interventions(
    principal: SchoolReader,
    context: Context,
    school_id: SchoolId = None,
    format_: Annotated[Literal["json", "csv"], Query(alias="format")] = "json",
) -> Any:
    from service.intervention_report import InterventionReportError, build_intervention_report
    from service.report_files import interventions_csv, json_ready

    school = _school(context, principal, school_id, "report.interventions")
    try:
        with context.engine.connect() as connection:
            report = build_intervention_report(connection, school)
    except InterventionReportError as error:
        raise HTTPException(404, str(error)) from None
    _audited(context, principal, "report.interventions", school, "ok")
    if format_ == "csv":
        return _file(interventions_csv(report).encode("utf-8"), CSV, f"interventions-{_safe(school)}.csv")
    document = asdict(report) | {"insufficient_data": report.insufficient_data}
    return InterventionReportOut.model_validate(json_ready(document))


@router.get(
    "/fairness",
    response_model=FairnessReportOut,
    summary="The champion's error rates per group and their ratios to the largest group",
)
def fairness(principal: FairnessReader, context: Context) -> FairnessReportOut:
    from service.model_versions import ModelRequestError, champion_fairness

    try:
        version, report = champion_fairness(context.settings.home)
    except ModelRequestError as error:
        raise HTTPException(error.status, str(error)) from None
    context.audit(
        actor=principal.username,
        role=next(r for r in ("data_scientist", "auditor", "principal") if principal.has(r)),
        action="report.fairness",
        resource=f"model:erta-risk/{version}",
        result="ok",
    )
    return FairnessReportOut(
        model_version=version,
        band=FAIRNESS_BAND,
        groups=report["fairness"],
        problems=report["fairness_problems"],
        warnings=report["fairness_warnings"],
    )


def _file(content: bytes, media_type: str, filename: str) -> Response:
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)
