"""Network arrows link to their claim's row, where the citations are (evidence.mechanisms)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from esoreview.evidence.mechanisms import claim_records, edge_anchor, network_figure

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
