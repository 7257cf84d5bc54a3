"""The school report's charts, built from the monitoring report's rows: plain functions of data and words,
so a chart can be checked without a browser.

`words` carries every label a chart shows, already in the user's language; the rows are the API's as
they come (a suppressed group has nulls for its numbers and `suppressed: true`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import altair as alt

Row = Mapping[str, Any]
# Red for marks that fell, blue for marks that rose; a change of a whole mark is as deep as the colour goes.
CHANGE_DOMAIN: Final = (-1.0, 1.0)
HIDDEN_GREY: Final = "#d9d9d9"
PERIOD_COLOURS: Final = ("#9ecae1", "#08519c")
TIER_COLOURS: Final = ("#d62728", "#ff9f1c")
FLAGGED_HEIGHT: Final = 280
ROW_STEP: Final = 28  # pixels per class: a fixed total height squeezes the rows to fit the axes


def _inline(values: list[dict[str, Any]]) -> alt.Data:
    """The rows as inline data; altair leaves an `alt.Data` in the chart's spec, not in top-level datasets."""
    data: Callable[..., alt.Data] = alt.Data  # a schema wrapper whose constructor carries no annotations
    return data(values=values)


def class_order(rows: Sequence[Row]) -> list[str]:
    """Classes as the API orders them (by grade, then label), each once."""
    return list(dict.fromkeys(str(row["class"]) for row in rows))


def marks_heatmap(rows: Sequence[Row], words: Mapping[str, str]) -> alt.LayerChart:
    """Class × subject, coloured by the change of the mean mark; slipping cells outlined, hidden ones grey."""
    cells = [_cell(row, words) for row in rows]
    classes = class_order(rows)
    base = alt.Chart(_inline(cells)).encode(
        x=alt.X(
            "subject:N",
            title=words["subject"],
            axis=alt.Axis(labelAngle=-40, labelOverlap=False, labelLimit=140, orient="top"),
        ),
        y=alt.Y("class:N", title=words["class"], sort=classes),
        tooltip=[
            alt.Tooltip("class:N", title=words["class"]),
            alt.Tooltip("subject:N", title=words["subject"]),
            alt.Tooltip("before:Q", title=words["before"], format=".2f"),
            alt.Tooltip("now:Q", title=words["now"], format=".2f"),
            alt.Tooltip("change:Q", title=words["change"], format="+.2f"),
            alt.Tooltip("pupils:Q", title=words["pupils"]),
            alt.Tooltip("state:N", title=words["state"]),
        ],
    )
    shown = base.transform_filter("datum.change !== null").mark_rect()
    coloured = shown.encode(
        color=alt.Color(
            "change:Q",
            title=words["change"],
            scale=alt.Scale(scheme="redblue", domain=list(CHANGE_DOMAIN), clamp=True),
        )
    )
    grey = base.transform_filter("datum.change === null").mark_rect(color=HIDDEN_GREY)
    outline = base.transform_filter("datum.slipping").mark_rect(fill=None, stroke="black", strokeWidth=2.5)
    labels = base.mark_text(fontSize=10).encode(text="label:N")
    chart: alt.LayerChart = (coloured + grey + outline + labels).properties(height=alt.Step(ROW_STEP))
    return chart


def _cell(row: Row, words: Mapping[str, str]) -> dict[str, Any]:
    change = row.get("change")
    if row.get("suppressed"):
        state, label = words["hidden"], words["hidden_cell"]
    elif change is None:
        state, label = words["no_marks"], "–"
    else:
        state = words["slipping"] if row.get("slipping") else words["steady"]
        label = f"{change:+.2f}"
    return {
        "class": row["class"],
        "subject": row["subject"],
        "before": row.get("mean_before"),
        "now": row.get("mean_now"),
        "change": None if row.get("suppressed") else change,
        "pupils": row.get("pupils_now"),
        "slipping": bool(row.get("slipping")),
        "state": state,
        "label": label,
    }


def trend_chart(
    rows: Sequence[Row], measure: str, words: Mapping[str, str], *, value_format: str
) -> alt.LayerChart:
    """Each class's `measure` last quarter and this one, two dots joined by a line (a dumbbell), so the
    direction and size of the change read at a glance; hidden classes are left out."""
    periods = (words["before_period"], words["now_period"])
    points = [
        {"class": row["class"], "period": period, "value": row[f"{measure}_{when}"]}
        for row in rows
        if not row.get("suppressed")
        for period, when in zip(periods, ("before", "now"), strict=True)
        if row.get(f"{measure}_{when}") is not None
    ]
    classes = class_order(rows)
    base = alt.Chart(_inline(points)).encode(y=alt.Y("class:N", title=words["class"], sort=classes))
    line = base.mark_rule(color="grey").encode(x="min(value):Q", x2="max(value):Q")
    dots = base.mark_point(filled=True, size=90, opacity=1).encode(
        x=alt.X(
            "value:Q",
            title=words["value"],
            scale=alt.Scale(zero=False),
            axis=alt.Axis(format=value_format),
        ),
        color=alt.Color(
            "period:N",
            title=None,
            sort=list(periods),
            scale=alt.Scale(domain=list(periods), range=list(PERIOD_COLOURS)),
            legend=alt.Legend(orient="bottom", labelLimit=0),
        ),
        tooltip=[
            alt.Tooltip("class:N", title=words["class"]),
            alt.Tooltip("period:N", title=words["period"]),
            alt.Tooltip("value:Q", title=words["value"], format=value_format),
        ],
    )
    chart: alt.LayerChart = (line + dots).properties(height=alt.Step(ROW_STEP))
    return chart


def flagged_chart(rows: Sequence[Row], words: Mapping[str, str]) -> alt.Chart:
    """Pupils flagged per class, high and medium tier stacked; hidden classes are left out."""
    tiers = (words["high"], words["medium"])
    bars = [
        {"class": row["class"], "tier": label, "pupils": row[tier], "scored": row["scored"]}
        for row in rows
        if not row.get("suppressed")
        for label, tier in zip(tiers, ("high", "medium"), strict=True)
    ]
    chart: alt.Chart = (
        alt.Chart(_inline(bars))
        .mark_bar()
        .encode(
            x=alt.X("class:N", title=words["class"], sort=class_order(rows), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("sum(pupils):Q", title=words["flagged"], axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "tier:N",
                title=None,
                sort=list(tiers),
                scale=alt.Scale(domain=list(tiers), range=list(TIER_COLOURS)),
                legend=alt.Legend(orient="bottom"),
            ),
            order=alt.Order("tier:N", sort="ascending"),
            tooltip=[
                alt.Tooltip("class:N", title=words["class"]),
                alt.Tooltip("tier:N", title=words["tier"]),
                alt.Tooltip("pupils:Q", title=words["flagged"]),
                alt.Tooltip("scored:Q", title=words["scored"]),
            ],
        )
        .properties(height=FLAGGED_HEIGHT)
    )
    return chart
