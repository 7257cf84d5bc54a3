"""Data coming in over the API: a bundle or OneRoster export uploaded whole, or records pushed one by one
by an e-diary or LMS with their idempotency keys. Both load by the bundle's rules (docs/BUNDLE.md): every
valid row loads, each bad one is reported by file and line (or record), and nothing is loaded twice."""

from __future__ import annotations

import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, HTTPException, Query, UploadFile

from service.api.context import ApiContext, api_context
from service.api.schemas import FileCounts, IngestOut, PushOut, PushRequest, RecordProblemOut
from service.api.security import require
from service.auth.principal import Principal

router = APIRouter(prefix="/ingest", tags=["ingest"])
Context = Annotated[ApiContext, Depends(api_context)]
Admin = Annotated[Principal, Depends(require("admin"))]
SHOWN_PROBLEMS = 200


@router.post(
    "/bundle", response_model=IngestOut, summary="Upload a bundle or a OneRoster 1.2 export and load it"
)
def upload_bundle(
    principal: Admin,
    context: Context,
    files: Annotated[list[UploadFile], File(description="the CSV files, or one .zip holding them")],
    source: Annotated[
        Literal["bundle", "oneroster"], Query(alias="format", description="what the files are")
    ] = "bundle",
) -> IngestOut:
    from service.ingest import ingest_bundle, ingest_oneroster
    from service.ingest.bundle_loader import BundleNotFoundError
    from service.ingest.upload import UploadError, unpack

    with tempfile.TemporaryDirectory(prefix="erta-upload-") as scratch:
        folder = FilePath(scratch)
        try:
            unpacked = unpack(
                ((upload.filename or "", upload.file) for upload in files),
                folder,
                context.settings.api_max_body_bytes * 10,
            )
            load = ingest_oneroster if source == "oneroster" else ingest_bundle
            report = load(folder, context.engine)
        except (UploadError, BundleNotFoundError) as error:
            raise HTTPException(400, str(error).replace(scratch, "upload")) from None
    context.features.clear()  # new marks must show in the next explanation, not in five minutes
    context.audit(
        actor=principal.username,
        role="admin",
        action=f"ingest.{source}",
        resource=f"rows:{sum(counts['read'] for counts in report.counts().values())}",
        result="ok" if report.ok else "partial",
    )
    problems = [f"{FilePath(p.path).name}:{p.line}: {p.reason}" for p in report.problems]
    return IngestOut(
        format=source,
        files={name: FileCounts(**counts) for name, counts in report.counts().items()},
        rejected=report.rejected,
        problems=problems[:SHOWN_PROBLEMS],
        problems_total=len(problems),
        ignored=unpacked.ignored,
    )


@router.post(
    "/records",
    response_model=PushOut,
    summary="Push marks, attendance and LMS events one by one, each under its idempotency key",
)
def push(body: PushRequest, principal: Admin, context: Context) -> PushOut:
    from service.ingest.push import PushedRecord, push_records

    records = [
        PushedRecord(record.type, record.key, record.model_dump(exclude={"type", "key"}))
        for record in body.records
    ]
    outcome = push_records(context.engine, f"user:{principal.user_id}", records)
    if outcome.loaded:
        context.features.clear()
    context.audit(
        actor=principal.username,
        role="admin",
        action="ingest.push",
        resource=f"records:{outcome.received}",
        result="ok" if not outcome.rejected else "partial",
    )
    return PushOut(
        received=outcome.received,
        loaded=outcome.loaded,
        duplicates=outcome.duplicates,
        rejected=[RecordProblemOut(index=p.index, key=p.key, reason=p.reason) for p in outcome.rejected],
    )
