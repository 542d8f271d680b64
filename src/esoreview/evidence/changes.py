"""The evidence changelog, ``data/evidence-changes.csv`` (standard library only).

One row per change to the evidence a page presents: ``date`` (ISO ``YYYY-MM-DD``), ``page``
(the page slug, e.g. ``immunotherapy``), ``trial`` (blank for a change not tied to one trial),
``change`` (what changed, in words) and ``key`` (the BibTeX key(s) of the publication behind
it, ``;``-separated; blank for a removal or a review without a new source).

The "What's new" page lists the rows, newest first; each treatment page shows "Evidence last
reviewed" as the latest date of its rows. Both come from this one file, so a date is never
typed twice. Broken rows raise :class:`ChangeDataError` naming file, line and column.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .rowerror import DataRowError

__all__ = [
    "COLUMNS",
    "Change",
    "ChangeDataError",
    "last_reviewed",
    "load_changes",
    "reviewed_markdown",
]

COLUMNS: tuple[str, ...] = ("date", "page", "trial", "change", "key")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_KEY = re.compile(r"^[A-Za-z0-9_:.+-]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ChangeDataError(DataRowError):
    """A changelog row breaks a rule."""


@dataclass(frozen=True)
class Change:
    """One dated change to a page's evidence."""

    line_no: int
    date: date
    page: str
    trial: str
    change: str
    keys: tuple[str, ...]


def _parse(path: Path, line: int, raw: dict[str, str]) -> Change:
    def fail(column: str, message: str) -> ChangeDataError:
        return ChangeDataError(path, line, column, message)

    text = {column: (raw.get(column) or "").strip() for column in COLUMNS}
    for column in ("date", "page", "change"):
        if not text[column]:
            raise fail(column, "required value is missing")
    if not _DATE.match(text["date"]):
        raise fail("date", f"expected YYYY-MM-DD, got {text['date']!r}")
    try:
        when = date.fromisoformat(text["date"])
    except ValueError:
        raise fail("date", f"{text['date']!r} is not a calendar date") from None
    if not _SLUG.match(text["page"]):
        raise fail("page", f"expected a page slug such as 'immunotherapy', got {text['page']!r}")
    keys = tuple(k.strip().lstrip("@") for k in text["key"].split(";") if k.strip())
    for key in keys:
        if not _KEY.match(key):
            raise fail("key", f"not a BibTeX key: {key!r}")
    return Change(line, when, text["page"], text["trial"], text["change"], keys)


def load_changes(path: str | Path) -> list[Change]:
    """Read and validate the changelog; rows come back newest first (stable within a day)."""
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ChangeDataError(path, 1, missing[0], "required column is missing from the header")
        changes: list[Change] = []
        start = reader.line_num + 1
        for raw in reader:
            if None in raw:
                raise ChangeDataError(path, start, "(extra)", "row has more fields than the header")
            if any((value or "").strip() for value in raw.values()):
                changes.append(_parse(path, start, raw))
            start = reader.line_num + 1
    return sorted(changes, key=lambda c: c.date, reverse=True)


def last_reviewed(changes: list[Change], page: str) -> date:
    """The latest date of ``page``'s rows; a page the changelog never names is an error."""
    dates = [c.date for c in changes if c.page == page]
    if not dates:
        raise KeyError(f"the evidence changelog has no row for page {page!r}")
    return max(dates)


def reviewed_markdown(changes: list[Change], page: str) -> str:
    """The line a treatment page shows under its title."""
    when = last_reviewed(changes, page)
    count = sum(1 for c in changes if c.page == page and c.date == when)
    noun = "change" if count == 1 else "changes"
    return (
        f"**Evidence last reviewed: {when.isoformat()}** ({count} {noun} that day; see "
        f"[What's new](whats-new.md#whats-new))."
    )
