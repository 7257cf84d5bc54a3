"""Retraining started from the API: one background job at a time, its progress readable while it runs.

The jobs live in the memory of one API process, so a restart forgets them all, finished or running; a
retraining cut off by a hard stop leaves an unfinished MLflow run and no new version, and is simply started
again. A graceful stop waits for a running retraining (it is a plain, non-daemon thread), so the registry
is never left half-written. The training itself is `service.jobs.run_training`, exactly as `erta train`.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from privacy.pseudonyms import Pseudonymizer
    from service.jobs import Progress, TrainingConfig, TrainingOutcome

log = logging.getLogger("erta.api")

KEPT_JOBS: Final = 20
# Progress is a share of the whole run: reading and snapshots take the first part, each later stage a step.
SNAPSHOTS_DONE: Final = 0.5
STAGE_STEP: Final = 0.08
LAST_STAGE: Final = 0.95


class JobBusyError(RuntimeError):
    """A retraining is running already; `job_id` names it."""

    def __init__(self, job_id: str) -> None:
        super().__init__(f"a retraining is running already (job {job_id}); wait for it to finish")
        self.job_id = job_id


@dataclass(frozen=True)
class RetrainJob:
    """What a caller sees of one job; `progress` runs from 0 to 1, `step` says what it is doing."""

    job_id: str
    requested_by: str
    created_at: datetime
    status: str = "queued"  # queued → running → done | failed
    progress: float = 0.0
    step: str = "waiting to start"
    started_at: datetime | None = None
    finished_at: datetime | None = None
    version: str | None = None
    promoted: bool | None = None
    gates_passed: bool | None = None
    failed_gates: tuple[str, ...] = field(default_factory=tuple)
    error: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")


Train = Callable[["Progress"], "TrainingOutcome"]


class RetrainJobs:
    """The jobs of one API process, newest last; at most one queued or running at a time."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, RetrainJob] = {}

    def get(self, job_id: str) -> RetrainJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def recent(self) -> list[RetrainJob]:
        """The jobs this process remembers, newest first."""
        with self._lock:
            return list(reversed(self._jobs.values()))

    def running(self) -> RetrainJob | None:
        with self._lock:
            return next((job for job in self._jobs.values() if not job.finished), None)

    def start(
        self, requested_by: str, train: Train, on_finish: Callable[[RetrainJob], None] = lambda _: None
    ) -> RetrainJob:
        """Queue `train` on a new thread; JobBusyError while another job is unfinished."""
        with self._lock:
            busy = next((job for job in self._jobs.values() if not job.finished), None)
            if busy is not None:
                raise JobBusyError(busy.job_id)
            job = RetrainJob(uuid.uuid4().hex, requested_by, datetime.now(UTC))
            self._jobs[job.job_id] = job
            for old in [j for j in self._jobs.values() if j.finished][: max(0, len(self._jobs) - KEPT_JOBS)]:
                del self._jobs[old.job_id]
        worker = threading.Thread(
            target=self._run, args=(job.job_id, train, on_finish), name=f"erta-retrain-{job.job_id[:8]}"
        )
        worker.start()
        return job

    def _update(self, job_id: str, **changes: object) -> RetrainJob:
        with self._lock:
            job = replace(self._jobs[job_id], **changes)  # type: ignore[arg-type]
            self._jobs[job_id] = job
            return job

    def _run(self, job_id: str, train: Train, on_finish: Callable[[RetrainJob], None]) -> None:
        self._update(job_id, status="running", started_at=datetime.now(UTC), step="starting")
        progress = _Tracker(lambda share, step: self._update(job_id, progress=share, step=step))
        try:
            outcome = train(progress.as_progress())
        except Exception as error:  # the job reports every failure; the API process carries on
            log.error("retraining job %s failed: %s", job_id, type(error).__name__)
            changes: dict[str, object] = {"status": "failed", "step": "failed", "error": _said(error)}
        else:
            changes = {
                "status": "done",
                "progress": 1.0,
                "step": "done",
                "version": outcome.version,
                "promoted": outcome.promoted,
                "gates_passed": outcome.decision.passed,
                "failed_gates": tuple(check.name for check in outcome.decision.checks if not check.passed),
            }
        with self._lock:
            finished = replace(self._jobs[job_id], finished_at=datetime.now(UTC), **changes)  # type: ignore[arg-type]
        # Told before it shows as finished, so that "done" means the API serves the new champion already.
        try:
            on_finish(finished)
        except Exception as error:
            log.error("after retraining job %s: %s", job_id, type(error).__name__)
        with self._lock:
            self._jobs[job_id] = finished


class _Tracker:
    """Turns training's stage and snapshot callbacks into one rising share of the work done."""

    def __init__(self, report: Callable[[float, str], object]) -> None:
        self._report = report
        self._share = 0.0
        self._snapshots_done = False

    def as_progress(self) -> Progress:
        from service.jobs import Progress

        return Progress(stage=self.stage, snapshots=self.snapshots)

    def stage(self, name: str) -> None:
        if self._snapshots_done:
            self._share = min(LAST_STAGE, self._share + STAGE_STEP)
        self._report(self._share, name)

    def snapshots(self, done: int, total: int) -> None:
        self._share = max(self._share, SNAPSHOTS_DONE * done / total if total else SNAPSHOTS_DONE)
        self._snapshots_done = done >= total
        self._report(self._share, f"build snapshots ({done} of {total} dates)")


def _said(error: Exception) -> str:
    """What a failed job tells its caller: our own errors in their words, anything else by kind only
    (an unexpected message may quote the data it choked on)."""
    from service.jobs import PersonalDataInArtifactError, RegistryError

    if isinstance(error, PersonalDataInArtifactError):
        return "an artifact of the run would hold personal data, so the run was not logged"
    if isinstance(error, RegistryError | ValueError):
        return str(error)[:500]
    return f"retraining failed ({type(error).__name__}); see the API log"


def retraining(
    engine: Engine, pseudonymizer: Pseudonymizer, home: Path, config: TrainingConfig, actor: str
) -> Train:
    """The training a job runs: `erta train` over the database, its new version through the gates."""

    def train(progress: Progress) -> TrainingOutcome:
        from service.jobs import run_training

        with engine.connect() as connection:
            return run_training(connection, pseudonymizer, home, config, actor=actor, progress=progress)

    return train
