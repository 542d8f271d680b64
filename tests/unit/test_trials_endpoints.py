"""The optional ep_* columns of data/trials.csv (DFS/EFS as a primary endpoint)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from datafiles import write_csv

from esoreview.evidence.figures import forest_figure, forest_rows, marker_count
from esoreview.evidence.trials import COLUMNS, ENDPOINTS, TrialDataError, load_trials

ROOT = Path(__file__).resolve().parents[2]
TRIALS = ROOT / "data" / "trials.csv"

ROW = {
    "trial": "ADJ-1",
    "comparison_id": "adj1-itt",
    "line": "perioperative",
    "setting": "adjuvant",
    "histology": "ESCC",
    "population": "All randomised",
    "drug_class": "anti-PD-1",
    "experimental_arm": "drug",
    "control_arm": "placebo",
    "primary_endpoint": "DFS",
    "citation_key": "kelly2021checkmate577",
    "number_source": "https://example.org/a",
    "seen_in": "abstract",
    "ep_name": "DFS",
    "ep_median_exp": "22.4",
    "ep_median_ctrl": "11.0",
    "ep_hr": "0.69",
    "ep_ci_low": "0.56",
    "ep_ci_high": "0.86",
    "ep_ci_level": "96.4%",
}


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    return write_csv(tmp_path / "trials.csv", COLUMNS, rows)


def test_ep_columns_round_trip(tmp_path: Path) -> None:
    (row,) = load_trials(write(tmp_path, [ROW]))
    assert row.ep_name == "DFS"
    assert (row.ep_median_exp, row.ep_median_ctrl) == (22.4, 11.0)
    assert row.ep_ci_level == pytest.approx(0.964)
    assert row.ci_text("ep") == "0.69 (0.56–0.86; 96.4% CI)"
    assert row.os_hr is None


def test_files_without_the_ep_columns_still_load(tmp_path: Path) -> None:
    old = [c for c in COLUMNS if not c.startswith("ep_")]
    path = tmp_path / "old.csv"
    path.write_text(
        ",".join(old) + "\n" + ",".join(ROW.get(c, "") for c in old) + "\n", encoding="utf-8"
    )
    (row,) = load_trials(path)
    assert row.ep_name == "" and row.ep_hr is None


@pytest.mark.parametrize(
    ("changes", "column", "phrase"),
    [
        ({"ep_name": ""}, "ep_name", "needs the endpoint"),
        ({"ep_name": "", "ep_hr": "", "ep_ci_low": "", "ep_ci_high": ""}, "ep_name", "needs"),
        ({"ep_name": "pCR"}, "ep_name", "must be one of"),
        ({"ep_hr": "0.9"}, "ep_hr", "outside its CI"),
        ({"ep_ci_level": ""}, "ep_ci_level", "needs its level"),
        ({"ep_ci_high": ""}, "ep_ci_high", "both bounds"),
        ({"ep_median_exp": "-1"}, "ep_median_exp", "positive"),
    ],
)
def test_rejects_broken_ep_values(
    tmp_path: Path, changes: dict[str, str], column: str, phrase: str
) -> None:
    path = write(tmp_path, [{**ROW, **changes}])
    with pytest.raises(TrialDataError) as info:
        load_trials(path)
    assert (info.value.line, info.value.column) == (2, column)
    assert phrase in str(info.value) and str(path) in str(info.value)


def test_endpoint_vocabulary_is_spelled_out() -> None:
    assert set(ENDPOINTS) == {"DFS", "EFS", "RFS"}
    assert all(ENDPOINTS.values())


def test_the_repository_perioperative_rows() -> None:
    rows = {r.comparison_id: r for r in load_trials(TRIALS)}
    assert rows["checkmate577-itt"].ep_name == "DFS"
    assert rows["checkmate577-itt"].ep_ci_level == pytest.approx(0.964)
    assert rows["keynote585-main"].primary_endpoint_met is False
    assert {rows[c].ep_name for c in ("keynote585-main", "matterhorn-itt")} == {"EFS"}
    ours = set(
        re.findall(r"^@\w+\{([^,]+),", (ROOT / "bib" / "treatment-periop.bib").read_text(), re.M)
    )
    added = [r for r in rows.values() if r.citation_key in ours]
    assert len(added) >= 15
    # Every row added with these references says which analysis and where it was read.
    assert all(r.analysis and r.seen_in for r in added)


def test_forest_plot_of_ep_hazard_ratios(tmp_path: Path) -> None:
    rows = load_trials(TRIALS)
    shown = forest_rows(rows, "ep")
    assert [r.comparison_id for r in shown] and all(r.ep_hr is not None for r in shown)
    fig = forest_figure(rows, endpoint="ep")
    assert marker_count(fig) == len(shown)
    xs = sorted(x for trace in fig.data for x in trace.x)
    assert xs == sorted(r.ep_hr for r in shown)
    assert "DFS/EFS" in fig.layout.xaxis.title.text
    hover = " ".join(text for trace in fig.data for text in trace.hovertext)
    assert "DFS HR 0.69 (0.56–0.86; 96.4% CI)" in hover
