"""Figures and tables built from ``data/evidence.csv`` (one row per mechanistic claim).

Shared by the mechanism notebooks so that the networks rebuilding the source's Figures 1 and 2
and the claim tables are drawn one way everywhere. Uses plotly and pandas: a notebook helper,
not a client model.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from ..display import show_table
from .refs import author_years

# One colour per kind of effect, so an arrow's colour means the same on every page. All are
# mid-tones with 3:1 contrast on the light and the dark page (esoreview.figure_palette): the
# dark "inhibits" arrows used to vanish on the dark page.
EFFECT_COLOURS = {
    "binds": "#4c72b0",
    "activates": "#51a063",
    "promotes": "#c44e52",
    "induces": "#d9753d",
    "recruits": "#8172b3",
    "inhibits": "#7d7a00",
    "depletes": "#937860",
    "expresses": "#d06cb3",
    "associated": "#8c8c8c",
    "stabilises": "#3b9ab6",
}
_OTHER_EFFECT = "#707070"
#: Nodes: a mid-grey disc with a darker rim reads on both pages.
NODE_FILL, NODE_RIM = "#8c8c8c", "#707070"
CLAIM_COLUMNS = [
    ("id", "ID"),
    ("actor", "Actor"),
    ("effect", "Effect"),
    ("target", "Target"),
    ("claim", "Claim"),
    ("setting", "Setting"),
    ("evidence_kind", "Evidence"),
    ("cites", "Works"),
]


def cites(keys: str) -> str:
    """``"a;b"`` -> ``"[@a; @b]"``: the citation the engine resolves in a table cell."""
    return "[" + "; ".join(f"@{k.strip()}" for k in keys.split(";") if k.strip()) + "]"


def layers(edges: Any) -> dict[str, int]:
    """Column of each node: the length of the longest chain of edges leading to it."""
    depth = {n: 0 for n in set(edges.actor) | set(edges.target)}
    for _ in range(len(depth)):  # bounded: cycles stop growing at the node count
        for a, b in zip(edges.actor, edges.target, strict=True):
            depth[b] = max(depth[b], min(depth[a] + 1, len(depth)))
    return depth


def edge_anchor(prefix: str, claim_id: str) -> str:
    """Element id of a claim's row in the edge table shown under a network, e.g. ``fig1-E007``."""
    return f"{prefix}-{claim_id}"


def column_order(edges: Any, depth: dict[str, int], sweeps: int = 8) -> dict[int, list[str]]:
    """Order the nodes of each column so that arrows cross less (Sugiyama's barycentre step).

    Each node moves to the mean position of its neighbours in the previous column (downward
    sweep) or the next one (upward sweep); ties and nodes without such neighbours keep their
    place, so the result is deterministic.
    """
    columns: dict[int, list[str]] = {}
    for name in sorted(depth):
        columns.setdefault(depth[name], []).append(name)
    pairs = list(zip(edges.actor, edges.target, strict=True))

    def reorder(col: int, neighbour_col: int) -> None:
        if col not in columns or neighbour_col not in columns:
            return  # cycles can leave a column empty
        where = {n: i for i, n in enumerate(columns[neighbour_col])}
        keys = {}
        for index, node in enumerate(columns[col]):
            linked = [where[b] for a, b in pairs if a == node and b in where]
            linked += [where[a] for a, b in pairs if b == node and a in where]
            keys[node] = (sum(linked) / len(linked) if linked else index, index)
        columns[col].sort(key=keys.__getitem__)

    last = max(columns)
    for _ in range(sweeps):
        for col in range(1, last + 1):
            reorder(col, col - 1)
        for col in range(last - 1, -1, -1):
            reorder(col, col + 1)
    return columns


def network_figure(edges: Any, *, anchors: str | None = None) -> go.Figure:
    """Layered network: nodes are actors/targets, arrows are claims coloured by effect.

    With ``anchors``, clicking an arrow's diamond jumps to the claim's row in the edge table
    rendered by ``show_claims(..., anchors=...)``, where its citations are resolved and linked.
    """
    depth = layers(edges)
    pos: dict[str, tuple[float, float]] = {}
    for col, names in column_order(edges, depth).items():
        for i, name in enumerate(names):
            pos[name] = (col, (len(names) - 1) / 2 - i)
    fig = go.Figure()
    for r in edges.itertuples():
        (x0, y0), (x1, y1) = pos[r.actor], pos[r.target]
        fig.add_annotation(
            x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y",
            showarrow=True, arrowhead=2, arrowwidth=1.6, standoff=9, opacity=0.8,
            arrowcolor=EFFECT_COLOURS.get(r.effect, _OTHER_EFFECT),
        )  # fmt: skip
    for effect, group in edges.groupby("effect"):
        mids = [
            ((pos[a][0] + pos[b][0]) / 2, (pos[a][1] + pos[b][1]) / 2)
            for a, b in zip(group.actor, group.target, strict=True)
        ]
        fig.add_trace(
            go.Scatter(
                x=[m[0] for m in mids],
                y=[m[1] for m in mids],
                mode="markers",
                name=effect,
                marker={
                    "symbol": "diamond",
                    "size": 9,
                    "color": EFFECT_COLOURS.get(effect, _OTHER_EFFECT),
                },
                hovertext=[
                    f"{r.id}: {r.actor} {r.effect} {r.target}<br>{r.claim}<br>[{r.setting}; "
                    f"{r.evidence_kind}] {author_years(r.citation_keys)}"
                    + ("<br><i>Click for the sources</i>" if anchors else "")
                    for r in group.itertuples()
                ],
                hoverinfo="text",
                # figures.js follows a "#fragment" in customdata when a point is clicked.
                customdata=[f"#{edge_anchor(anchors, i)}" for i in group.id] if anchors else None,
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[p[0] for p in pos.values()],
            y=[p[1] for p in pos.values()],
            mode="markers+text",
            text=list(pos),
            # Sources are labelled on their left and every other node on its right, where no
            # incoming arrow runs; only the few outgoing arrows of middle columns pass there.
            textposition=["middle left" if x == 0 else "middle right" for x, _ in pos.values()],
            hoverinfo="text",
            showlegend=False,
            marker={"size": 13, "color": NODE_FILL, "line": {"color": NODE_RIM, "width": 1}},
        )
    )
    tallest = max(sum(1 for d in depth.values() if d == col) for col in set(depth.values()))
    last = max(depth.values())

    def side_room(col: int) -> float:
        # Room beyond an outer column for its side labels, in column widths: about 0.05 per
        # character at the page's usual width (four columns across the text column).
        longest = max(len(name) for name, d in depth.items() if d == col)
        return 0.3 + 0.05 * longest

    fig.update_layout(
        # Enough height for the fullest column's labels not to overlap (about 34 px a node).
        height=max(420, 120 + 34 * tallest),
        # Padding beyond the outer columns keeps their side labels inside the plot.
        xaxis={"visible": False, "range": [-side_room(0), last + side_room(last)]},
        yaxis={"visible": False},
        legend={"title": "Effect", "orientation": "h", "y": -0.05},
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
    )
    return fig


def claim_records(rows: Any, *, anchors: str | None = None) -> list[dict[str, Any]]:
    """Table rows of claims: citations as ``[@key]`` and, with ``anchors``, an id on each row's ID
    cell that the network's diamonds link to."""
    records = []
    for r in rows.to_dict("records"):
        record = {**r, "cites": cites(r["citation_keys"])}
        if anchors:
            claim_id = html.escape(str(r["id"]))
            record["id"] = f'<span id="{edge_anchor(anchors, claim_id)}">{claim_id}</span>'
        records.append(record)
    return records


def show_claims(
    rows: Any,
    caption: str,
    *,
    extra: list[tuple[str, str]] = (),
    anchors: str | None = None,
) -> None:
    """A filterable table of claims with their citations resolved by the engine."""
    show_table(
        claim_records(rows, anchors=anchors),
        [*CLAIM_COLUMNS[:-1], *extra, CLAIM_COLUMNS[-1]],
        caption=caption,
        filterable=True,
        raw_columns=["cites", "id"] if anchors else ["cites"],
    )
