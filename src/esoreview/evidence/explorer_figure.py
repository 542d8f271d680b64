"""Static forest plot of one explorer result (the no-JavaScript fallback of the widget).

It draws what :func:`esoreview.metaanalysis.explore` returns: one row per trial with its
interval at the level the trial reported, then the fixed-effect and random-effects pooled
estimates as diamonds. ``docs/js/widgets/explorer.js`` draws the same layout in the browser.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from esoreview.evidence.trials import format_level

__all__ = ["pooled_forest_figure", "row_label"]


def row_label(row: dict[str, Any]) -> str:
    """'KEYNOTE-590 (5-year follow-up …)'-style label, short enough for a forest plot."""
    return f"{row['trial']} — {row['population']}"


def _diamond(y: float, estimate: dict[str, float], name: str, color: str) -> go.Scatter:
    xs = [estimate["low"], estimate["hr"], estimate["high"], estimate["hr"], estimate["low"]]
    ys = [y, y + 0.3, y, y - 0.3, y]
    text = f"{name}: HR {estimate['hr']:.2f} ({estimate['low']:.2f}–{estimate['high']:.2f})"
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        line={"color": color},
        name=name,
        hoverinfo="text",
        text=text,
    )


def pooled_forest_figure(result: dict[str, Any]) -> go.Figure:
    """Forest plot with pooled diamonds for one explorer result (needs at least one row)."""
    rows = result["rows"]
    pooled = result["pooled"]
    n = len(rows)
    ys = [n + 1 - i for i in range(n)]
    labels = [row_label(r) for r in rows]
    hover = [
        f"{row_label(r)}<br>HR {r['hr']:.2f} ({r['low']:.2f}–{r['high']:.2f}; "
        f"{format_level(r['ci_level'])} CI)<br>weight {r['weight_random']:.0f}% (random effects)"
        f"<br>{r['analysis']}"
        for r in rows
    ]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[r["hr"] for r in rows],
            y=ys,
            mode="markers",
            marker={"symbol": "square", "size": [6 + r["weight_random"] / 4 for r in rows]},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [r["high"] - r["hr"] for r in rows],
                "arrayminus": [r["hr"] - r["low"] for r in rows],
            },
            name="Trials",
            hoverinfo="text",
            text=hover,
        )
    )
    fig.add_trace(_diamond(0, pooled["fixed"], "Fixed effect", "#1565c0"))
    fig.add_trace(_diamond(-1, pooled["random"], "Random effects (DerSimonian–Laird)", "#c62828"))
    fig.add_vline(x=1, line_dash="dot")
    fig.update_xaxes(type="log", title="Hazard ratio (log scale; < 1 favours the antibody)")
    fig.update_yaxes(
        tickvals=[*ys, 0, -1],
        ticktext=[*labels, "Pooled, fixed effect", "Pooled, random effects"],
        automargin=True,
    )
    fig.update_layout(
        height=140 + 34 * (n + 2),
        showlegend=False,
        margin={"l": 10, "r": 10, "t": 10, "b": 50},
    )
    return fig
