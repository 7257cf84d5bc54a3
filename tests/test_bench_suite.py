"""`make bench`'s output on a made-up result set: the JSON, the table, and the docs around the markers.

The benchmarks themselves are programs, not timed tests; only what the suite writes is checked here.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.suite import run_step
from benchmarks.suite_report import (
    END,
    START,
    Figure,
    StepResult,
    markdown_table,
    replace_between_markers,
    suite_document,
    write_json,
    write_table,
)
from benchmarks.suite_steps import Step

HOST = {
    "cores": 2,
    "ram_gib": 23.5,
    "cpu": "AMD EPYC",
    "load_average_at_start": 1.0,
    "load_average_at_end": 4.2,
}
INGEST = "python -m benchmarks.ingest_marks --pupils 1500"


def fake_steps() -> list[StepResult]:
    ingest = StepResult(
        "ingest",
        "ingest marks",
        INGEST,
        41.0,
        [
            Figure(
                "ingest 350,000 mark rows into SQLite",
                53_711,
                "rows/s",
                detail="6.5 s",
                peer="plain `executemany`: 37,576 rows/s",
                peer_value=37_576,
                ratio=53_711 / 37_576,
            ),
            Figure("build features of 20,000 pupils", 7_040, "pupils/s"),
        ],
        result={"mark_rows": 350_000},
    )
    error = "exit code 1; last output:\nTraceback (most recent call last):\nRuntimeError: server | not ready"
    api = StepResult("api", "API latency", "python -m benchmarks.api_latency --seconds 10", 12.0, error=error)
    return [ingest, api]


def test_json_holds_every_figure_its_peer_ratio_and_command_and_the_failed_step(tmp_path: Path) -> None:
    path = tmp_path / "results" / "suite.json"
    write_json(suite_document(fake_steps(), HOST, 600.4, quick=False), path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["machine"] == HOST
    assert document["failed"] == ["api"]
    ingest, api = document["steps"]
    assert ingest["status"] == "ok"
    assert ingest["figures"][0]["peer_value"] == 37_576
    assert ingest["figures"][0]["ratio"] == 1.429
    assert ingest["figures"][0]["command"] == INGEST
    assert ingest["result"] == {"mark_rows": 350_000}
    assert api["status"] == "failed"
    assert "RuntimeError" in api["error"]
    assert api["figures"] == []


def test_table_shows_figures_beside_peers_and_the_failure() -> None:
    steps = fake_steps()
    table = markdown_table(suite_document(steps, HOST, 605.0, quick=False), steps, "suite.json")
    assert (
        "in 10 min 05 s on 2 cores (AMD EPYC), 23.5 GiB, 1-minute load average 1.0 at the start and 4.2"
        in table
    )
    assert "| what | figure | peer in the same run | ratio | command |" in table
    assert (
        "| ingest 350,000 mark rows into SQLite | **53,711 rows/s** (6.5 s) "
        f"| plain `executemany`: 37,576 rows/s | 1.43× | `{INGEST}` |"
    ) in table
    assert f"| build features of 20,000 pupils | **7,040 pupils/s** | — | — | `{INGEST}` |" in table
    failed = next(line for line in table.splitlines() if line.startswith("| API latency"))
    assert "**failed**: RuntimeError: server \\| not ready" in failed


def test_marker_replacement_leaves_the_rest_of_the_file_intact(tmp_path: Path) -> None:
    before = "# Performance\n\n## Ingestion\n\nSlow | fast.\n\n## `make bench`\n\n"
    after = "\n\nA closing note.\n"
    docs = tmp_path / "PERFORMANCE.md"
    docs.write_text(f"{before}{START}\nold table\n{END}{after}", encoding="utf-8")
    write_table("new table", docs)
    assert docs.read_text(encoding="utf-8") == f"{before}{START}\nnew table\n{END}{after}"
    write_table("newer table", docs)
    assert docs.read_text(encoding="utf-8") == f"{before}{START}\nnewer table\n{END}{after}"


def test_a_file_without_markers_gets_the_block_appended() -> None:
    text = "# Notes\n\nNothing measured yet.\n"
    assert replace_between_markers(text, "table") == f"{text}\n{START}\ntable\n{END}\n"


def test_a_program_that_fails_is_recorded_with_its_error(tmp_path: Path) -> None:
    missing = Step("missing", "a missing program", "no_such_program", (), (), lambda result: [])
    result = run_step(missing, quick=False, logs=tmp_path)
    assert not result.ok
    assert result.error is not None
    assert "No module named benchmarks.no_such_program" in result.error
    assert result.command == "python -m benchmarks.no_such_program"
