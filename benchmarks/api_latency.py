"""Latency of scoring and explaining one pupil over the API, loaded from another process on 127.0.0.1.

Builds (or reuses, `--home`) a district with a champion model, starts `erta serve` as its own process, signs
in as the school's principal and asks for random pupils' explanations (`GET /pupils/{id}/explanation` with
a stated purpose: scope check, scoring, exact SHAP, drivers in words, the hint, recommendations and one
audit entry each). Four phases:
- warm-up: one pupil of every class, in turn (each class's features are built once, then cached);
- open loop at `--rate` requests/s for `--seconds`: requests leave on schedule whether or not earlier ones
  have returned, so queueing shows in the latency (the goal: p99 ≤ 50 ms at 100 requests/s);
- closed loop with `--workers` concurrent clients: the most requests/s one server process sustains;
- batch endpoint: one caller posting `--batch` random pupils to `POST /scores` back to back (pupils/s).
Run: `python -m benchmarks.api_latency [--pupils 2000] [--rate 100] [--seconds 30] [--batch 500]
[--json PATH]`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import queue
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import numpy as np

PASSWORD = "benchmark password"
PURPOSE = "benchmark of the explanation endpoint"


def prepare(home: Path, pupils: int) -> None:
    """A trained district under `home` with a principal user, unless one is there already."""
    from mlflow import MlflowClient
    from sqlalchemy import select

    from model.risk_model import BoosterParams
    from service.audit_trail import AuditTrail
    from service.auth.users import add_user
    from service.db.engine import make_engine
    from service.db.migrate import upgrade
    from service.db.models import School
    from service.ingest import ingest_bundle
    from service.jobs import TrainingConfig, promote, run_training
    from service.secrets import audit_key, pseudonymizer
    from service.settings import Settings
    from service.synthetic import generate_bundle

    settings = Settings(home=home)
    if (home / "erta.db").exists():
        upgrade(make_engine(settings.resolved_database_url))  # a district kept from an older schema
        return
    bundle = home / "bundle"
    print(f"generating and training a district of {pupils:,} pupils…", flush=True)
    generate_bundle(bundle, seed=3, pupils=pupils, academic_years=(2024, 2025), on_school_done=lambda _: None)
    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    ingest_bundle(bundle, engine)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with engine.connect() as connection:
            outcome = run_training(
                connection, pseudonymizer(settings), home, TrainingConfig(booster=BoosterParams())
            )
        if not outcome.promoted:
            promote(MlflowClient(), outcome.version, "benchmark", "the benchmark needs a champion")
    with engine.connect() as connection:
        school = connection.scalar(select(School.school_id).order_by(School.school_id))
    trail = AuditTrail(engine, audit_key(settings))
    add_user(engine, "principal", PASSWORD, ["principal"], school_id=school, trail=trail, actor="benchmark")
    engine.dispose()


def pupils_by_class(home: Path) -> dict[str, list[str]]:
    from sqlalchemy import select

    from service.db.engine import make_engine
    from service.db.models import Pupil, School, SchoolClass

    engine = make_engine(f"sqlite:///{home / 'erta.db'}")
    with engine.connect() as connection:
        school = connection.scalar(select(School.school_id).order_by(School.school_id))
        rows = connection.execute(
            select(Pupil.class_id, Pupil.pupil_id)
            .join(SchoolClass)
            .where(SchoolClass.school_id == school, Pupil.consent != "revoked")
        ).all()
    engine.dispose()
    classes: dict[str, list[str]] = {}
    for class_id, pupil_id in rows:
        classes.setdefault(class_id, []).append(pupil_id)
    return classes


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(home: Path, port: int) -> subprocess.Popen[bytes]:
    """`erta serve` in its own process; its output goes to `home/serve.log`."""
    env = os.environ | {"ERTA_HOME": str(home), "ERTA_API_REQUESTS_PER_MINUTE": "1000000"}
    env["ERTA_API_REQUEST_BURST"] = "1000000"
    log = (home / "serve.log").open("ab")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("erta")), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/ready", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not become ready within two minutes")


def summary(latencies: list[float], seconds: float, errors: int) -> dict[str, Any]:
    ms = np.array(latencies) * 1000
    return {
        "requests": len(latencies),
        "errors": errors,
        "requests_per_s": round(len(latencies) / seconds, 1),
        "p50_ms": round(float(np.percentile(ms, 50)), 1) if len(ms) else None,
        "p99_ms": round(float(np.percentile(ms, 99)), 1) if len(ms) else None,
        "max_ms": round(float(ms.max()), 1) if len(ms) else None,
    }


class Client:
    """Keep-alive connections made before any measurement: opening one (and building httpx's client,
    TLS context included) costs the load generator more than the server spends on a request, and 64 of
    them opened in the first second of the open loop would show up as the server's latency."""

    def __init__(self, base: str, token: str, connections: int = 64) -> None:
        self.sessions: queue.SimpleQueue[httpx.Client] = queue.SimpleQueue()
        for _ in range(connections):
            session = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30)
            session.get("/health")
            self.sessions.put(session)

    def explain(self, pupil: str) -> tuple[float, bool]:
        session = self.sessions.get()
        try:
            started = time.perf_counter()
            response = session.get(f"/pupils/{pupil}/explanation", params={"purpose": PURPOSE})
            return time.perf_counter() - started, response.status_code == 200
        finally:
            self.sessions.put(session)

    def score(self, pupils: list[str]) -> tuple[float, int]:
        """POST /scores for a list of pupils: seconds taken and pupils answered."""
        session = self.sessions.get()
        try:
            started = time.perf_counter()
            response = session.post("/scores", json={"pupil_ids": pupils, "purpose": PURPOSE})
            answered = len(response.json()["scores"]) if response.status_code == 200 else 0
            return time.perf_counter() - started, answered
        finally:
            self.sessions.put(session)


def batch_scoring(client: Client, pupils: list[str], batch: int, seconds: float) -> dict[str, Any]:
    """One caller sending batches of `batch` random pupils back to back: pupils scored and explained a
    second, each pupil audited, with the classes' features already cached (as for a console's lists)."""
    answered = requests = 0
    took: list[float] = []
    stop = time.perf_counter() + seconds
    started = time.perf_counter()
    while time.perf_counter() < stop:
        elapsed, count = client.score(random.sample(pupils, min(batch, len(pupils))))
        took.append(elapsed)
        answered += count
        requests += 1
    wall = time.perf_counter() - started
    return {
        "batch": batch,
        "requests": requests,
        "pupils_per_s": round(answered / wall, 1),
        "p50_ms": round(float(np.percentile(np.array(took) * 1000, 50)), 1),
    }


def open_loop(client: Client, pupils: list[str], rate: float, seconds: float) -> dict[str, Any]:
    total = int(rate * seconds)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    started = time.perf_counter()

    def fire(index: int) -> None:
        nonlocal errors
        delay = started + index / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        scheduled = started + index / rate
        took, ok = client.explain(random.choice(pupils))
        # Latency counts from when the request was due, so a late start (queueing) is counted too.
        with lock:
            latencies.append(time.perf_counter() - scheduled if ok else took)
            errors += not ok

    with ThreadPoolExecutor(max_workers=64) as pool:
        list(pool.map(fire, range(total)))
    return summary(latencies, time.perf_counter() - started, errors)


def closed_loop(client: Client, pupils: list[str], workers: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def work() -> None:
        nonlocal errors
        while time.perf_counter() < stop:
            took, ok = client.explain(random.choice(pupils))
            with lock:
                latencies.append(took)
                errors += not ok

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return summary(latencies, time.perf_counter() - started, errors)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=2_000)
    parser.add_argument("--home", type=Path, help="reuse (or keep) the district here")
    parser.add_argument("--rate", type=float, default=100.0)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--batch", type=int, default=500, help="pupils per POST /scores request")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/api_latency.json"))
    args = parser.parse_args()
    random.seed(0)
    with tempfile.TemporaryDirectory() as scratch:
        home = args.home or Path(scratch) / "home"
        home.mkdir(parents=True, exist_ok=True)
        prepare(home, args.pupils)
        classes = pupils_by_class(home)
        everyone = [p for members in classes.values() for p in members]
        port = free_port()
        server = serve(home, port)
        try:
            base = f"http://127.0.0.1:{port}"
            signed = httpx.post(f"{base}/auth/token", data={"username": "principal", "password": PASSWORD})
            client = Client(base, signed.json()["access_token"])
            # The district's preparation left a large heap here; a full collection in this process would
            # hold requests back and be counted as the server's latency.
            gc.collect()
            gc.freeze()
            warm = [client.explain(members[0]) for members in classes.values()]
            warm_up = summary([t for t, _ in warm], sum(t for t, _ in warm), sum(not ok for _, ok in warm))
            print(
                f"warm-up, one pupil of each of {len(classes)} classes (features built): {warm_up}",
                flush=True,
            )
            steady = open_loop(client, everyone, args.rate, args.seconds)
            print(f"open loop at {args.rate:g} requests/s for {args.seconds:g} s: {steady}", flush=True)
            most = closed_loop(client, everyone, args.workers, min(args.seconds, 20.0))
            print(f"closed loop, {args.workers} clients: {most}", flush=True)
            batches = batch_scoring(client, everyone, args.batch, min(args.seconds, 10.0))
            print(f"POST /scores, {args.batch} pupils a request: {batches}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    result = {
        "pupils_in_school": len(everyone),
        "classes": len(classes),
        "warm_up": warm_up,
        "open_loop": steady | {"rate": args.rate, "seconds": args.seconds},
        "closed_loop": most | {"workers": args.workers},
        "batch_endpoint": batches,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
