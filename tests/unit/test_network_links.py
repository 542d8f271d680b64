"""Network arrows link to their claim's row, where the citations are (evidence.mechanisms)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.evidence.mechanisms import (
    claim_records,
    column_order,
    edge_anchor,
    layers,
    network_figure,
)

EVIDENCE = Path(__file__).resolve().parents[2] / "data" / "evidence.csv"


@pytest.fixture(scope="module")
def evidence() -> pd.DataFrame:
    return pd.read_csv(EVIDENCE).fillna("")


@pytest.mark.parametrize("figure", ["fig1", "fig2"])
def test_every_diamond_links_to_a_row_of_the_edge_table(evidence, figure):
    edges = evidence[evidence.figure == figure]
    fig = network_figure(edges, anchors=figure)
    links = [
        link for trace in fig.data if trace.customdata is not None for link in trace.customdata
    ]
    rows = claim_records(edges, anchors=figure)
    ids = [re.search(r'id="([^"]+)"', row["id"]).group(1) for row in rows]
    assert sorted(links) == sorted(f"#{i}" for i in ids)
    assert len(links) == len(edges) == len(set(links))
    assert all(edge_anchor(figure, cid) in ids for cid in edges.id)


def test_without_anchors_nothing_links(evidence):
    edges = evidence[evidence.figure == "fig1"]
    fig = network_figure(edges)
    assert all(trace.customdata is None for trace in fig.data)
    assert all("<span" not in str(row["id"]) for row in claim_records(edges))


def test_ids_in_the_table_are_escaped():
    rows = claim_records(pd.DataFrame([{"id": 'E"1<', "citation_keys": "a;b"}]), anchors="fig9")
    assert rows[0]["id"] == '<span id="fig9-E&quot;1&lt;">E&quot;1&lt;</span>'
    assert rows[0]["cites"] == "[@a; @b]"


def crossings(edges: pd.DataFrame, columns: dict[int, list[str]]) -> int:
    """Pairs of arrows between the same two columns whose ends are in opposite order."""
    where = {name: (col, i) for col, names in columns.items() for i, name in enumerate(names)}
    spans = [(where[a], where[b]) for a, b in zip(edges.actor, edges.target, strict=True)]
    count = 0
    for k, (a1, b1) in enumerate(spans):
        for a2, b2 in spans[k + 1 :]:
            same = a1[0] == a2[0] and b1[0] == b2[0]
            count += same and (a1[1] - a2[1]) * (b1[1] - b2[1]) < 0
    return count


@pytest.mark.parametrize("figure", ["fig1", "fig2"])
def test_ordering_columns_removes_most_crossings(evidence, figure):
    edges = evidence[evidence.figure == figure]
    depth = layers(edges)
    alphabetical: dict[int, list[str]] = {}
    for name in sorted(depth):
        alphabetical.setdefault(depth[name], []).append(name)
    before, after = crossings(edges, alphabetical), crossings(edges, column_order(edges, depth))
    assert after <= before // 4, (before, after)


NODES = st.sampled_from([f"n{i}" for i in range(9)])


@settings(max_examples=150, deadline=None)
@given(pairs=st.lists(st.tuples(NODES, NODES).filter(lambda p: p[0] != p[1]), min_size=1))
def test_column_order_keeps_every_node_in_its_column(pairs):
    edges = pd.DataFrame(pairs, columns=["actor", "target"])
    depth = layers(edges)
    columns = column_order(edges, depth)
    placed = [name for names in columns.values() for name in names]
    assert sorted(placed) == sorted(depth)  # each node exactly once
    assert all(depth[name] == col for col, names in columns.items() for name in names)
    assert column_order(edges, depth) == columns  # deterministic
