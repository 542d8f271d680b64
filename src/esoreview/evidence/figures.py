"""Figures and table rows built from validated trial rows (:mod:`esoreview.evidence.trials`).

The notebooks call these builders so that the page code stays short; tests call them too, so
"one marker per comparison with an OS hazard ratio" is checked against the data, not assumed.
This module may import plotly (it is build-side code, not a client model).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

import plotly.graph_objects as go

from esoreview.evidence.trials import LINES, TrialRow, format_level

#: Marker symbol per primary-endpoint status (``primary_endpoint_met``: True / False / None).
STATUS_SYMBOL = {True: "circle", False: "x", None: "diamond-open"}
STATUS_LABEL = {
    True: "primary endpoint met",
    False: "primary endpoint not met",
    None: "not a primary-endpoint analysis / not recorded",
}
#: Okabe–Ito hues keyed by drug class, in legend order, each darkened or lightened just enough
#: to keep 3:1 contrast on both the light and the dark page (esoreview.figure_palette).
CLASS_COLOURS = {
    "anti-PD-1": "#0075b7",
    "anti-PD-1 + anti-CTLA-4": "#ca73a3",
    "anti-PD-L1": "#1d96db",
    "anti-HER2": "#d55e00",
    "anti-EGFR": "#009e73",
    "anti-VEGFR-2": "#bd8300",
}
_FALLBACK = "#707070"
#: Reference lines and the control arm: a grey visible on both pages.
_NEUTRAL = "#777777"
#: Hazard-ratio ticks: labelled ticks far enough apart never to overlap (or be turned 90°) on a
#: phone; the minor ticks keep the gridlines a reader uses to read off a value.
HR_TICKS = [0.3, 0.5, 0.7, 1, 1.5]
HR_MINOR_TICKS = [0.4, 0.6, 0.8, 0.9, 1.2]


def _order(rows: Iterable[TrialRow]) -> list[TrialRow]:
    """Group by line of therapy (in :data:`LINES` order), then drug class, then trial."""
    classes = list(CLASS_COLOURS)
    return sorted(
        rows,
        key=lambda r: (
            LINES.index(r.line),
            classes.index(r.drug_class) if r.drug_class in classes else len(classes),
            r.drug_class,
            r.trial,
            r.line_no,
        ),
    )


#: Axis wording per endpoint prefix (``os``, ``pfs`` or ``ep``: the row's DFS/EFS columns).
ENDPOINT_TITLES = {"os": "OS", "pfs": "PFS", "ep": "DFS/EFS"}


def forest_rows(rows: Iterable[TrialRow], endpoint: str = "os") -> list[TrialRow]:
    """The rows a forest plot shows: those with a hazard ratio for ``endpoint``, in order."""
    return _order(r for r in rows if getattr(r, f"{endpoint}_hr") is not None)


def _endpoint_label(row: TrialRow, endpoint: str) -> str:
    return row.ep_name if endpoint == "ep" else endpoint.upper()


def _label(row: TrialRow) -> str:
    # A trial's population can appear at several analyses (interim, 5-year update): the year of
    # the publication keeps the y-axis labels distinct.
    year = f" ({row.publication_year})" if row.publication_year else ""
    return f"{row.trial} · {row.population}{year}"


def _hover(row: TrialRow, endpoint: str = "os") -> str:
    arms = escape(row.experimental_arm)
    if row.control_arm:
        arms += f" vs {escape(row.control_arm)}"
    medians = ""
    exp, ctrl = getattr(row, f"{endpoint}_median_exp"), getattr(row, f"{endpoint}_median_ctrl")
    if exp is not None and ctrl is not None:
        label = _endpoint_label(row, endpoint)
        medians = f"<br>median {label} {exp:.1f} vs {ctrl:.1f} months"
    return (
        f"<b>{escape(row.trial)}</b> — {escape(row.population)}<br>{arms}"
        f"<br>{_endpoint_label(row, endpoint)} HR {escape(row.ci_text(endpoint))}{medians}"
        f"<br>{escape(row.line)}; {escape(row.analysis or 'analysis not stated')}"
        f"<br>primary endpoint: {escape(row.primary_endpoint)}"
        f" — {STATUS_LABEL[row.primary_endpoint_met]}"
    )


def forest_figure(
    rows: Iterable[TrialRow], *, title: str | None = None, endpoint: str = "os"
) -> go.Figure:
    """Forest plot of hazard ratios: log x-axis, CI error bars, one marker per comparison.

    ``endpoint`` picks the columns: ``"os"`` (default), ``"pfs"`` or ``"ep"`` (the DFS/EFS
    columns of perioperative trials).

    Rows are grouped by line of therapy and drug class (group headings on the y-axis); colour
    shows the drug class, the marker symbol the primary-endpoint status, and the hover text the
    CI level (e.g. 99.5% for CheckMate 648).
    """
    ordered = forest_rows(rows, endpoint)
    hr, low, high = (f"{endpoint}_{name}" for name in ("hr", "ci_low", "ci_high"))
    y_of: dict[str, float] = {}
    ticks: list[tuple[float, str]] = []
    y = 0.0
    group = None
    for row in ordered:
        if (row.line, row.drug_class) != group:
            group = (row.line, row.drug_class)
            y += 0.6 if ticks else 0
            ticks.append((y, f"<b>{row.line.capitalize()} · {row.drug_class}</b>"))
            y += 1
        y_of[row.comparison_id] = y
        ticks.append((y, _label(row)))
        y += 1

    fig = go.Figure()
    for drug_class in dict.fromkeys(r.drug_class for r in ordered):
        for status in (True, False, None):
            subset = [r for r in ordered if r.drug_class == drug_class]
            subset = [r for r in subset if r.primary_endpoint_met is status]
            if not subset:
                continue
            fig.add_trace(
                go.Scatter(
                    x=[getattr(r, hr) for r in subset],
                    y=[y_of[r.comparison_id] for r in subset],
                    mode="markers",
                    name=f"{drug_class} — {STATUS_LABEL[status]}",
                    legendgroup=drug_class,
                    marker={
                        "symbol": STATUS_SYMBOL[status],
                        "size": 11,
                        "color": CLASS_COLOURS.get(drug_class, _FALLBACK),
                        "line": {"width": 2, "color": CLASS_COLOURS.get(drug_class, _FALLBACK)},
                    },
                    error_x={
                        "type": "data",
                        "symmetric": False,
                        "array": [
                            (getattr(r, high) - getattr(r, hr)) if getattr(r, high) else 0
                            for r in subset
                        ],
                        "arrayminus": [
                            (getattr(r, hr) - getattr(r, low)) if getattr(r, low) else 0
                            for r in subset
                        ],
                        "thickness": 1.5,
                        "width": 4,
                    },
                    customdata=[[r.comparison_id] for r in subset],
                    hovertext=[_hover(r, endpoint) for r in subset],
                    hoverinfo="text",
                )
            )
    fig.add_vline(x=1, line_dash="dash", line_color=_NEUTRAL)
    fig.update_xaxes(
        type="log",
        # Two short lines: one long line ran past the plot area and was cut off.
        title={
            "text": f"{ENDPOINT_TITLES[endpoint]} HR (log scale)<br>< 1 favours experimental arm"
        },
        tickvals=HR_TICKS,
        tickangle=0,
        minor={"tickvals": HR_MINOR_TICKS, "showgrid": True},
        range=[-0.6, 0.2],
        automargin=True,
    )
    fig.update_yaxes(
        tickvals=[t for t, _ in ticks],
        ticktext=[text for _, text in ticks],
        autorange="reversed",
        showgrid=False,
        zeroline=False,
        automargin=True,
    )
    fig.update_layout(
        title=title,
        # 22 px a row keeps the longest plot (all advanced-disease comparisons) under one screen
        # height of 1200 px while labels stay legible.
        height=max(420, int(22 * y) + 160),
        margin={"l": 10, "r": 10, "t": 40 if title else 10, "b": 10},
        # At the foot of the figure (container coordinates): plotly widens the bottom margin to
        # fit it, so it never covers the axis title.
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "x": 0,
            "font": {"size": 11},
        },
        template="plotly_white",
    )
    return fig


def marker_count(fig: go.Figure) -> int:
    """Number of data markers in a figure (sum over traces of their x values)."""
    return sum(len(trace.x) for trace in fig.data if trace.x is not None)


def dumbbell_rows(rows: Iterable[TrialRow]) -> list[TrialRow]:
    """Rows with both median OS values, in plotting order."""
    return _order(r for r in rows if r.os_median_exp is not None and r.os_median_ctrl is not None)


def dumbbell_figure(rows: Iterable[TrialRow]) -> go.Figure:
    """Median OS in the control and experimental arms, joined by a line, per comparison."""
    ordered = dumbbell_rows(rows)
    labels = [_label(r) for r in ordered]
    line_x: list[float | None] = []
    line_y: list[str | None] = []
    for row, label in zip(ordered, labels, strict=True):
        line_x += [row.os_median_ctrl, row.os_median_exp, None]
        line_y += [label, label, None]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=line_x,
            y=line_y,
            mode="lines",
            line={"color": "#8c8c8c", "width": 3},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    for arm, colour, symbol in (
        ("ctrl", _NEUTRAL, "circle-open"),
        ("exp", CLASS_COLOURS["anti-PD-1"], "circle"),
    ):
        values = [getattr(r, f"os_median_{arm}") for r in ordered]
        names = [r.control_arm if arm == "ctrl" else r.experimental_arm for r in ordered]
        fig.add_trace(
            go.Scatter(
                x=values,
                y=labels,
                mode="markers",
                name="control arm" if arm == "ctrl" else "experimental arm",
                marker={"color": colour, "size": 10, "symbol": symbol, "line": {"width": 2}},
                hovertext=[
                    f"{escape(n)}: {v:g} months" for n, v in zip(names, values, strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_xaxes(
        title="Median overall survival (months)", rangemode="tozero", tickangle=0, automargin=True
    )
    fig.update_yaxes(autorange="reversed", showgrid=False, automargin=True)
    fig.update_layout(
        height=max(360, 30 * len(ordered) + 140),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0, "x": 0},
        template="plotly_white",
    )
    return fig


def _fmt(value: float | None, unit: str = "", spec: str = "g") -> str:
    return "" if value is None else f"{value:{spec}}{unit}"


def table_rows(rows: Iterable[TrialRow], keys: Sequence[str] | None = None) -> list[dict[str, str]]:
    """Plain dict rows for :func:`esoreview.display.show_table`; ``source`` holds ``[@key]``."""
    out = []
    for row in _order(rows):
        n = " / ".join(_fmt(v) or "–" for v in (row.n_experimental, row.n_control))
        medians = ""
        if row.os_median_exp is not None:
            medians = f"{row.os_median_exp:.1f} vs {_fmt(row.os_median_ctrl, spec='.1f') or '–'}"
        out.append(
            {
                "trial": row.trial,
                "line": row.line,
                "population": row.population,
                "arms": row.experimental_arm
                + (f" vs {row.control_arm}" if row.control_arm else ""),
                "n": n,
                "os_median": medians,
                "os_hr": row.ci_text("os"),
                "pfs_hr": row.ci_text("pfs"),
                "primary": f"{row.primary_endpoint} — {STATUS_LABEL[row.primary_endpoint_met]}",
                "analysis": row.analysis,
                "seen_in": row.seen_in,
                "cutoff": row.data_cutoff or "not seen",
                "source": "; ".join(f"@{key}" for key in row.citation_keys).join("[]"),
                # Extra keys for pages that show them (TABLE_COLUMNS leaves them out).
                "ep_hr": f"{row.ep_name} {row.ci_text('ep')}" if row.ep_hr is not None else "",
                "histology": row.histology,
                "data_cutoff": row.data_cutoff or "not stated",
            }
        )
    return out


TABLE_COLUMNS = [
    ("trial", "Trial"),
    ("line", "Line"),
    ("population", "Population"),
    ("arms", "Experimental vs control"),
    ("n", "N (exp / ctrl)"),
    ("os_median", "Median OS, months"),
    ("os_hr", "OS HR (CI; level)"),
    ("pfs_hr", "PFS HR (CI; level)"),
    ("primary", "Primary endpoint"),
    ("analysis", "Analysis"),
    ("cutoff", "Data cut-off"),
    ("seen_in", "Where the numbers were read"),
    ("source", "Reference"),
]

__all__ = [
    "CLASS_COLOURS",
    "ENDPOINT_TITLES",
    "STATUS_LABEL",
    "STATUS_SYMBOL",
    "TABLE_COLUMNS",
    "dumbbell_figure",
    "dumbbell_rows",
    "forest_figure",
    "forest_rows",
    "format_level",
    "marker_count",
    "table_rows",
]
