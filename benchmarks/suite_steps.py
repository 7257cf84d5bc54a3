"""The programs `make bench` runs, at what sizes, and how each program's JSON becomes figures beside peers.

Sizes are chosen so the whole suite takes about ten minutes on a 2-core machine; `--quick` sizes only check
that every program still runs. Each extractor raises if the program's result cannot be trusted (SHAP values
that disagree, requests that failed), which marks the step failed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks.suite_report import Figure

SHAP_TOLERANCE = 1e-5
# The last runs at full size (docs/PERFORMANCE.md, "Training"): too long and too large (8.3 GB) for the suite.
FULL_TRAIN = {"seconds": 174, "snapshots": 1_100_000}
FULL_SNAPSHOTS = {"seconds": 125, "snapshots": 1_600_000}


@dataclass(frozen=True)
class Step:
    """One benchmark program run as `python -m benchmarks.<module> <args> --json PATH`."""

    name: str
    title: str
    module: str
    full: tuple[str, ...]
    quick: tuple[str, ...]
    figures: Callable[[dict[str, Any]], list[Figure]]

    def args(self, quick: bool) -> tuple[str, ...]:
        return self.quick if quick else self.full

    def command(self, quick: bool) -> str:
        return " ".join(("python -m", f"benchmarks.{self.module}", *self.args(quick)))


def ingestion(result: dict[str, Any]) -> list[Figure]:
    rows = result["mark_rows"]
    figures = []
    for database, label in (("postgresql", "PostgreSQL (validate, COPY, upsert)"), ("sqlite", "SQLite")):
        timed = result[database]
        ours, peer = timed["erta_ingest_rows_per_second"], timed["executemany_rows_per_second"]
        figures.append(
            Figure(
                what=f"ingest {rows:,} mark rows into {label}",
                value=ours,
                unit="rows/s",
                detail=f"{timed['erta_ingest_seconds']} s",
                peer=f"plain `executemany`, no validation: {peer:,} rows/s "
                f"({timed['executemany_seconds']} s)",
                peer_value=peer,
                ratio=ours / peer,
            )
        )
    return figures


def feature_building(result: dict[str, Any]) -> list[Figure]:
    return [
        Figure(
            what=f"build features of {result['pupils']:,} pupils at one as-of date "
            f"({result['mark_rows_known']:,} marks known)",
            value=result["pupils_per_s"],
            unit="pupils/s",
            detail=f"{result['mark_rows_per_s']:,} mark rows/s; median of {len(result['seconds'])} runs, "
            f"{result['median_seconds']} s",
        )
    ]


def training(result: dict[str, Any]) -> list[Figure]:
    fitted = result["train_rows"] + result["validation_rows"]
    train_s = result["stages"]["train + evaluate"]["seconds"]
    build_s = result["stages"]["build snapshots"]["seconds"]
    return [
        Figure(
            what=f"train + evaluate on {fitted:,} pupil-snapshots ({result['pupils']:,} pupils, two years)",
            value=train_s,
            unit="s",
            detail=f"XGBoost with {result['best_iteration'] + 1} trees, the logistic baseline, metrics and "
            f"fairness bootstraps; peak RSS {result['peak_rss_mib']:,} MiB",
        ),
        Figure(
            what="train + evaluate, **extrapolated** to 1,000,000 pupil-snapshots (linear in rows from the "
            "row above; not measured)",
            value=round(train_s * 1_000_000 / fitted),
            unit="s",
            peer=f"last full run (docs, not this run): {FULL_TRAIN['seconds']} s on "
            f"{FULL_TRAIN['snapshots']:,}",
        ),
        Figure(
            what=f"build those {result['snapshots']:,} as-of snapshots (features and labels)",
            value=build_s,
            unit="s",
            detail=f"{result['snapshots'] / build_s:,.0f} snapshots/s",
            peer=f"last full run (docs, not this run): {FULL_SNAPSHOTS['seconds']} s for "
            f"{FULL_SNAPSHOTS['snapshots']:,}",
        ),
    ]


def explanation(result: dict[str, Any]) -> list[Figure]:
    model = result["capacities"][0]
    difference = model["max_abs_difference_from_shap"]
    if difference > SHAP_TOLERANCE:
        raise ValueError(f"Erta's SHAP values differ from shap.TreeExplainer's by {difference:.1e} (> 1e-5)")
    ours, shap, score = (
        model["explain_pupils_per_s"],
        model["shap_tree_explainer_pupils_per_s"],
        model["score_pupils_per_s"],
    )
    return [
        Figure(
            what=f"explain {model['explained_rows']:,} pupils with Erta's exact SHAP "
            f"(depth {model['max_depth']}, {model['trees_used']} trees)",
            value=ours,
            unit="pupils/s",
            detail=f"largest difference from `shap.TreeExplainer` {difference:.1e}, within 1e-5; "
            f"XGBoost `pred_contribs` {model['xgboost_pred_contribs_pupils_per_s']:,} pupils/s",
            peer=f"`shap.TreeExplainer` on the first {model['shap_sample_rows']:,} of them: "
            f"{shap:,} pupils/s",
            peer_value=shap,
            ratio=ours / shap,
        ),
        Figure(
            what="score the same pupils (XGBoost, two threads)",
            value=score,
            unit="pupils/s",
            peer=f"Erta's exact explanation: {ours:,} pupils/s",
            peer_value=ours,
            ratio=score / ours,
            ratio_reads="(an explanation costs this many scorings)",
        ),
    ]


def anonymisation(result: dict[str, Any]) -> list[Figure]:
    ours = result["erta_presidio"]["notes_per_s"]
    regex = result["regex_with_roster_alternation"]["notes_per_s"]
    return [
        Figure(
            what=f"mask {round(result['mean_words_per_note'])}-word notes with a roster of "
            f"{result['roster_people']:,} people (Presidio, 8 recognizers, one core)",
            value=ours,
            unit="notes/s",
            detail=f"analyzer built in {result['erta_presidio']['build_s']} s from "
            f"{result['distinct_name_spellings']:,} name spellings; identifiers and given names only, "
            f"no roster: {result['regex_identifiers_and_given_names']['notes_per_s']:,} notes/s",
            peer=f"one compiled regex, roster as an alternation: {regex:,} notes/s",
            peer_value=regex,
            ratio=ours / regex,
        )
    ]


def api(result: dict[str, Any]) -> list[Figure]:
    steady, most, batch = result["open_loop"], result["closed_loop"], result["batch_endpoint"]
    for phase in (steady, most):
        if phase["errors"] > 0.01 * phase["requests"]:
            raise ValueError(f"{phase['errors']} of {phase['requests']} requests failed")
    return [
        Figure(
            what=f"API: score and explain one pupil, open loop at {steady['rate']:g} requests/s for "
            f"{steady['seconds']:g} s, from a second process",
            value=steady["p99_ms"],
            unit="ms p99",
            detail=f"p50 {steady['p50_ms']} ms, max {steady['max_ms']} ms, {steady['errors']} errors; "
            "goal p99 ≤ 50 ms",
        ),
        Figure(
            what=f"API: most requests/s of one server process ({most['workers']} clients back to back)",
            value=most["requests_per_s"],
            unit="requests/s",
            detail=f"p50 {most['p50_ms']} ms, p99 {most['p99_ms']} ms, {most['errors']} errors",
        ),
        Figure(
            what=f"API: `POST /scores`, {batch['batch']} pupils a request",
            value=batch["pupils_per_s"],
            unit="pupils/s",
            detail=f"p50 {batch['p50_ms']} ms a request, each pupil explained and audited",
            peer=f"one pupil a request (the row above): {most['requests_per_s']:,} pupils/s",
            peer_value=most["requests_per_s"],
            ratio=batch["pupils_per_s"] / most["requests_per_s"],
        ),
    ]


STEPS = (
    Step(
        "ingest",
        "ingest marks (PostgreSQL, SQLite)",
        "ingest_marks",
        ("--pupils", "3000"),
        ("--pupils", "200"),
        ingestion,
    ),
    Step(
        "features",
        "build features",
        "build_features",
        ("--pupils", "20000"),
        ("--pupils", "2000"),
        feature_building,
    ),
    Step(
        "train",
        "train on pupil-snapshots",
        "train_million",
        ("--pupils", "30000"),
        ("--pupils", "2000"),
        training,
    ),
    Step(
        "explain",
        "score and explain pupils",
        "explain_pupils",
        ("--pupils", "20000", "--explained", "20000", "--capacities", "5:600:0.05"),
        ("--pupils", "2000", "--explained", "2000", "--capacities", "5:600:0.05"),
        explanation,
    ),
    Step(
        "anonymize",
        "mask notes",
        "anonymize_notes",
        ("--roster", "100000", "--notes", "2000"),
        ("--roster", "10000", "--notes", "500"),
        anonymisation,
    ),
    Step(
        "api",
        "API latency and throughput",
        "api_latency",
        ("--pupils", "1000", "--seconds", "20", "--batch", "400"),
        ("--pupils", "400", "--seconds", "3", "--batch", "100"),
        api,
    ),
)
