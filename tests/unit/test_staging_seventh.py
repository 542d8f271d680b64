"""The 7th edition beside the 8th: compare() and differences()."""

from __future__ import annotations

import json

import pytest

from esoreview.staging import Comparison, StagingError, compare, differences, stage, tables


def test_a_regrouped_case_is_reported_as_changed() -> None:
    result = compare(
        histology="squamous",
        classification="pathological",
        t="T3",
        n="N0",
        m="M0",
        grade="G1",
        location="lower",
    )
    assert isinstance(result, Comparison)
    assert (result.seventh.group, result.eighth.group, result.changed) == ("IB", "IIA", True)
    assert result.seventh.edition == 7 and result.eighth.edition == 8
    assert result.summary == "Stage IB in the 7th edition and IIA in the 8th."
    assert any("epicentre" in note for note in result.notes)


def test_an_unchanged_case_is_reported_as_unchanged() -> None:
    result = compare(
        histology="adenocarcinoma", classification="pathological", t="T3", positive_nodes=0, m="M0"
    )
    assert (result.seventh.group, result.eighth.group, result.changed) == ("IIB", "IIB", False)
    assert result.summary == "Stage IIB in both the 7th and the 8th edition."
    assert result.notes == ()  # the adenocarcinoma tables do not use location


def test_ypt0_is_staged_only_by_the_8th_edition() -> None:
    result = compare(histology="squamous", classification="postneoadjuvant", t="T0", n="N0", m="M0")
    assert result.eighth.group == "I"
    assert result.seventh.group is None and "T0" in result.seventh.reason
    assert result.changed is None
    assert result.summary == "Stage I in the 8th edition; the 7th-edition table gives no group."


def test_iiic_became_iva() -> None:
    result = compare(histology="adenocarcinoma", classification="clinical", t="T4b", n="N3", m="M0")
    assert (result.seventh.group, result.eighth.group) == ("IIIC", "IVA")


def test_neither_edition_stages_tx() -> None:
    result = compare(histology="squamous", classification="clinical", t="tx", n="n0", m="m0")
    assert result.changed is None
    assert result.summary == "Neither edition gives this case a stage group."


def test_comparison_to_dict_is_json() -> None:
    data = compare(
        histology="squamous", classification="clinical", t="T2", n="N1", m="M0", grade="G2"
    ).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"seventh", "eighth", "changed", "summary", "notes"}
    assert data["eighth"]["group"] == "II" and data["seventh"]["group"] == "IIB"


def test_compare_rejects_bad_input_like_stage() -> None:
    with pytest.raises(StagingError, match=r"^grade: 'G4'"):
        compare(histology="squamous", classification="clinical", t="T2", m="M0", grade="G4")


def test_seventh_edition_shares_one_table_across_classifications() -> None:
    rows = {
        classification: stage(
            histology="squamous", classification=classification, t="T2", n="N0", m="M0", edition=7
        ).table["id"]
        for classification in ("clinical", "pathological", "postneoadjuvant")
    }
    assert set(rows.values()) == {"ajcc7-squamous"}
    assert "IIIC" in tables(7)["groups"] and "IIIC" not in tables(8)["groups"]


def test_differences_resolve_their_sources() -> None:
    items = differences()
    assert len(items) == len(tables(7)["differences"]) == 8
    for item in items:
        assert item["text"].endswith(".")
        assert item["sources"], item["text"]
        for source in item["sources"]:
            assert source["citation"] and source["url"].startswith("http")
