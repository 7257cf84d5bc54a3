"""Ingestion speed: `erta ingest` on about a million mark rows, beside a plain executemany insert.

Both load the same rows into a freshly migrated database, so the ratio holds on a noisy machine.
Run: `python -m benchmarks.ingest_marks [--pupils 4300] [--json PATH]` (PostgreSQL from
ERTA_TEST_POSTGRES_URL, default the local server).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import psycopg
from sqlalchemy import Engine, insert
from sqlalchemy.engine import make_url

from service.db.engine import make_engine
from service.db.migrate import upgrade
from service.db.models import Mark
from service.ingest import ingest_bundle
from service.synthetic import generate_bundle

ADMIN_URL = os.environ.get("ERTA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def fresh_postgres() -> tuple[Engine, str]:
    name = f"erta_bench_{uuid.uuid4().hex[:8]}"
    admin = make_url(ADMIN_URL).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    engine = make_engine(make_url(ADMIN_URL).set(database=name).render_as_string(False))
    upgrade(engine)
    return engine, name


def drop_postgres(name: str) -> None:
    admin = make_url(ADMIN_URL).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fresh_sqlite(folder: Path) -> Engine:
    engine = make_engine(f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.db'}")
    upgrade(engine)
    return engine


def load_roster_only(bundle: Path, engine: Engine, roster: Path) -> None:
    """Everything but the marks, so both contenders start from the same database."""
    roster.mkdir(exist_ok=True)
    for name in ("schools.csv", "staff.csv", "classes.csv", "pupils.csv"):
        (roster / name).write_bytes((bundle / name).read_bytes())
    ingest_bundle(roster, engine)


def time_erta_ingest(bundle: Path, engine: Engine, marks_only: Path) -> float:
    marks_only.mkdir(exist_ok=True)
    (marks_only / "grades.csv").write_bytes((bundle / "grades.csv").read_bytes())
    started = time.perf_counter()
    report = ingest_bundle(marks_only, engine)
    elapsed = time.perf_counter() - started
    assert report.ok, report.problems[:5]
    return elapsed


def time_executemany(bundle: Path, engine: Engine) -> float:
    """The naive peer: parse with csv, insert with executemany in 50k batches, no validation."""
    started = time.perf_counter()
    with (bundle / "grades.csv").open(encoding="utf-8", newline="") as handle, engine.begin() as connection:
        reader = csv.DictReader(handle)
        batch: list[dict[str, object]] = []
        for row in reader:
            batch.append({**row, "date": date.fromisoformat(row["date"]), "mark": int(row["mark"])})
            if len(batch) == 50_000:
                connection.execute(insert(Mark), batch)
                batch = []
        if batch:
            connection.execute(insert(Mark), batch)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pupils", type=int, default=4300)  # about a million marks
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/ingest_marks.json"))
    args = parser.parse_args()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        bundle = folder / "bundle"
        generate_bundle(bundle, seed=1, pupils=args.pupils)
        with (bundle / "grades.csv").open(encoding="utf-8") as handle:
            rows = sum(1 for _ in handle) - 1
        results["mark_rows"] = rows
        for database in ("postgresql", "sqlite"):
            timings = {}
            for contender in ("erta_ingest", "executemany"):
                if database == "postgresql":
                    engine, name = fresh_postgres()
                else:
                    engine, name = fresh_sqlite(folder), ""
                load_roster_only(bundle, engine, folder / f"roster-{uuid.uuid4().hex[:6]}")
                if contender == "erta_ingest":
                    timings[contender] = time_erta_ingest(
                        bundle, engine, folder / f"m-{uuid.uuid4().hex[:6]}"
                    )
                else:
                    timings[contender] = time_executemany(bundle, engine)
                engine.dispose()
                if name:
                    drop_postgres(name)
            results[database] = {
                **{f"{k}_seconds": round(v, 2) for k, v in timings.items()},
                **{f"{k}_rows_per_second": round(rows / v) for k, v in timings.items()},
                "speedup": round(timings["executemany"] / timings["erta_ingest"], 2),
            }
            print(
                f"{database:>10}: {rows:,} mark rows — erta ingest {timings['erta_ingest']:.1f} s "
                f"({rows / timings['erta_ingest']:,.0f} rows/s), executemany {timings['executemany']:.1f} s "
                f"({rows / timings['executemany']:,.0f} rows/s)"
            )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
