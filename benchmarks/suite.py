"""`make bench`: every benchmark program at suite sizes, one after another, into one JSON and one table.

Each program runs as its own process (so one crash, or one program's memory, cannot spoil the next) and
writes its JSON to a scratch file the suite reads back; its output goes to a folder beside the suite's JSON
(`suite-logs/` for `suite.json`). A step that fails is recorded with its error and the suite goes on; the
exit code says whether any failed.
Run: `python -m benchmarks.suite [--json PATH] [--table PATH] [--quick]`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.suite_report import (
    StepResult,
    load_average,
    machine,
    markdown_table,
    suite_document,
    write_json,
    write_table,
)
from benchmarks.suite_steps import STEPS, Step

ROOT = Path(__file__).resolve().parents[1]
STEP_TIMEOUT_S = 600


class StepFailedError(Exception):
    """A program exited with an error or ran past its time."""


def clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes:02d}:{rest:02d}"


def run_program(step: Step, quick: bool, out: Path, log: Path) -> None:
    """The program in its own process group, so a timeout also ends the server `api_latency` starts."""
    argv = [sys.executable, "-m", f"benchmarks.{step.module}", *step.args(quick), "--json", str(out)]
    with log.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(
            argv, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            code = process.wait(timeout=STEP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise StepFailedError(f"timed out after {STEP_TIMEOUT_S} s") from None
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    if code != 0:
        tail = [
            line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()
        ]
        raise StepFailedError(f"exit code {code}; last output:\n" + "\n".join(tail[-15:]))


def run_step(step: Step, quick: bool, logs: Path) -> StepResult:
    command = step.command(quick)
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="erta-bench-") as scratch:
            out = Path(scratch) / "result.json"
            run_program(step, quick, out, logs / f"{step.name}.log")
            result = json.loads(out.read_text(encoding="utf-8"))
        figures = step.figures(result)
    except Exception as error:  # recorded, and the suite goes on to the next program
        message = str(error) if isinstance(error, StepFailedError) else f"{type(error).__name__}: {error}"
        return StepResult(step.name, step.title, command, time.perf_counter() - started, error=message)
    return StepResult(step.name, step.title, command, time.perf_counter() - started, figures, result=result)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="default: benchmarks/results/suite.json")
    parser.add_argument(
        "--table",
        type=Path,
        help="Markdown file whose bench markers get the table (default: docs/PERFORMANCE.md)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="tiny sizes: checks the programs run, figures mean little"
    )
    args = parser.parse_args(argv)
    # Quick figures must not replace the real ones, in the docs or in the JSON, unless asked to.
    json_path = args.json or Path(f"benchmarks/results/suite{'-quick' if args.quick else ''}.json")
    table = args.table or Path("benchmarks/results/suite-quick.md" if args.quick else "docs/PERFORMANCE.md")
    logs = json_path.with_name(f"{json_path.stem}-logs")
    logs.mkdir(parents=True, exist_ok=True)
    host = machine()
    print(
        f"{host['cores']} cores ({host['cpu']}), {host['ram_gib']} GiB; output of each step in {logs}/",
        flush=True,
    )
    started = time.perf_counter()
    results = []
    for number, step in enumerate(STEPS, start=1):
        elapsed = clock(time.perf_counter() - started)
        print(f"[{number}/{len(STEPS)}] {elapsed} {step.title}: {step.command(args.quick)}", flush=True)
        result = run_step(step, args.quick, logs)
        outcome = "ok" if result.ok else "FAILED: " + (result.error or "").splitlines()[-1]
        print(f"      {clock(time.perf_counter() - started)} {outcome} ({result.seconds:.0f} s)", flush=True)
        results.append(result)
    host["load_average_at_end"] = load_average()
    document = suite_document(results, host, time.perf_counter() - started, args.quick)
    write_json(document, json_path)
    write_table(markdown_table(document, results, str(json_path)), table)
    failed = document["failed"]
    print(
        f"done in {clock(document['wall_seconds'])}; {json_path} and {table} written"
        + (f"; failed: {', '.join(failed)}" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
