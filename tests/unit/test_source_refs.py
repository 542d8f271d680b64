"""The source review's numbered references: loading, errors and coverage counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.site.bib import load_bibliography
from esoreview.site.citations import CitationRegistry, bibliography_page
from esoreview.site.source_refs import (
    SOURCE_PARTS,
    SourceReference,
    SourceReferenceError,
    coverage,
    coverage_table,
    load_source_references,
)

FIXTURES = Path(__file__).parent.parent / "fixtures"
HEADER = "num,status,bibkey,claim,section\n"


@pytest.fixture(scope="module")
def bib():
    return load_bibliography([FIXTURES / "citations-basic.bib"])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("4,found,,claim,1", ":3: column 'status': 'found' is not one of"),
        ("x,missing,,claim,1", ":3: column 'num': 'x' is not a number"),
        ("4,matched,nosuchkey,claim,1", ":3: column 'bibkey': unknown key 'nosuchkey'"),
        ("4,missing,sung2021global,claim,1", ":3: column 'bibkey': 'sung2021global' given for"),
    ],
)
def test_errors_name_file_line_and_column(bib, tmp_path, row, message):
    path = tmp_path / "source-references.csv"
    path.write_text(f"{HEADER}1,missing,,c,1\n{row}\n", encoding="utf-8")
    with pytest.raises(SourceReferenceError, match=re.escape(f"{path}{message}")):
        load_source_references([path], bib)


def test_missing_column_is_named(bib, tmp_path):
    path = tmp_path / "source-references.csv"
    path.write_text("num,status,claim\n1,missing,c\n", encoding="utf-8")
    with pytest.raises(
        SourceReferenceError, match=re.escape(f"{path}:1: missing column(s) bibkey")
    ):
        load_source_references([path], bib)


def test_several_files_merge_and_reject_repeated_numbers(bib, tmp_path):
    first, second = tmp_path / "source-references.csv", tmp_path / "source-references-b.csv"
    first.write_text(f"{HEADER}5,missing,,five,3\n", encoding="utf-8")
    second.write_text(HEADER.strip() + ",note\n4,missing,,four,3,extra column\n", encoding="utf-8")
    md = bibliography_page(bib, CitationRegistry(), source_references=[first, second])
    assert re.findall(r"<tr><td>(\d+)</td>", md) == ["4", "5"]
    second.write_text(f"{HEADER}5,missing,,again,3\n", encoding="utf-8")
    with pytest.raises(
        SourceReferenceError,
        match=re.escape(f"{second}:2: column 'num': 5 already listed at {first}:2"),
    ):
        load_source_references([first, second], bib)


def test_coverage_counts_only_works_with_a_doi_or_pmid(bib, tmp_path):
    # sung2021global has DOI and PMID; mueller2019lymph only a PMCID, so it is identified
    # (tentatively) but not counted as identified by DOI or PMID.
    rows = load_source_references([FIXTURES / "source-references.csv"], bib)
    mechanisms, treatment = coverage(rows, bib)
    assert (mechanisms.matched, mechanisms.tentative, mechanisms.with_identifier) == (1, 1, 1)
    assert mechanisms.total == 141 and mechanisms.share == pytest.approx(1 / 141)
    assert (treatment.matched, treatment.tentative, treatment.with_identifier) == (0, 0, 0)
    assert treatment.total == 46
    table = coverage_table([mechanisms, treatment])
    assert "| Mechanisms (§1–2.4) | 1–141 | 1 | 1 | 1 (1%) |" in table
    md = bibliography_page(
        bib, CitationRegistry(), source_references=[FIXTURES / "source-references.csv"]
    )
    assert table in md


KEYS = st.sampled_from(["sung2021global", "mueller2019lymph"])


@settings(max_examples=100, deadline=None)
@given(
    statuses=st.dictionaries(
        st.integers(1, 187), st.tuples(st.sampled_from(["matched", "tentative", "missing"]), KEYS)
    )
)
def test_coverage_parts_partition_the_rows(bib, statuses):
    rows = [
        SourceReference(num, status, "" if status == "missing" else key, "c", "1")
        for num, (status, key) in sorted(statuses.items())
    ]
    parts = coverage(rows, bib)
    assert [(p.first, p.last) for p in parts] == [(f, last) for _, f, last in SOURCE_PARTS]
    found = [row for row in rows if row.status != "missing"]
    assert sum(p.matched + p.tentative for p in parts) == len(found)
    assert sum(p.with_identifier for p in parts) == sum(r.bibkey == "sung2021global" for r in found)
    for part in parts:
        assert 0 <= part.with_identifier <= part.matched + part.tentative <= part.total


def test_refs_command_prints_the_projects_coverage(capsys):
    from esoreview.site.cli import main
    from esoreview.site.paths import Project

    project = Project.find(Path(__file__))
    assert main(["--root", str(project.root), "refs"]) == 0
    out = capsys.readouterr().out
    bib = load_bibliography(project.bib_files())
    rows = load_source_references(sorted(project.data.glob("source-references*.csv")), bib)
    for part in coverage(rows, bib):
        assert f"| {part.part} | {part.first}–{part.last} | {part.matched} |" in out
    assert f"{len(bib)} works in bib/" in out
