"""Skip metastasis by the AJCC definition: no positive paraesophageal node, >= 1 elsewhere."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esoreview.staging import PARAESOPHAGEAL, SkipResult, StagingError, skip_metastasis


@pytest.mark.parametrize(
    ("nodes", "skip", "n"),
    [
        ({"paraesophageal": 0, "left gastric": 2}, True, "N1"),
        ({"Para-oesophageal": 0, "subcarinal": 1, "recurrent laryngeal": 3}, True, "N2"),
        ({"paraesophageal": 1, "left gastric": 2}, False, "N2"),
        ({"PARAESOPHAGEAL": 4}, False, "N2"),
        ({"left gastric": 0, "paraesophageal": 0}, False, "N0"),
        ({"celiac": 7}, True, "N3"),  # no paraesophageal entry: none were positive there
        ({}, False, "N0"),
    ],
)
def test_region_mapping(nodes: dict, skip: bool, n: str) -> None:
    result = skip_metastasis(nodes)
    assert isinstance(result, SkipResult)
    assert result.skip is skip
    assert result.n == n
    assert result.total == sum(nodes.values())


def test_counts_and_reasons() -> None:
    skip = skip_metastasis(paraesophageal=0, elsewhere=1)
    assert skip.skip and skip.reason.endswith("a skip metastasis.")
    assert "1 positive node elsewhere" in skip.reason
    involved = skip_metastasis(paraesophageal=2, elsewhere=5)
    assert not involved.skip and involved.reason.startswith("2 positive paraesophageal nodes")
    negative = skip_metastasis(paraesophageal=0, elsewhere=0)
    assert not negative.skip and "No positive regional node" in negative.reason
    assert "paraesophageal" in skip.definition and PARAESOPHAGEAL == "paraesophageal"


def test_to_dict_is_json() -> None:
    data = skip_metastasis({"paraesophageal": 0, "para-aortic": 2}).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["skip"] is True and data["elsewhere"] == 2


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: skip_metastasis({"paraesophageal": -1}), "nodes['paraesophageal']"),
        (lambda: skip_metastasis({"subcarinal": True}), "nodes['subcarinal']"),
        (lambda: skip_metastasis({"subcarinal": 1.0}), "nodes['subcarinal']"),
        (lambda: skip_metastasis({"": 1}), "nodes"),
        (lambda: skip_metastasis({"paraesophageal": 1, "Para-esophageal": 0}), "nodes"),
        (lambda: skip_metastasis([("paraesophageal", 1)]), "nodes"),
        (lambda: skip_metastasis({"a": 1}, paraesophageal=0, elsewhere=1), "nodes"),
        (lambda: skip_metastasis(paraesophageal=1), "paraesophageal/elsewhere"),
        (lambda: skip_metastasis(), "paraesophageal/elsewhere"),
        (lambda: skip_metastasis(paraesophageal=0, elsewhere=-2), "elsewhere"),
    ],
)
def test_bad_input_names_the_field(call, field: str) -> None:
    with pytest.raises(StagingError) as caught:
        call()
    assert str(caught.value).startswith(f"{field}: ")
    assert "allowed values" in str(caught.value)


regions = st.dictionaries(
    st.text(alphabet="abcdefghij -", min_size=1, max_size=12).filter(str.strip),
    st.integers(min_value=0, max_value=20),
    max_size=6,
)


@given(regions, st.integers(min_value=0, max_value=20))
def test_mapping_and_counts_agree_with_the_definition(others: dict, para: int) -> None:
    nodes = {PARAESOPHAGEAL: para, **{f"x {k}": v for k, v in others.items()}}
    elsewhere = sum(others.values())
    by_map = skip_metastasis(nodes)
    by_counts = skip_metastasis(paraesophageal=para, elsewhere=elsewhere)
    assert by_map == by_counts
    assert by_map.skip == (para == 0 and elsewhere >= 1)
