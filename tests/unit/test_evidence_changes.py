"""The evidence changelog (data/evidence-changes.csv), its loader and the pages it drives."""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

import pytest
from datafiles import bib_keys, write_csv

from esoreview.evidence.changes import (
    COLUMNS,
    ChangeDataError,
    last_reviewed,
    load_changes,
    reviewed_markdown,
)

ROOT = Path(__file__).resolve().parents[2]
CHANGES = ROOT / "data" / "evidence-changes.csv"
GOOD = {
    "date": "2026-12-05",
    "page": "immunotherapy",
    "trial": "X",
    "change": "added",
    "key": "a2020b",
}


def write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    return write_csv(tmp_path / "changes.csv", COLUMNS, rows)


def page_slugs() -> set[str]:
    return {p.stem.split("-", 1)[1] for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.py")}


def test_the_changelog_validates_and_points_at_real_pages_and_keys() -> None:
    changes = load_changes(CHANGES)
    assert changes, "the changelog is empty"
    assert {c.page for c in changes} <= page_slugs()
    assert {k for c in changes for k in c.keys} <= bib_keys()
    assert [c.date for c in changes] == sorted((c.date for c in changes), reverse=True)


def test_every_page_with_a_reviewed_line_has_a_changelog_row() -> None:
    changes = load_changes(CHANGES)
    for notebook in (ROOT / "notebooks").glob("[0-9][0-9]-*.py"):
        match = re.search(r'reviewed_markdown\([^)]*\),\s*"([a-z0-9-]+)"\)', notebook.read_text())
        if match:
            assert match.group(1) == notebook.stem.split("-", 1)[1]
            assert last_reviewed(changes, match.group(1))


def test_last_reviewed_is_the_latest_date_of_the_page(tmp_path: Path) -> None:
    rows = [
        {**GOOD, "date": "2026-01-02"},
        {**GOOD, "date": "2026-03-04", "key": ""},
        {**GOOD, "date": "2026-05-06", "page": "chemotherapy"},
    ]
    changes = load_changes(write(tmp_path, rows))
    assert last_reviewed(changes, "immunotherapy") == date(2026, 3, 4)
    assert "2026-03-04** (1 change that day" in reviewed_markdown(changes, "immunotherapy")
    with pytest.raises(KeyError, match="no row for page 'conclusions'"):
        last_reviewed(changes, "conclusions")


@pytest.mark.parametrize(
    ("changes", "column", "phrase"),
    [
        ({"date": ""}, "date", "required"),
        ({"date": "05/12/2026"}, "date", "YYYY-MM-DD"),
        ({"date": "2026-02-30"}, "date", "calendar date"),
        ({"page": "Immunotherapy page"}, "page", "slug"),
        ({"change": " "}, "change", "required"),
        ({"key": "a b"}, "key", "BibTeX key"),
    ],
)
def test_broken_rows_name_file_line_and_column(
    tmp_path: Path, changes: dict[str, str], column: str, phrase: str
) -> None:
    path = write(tmp_path, [GOOD, {**GOOD, **changes}])
    with pytest.raises(ChangeDataError) as info:
        load_changes(path)
    assert info.value.line == 3 and info.value.column == column
    assert f"{path}, line 3, column '{column}'" in str(info.value)
    assert phrase in str(info.value)


def test_missing_header_column_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("date,page\n2026-01-01,x\n", encoding="utf-8")
    with pytest.raises(ChangeDataError, match="line 1, column 'trial'"):
        load_changes(path)


def test_pdl1_assay_rows_cite_known_works_and_name_a_record() -> None:
    with (ROOT / "data" / "pdl1-assays.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    keys = bib_keys()
    for row in rows:
        assert row["key"] in keys, row["trial"]
        assert row["source_url"].startswith("https://"), row["trial"]
        assert all(row[c].strip() for c in ("trial", "drug", "score", "assay", "cutoffs"))
