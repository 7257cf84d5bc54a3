"""`erta score --all --dask ADDR`: the nightly run of `service.scoring_job` on a Dask cluster, by school.

The client decides the schools and the day, and does all the writing; workers only read and compute. Each task
opens the database from its URL, reads one school's records and returns the rows `school_rows` computes; the
client writes each school's rows in its own transaction (`write_school_rows`) as results arrive, so SQLite
works too and a rerun replaces rows exactly as the single-machine run does. Only a couple of tasks per worker
thread are in flight at a time, so the client holds a few schools' rows, not the country's. Imported only
when a cluster is asked for: `erta` starts without loading distributed.
"""

from __future__ import annotations

import asyncio
import hashlib
import pickle
import threading
from collections.abc import Callable, Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from distributed import Client, as_completed
from distributed.comm.core import connect
from sqlalchemy import Engine

from model.alert_policy import TierThresholds
from service.db.engine import make_engine
from service.scoring_job import (
    DEFAULT_THRESHOLDS,
    SchoolScored,
    ScoringError,
    ScoringRun,
    plan_run,
    school_rows,
    write_school_rows,
)

if TYPE_CHECKING:
    from model.risk_model import CalibratedRiskModel

# Long enough for a scheduler across the network, short enough that a typo fails before the operator gives up.
CONNECT_TIMEOUT: Final = "10s"
# One task running on each worker thread and one waiting, so no thread idles while the client writes.
IN_FLIGHT_PER_THREAD: Final = 2


class ClusterError(ScoringError):
    """The Dask scheduler cannot be reached at the address given, or cannot read the database."""


def connect_cluster(address: str, timeout: str | None = None) -> Client:
    """A client of the scheduler at `address`, or a `ClusterError` naming it (before anything is written)."""
    wait = timeout or CONNECT_TIMEOUT
    try:
        asyncio.run(_reach(address, wait))
        return Client(address, timeout=wait, set_as_default=False)
    except (OSError, ValueError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {reason}") from None


async def _reach(address: str, timeout: str) -> None:
    """Open and close one connection first: a `Client` that failed to connect blocks the interpreter's exit
    for twice the timeout while it tries to close itself."""
    comm = await connect(address, timeout=timeout)
    await comm.close()


def score_all_on_cluster(
    client: Client,
    engine: Engine,
    model: CalibratedRiskModel,
    version: str,
    *,
    as_of: date | None = None,
    school_id: str | None = None,
    thresholds: TierThresholds = DEFAULT_THRESHOLDS,
    on_school: Callable[[SchoolScored], None] | None = None,
    today: date | None = None,
) -> ScoringRun:
    """`score_all` with each school's rows computed on the cluster: same rows, same writes, same day."""
    schools, day = plan_run(engine, as_of=as_of, school_id=school_id, today=today)
    url = worker_database_url(engine)
    # Sent to every worker once, not pickled into each of 10,000 tasks.
    shared = client.scatter(model, broadcast=True, hash=False)
    waiting: Iterator[str] = iter(schools)
    # Results are fetched in the background while the client writes the school before.
    results = as_completed(loop=client.loop, with_results=True)

    def submit_next() -> None:
        school = next(waiting, None)
        if school is not None:
            results.add(
                client.submit(_school_rows_task, url, shared, version, school, day, thresholds, pure=False)
            )

    for _ in range(IN_FLIGHT_PER_THREAD * max(1, sum(client.nthreads().values()))):
        submit_next()
    done = []
    for future, (school, rows) in results:
        future.release()
        submit_next()
        with engine.begin() as connection:
            scored = write_school_rows(connection, school, day, version, rows)
        done.append(scored)
        if on_school is not None:
            on_school(scored)
    return ScoringRun(day, version, done)


def worker_database_url(engine: Engine) -> str:
    """The URL a worker opens, password included; a SQLite file made absolute, so a worker started in another
    folder of the same machine reads the same file."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise ClusterError("a Dask cluster cannot read an in-memory SQLite database")
        url = url.set(database=str(Path(url.database).resolve()))
    return url.render_as_string(hide_password=False)


def _school_rows_task(
    url: str,
    model: CalibratedRiskModel,
    version: str,
    school_id: str,
    day: date,
    thresholds: TierThresholds,
) -> tuple[str, list[dict[str, Any]]]:
    """On a worker: one school's rows, from this worker's engine and this worker's explainer tables."""
    prepared = prepared_model(model, version)
    with _worker_engine(url).connect() as connection:
        return school_id, school_rows(connection, prepared, version, school_id, day, thresholds)


_prepared_lock = threading.Lock()
_prepared: dict[tuple[str, str], CalibratedRiskModel] = {}


def prepared_model(model: CalibratedRiskModel, version: str) -> CalibratedRiskModel:
    """The model of `version` with its SHAP tables built, once per worker process: the tables are not
    pickled, and building them (a second or two) in every task would cost more than scoring a school. Only
    the newest model is kept, so a long-lived worker does not collect models. The cache knows a model by
    its content as well as its version name, so two models under one name (two registries) never mix."""
    key = (version, fingerprint(model))
    with _prepared_lock:
        if key not in _prepared:
            model.fast_shap()  # every school through the tables, as on one machine
            _prepared.clear()
            _prepared[key] = model
        return _prepared[key]


def fingerprint(model: CalibratedRiskModel) -> str:
    """A digest of the model as pickled (trees, calibration, feature names; never the SHAP tables)."""
    return hashlib.blake2b(pickle.dumps(model, protocol=5), digest_size=16).hexdigest()


@lru_cache(maxsize=4)
def _worker_engine(url: str) -> Engine:
    """One engine (and connection pool) per database a worker reads, not one per task."""
    return make_engine(url)
