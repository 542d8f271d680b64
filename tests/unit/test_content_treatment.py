"""Content checks for the treatment pages (notebooks 06-09) and their data files."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from agreed_sections import AGREED
from datafiles import bib_keys

from esoreview.evidence import load_trials
from esoreview.evidence.figures import (
    STATUS_SYMBOL,
    dumbbell_figure,
    dumbbell_rows,
    forest_figure,
    marker_count,
    table_rows,
)

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(
    p for p in (ROOT / "notebooks").glob("0[6-9]-*.py") if p.name[:2] in {"06", "07", "08", "09"}
)
TRIALS = ROOT / "data" / "trials.csv"
DRUGS = ROOT / "data" / "drugs.csv"

#: The agreed ids each treatment notebook must carry itself.
OWN_IDS = {
    "06": AGREED["chemotherapy"],
    "07": AGREED["immunotherapy"],
    "08": AGREED["targeted-therapy"],
    "09": AGREED["conclusions"],
}
KEY = r"[A-Za-z][A-Za-z0-9_:.+-]*[A-Za-z0-9]"


def cited_in_text(text: str) -> set[str]:
    """Keys in ``[@a; @b]`` groups (literal keys only; f-string placeholders are skipped)."""
    keys: set[str] = set()
    for group in re.findall(r"\[([^\[\]]*@[^\[\]]*)\]", text):
        keys |= set(re.findall(rf"(?<![\w{{])@({KEY})", group))
    return keys


def drugs() -> list[dict[str, str]]:
    with DRUGS.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_four_notebooks_exist() -> None:
    assert [p.name[:2] for p in NOTEBOOKS] == ["06", "07", "08", "09"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_citations_resolve(path: Path) -> None:
    cited = cited_in_text(path.read_text("utf-8"))
    assert cited, f"{path.name} cites nothing"
    missing = sorted(cited - bib_keys())
    assert not missing, f"{path.name} cites keys missing from bib/*.bib: {missing}"


def test_trial_and_drug_citations_resolve() -> None:
    known = bib_keys()
    trial_keys = {key for row in load_trials(TRIALS) for key in row.citation_keys}
    drug_keys = {k for row in drugs() for k in row["citation_keys"].split(";") if k}
    missing = sorted((trial_keys | drug_keys) - known)
    assert not missing, f"data files cite keys missing from bib/*.bib: {missing}"


def test_drug_mechanism_links_point_to_agreed_sections() -> None:
    for row in drugs():
        match = re.fullmatch(r"([a-z0-9-]+)\.md#([a-z0-9-]+)", row["mechanism_section"])
        assert match, f"{row['drug']}: malformed mechanism_section {row['mechanism_section']!r}"
        slug, anchor = match.groups()
        assert slug in AGREED, f"{row['drug']}: unknown page {slug!r}"
        assert anchor in AGREED[slug], f"{row['drug']}: unknown section {slug}#{anchor}"
        for column in ("drug", "class", "target", "mechanism", "citation_keys"):
            assert row[column].strip(), f"{row['drug']}: empty {column}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_links_and_headings(path: Path) -> None:
    text = path.read_text("utf-8")
    for slug, anchor in re.findall(r"\]\(([a-z0-9-]+)\.md#([a-z0-9-]+)\)", text):
        assert slug in AGREED and anchor in AGREED[slug], f"{path.name}: {slug}.md#{anchor}"
    ids = set(re.findall(r"^# #+ .*\{#([a-z0-9-]+)\}\s*$", text, re.M))
    assert OWN_IDS[path.name[:2]] <= ids, f"{path.name}: missing ids {OWN_IDS[path.name[:2]] - ids}"


def test_errata_are_corrected_not_repeated() -> None:
    text = "\n".join(p.read_text("utf-8") for p in NOTEBOOKS)
    assert "lobaplatin" in text and "adjuvant" in text
    assert "BI 2536" in text and "pertuzumab" in text
    # Wrong names appear only inside quotation marks (as the source's wording being corrected).
    for wrong in ("patuximab", "BL-2356", "lopressor"):
        for line in text.splitlines():
            if wrong in line:
                assert f'"{wrong}' in line.replace("“", '"'), f"uncorrected {wrong!r}: {line}"


def test_fluorouracil_widget_is_placed_in_its_section() -> None:
    text = (ROOT / "notebooks" / "06-chemotherapy.py").read_text("utf-8")
    section = text.split("{#fluorouracil-pk}", 1)[1]
    assert 'display(HTML(widget_html("fluorouracil_pk")))' in section
    assert "esoreview.kinetics.api" in section


def test_forest_plot_has_one_marker_per_os_hazard_ratio() -> None:
    rows = load_trials(TRIALS)
    fig = forest_figure(rows)
    expected = sum(row.os_hr is not None for row in rows)
    assert expected > 0
    assert marker_count(fig) == expected
    ids = [cid for trace in fig.data for (cid,) in trace.customdata]
    assert sorted(ids) == sorted(r.comparison_id for r in rows if r.os_hr is not None)
    assert fig.layout.xaxis.type == "log"
    symbols = {trace.marker.symbol for trace in fig.data}
    assert symbols <= set(STATUS_SYMBOL.values())
    for trace in fig.data:
        hover = " ".join(trace.hovertext)
        assert "CI" in hover


def test_forest_plot_error_bars_match_the_intervals() -> None:
    rows = {r.comparison_id: r for r in load_trials(TRIALS)}
    for trace in forest_figure(rows.values()).data:
        for (cid,), x, plus, minus in zip(
            trace.customdata, trace.x, trace.error_x.array, trace.error_x.arrayminus, strict=True
        ):
            row = rows[cid]
            assert x == row.os_hr
            if row.os_ci_low is not None:
                assert x - minus == pytest.approx(row.os_ci_low)
                assert x + plus == pytest.approx(row.os_ci_high)


def test_dumbbell_and_table_cover_the_data() -> None:
    rows = load_trials(TRIALS)
    fig = dumbbell_figure(rows)
    n = len(dumbbell_rows(rows))
    assert n == sum(r.os_median_exp is not None and r.os_median_ctrl is not None for r in rows)
    assert marker_count(fig) - len(fig.data[0].x) == 2 * n
    table = table_rows(rows)
    assert len(table) == len(rows)
    assert all(re.fullmatch(r"\[@[^\]]+\]", t["source"]) for t in table)
