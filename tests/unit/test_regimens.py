"""The regimen-table validator: accepts data/regimens.csv and rejects broken rows loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
from datafiles import bib_keys, write_csv

from esoreview.evidence.regimens import (
    COLUMNS,
    ROUTES,
    RegimenDataError,
    group_regimens,
    load_regimens,
)

ROOT = Path(__file__).resolve().parents[2]
REGIMENS = ROOT / "data" / "regimens.csv"

GOOD = {
    "regimen_id": "test-regimen",
    "regimen": "Test regimen",
    "setting": "first-line advanced",
    "component": "cisplatin",
    "dose": "80 mg/m²",
    "route": "intravenous",
    "schedule": "day 1",
    "cycle_days": "21",
    "cycles": "up to 6",
    "citation_key": "sun2021pembrolizumab",
    "number_source": "https://example.org/report",
    "seen_in": "abstract",
    "notes": "",
}


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    return write_csv(tmp_path / "regimens.csv", COLUMNS, rows)


# --- the real data ------------------------------------------------------------------------


def test_accepts_the_repository_data() -> None:
    rows = load_regimens(REGIMENS)
    assert len(rows) >= 30
    assert {row.route for row in rows} <= set(ROUTES)
    assert all(row.number_sources and row.seen_in for row in rows)


def test_regimen_sources_are_in_the_bibliography() -> None:
    keys = {key for row in load_regimens(REGIMENS) for key in row.citation_keys}
    assert not keys - bib_keys(), f"unknown keys: {sorted(keys - bib_keys())}"


def test_the_regimens_the_treatment_pages_discuss_are_listed() -> None:
    ids = {regimen.regimen_id for regimen in group_regimens(load_regimens(REGIMENS))}
    expected = {
        "cross-crt",
        "flot",
        "next-cf",
        "next-dcf",
        "nivolumab-adjuvant",
        "durvalumab-flot",
        "pembrolizumab-perioperative",
        "pembrolizumab-cf",
        "pembrolizumab-trastuzumab-chemo",
        "trastuzumab-deruxtecan",
        "zolbetuximab-mfolfox6",
        "zolbetuximab-capox",
    }
    assert expected <= ids, f"missing: {sorted(expected - ids)}"


def test_cross_regimen_matches_its_source() -> None:
    (cross,) = [r for r in group_regimens(load_regimens(REGIMENS)) if r.regimen_id == "cross-crt"]
    doses = {part.component: part.dose for part in cross.components}
    assert doses == {
        "carboplatin": "AUC 2 mg/mL per min",
        "paclitaxel": "50 mg/m²",
        "radiotherapy": "41.4 Gy in 23 fractions",
    }
    assert cross.cycle_days == 7


# --- the validator ------------------------------------------------------------------------


def test_good_row_round_trips(tmp_path: Path) -> None:
    (row,) = load_regimens(write(tmp_path, [GOOD]))
    assert row.line_no == 2
    assert row.cycle_days == 21
    assert row.citation_keys == ("sun2021pembrolizumab",)
    assert row.number_sources == ("https://example.org/report",)


def test_blank_cycle_length_means_not_cyclical(tmp_path: Path) -> None:
    (row,) = load_regimens(write(tmp_path, [{**GOOD, "cycle_days": ""}]))
    assert row.cycle_days is None


def test_group_keeps_file_order(tmp_path: Path) -> None:
    rows = [GOOD, {**GOOD, "component": "fluorouracil", "dose": "800 mg/m²"}]
    (regimen,) = group_regimens(load_regimens(write(tmp_path, rows)))
    assert [part.component for part in regimen.components] == ["cisplatin", "fluorouracil"]


BREAKAGES = [
    ({"route": "IV"}, "route", "must be one of"),
    ({"dose": "standard dose"}, "dose", "number with a unit"),
    ({"dose": "80"}, "dose", "number with a unit"),
    ({"cycle_days": "0"}, "cycle_days", "positive whole number"),
    ({"cycle_days": "2.5"}, "cycle_days", "positive whole number"),
    ({"cycle_days": "three weeks"}, "cycle_days", "positive whole number"),
    ({"regimen_id": "Test Regimen"}, "regimen_id", "lowercase"),
    ({"dose": ""}, "dose", "required"),
    ({"seen_in": ""}, "seen_in", "required"),
    ({"citation_key": "not a key!"}, "citation_key", "BibTeX key"),
    ({"number_source": "a leaflet"}, "number_source", "URL"),
    ({"component": "cisplatin"}, "component", "duplicate of line 2"),
    ({"component": "x", "setting": "second-line"}, "setting", "differs from line 2"),
    ({"component": "x", "cycle_days": "14"}, "cycle_days", "differs from line 2"),
    ({"component": "x", "citation_key": "bang2010toga"}, "citation_key", "differs from line 2"),
]


@pytest.mark.parametrize(("changes", "column", "phrase"), BREAKAGES)
def test_rejects_broken_row(
    tmp_path: Path, changes: dict[str, str], column: str, phrase: str
) -> None:
    second = {**GOOD, "component": "fluorouracil", "dose": "800 mg/m²", **changes}
    path = write(tmp_path, [GOOD, second])
    with pytest.raises(RegimenDataError) as info:
        load_regimens(path)
    error = info.value
    assert error.line == 3
    assert error.column == column
    message = str(error)
    assert str(path) in message and "line 3" in message and f"'{column}'" in message
    assert phrase in message


def test_rejects_missing_header_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("regimen_id,regimen\nx,X\n", encoding="utf-8")
    with pytest.raises(RegimenDataError) as info:
        load_regimens(path)
    assert info.value.line == 1


def test_rejects_a_row_with_too_many_fields(tmp_path: Path) -> None:
    path = write(tmp_path, [GOOD])
    path.write_text(path.read_text("utf-8") + ",".join(["x"] * (len(COLUMNS) + 1)) + "\n")
    with pytest.raises(RegimenDataError, match=r"line 3, column '\(extra\)'"):
        load_regimens(path)
