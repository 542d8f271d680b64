"""The shipped rule tables against an independent transcription of the domain notes.

NOTES_8TH / NOTES_7TH and the CASES lists below are typed by hand from
shared/domain/staging-ajcc8.md, apart from the package's JSON on purpose: the tests compare the
two, so a typo in either fails. The notes' rules keep the notes' order and shorthand (M only on the
M1 row, "L": "any" where the notes write it).
"""

from __future__ import annotations

import functools
import itertools
import json

import pytest

from esoreview.staging import TableDataError, stage, tables
from esoreview.staging.categories import (
    CLASSIFICATIONS,
    GRADES,
    HISTOLOGIES,
    LOCATIONS,
    M_CATEGORIES,
    N_CATEGORIES,
    T_CATEGORIES,
)
from esoreview.staging.data import _compile_rule, load_edition

NOTES_8TH = {
    ("clinical", "squamous"): [
        {"M": "M1", "stage": "IVB"},
        {"T": ["Tis"], "N": ["N0"], "stage": "0"},
        {"N": ["N3"], "stage": "IVA"},
        {"T": ["T4", "T4a", "T4b"], "N": ["N0", "N1", "N2"], "stage": "IVA"},
        {"T": ["T1"], "N": ["N0", "N1"], "stage": "I"},
        {"T": ["T2"], "N": ["N0", "N1"], "stage": "II"},
        {"T": ["T3"], "N": ["N0"], "stage": "II"},
        {"T": ["T3"], "N": ["N1"], "stage": "III"},
        {"T": ["T1", "T2", "T3"], "N": ["N2"], "stage": "III"},
    ],
    ("clinical", "adenocarcinoma"): [
        {"M": "M1", "stage": "IVB"},
        {"T": ["Tis"], "N": ["N0"], "stage": "0"},
        {"N": ["N3"], "stage": "IVA"},
        {"T": ["T4b"], "N": ["N0", "N1", "N2"], "stage": "IVA"},
        {"T": ["T1", "T2", "T3", "T4a"], "N": ["N2"], "stage": "IVA"},
        {"T": ["T1"], "N": ["N0"], "stage": "I"},
        {"T": ["T1"], "N": ["N1"], "stage": "IIA"},
        {"T": ["T2"], "N": ["N0"], "stage": "IIB"},
        {"T": ["T2"], "N": ["N1"], "stage": "III"},
        {"T": ["T3", "T4a"], "N": ["N0", "N1"], "stage": "III"},
    ],
    ("pathological", "squamous"): [
        {"M": "M1", "stage": "IVB"},
        {"T": ["Tis"], "N": ["N0"], "stage": "0"},
        {"N": ["N3"], "stage": "IVA"},
        {"T": ["T4b"], "N": ["N0", "N1", "N2"], "stage": "IVA"},
        {"T": ["T4a"], "N": ["N2"], "stage": "IVA"},
        {"T": ["T4a"], "N": ["N0", "N1"], "stage": "IIIB"},
        {"T": ["T2"], "N": ["N2"], "stage": "IIIB"},
        {"T": ["T3"], "N": ["N1", "N2"], "stage": "IIIB"},
        {"T": ["T1"], "N": ["N2"], "stage": "IIIA"},
        {"T": ["T2"], "N": ["N1"], "stage": "IIIA"},
        {"T": ["T1"], "N": ["N1"], "stage": "IIB"},
        {"T": ["T1a"], "N": ["N0"], "G": ["G1", "GX"], "stage": "IA"},
        {"T": ["T1a"], "N": ["N0"], "G": ["G2", "G3"], "stage": "IB"},
        {"T": ["T1b"], "N": ["N0"], "G": ["G1", "G2", "G3", "GX"], "stage": "IB"},
        {"T": ["T2"], "N": ["N0"], "G": ["G1"], "stage": "IB"},
        {"T": ["T2"], "N": ["N0"], "G": ["G2", "G3", "GX"], "stage": "IIA"},
        {"T": ["T3"], "N": ["N0"], "G": ["GX"], "L": "any", "stage": "IIB"},
        {"T": ["T3"], "N": ["N0"], "G": ["G1", "G2", "G3"], "L": ["X"], "stage": "IIB"},
        {"T": ["T3"], "N": ["N0"], "G": ["G1", "G2", "G3"], "L": ["lower"], "stage": "IIA"},
        {"T": ["T3"], "N": ["N0"], "G": ["G1"], "L": ["upper", "middle"], "stage": "IIA"},
        {"T": ["T3"], "N": ["N0"], "G": ["G2", "G3"], "L": ["upper", "middle"], "stage": "IIB"},
    ],
    ("pathological", "adenocarcinoma"): [
        {"M": "M1", "stage": "IVB"},
        {"T": ["Tis"], "N": ["N0"], "stage": "0"},
        {"N": ["N3"], "stage": "IVA"},
        {"T": ["T4b"], "N": ["N0", "N1", "N2"], "stage": "IVA"},
        {"T": ["T4a"], "N": ["N2"], "stage": "IVA"},
        {"T": ["T4a"], "N": ["N0", "N1"], "stage": "IIIB"},
        {"T": ["T2"], "N": ["N2"], "stage": "IIIB"},
        {"T": ["T3"], "N": ["N1", "N2"], "stage": "IIIB"},
        {"T": ["T1"], "N": ["N2"], "stage": "IIIA"},
        {"T": ["T2"], "N": ["N1"], "stage": "IIIA"},
        {"T": ["T1"], "N": ["N1"], "stage": "IIB"},
        {"T": ["T3"], "N": ["N0"], "stage": "IIB"},
        {"T": ["T1a"], "N": ["N0"], "G": ["G1", "GX"], "stage": "IA"},
        {"T": ["T1a"], "N": ["N0"], "G": ["G2"], "stage": "IB"},
        {"T": ["T1b"], "N": ["N0"], "G": ["G1", "G2", "GX"], "stage": "IB"},
        {"T": ["T1a", "T1b"], "N": ["N0"], "G": ["G3"], "stage": "IC"},
        {"T": ["T2"], "N": ["N0"], "G": ["G1", "G2"], "stage": "IC"},
        {"T": ["T2"], "N": ["N0"], "G": ["G3", "GX"], "stage": "IIA"},
    ],
}
_YP = [
    {"M": "M1", "stage": "IVB"},
    {"N": ["N3"], "stage": "IVA"},
    {"T": ["T4b"], "N": ["N0", "N1", "N2"], "stage": "IVA"},
    {"T": ["T4a"], "N": ["N1", "N2", "NX"], "stage": "IVA"},
    {"T": ["T4a"], "N": ["N0"], "stage": "IIIB"},
    {"T": ["T0", "T1", "T2", "T3"], "N": ["N2"], "stage": "IIIB"},
    {"T": ["T3"], "N": ["N1"], "stage": "IIIB"},
    {"T": ["T0", "T1", "T2"], "N": ["N1"], "stage": "IIIA"},
    {"T": ["T3"], "N": ["N0"], "stage": "II"},
    {"T": ["T0", "T1", "T2"], "N": ["N0"], "stage": "I"},
]
NOTES_8TH[("postneoadjuvant", "squamous")] = _YP
NOTES_8TH[("postneoadjuvant", "adenocarcinoma")] = _YP

# 7th edition as the notes give it in prose (section 3): groups are disjoint, so order is free.
_SEVENTH_SHARED = [
    {"M": "M1", "stage": "IV"},
    {"T": ["T1", "T2"], "N": ["N2"], "stage": "IIIA"},
    {"T": ["T3"], "N": ["N1"], "stage": "IIIA"},
    {"T": ["T4a"], "N": ["N0"], "stage": "IIIA"},
    {"T": ["T3"], "N": ["N2"], "stage": "IIIB"},
    {"T": ["T4a"], "N": ["N1", "N2"], "stage": "IIIC"},
    {"T": ["T4b"], "N": ["N0", "N1", "N2", "N3"], "stage": "IIIC"},
    {"N": ["N3"], "stage": "IIIC"},
]
UPPER_MIDDLE = ["upper", "middle"]
NOTES_7TH = {
    "squamous": [
        {"T": ["Tis"], "N": ["N0"], "G": ["G1", "GX"], "stage": "0"},
        {"T": ["T1"], "N": ["N0"], "G": ["G1", "GX"], "stage": "IA"},
        {"T": ["T1"], "N": ["N0"], "G": ["G2", "G3"], "stage": "IB"},
        {"T": ["T2", "T3"], "N": ["N0"], "G": ["G1", "GX"], "L": ["lower", "X"], "stage": "IB"},
        {"T": ["T2", "T3"], "N": ["N0"], "G": ["G1", "GX"], "L": UPPER_MIDDLE, "stage": "IIA"},
        {"T": ["T2", "T3"], "N": ["N0"], "G": ["G2", "G3"], "L": ["lower", "X"], "stage": "IIA"},
        {"T": ["T2", "T3"], "N": ["N0"], "G": ["G2", "G3"], "L": UPPER_MIDDLE, "stage": "IIB"},
        {"T": ["T1", "T2"], "N": ["N1"], "stage": "IIB"},
        *_SEVENTH_SHARED,
    ],
    "adenocarcinoma": [
        {"T": ["Tis"], "N": ["N0"], "G": ["G1", "GX"], "stage": "0"},
        {"T": ["T1"], "N": ["N0"], "G": ["G1", "G2", "GX"], "stage": "IA"},
        {"T": ["T1"], "N": ["N0"], "G": ["G3"], "stage": "IB"},
        {"T": ["T2"], "N": ["N0"], "G": ["G1", "G2", "GX"], "stage": "IB"},
        {"T": ["T2"], "N": ["N0"], "G": ["G3"], "stage": "IIA"},
        {"T": ["T3"], "N": ["N0"], "stage": "IIB"},
        {"T": ["T1", "T2"], "N": ["N1"], "stage": "IIB"},
        *_SEVENTH_SHARED,
    ],
}

# One concrete case per row of the notes' tables, read off the notes (and, where the notes cite
# them, the NCI dictionary wording): (classification, histology, T, N, M, grade, location, stage).
CASES_8TH = [
    ("clinical", "squamous", "T2", "N0", "M1", "G2", "lower", "IVB"),
    ("clinical", "squamous", "Tis", "N0", "M0", "GX", "X", "0"),
    ("clinical", "squamous", "T1", "N3", "M0", "G1", "X", "IVA"),
    ("clinical", "squamous", "T4", "N2", "M0", "G1", "X", "IVA"),
    ("clinical", "squamous", "T4a", "N0", "M0", "GX", "X", "IVA"),
    ("clinical", "squamous", "T1", "N1", "M0", "G3", "upper", "I"),
    ("clinical", "squamous", "T2", "N1", "M0", "G1", "X", "II"),
    ("clinical", "squamous", "T3", "N0", "M0", "G1", "X", "II"),
    ("clinical", "squamous", "T3", "N1", "M0", "G1", "X", "III"),
    ("clinical", "squamous", "T2", "N2", "M0", "G1", "X", "III"),
    ("clinical", "adenocarcinoma", "T4b", "N1", "M1", "GX", "X", "IVB"),
    ("clinical", "adenocarcinoma", "Tis", "N0", "M0", "GX", "X", "0"),
    ("clinical", "adenocarcinoma", "T2", "N3", "M0", "GX", "X", "IVA"),
    ("clinical", "adenocarcinoma", "T4b", "N0", "M0", "GX", "X", "IVA"),
    ("clinical", "adenocarcinoma", "T4a", "N2", "M0", "GX", "X", "IVA"),
    ("clinical", "adenocarcinoma", "T1", "N0", "M0", "G3", "X", "I"),
    ("clinical", "adenocarcinoma", "T1", "N1", "M0", "GX", "X", "IIA"),
    ("clinical", "adenocarcinoma", "T2", "N0", "M0", "GX", "X", "IIB"),
    ("clinical", "adenocarcinoma", "T2", "N1", "M0", "GX", "X", "III"),
    ("clinical", "adenocarcinoma", "T4a", "N1", "M0", "GX", "X", "III"),
    ("pathological", "squamous", "T1a", "N0", "M1", "G1", "X", "IVB"),
    ("pathological", "squamous", "Tis", "N0", "M0", "GX", "X", "0"),
    ("pathological", "squamous", "T1a", "N3", "M0", "G1", "upper", "IVA"),
    ("pathological", "squamous", "T4b", "N0", "M0", "G1", "X", "IVA"),
    ("pathological", "squamous", "T4a", "N2", "M0", "G1", "X", "IVA"),
    ("pathological", "squamous", "T4a", "N1", "M0", "G1", "X", "IIIB"),
    ("pathological", "squamous", "T2", "N2", "M0", "G1", "X", "IIIB"),
    ("pathological", "squamous", "T3", "N1", "M0", "G1", "X", "IIIB"),
    ("pathological", "squamous", "T1b", "N2", "M0", "G1", "X", "IIIA"),
    ("pathological", "squamous", "T2", "N1", "M0", "G1", "X", "IIIA"),
    ("pathological", "squamous", "T1", "N1", "M0", "G1", "X", "IIB"),
    ("pathological", "squamous", "T1a", "N0", "M0", "G1", "X", "IA"),
    ("pathological", "squamous", "T1a", "N0", "M0", "GX", "X", "IA"),
    ("pathological", "squamous", "T1a", "N0", "M0", "G3", "X", "IB"),
    ("pathological", "squamous", "T1b", "N0", "M0", "GX", "X", "IB"),
    ("pathological", "squamous", "T2", "N0", "M0", "G1", "X", "IB"),
    ("pathological", "squamous", "T2", "N0", "M0", "G2", "upper", "IIA"),
    ("pathological", "squamous", "T3", "N0", "M0", "GX", "lower", "IIB"),
    ("pathological", "squamous", "T3", "N0", "M0", "G2", "X", "IIB"),
    ("pathological", "squamous", "T3", "N0", "M0", "G3", "lower", "IIA"),
    ("pathological", "squamous", "T3", "N0", "M0", "G1", "middle", "IIA"),
    ("pathological", "squamous", "T3", "N0", "M0", "G2", "upper", "IIB"),
    ("pathological", "adenocarcinoma", "T3", "N2", "M1", "G2", "X", "IVB"),
    ("pathological", "adenocarcinoma", "Tis", "N0", "M0", "GX", "X", "0"),
    ("pathological", "adenocarcinoma", "T1b", "N3", "M0", "G1", "X", "IVA"),
    ("pathological", "adenocarcinoma", "T4b", "N2", "M0", "G1", "X", "IVA"),
    ("pathological", "adenocarcinoma", "T4a", "N2", "M0", "G1", "X", "IVA"),
    ("pathological", "adenocarcinoma", "T4a", "N0", "M0", "G1", "X", "IIIB"),
    ("pathological", "adenocarcinoma", "T2", "N2", "M0", "G1", "X", "IIIB"),
    ("pathological", "adenocarcinoma", "T3", "N2", "M0", "G1", "X", "IIIB"),
    ("pathological", "adenocarcinoma", "T1a", "N2", "M0", "G1", "X", "IIIA"),
    ("pathological", "adenocarcinoma", "T2", "N1", "M0", "G3", "X", "IIIA"),
    ("pathological", "adenocarcinoma", "T1b", "N1", "M0", "G1", "X", "IIB"),
    ("pathological", "adenocarcinoma", "T3", "N0", "M0", "G1", "X", "IIB"),
    ("pathological", "adenocarcinoma", "T1a", "N0", "M0", "G1", "X", "IA"),
    ("pathological", "adenocarcinoma", "T1a", "N0", "M0", "G2", "X", "IB"),
    ("pathological", "adenocarcinoma", "T1b", "N0", "M0", "G2", "X", "IB"),
    ("pathological", "adenocarcinoma", "T1a", "N0", "M0", "G3", "X", "IC"),
    ("pathological", "adenocarcinoma", "T2", "N0", "M0", "G2", "X", "IC"),
    ("pathological", "adenocarcinoma", "T2", "N0", "M0", "GX", "X", "IIA"),
    ("postneoadjuvant", "squamous", "T0", "N0", "M1", "GX", "X", "IVB"),
    ("postneoadjuvant", "squamous", "T0", "N3", "M0", "GX", "X", "IVA"),
    ("postneoadjuvant", "squamous", "T4b", "N1", "M0", "GX", "X", "IVA"),
    ("postneoadjuvant", "squamous", "T4a", "NX", "M0", "GX", "X", "IVA"),
    ("postneoadjuvant", "squamous", "T4a", "N0", "M0", "GX", "X", "IIIB"),
    ("postneoadjuvant", "squamous", "T0", "N2", "M0", "GX", "X", "IIIB"),
    ("postneoadjuvant", "squamous", "T3", "N1", "M0", "GX", "X", "IIIB"),
    ("postneoadjuvant", "squamous", "T1a", "N1", "M0", "GX", "X", "IIIA"),
    ("postneoadjuvant", "squamous", "T3", "N0", "M0", "GX", "X", "II"),
    ("postneoadjuvant", "squamous", "T0", "N0", "M0", "GX", "X", "I"),
    ("postneoadjuvant", "adenocarcinoma", "T2", "N0", "M1", "G3", "X", "IVB"),
    ("postneoadjuvant", "adenocarcinoma", "T2", "N3", "M0", "GX", "X", "IVA"),
    ("postneoadjuvant", "adenocarcinoma", "T4b", "N0", "M0", "GX", "X", "IVA"),
    ("postneoadjuvant", "adenocarcinoma", "T4a", "N2", "M0", "GX", "X", "IVA"),
    ("postneoadjuvant", "adenocarcinoma", "T4a", "N0", "M0", "GX", "X", "IIIB"),
    ("postneoadjuvant", "adenocarcinoma", "T3", "N2", "M0", "GX", "X", "IIIB"),
    ("postneoadjuvant", "adenocarcinoma", "T3", "N1", "M0", "GX", "X", "IIIB"),
    ("postneoadjuvant", "adenocarcinoma", "T2", "N1", "M0", "GX", "X", "IIIA"),
    ("postneoadjuvant", "adenocarcinoma", "T3", "N0", "M0", "G1", "X", "II"),
    ("postneoadjuvant", "adenocarcinoma", "T2", "N0", "M0", "G3", "X", "I"),
]

CASES_7TH = [
    ("squamous", "Tis", "N0", "M0", "G1", "X", "0"),
    ("squamous", "T1", "N0", "M0", "GX", "upper", "IA"),
    ("squamous", "T1b", "N0", "M0", "G2", "lower", "IB"),
    ("squamous", "T3", "N0", "M0", "G1", "lower", "IB"),
    ("squamous", "T2", "N0", "M0", "GX", "middle", "IIA"),
    ("squamous", "T3", "N0", "M0", "G3", "X", "IIA"),
    ("squamous", "T2", "N0", "M0", "G2", "upper", "IIB"),
    ("squamous", "T2", "N1", "M0", "G1", "X", "IIB"),
    ("squamous", "T1", "N2", "M0", "G1", "X", "IIIA"),
    ("squamous", "T3", "N1", "M0", "G1", "X", "IIIA"),
    ("squamous", "T4a", "N0", "M0", "G1", "X", "IIIA"),
    ("squamous", "T3", "N2", "M0", "G1", "X", "IIIB"),
    ("squamous", "T4a", "N2", "M0", "G1", "X", "IIIC"),
    ("squamous", "T4b", "N0", "M0", "G1", "X", "IIIC"),
    ("squamous", "T1", "N3", "M0", "G1", "X", "IIIC"),
    ("squamous", "T1", "N0", "M1", "G1", "X", "IV"),
    ("adenocarcinoma", "Tis", "N0", "M0", "GX", "X", "0"),
    ("adenocarcinoma", "T1", "N0", "M0", "G2", "X", "IA"),
    ("adenocarcinoma", "T1", "N0", "M0", "G3", "X", "IB"),
    ("adenocarcinoma", "T2", "N0", "M0", "GX", "X", "IB"),
    ("adenocarcinoma", "T2", "N0", "M0", "G3", "X", "IIA"),
    ("adenocarcinoma", "T3", "N0", "M0", "G3", "X", "IIB"),
    ("adenocarcinoma", "T1", "N1", "M0", "G3", "X", "IIB"),
    ("adenocarcinoma", "T2", "N2", "M0", "G1", "X", "IIIA"),
    ("adenocarcinoma", "T3", "N2", "M0", "G1", "X", "IIIB"),
    ("adenocarcinoma", "T4a", "N1", "M0", "G1", "X", "IIIC"),
    ("adenocarcinoma", "T4b", "N3", "M0", "G1", "X", "IIIC"),
    ("adenocarcinoma", "T4a", "N0", "M1", "G1", "X", "IV"),
]

# --- an independent first-match evaluation of the notes' tables ---------------------------------

_EXPAND = {"T1": {"T1", "T1a", "T1b"}, "T4": {"T4", "T4a", "T4b"}}
_FIELDS = ("T", "N", "G", "L")
ALL_CASES = [
    dict(zip(("T", "N", "M", "G", "L"), combo, strict=True))
    for combo in itertools.product(T_CATEGORIES, N_CATEGORIES, M_CATEGORIES, GRADES, LOCATIONS)
]


def _notes_match(rule: dict, case: dict) -> bool:
    if rule.get("M", "M0") != case["M"]:
        return False
    for field in _FIELDS:
        values = rule.get(field)
        if values is None or values == "any":
            continue
        if case[field] not in set().union(*(_EXPAND.get(v, {v}) for v in values)):
            return False
    return True


def _notes_undefined(classification: str, case: dict) -> bool:
    """Section 2f of the notes: cases no table defines, whatever a first-match read would say."""
    t, n = case["T"], case["N"]
    if case["M"] == "M1":
        return False
    if t == "TX":
        return True
    if classification == "postneoadjuvant":
        return t == "Tis" or (n == "NX" and t != "T4a")
    return n == "NX" or t == "T0" or (t == "Tis" and n != "N0")


def _run(classification: str, histology: str, case: dict, edition: int = 8):
    return stage(
        histology=histology,
        classification=classification,
        t=case["T"],
        n=case["N"],
        m=case["M"],
        grade=case["G"],
        location=case["L"],
        edition=edition,
    )


def _normalised(rule: dict) -> dict:
    out = {"M": tuple(rule["M"]) if isinstance(rule.get("M"), list) else (rule.get("M", "M0"),)}
    for field in _FIELDS:
        value = rule.get(field)
        out[field] = None if value in (None, "any") else tuple(value)
    out["stage"] = rule["stage"]
    return out


def _table(edition: int, classification: str, histology: str) -> dict:
    for table in tables(edition)["tables"]:
        if classification in table["classifications"] and histology in table["histologies"]:
            return table
    raise AssertionError(f"no table for {classification} {histology}")


@pytest.mark.parametrize(("classification", "histology"), sorted(NOTES_8TH))
def test_stage_rows_are_the_notes_rows_in_order(classification: str, histology: str) -> None:
    shipped = [
        _normalised(rule)
        for rule in _table(8, classification, histology)["rules"]
        if "stage" in rule
    ]
    assert shipped == [_normalised(rule) for rule in NOTES_8TH[(classification, histology)]]


@pytest.mark.parametrize(("classification", "histology"), sorted(NOTES_8TH))
def test_engine_agrees_with_notes_on_every_input(classification: str, histology: str) -> None:
    notes = NOTES_8TH[(classification, histology)]
    for case in ALL_CASES:
        result = _run(classification, histology, case)
        if _notes_undefined(classification, case):
            expected = None
        else:
            expected = next((r["stage"] for r in notes if _notes_match(r, case)), None)
        assert result.group == expected, (case, result.reason)
        assert (result.group is None) == bool(result.reason), case


@pytest.mark.parametrize("histology", HISTOLOGIES)
@pytest.mark.parametrize("classification", CLASSIFICATIONS)
def test_seventh_edition_agrees_with_notes_on_every_input(
    classification: str, histology: str
) -> None:
    for case in ALL_CASES:
        stages = {r["stage"] for r in NOTES_7TH[histology] if _notes_match(r, case)}
        assert len(stages) <= 1, (case, stages)  # the notes' 7th-edition groups are disjoint
        expected = None if _notes_undefined("clinical", case) else next(iter(stages), None)
        result = _run(classification, histology, case, edition=7)
        assert result.group == expected, (case, result.reason)


@pytest.mark.parametrize(
    ("classification", "histology", "t", "n", "m", "grade", "location", "expected"), CASES_8TH
)
def test_hand_written_cases_8th(classification, histology, t, n, m, grade, location, expected):
    result = stage(
        histology=histology,
        classification=classification,
        t=t,
        n=n,
        m=m,
        grade=grade,
        location=location,
    )
    assert result.group == expected, result.reason


@pytest.mark.parametrize("classification", CLASSIFICATIONS)
@pytest.mark.parametrize(("histology", "t", "n", "m", "grade", "location", "expected"), CASES_7TH)
def test_hand_written_cases_7th(classification, histology, t, n, m, grade, location, expected):
    result = stage(
        histology=histology,
        classification=classification,
        t=t,
        n=n,
        m=m,
        grade=grade,
        location=location,
        edition=7,
    )
    assert result.group == expected, result.reason


def test_every_notes_row_has_a_hand_written_case() -> None:
    for (classification, histology), notes in NOTES_8TH.items():
        hit = set()
        for case in CASES_8TH:
            if case[:2] == (classification, histology):
                values = dict(zip(("T", "N", "M", "G", "L"), case[2:7], strict=True))
                hit.add(next(i for i, r in enumerate(notes) if _notes_match(r, values)))
        assert hit == set(range(len(notes))), (classification, histology)


# --- every row of every shipped table, parametrised from the data file ---------------------------

_ROW_IDS = [
    (edition, table["id"], index)
    for edition in (7, 8)
    for table in tables(edition)["tables"]
    for index in range(len(table["rules"]))
]


@functools.cache
def _first_hits(edition: int, table_id: str) -> dict[int, tuple[dict, object]]:
    """For one table, the first input (in enumeration order) that lands on each row."""
    table = next(t for t in load_edition(edition).tables if t.id == table_id)
    hits: dict[int, tuple[dict, object]] = {}
    for case in ALL_CASES:
        result = _run(table.classifications[0], table.histologies[0], case, edition)
        if result.row is not None:
            hits.setdefault(result.row["index"], (case, result))
    return hits


@pytest.mark.parametrize(("edition", "table_id", "index"), _ROW_IDS)
def test_every_shipped_row_is_reached_and_returns_its_stage(edition, table_id, index) -> None:
    rule = next(t for t in tables(edition)["tables"] if t["id"] == table_id)["rules"][index]
    hits = _first_hits(edition, table_id)
    assert index in hits, f"row {index} of {table_id} is never reached (shadowed or empty)"
    case, result = hits[index]
    assert result.group == rule.get("stage")
    assert result.reason == rule.get("undefined")
    assert result.row["rule"] == rule
    assert result.row["number"] == index + 1


# --- the data file's own consistency -------------------------------------------------------------


def test_postneoadjuvant_tables_are_identical_for_both_cell_types() -> None:
    squamous = _table(8, "postneoadjuvant", "squamous")["rules"]
    adeno = _table(8, "postneoadjuvant", "adenocarcinoma")["rules"]
    assert squamous == adeno


@pytest.mark.parametrize("edition", [7, 8])
def test_table_marks_match_their_rows(edition: int) -> None:
    data = tables(edition)
    for table in data["tables"]:
        marks = {rule["evidence"] for rule in table["rules"] if "stage" in rule}
        expected_status = marks.pop() if len(marks) == 1 else "mixed"
        assert table["status"] == expected_status, table["id"]
        assert table["status"] in data["status_legend"]
        used = {field for rule in table["rules"] for field in rule if field in "TNMGL"}
        assert set(table["uses"]) == used, table["id"]
        for key in table["sources"]:
            assert data["sources"][key]["url"].startswith(("https://", "http://"))


def test_tables_returns_a_fresh_copy() -> None:
    first = tables(8)
    first["tables"][0]["rules"].clear()
    assert tables(8)["tables"][0]["rules"]
    assert json.loads(json.dumps(tables(7))) == tables(7)


_GOOD_RULE = {"T": ["T2"], "N": ["N0"], "stage": "IIA", "evidence": "V1", "sources": ["S4"]}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"T": ["T5"]}, "T ['T5']"),
        ({"N": "N0"}, "N 'N0'"),
        ({"G": []}, "non-empty"),
        ({"L": ["lower", "lower"]}, "without repeats"),
        ({"stage": "IIC"}, "stage 'IIC'"),
        ({"evidence": "V3"}, "evidence 'V3'"),
        ({"sources": []}, "must name its sources"),
        ({"sources": ["S99"]}, "sources ['S99']"),
        ({"undefined": "Also undefined."}, "exactly one of"),
        ({"colour": "red"}, "unknown keys ['colour']"),
    ],
)
def test_malformed_rules_are_rejected_with_their_place(change: dict, message: str) -> None:
    rule = {**_GOOD_RULE, **change}
    groups = load_edition(8).groups
    with pytest.raises(TableDataError, match="table 'x', row 3") as caught:
        _compile_rule(3, rule, groups, {}, {"S4": {}}, "table 'x', row 3")
    assert message in str(caught.value)
