"""Helpers for the tests of the data files: write a small CSV the way the loaders read it, and
list the citation keys the project's BibTeX files define.

One copy for every loader test (trials, regimens, evidence changes, ...), so they all write the
same bytes and none can drift into hiding a broken row.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_BIB_KEY = re.compile(r"^@\w+\s*\{\s*([^,\s]+)\s*,", re.M)


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> Path:
    """Write the header ``columns`` and then ``rows`` to ``path``; return the path.

    UTF-8, ``\\n`` line ends, fields quoted only where needed; the header is line 1, so the
    first row is line 2. A column a row leaves out is written empty. A key that is not a column
    is an error: a misspelt key in a test's broken row must fail the test, not be dropped so
    that the row is silently valid.
    """
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def bib_keys() -> set[str]:
    """Every entry key defined in ``bib/*.bib`` (read with a pattern, not the site's parser)."""
    keys: set[str] = set()
    for path in (ROOT / "bib").glob("*.bib"):
        keys |= set(_BIB_KEY.findall(path.read_text("utf-8")))
    return keys
