"""The coverage table of the source review's mechanism sections (data/coverage.csv): the
validator, the real file (every anchor exists on its page, every row has a place or a reason,
our own words) and the build report's count of never-cited references."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from esoreview.evidence.coverage import (
    COLUMNS,
    CoverageError,
    CoverageRow,
    check_anchors,
    load_coverage,
)
from esoreview.site.anchors import collect_anchors, source_pages
from esoreview.site.paths import Project

ROOT = Path(__file__).resolve().parents[2]
COVERAGE = ROOT / "data" / "coverage.csv"
ERRATA = ROOT / "data" / "errata.json"
SOURCE = ROOT.parent / "shared" / "source" / "review.txt"
HEADER = ",".join(COLUMNS)
GOOD = "C001,2.2.1.1,MMPs free matrix-bound VEGF,covered,haematogenous-metastasis,mmps,,"
ERROR = re.compile(r"^\S+:\d+:\d+: .+$")


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "coverage.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_valid_rows_load(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER,
        GOOD,
        "C002,2.3,BACH1 and SCD1,left-out,ferroptosis-immune-cells,ferroptosis,"
        '"study not found, in any record",37;62',
        "C003,fig2,Treg legend,left-out,,,garbled,",
    )
    rows = load_coverage(path, errata_count=67)
    assert [r.id for r in rows] == ["C001", "C002", "C003"]
    assert rows[1].errata == (37, 62)
    assert rows[1].reason == "study not found, in any record"
    assert rows[0].target == "haematogenous-metastasis.md#mmps"
    assert rows[2].target == ""
    assert rows[1].line == 3


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("X01,2.2,t,covered,p,a,,", 1, "not C followed by three digits"),
        ("C001,3.1,t,covered,p,a,,", 2, "not a section of the source"),
        ("C001,2.5,t,covered,p,a,,", 2, "not a section of the source"),
        ("C001,2.2,,covered,p,a,,", 3, "topic: blank"),
        ("C001,2.2,t,partly,p,a,,", 4, "not one of covered, left-out"),
        ("C001,2.2,t,covered,,,,", 5, "a covered topic names the page"),
        ("C001,2.2,t,covered,page,,,", 6, "page and anchor go together"),
        ("C001,2.2,t,covered,,anchor,,", 5, "page and anchor go together"),
        ("C001,2.2,t,left-out,p,a,,", 7, "says why it is left out"),
        ("C001,2.2,t,covered,Page_X,a,,", 5, "not a lowercase slug"),
        ("C001,2.2,t,covered,p,a b,,", 6, "not a lowercase slug"),
        ("C001,2.2,t,covered,p,a,,x", 8, "not an entry number"),
        ("C001,2.2,t,covered,p,a,,0", 8, "not an entry number"),
        ("C001,2.2,t,covered,p,a,,68", 8, "does not exist (errata.json has 67)"),
        ("C001,2.2,t,covered,p,a", 7, "6 fields, expected 8"),
    ],
)
def test_bad_row_is_named_by_file_line_and_column(
    tmp_path: Path, row: str, column: int, message: str
) -> None:
    path = write(tmp_path, HEADER, GOOD.replace("C001", "C000"), row)
    with pytest.raises(CoverageError) as caught:
        load_coverage(path, errata_count=67)
    text = str(caught.value)
    assert ERROR.match(text), text
    assert text.startswith(f"{path}:3:{column}: "), text
    assert message in text


def test_duplicate_id_and_topic_name_the_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER, GOOD, GOOD.replace("MMPs free", "other"))
    with pytest.raises(CoverageError, match=r":3:1: id 'C001' already used on line 2"):
        load_coverage(path)
    path = write(tmp_path, HEADER, GOOD, GOOD.replace("C001", "C002").replace("MMPs", "mmps"))
    with pytest.raises(CoverageError, match=r":3:3: topic .* already used on line 2"):
        load_coverage(path)


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("id,section,topic,status,page,anchor,reason", 8),
        ("id,section,topic,state,page,anchor,reason,errata", 4),
        (HEADER + ",extra", 9),
    ],
)
def test_bad_header(tmp_path: Path, header: str, column: int) -> None:
    path = write(tmp_path, header, GOOD)
    with pytest.raises(CoverageError, match=rf"^{re.escape(str(path))}:1:{column}: "):
        load_coverage(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "coverage.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(CoverageError, match=r":1:1: empty file"):
        load_coverage(path)


def test_line_numbers_count_multiline_fields(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER,
        'C001,2.2,t,left-out,,,"reason over\ntwo lines",',
        "C002,2.2,u,left-out,p,,r,",
    )
    with pytest.raises(CoverageError, match=r":4:6: anchor: blank"):
        load_coverage(path)


def test_check_anchors_reports_missing_page_and_anchor(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER,
        GOOD,
        "C002,2.2,other,covered,no-such-page,x,,",
        "C003,2.2,third,covered,haematogenous-metastasis,gone,,",
        "C004,2.2,fourth,left-out,,,r,",
    )
    rows = load_coverage(path)
    errors = check_anchors(rows, {"haematogenous-metastasis": ["mmps"]}, path)
    assert errors == [
        f"{path}:3:5: page: no page 'no-such-page'",
        f"{path}:4:6: anchor: 'gone' is not a heading id of page 'haematogenous-metastasis'",
    ]


slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)


@given(
    status=st.sampled_from(["covered", "left-out"]),
    page=slugs,
    anchor=slugs,
    reason=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
    ).filter(lambda s: s.strip()),
    errata=st.lists(st.integers(min_value=1, max_value=67), max_size=3),
)
def test_written_rows_round_trip(status, page, anchor, reason, errata) -> None:
    import csv
    import io
    import tempfile

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    cells = ["C001", "2.2.2", "a topic", status, page, anchor, reason, ";".join(map(str, errata))]
    writer.writerow(cells)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "coverage.csv"
        path.write_text(buffer.getvalue(), encoding="utf-8")
        (row,) = load_coverage(path, errata_count=67)
    assert isinstance(row, CoverageRow)
    assert (row.status, row.page, row.anchor, row.reason.strip() == reason.strip()) == (
        status,
        page,
        anchor,
        True,
    )
    assert row.errata == tuple(errata)


# --- the real file -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rows() -> list[CoverageRow]:
    errata = json.loads(ERRATA.read_text(encoding="utf-8"))
    return load_coverage(COVERAGE, errata_count=len(errata))


def test_every_listed_anchor_is_a_heading_of_its_page(rows: list[CoverageRow]) -> None:
    pages = collect_anchors(source_pages(Project(ROOT)))
    anchors = {url.rstrip("/"): ids for url, ids in pages.items()}
    assert check_anchors(rows, anchors, COVERAGE) == []


def test_no_row_lacks_a_place_or_a_reason(rows: list[CoverageRow]) -> None:
    assert all(r.anchor if r.status == "covered" else r.reason for r in rows)
    assert not [r.id for r in rows if not r.anchor and not r.reason]


def test_the_table_spans_every_mechanism_section(rows: list[CoverageRow]) -> None:
    sections = {r.section for r in rows}
    for expected in ("1", "2.1", "2.2.1.1", "2.2.1.2", "2.2.1.3", "2.2.2", "2.2.2.1"):
        assert expected in sections
    assert {"2.2.2.2", "2.2.3", "2.3", "2.4", "fig1", "fig2"} <= sections
    assert len(rows) >= 150


def test_topics_and_reasons_are_in_our_words(rows: list[CoverageRow]) -> None:
    if not SOURCE.is_file():
        pytest.skip(f"{SOURCE} not present")

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9αβγκ-]+", text.lower())

    w = words(SOURCE.read_text(encoding="utf-8"))
    runs = {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
    for row in rows:
        t = words(f"{row.topic} {row.reason}")
        assert not [t[i : i + 8] for i in range(len(t) - 7) if tuple(t[i : i + 8]) in runs], row.id


# --- references never cited ----------------------------------------------------------------


@pytest.mark.site
def test_build_report_lists_no_unused_reference(built_site: Path) -> None:
    report = ROOT / ".build" / "report.json"
    if not report.is_file():
        pytest.fail(f"{report} is missing: run `make site` (or `make test`, which builds)")
    newest_input = max(p.stat().st_mtime for p in (ROOT / "bib").glob("*.bib"))
    if report.stat().st_mtime < newest_input:
        pytest.fail(f"{report} is older than bib/: run `make site` again")
    unused = json.loads(report.read_text(encoding="utf-8"))["unused_references"]
    assert unused == []
