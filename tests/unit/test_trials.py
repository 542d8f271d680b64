"""The trial-data validator: it accepts data/trials.csv and rejects broken rows loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
from datafiles import write_csv
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.evidence.trials import (
    COLUMNS,
    LINES,
    TrialDataError,
    load_trials,
    parse_bool,
    parse_ci_level,
)

ROOT = Path(__file__).resolve().parents[2]
TRIALS = ROOT / "data" / "trials.csv"

GOOD = {
    "trial": "TEST-1",
    "comparison_id": "test1-itt",
    "publication_year": "2021",
    "phase": "3",
    "line": "first-line",
    "setting": "advanced",
    "histology": "ESCC",
    "population": "All randomised",
    "drug_class": "anti-PD-1",
    "experimental_arm": "drug + chemo",
    "control_arm": "placebo + chemo",
    "n_experimental": "300",
    "n_control": "301",
    "analysis": "interim",
    "os_median_exp": "12.4",
    "os_median_ctrl": "9.8",
    "os_hr": "0.73",
    "os_ci_low": "0.62",
    "os_ci_high": "0.86",
    "os_ci_level": "95%",
    "pfs_median_exp": "6.3",
    "pfs_median_ctrl": "5.8",
    "pfs_hr": "0.65",
    "pfs_ci_low": "0.55",
    "pfs_ci_high": "0.76",
    "pfs_ci_level": "0.95",
    "primary_endpoint": "OS",
    "primary_endpoint_met": "true",
    "citation_key": "sun2021pembrolizumab",
    "number_source": "https://example.org/a https://example.org/b",
    "seen_in": "abstract",
    "data_cutoff": "2020-07-02",
    "notes": "",
}


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    return write_csv(tmp_path / "trials.csv", COLUMNS, rows)


def broken(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


# --- the real data ------------------------------------------------------------------------


def test_accepts_the_repository_data() -> None:
    rows = load_trials(TRIALS)
    assert rows, "data/trials.csv is empty"
    assert len({row.comparison_id for row in rows}) == len(rows)
    assert all(row.line in LINES for row in rows)


def test_errata_are_not_repeated_in_the_data() -> None:
    rows = {row.comparison_id: row for row in load_trials(TRIALS)}
    attraction3 = rows["attraction3-itt"]  # nivolumab gave LONGER OS than chemotherapy
    assert attraction3.publication_year == 2019
    assert attraction3.os_median_exp > attraction3.os_median_ctrl
    assert attraction3.os_hr < 1
    assert rows["jacob-itt"].primary_endpoint_met is False  # OS gain not significant
    assert "docetaxel" in rows["keynote181-itt"].control_arm  # not doxorubicin
    assert "doxorubicin" not in rows["keynote181-itt"].control_arm


def test_checkmate648_keeps_its_non_95_percent_levels() -> None:
    levels = {r.os_ci_level for r in load_trials(TRIALS) if r.trial == "CheckMate 648"}
    assert levels == {0.995, 0.991, 0.986, 0.982}


def test_good_row_round_trips(tmp_path: Path) -> None:
    (row,) = load_trials(write(tmp_path, [GOOD]))
    assert row.line_no == 2
    assert row.os_hr == pytest.approx(0.73)
    assert row.os_ci_level == pytest.approx(0.95)
    assert row.pfs_ci_level == pytest.approx(0.95)
    assert row.primary_endpoint_met is True
    assert row.n_experimental == 300
    assert row.number_sources == ("https://example.org/a", "https://example.org/b")
    assert row.ci_text() == "0.73 (0.62–0.86; 95% CI)"


# --- rejections: each names file, line and column ------------------------------------------

BREAKAGES = [
    ({"os_hr": "0.95"}, "os_hr", "outside its CI"),
    ({"os_hr": "0.50"}, "os_hr", "outside its CI"),
    ({"os_ci_low": "0.86", "os_ci_high": "0.62"}, "os_ci_low", "below upper bound"),
    ({"os_ci_low": "0.73", "os_ci_high": "0.73"}, "os_ci_low", "below upper bound"),
    ({"os_ci_high": ""}, "os_ci_high", "both bounds"),
    ({"os_hr": ""}, "os_hr", "needs a hazard ratio"),
    ({"os_ci_level": ""}, "os_ci_level", "needs its level"),
    ({"os_ci_level": "150"}, "os_ci_level", "confidence level"),
    ({"os_ci_level": "0"}, "os_ci_level", "confidence level"),
    ({"pfs_hr": "-0.65"}, "pfs_hr", "positive"),
    ({"n_experimental": "0"}, "n_experimental", "positive integer"),
    ({"n_control": "-12"}, "n_control", "positive integer"),
    ({"n_control": "12.5"}, "n_control", "positive integer"),
    ({"os_median_exp": "-3"}, "os_median_exp", "positive"),
    ({"pfs_median_ctrl": "0"}, "pfs_median_ctrl", "positive"),
    ({"os_median_ctrl": "about 9"}, "os_median_ctrl", "number"),
    ({"trial": ""}, "trial", "required"),
    ({"citation_key": ""}, "citation_key", "no citation_key"),
    ({"number_source": ""}, "number_source", "no number_source"),
    ({"seen_in": ""}, "seen_in", "no seen_in"),
    ({"seen_in": " "}, "seen_in", "no seen_in"),
    ({"citation_key": "a2021x;b2022y"}, "citation_key", "ONE publication"),
    ({"data_cutoff": "2020/07"}, "data_cutoff", "YYYY-MM"),
    ({"data_cutoff": "July 2020"}, "data_cutoff", "YYYY-MM"),
    ({"data_cutoff": "2020-13"}, "data_cutoff", "calendar date"),
    ({"data_cutoff": "2020-02-30"}, "data_cutoff", "calendar date"),
    ({"data_cutoff": "2022-01"}, "data_cutoff", "after the publication year"),
    ({"pdl1_subgroup": "PD-L1 high"}, "pdl1_subgroup", "cut-off"),
    ({"pdl1_subgroup": "CPS=>10"}, "pdl1_subgroup", "cut-off"),
    ({"number_source": "seen in a book"}, "number_source", "URL"),
    ({"primary_endpoint_met": "maybe"}, "primary_endpoint_met", "true/false"),
    ({"line": "third"}, "line", "must be one of"),
    ({"comparison_id": "Test 1"}, "comparison_id", "lowercase"),
    ({"publication_year": "21"}, "publication_year", "year"),
]


@pytest.mark.parametrize(("changes", "column", "phrase"), BREAKAGES)
def test_rejects_broken_row(
    tmp_path: Path, changes: dict[str, str], column: str, phrase: str
) -> None:
    path = write(tmp_path, [GOOD, broken(**{"comparison_id": "test1-b", **changes})])
    with pytest.raises(TrialDataError) as info:
        load_trials(path)
    error = info.value
    assert error.line == 3, "the broken row is the second data row, i.e. line 3 of the file"
    assert error.column == column
    message = str(error)
    assert str(path) in message
    assert "line 3" in message
    assert f"'{column}'" in message
    assert phrase in message


NO_NUMBERS = {column: "" for column in COLUMNS if column.startswith(("n_", "os_", "pfs_"))}


def test_a_row_without_numbers_needs_no_provenance(tmp_path: Path) -> None:
    row = broken(**NO_NUMBERS, citation_key="", number_source="", seen_in="", data_cutoff="")
    (loaded,) = load_trials(write(tmp_path, [row]))
    assert loaded.citation_keys == () and loaded.os_hr is None


@pytest.mark.parametrize("column", ["n_control", "os_median_exp", "pfs_ci_low", "os_hr"])
def test_any_single_number_triggers_the_provenance_rule(tmp_path: Path, column: str) -> None:
    row = broken(**NO_NUMBERS, seen_in="")
    row[column] = "0.5" if "ci" in column or "hr" in column else "5"
    if column == "pfs_ci_low":  # an interval needs its partner, HR and level; keep them valid
        row.update(pfs_hr="0.6", pfs_ci_high="0.7", pfs_ci_level="95%")
    with pytest.raises(TrialDataError, match=r"line 2, column 'seen_in': the row has numbers"):
        load_trials(write(tmp_path, [row]))


@pytest.mark.parametrize(("text", "ok"), [("2021-01", True), ("2020-07-02", True), ("2021", False)])
def test_cutoff_forms(tmp_path: Path, text: str, ok: bool) -> None:
    path = write(tmp_path, [broken(data_cutoff=text)])
    if ok:
        assert load_trials(path)[0].data_cutoff == text
    else:
        with pytest.raises(TrialDataError, match="data_cutoff"):
            load_trials(path)


def test_every_numbered_row_of_the_data_names_one_publication_and_where() -> None:
    for row in load_trials(TRIALS):
        if row.os_hr is not None or row.os_median_exp is not None or row.n_experimental:
            assert len(row.citation_keys) == 1, row.comparison_id
            assert row.seen_in and row.number_sources, row.comparison_id
            # A cut-off the publication did not show is said to be unseen, never left silent.
            assert row.data_cutoff or "cut-off" in row.notes, row.comparison_id


def test_rejects_duplicate_comparison(tmp_path: Path) -> None:
    with pytest.raises(
        TrialDataError, match=r"line 3, column 'comparison_id': duplicate of line 2"
    ):
        load_trials(write(tmp_path, [GOOD, GOOD]))


def test_rejects_missing_header_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("trial,comparison_id\nX,x\n", encoding="utf-8")
    with pytest.raises(TrialDataError) as info:
        load_trials(path)
    assert info.value.line == 1


def test_line_numbers_count_multiline_fields(tmp_path: Path) -> None:
    rows = [broken(comparison_id="a", notes="two\nlines"), broken(comparison_id="b", os_hr="2")]
    with pytest.raises(TrialDataError) as info:
        load_trials(write(tmp_path, rows))
    assert info.value.line == 4


@pytest.mark.parametrize(
    ("text", "value"), [("95%", 0.95), ("95", 0.95), ("0.95", 0.95), ("99.5%", 0.995), ("", None)]
)
def test_parse_ci_level(text: str, value: float | None) -> None:
    assert parse_ci_level(text) == (pytest.approx(value) if value else None)


@pytest.mark.parametrize(
    ("text", "value"), [("true", True), ("Yes", True), ("0", False), ("FALSE", False), ("", None)]
)
def test_parse_bool(text: str, value: bool | None) -> None:
    assert parse_bool(text) is value


# --- property: any generated valid row is accepted unchanged -------------------------------

positive = st.floats(min_value=0.01, max_value=120, allow_nan=False, allow_infinity=False)


@st.composite
def valid_rows(draw: st.DrawFn) -> dict[str, object]:
    low = draw(st.floats(min_value=0.05, max_value=3.0))
    high = low + draw(st.floats(min_value=0.01, max_value=3.0))
    hr = draw(st.floats(min_value=low, max_value=high))
    level = draw(st.floats(min_value=0.5, max_value=0.999))
    return {
        "low": round(low, 4),
        "high": round(high, 4) if round(high, 4) > round(low, 4) else round(low, 4) + 0.001,
        "hr": hr,
        "level": level,
        "n_exp": draw(st.integers(min_value=1, max_value=10_000)),
        "n_ctrl": draw(st.one_of(st.none(), st.integers(min_value=1, max_value=10_000))),
        "median": draw(positive),
        "met": draw(st.sampled_from(["true", "false", ""])),
        "line": draw(st.sampled_from(LINES)),
        "percent": draw(st.booleans()),
    }


@settings(max_examples=150, deadline=None)
@given(case=valid_rows())
def test_property_valid_rows_are_accepted(tmp_path_factory, case: dict[str, object]) -> None:
    low, high = case["low"], case["high"]
    hr = min(max(round(case["hr"], 4), low), high)
    level = case["level"]
    level_text = f"{level * 100:.6g}%" if case["percent"] else f"{level:.6g}"
    row = broken(
        os_hr=repr(hr),
        os_ci_low=repr(low),
        os_ci_high=repr(high),
        os_ci_level=level_text,
        n_experimental=str(case["n_exp"]),
        n_control="" if case["n_ctrl"] is None else str(case["n_ctrl"]),
        os_median_exp=repr(case["median"]),
        primary_endpoint_met=case["met"],
        line=case["line"],
    )
    path = write(tmp_path_factory.mktemp("prop"), [row])
    (parsed,) = load_trials(path)
    assert parsed.os_ci_low <= parsed.os_hr <= parsed.os_ci_high
    assert parsed.os_ci_level == pytest.approx(float(f"{level:.6g}"), rel=1e-6)
    assert parsed.n_experimental == case["n_exp"]
    assert parsed.n_control == case["n_ctrl"]
    assert parsed.primary_endpoint_met is {"true": True, "false": False, "": None}[case["met"]]
