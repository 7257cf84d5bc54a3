"""The model card logged with every run: what the model is for, what it was trained on, how well and how
fairly it did, and where it must not be trusted. Written for a principal as much as for a data scientist.
"""

from __future__ import annotations

from typing import Any

LIMITS = (
    "It ranks pupils for a person to review; it never decides anything about a pupil on its own.",
    "It has seen only the schools, grades and years in its training data; a new region or a change in how "
    "marks are recorded needs retraining and a new gate check.",
    "A pupil with few marks or no LMS account is reported as 'insufficient data', not as low risk.",
    "Fairness was checked on sex, region, locality and language only for groups with enough pupils at risk "
    "and at least three schools; other groups are listed but not assessed.",
    "Probabilities are calibrated on the training period; watch the calibration chart after each quarter.",
)


def render_model_card(report: dict[str, Any], params: dict[str, Any], gate: dict[str, Any] | None) -> str:
    metrics = report["metrics"]
    split = report["split"]
    lines = [
        "# Erta risk model",
        "",
        "## Intended use",
        "Early warning for class teachers and mentors: which pupils may get a failing quarter mark (2 or "
        f"lower) or miss at least {params['label.chronic_absence_share']:.0%} of school days within the rest "
        f"of this quarter and the next ({params['label.horizon_quarters']} quarters in all). The top "
        f"{params['top_share']:.0%} of pupils by risk match a mentor's capacity.",
        "",
        "## Data",
        f"- Pseudonymised snapshots, one per pupil and as-of date, {report['feature_count']} features; "
        "sex, language, region and locality are never features.",
    ]
    for part in ("train", "validation", "test"):
        info = split[part]
        dates = info["as_of_dates"]
        lines.append(
            f"- {part}: {info['rows']:,} snapshots, as-of {dates[0]} to {dates[-1]}, "
            f"{info['positive_rate']:.1%} at risk"
        )
    lines += [
        f"- Calibration: {report['calibration']}; early stopping at {report['best_iteration']} trees.",
        "",
        "## Metrics on the test period",
        "| model | ROC-AUC | PR-AUC | Brier | ECE | precision@top | recall@top |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, values in metrics.items():
        lines.append(
            f"| {name} | {values['roc_auc']:.3f} | {values['pr_auc']:.3f} | {_opt(values.get('brier'))} | "
            f"{_opt(values.get('ece'))} | {values['precision_at_top']:.3f} | {values['recall_at_top']:.3f} |"
        )
    lead = report["lead_time"]["xgboost"]
    lines += [
        "",
        f"Lead time: {lead['flagged_before_event']} of {lead['pupils_with_event']} pupils with a failing "
        f"quarter mark were flagged before it, a median of {_opt(lead['median_weeks'], '.1f')} weeks ahead.",
        "",
        "## Fairness (FNR and FPR of the top-share flag, ratio to the largest group)",
        "| attribute | group | schools | rows | positives | FNR | FNR ratio | FPR | FPR ratio | assessed |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in report["fairness"]:
        lines.append(
            f"| {row['attribute']} | {row['group']} | {row.get('clusters') or '–'} | {row['rows']} | "
            f"{row['positives']} | "
            f"{_opt(row['fnr'])} | {_opt(row['fnr_ratio'])} | "
            f"{_opt(row['fpr'])} | {_opt(row['fpr_ratio'])} | "
            f"{'yes' if row['assessed'] else 'no'} |"
        )
    if report.get("fairness_warnings"):
        lines += ["", "Warnings (outside the band, but within sampling noise):"]
        lines += [f"- {warning}" for warning in report["fairness_warnings"]]
    if gate is not None:
        lines += ["", "## Promotion gates", f"Result: **{'pass' if gate['passed'] else 'fail'}**", ""]
        lines += [
            f"- {c['name']}: {'pass' if c['passed'] else 'fail'} — {c['detail']}" for c in gate["checks"]
        ]
    lines += ["", "## Limits", *(f"- {limit}" for limit in LIMITS), ""]
    return "\n".join(lines)


def _opt(value: object, spec: str = ".3f") -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    return format(float(value), spec)  # type: ignore[arg-type]
