"""Exact SHAP explanations for a whole district: pupils/s for each model capacity, beside shap.TreeExplainer.

Exact TreeSHAP costs grow with trees × leaves × depth², so the model's capacity decides whether every pupil in
the country can be explained nightly. This program generates a two-year district, trains the risk model the
way `erta train` does at several depths, and for each reports the test ROC-AUC and PR-AUC, scoring speed, and
exact explanation speed through Erta's tabulated TreeSHAP (`model.tree_shap.FastTreeShap`), beside XGBoost's
own TreeSHAP (`pred_contribs`) and `shap.TreeExplainer` on the same pupils, checking they agree within 1e-5.
Run: `python -m benchmarks.explain_pupils [--pupils 20000] [--explained 40000] [--bundle DIR] [--json PATH]`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import xgboost as xgb

from benchmarks.train_million import YEARS, read_bundle
from model.features import feature_names
from model.risk_model import BoosterParams
from service.synthetic import generate_bundle
from training.pipeline import TrainingConfig, train_risk_model
from training.snapshots import as_of_dates, build_snapshot_frame

# (max depth, most trees, learning rate): early stopping picks the trees actually used.
CAPACITIES = ((5, 600, 0.05), (4, 600, 0.05), (4, 400, 0.15), (3, 400, 0.2), (3, 400, 0.3), (2, 600, 0.3))
EXPLAINED = 40_000
SHAP_SAMPLE = 4_000


def per_second(rows: int, step: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = step()
    return rows / (time.perf_counter() - started), result


def measure(
    depth: int, trees: int, learning_rate: float, snapshots: Any, explained: int = EXPLAINED
) -> dict[str, Any]:
    import shap

    booster = BoosterParams(n_estimators=trees, max_depth=depth, learning_rate=learning_rate)
    config = TrainingConfig(booster=booster, bootstrap_samples=20)
    result = train_risk_model(snapshots, config)
    model = result.model
    names = list(feature_names())
    rows = snapshots.select(names).head(explained).to_numpy().astype(np.float32)
    used = model.booster[: (model.best_iteration or 0) + 1]
    used.set_param({"nthread": 2})
    matrix = xgb.DMatrix(rows, feature_names=names)
    score_rate, _ = per_second(len(rows), lambda: used.predict(matrix))
    started = time.perf_counter()
    tables = model.fast_shap()
    tables_seconds = time.perf_counter() - started
    if tables is None:
        raise SystemExit("the model cannot be tabulated")
    tables.contributions(rows[:10])  # compiled (or loaded from numba's cache) outside the timing
    erta_rate, ours = per_second(len(rows), lambda: tables.contributions(rows))
    contribs_rate, xgboost_values = per_second(len(rows), lambda: used.predict(matrix, pred_contribs=True))
    sample = rows[:SHAP_SAMPLE]
    explainer = shap.TreeExplainer(used)
    shap_rate, theirs = per_second(len(sample), lambda: explainer.shap_values(sample))
    metrics = result.report["metrics"]["xgboost"]
    return {
        "max_depth": depth,
        "learning_rate": learning_rate,
        "explained_rows": len(rows),
        "shap_sample_rows": len(sample),
        "trees_used": (model.best_iteration or 0) + 1,
        "roc_auc": round(metrics["roc_auc"], 4),
        "pr_auc": round(metrics["pr_auc"], 4),
        "score_pupils_per_s": round(score_rate),
        "explain_pupils_per_s": round(erta_rate),
        "tables_build_s": round(tables_seconds, 2),
        "xgboost_pred_contribs_pupils_per_s": round(contribs_rate),
        "shap_tree_explainer_pupils_per_s": round(shap_rate),
        "max_abs_difference_from_shap": float(np.abs(ours[: len(sample), :-1] - theirs).max()),
        "max_abs_difference_from_pred_contribs": float(np.abs(ours - xgboost_values).max()),
        "explain_cost_in_scorings": round(score_rate / erta_rate, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pupils", type=int, default=20_000)
    parser.add_argument("--explained", type=int, default=EXPLAINED, help="snapshots explained per model")
    parser.add_argument("--bundle", type=Path, help="reuse a generated two-year bundle")
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/explain_pupils.json"))
    parser.add_argument(
        "--capacities", help="depth:trees:rate,… to try instead of the default set, e.g. 5:600:0.05,3:400:0.2"
    )
    args = parser.parse_args()
    capacities = CAPACITIES
    if args.capacities:
        capacities = tuple(
            (int(d), int(t), float(r)) for d, t, r in (item.split(":") for item in args.capacities.split(","))
        )
    with tempfile.TemporaryDirectory() as scratch:
        bundle = args.bundle or Path(scratch) / "bundle"
        if args.bundle is None:
            generate_bundle(
                bundle,
                seed=5,
                pupils=args.pupils,
                schools=None,
                academic_years=YEARS,
                on_school_done=lambda _: None,
            )
        data = read_bundle(bundle)
    plan = TrainingConfig().plan
    marks = data.records.marks["date"]
    snapshots = build_snapshot_frame(data, as_of_dates(marks.min(), marks.max(), plan), plan)
    print(f"{data.pupils:,} pupils, {snapshots.height:,} snapshots")
    results = []
    for depth, trees, learning_rate in capacities:
        row = measure(depth, trees, learning_rate, snapshots, args.explained)
        results.append(row)
        print(
            f"depth {depth}, rate {learning_rate}, {row['trees_used']:>4} trees: "
            f"ROC-AUC {row['roc_auc']:.4f} PR-AUC {row['pr_auc']:.4f} | "
            f"score {row['score_pupils_per_s']:>9,}/s | Erta exact SHAP {row['explain_pupils_per_s']:>7,}/s "
            f"(pred_contribs {row['xgboost_pred_contribs_pupils_per_s']:>6,}/s, "
            f"shap.TreeExplainer {row['shap_tree_explainer_pupils_per_s']:>6,}/s, "
            f"max diff {row['max_abs_difference_from_shap']:.1e})",
            flush=True,
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"pupils": data.pupils, "capacities": results}, indent=2) + "\n")
    print(f"written {args.json}")


if __name__ == "__main__":
    main()
