"""Load and validate ``data/coverage.csv``: where each topic of the source review is covered.

Standard library only. The source review's mechanism sections (§1–2.4) discuss some two hundred
distinct topics at the granularity of this table. Each row is one topic, in our words, with
where this site covers it (``page`` + ``anchor``, a heading id of that page) or why it is left
out (``reason``). The Corrections page renders the table; ``tests/unit/test_coverage.py``
checks that every anchor exists on its page.

Rules checked here (each failure raises :class:`CoverageError` naming file, line and column):

* the header is exactly :data:`COLUMNS`;
* ``id`` is ``C`` + three digits and unique;
* ``section`` is a section of the source's §1–2.4 (``1``, ``2.1`` … ``2.4``, subsections such as
  ``2.2.1.3``) or one of its two figure legends (``fig1``, ``fig2``);
* ``topic`` is not blank and not repeated;
* ``status`` is ``covered`` or ``left-out``;
* a covered row names ``page`` and ``anchor``; a left-out row gives a ``reason`` and may name
  the section where it would belong (``page`` and ``anchor`` then come together);
* ``errata`` holds ``;``-separated entry numbers of ``data/errata.json`` (1-based), when the
  source is wrong on the topic and our text states what is right.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "COLUMNS",
    "STATUSES",
    "CoverageError",
    "CoverageRow",
    "check_anchors",
    "left_out",
    "load_coverage",
]

COLUMNS: tuple[str, ...] = (
    "id",
    "section",
    "topic",
    "status",
    "page",
    "anchor",
    "reason",
    "errata",
)
STATUSES: tuple[str, ...] = ("covered", "left-out")

ID = re.compile(r"C\d{3}")
SECTION = re.compile(r"1|2(?:\.[1-4](?:\.[1-3](?:\.[1-3])?)?)?|fig[12]")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class CoverageError(ValueError):
    """A broken row of the coverage file; the message is ``file:line:column: what``."""


@dataclass(frozen=True)
class CoverageRow:
    """One topic of the source review and where (or why not) this site covers it."""

    id: str
    section: str
    topic: str
    status: str
    page: str
    anchor: str
    reason: str
    errata: tuple[int, ...]
    line: int

    @property
    def target(self) -> str:
        """``page.md#anchor`` as a Markdown link target; empty when the row names no place."""
        return f"{self.page}.md#{self.anchor}" if self.page else ""


def load_coverage(path: Path, *, errata_count: int | None = None) -> list[CoverageRow]:
    """Read and validate the coverage file. ``errata_count`` (the number of entries in
    ``data/errata.json``) bounds the ``errata`` column when given."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise CoverageError(f"{path}:1:1: empty file; expected header {','.join(COLUMNS)}")
        for number, expected in enumerate(COLUMNS):
            found = header[number].strip() if number < len(header) else ""
            if found != expected:
                raise CoverageError(
                    f"{path}:1:{number + 1}: header column {number + 1} is '{found}', "
                    f"expected '{expected}' (columns: {','.join(COLUMNS)})"
                )
        if len(header) > len(COLUMNS):
            raise CoverageError(
                f"{path}:1:{len(COLUMNS) + 1}: unexpected extra column '{header[len(COLUMNS)]}'"
            )
        rows: list[CoverageRow] = []
        ids: dict[str, int] = {}
        topics: dict[str, int] = {}
        start = 2
        for values in reader:
            line = start
            start = reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            row = _row(path, line, values, errata_count)
            for seen, key, what in ((ids, row.id, "id"), (topics, row.topic.lower(), "topic")):
                if key in seen:
                    column = COLUMNS.index(what) + 1
                    raise CoverageError(
                        f"{path}:{line}:{column}: {what} '{getattr(row, what)}' already used "
                        f"on line {seen[key]}"
                    )
                seen[key] = line
            rows.append(row)
    return rows


def _row(path: Path, line: int, values: list[str], errata_count: int | None) -> CoverageRow:
    if len(values) != len(COLUMNS):
        raise CoverageError(
            f"{path}:{line}:{min(len(values), len(COLUMNS)) + 1}: {len(values)} fields, "
            f"expected {len(COLUMNS)}"
        )
    cell = {name: value.strip() for name, value in zip(COLUMNS, values, strict=True)}

    def fail(column: str, message: str) -> CoverageError:
        return CoverageError(f"{path}:{line}:{COLUMNS.index(column) + 1}: {column}: {message}")

    if not ID.fullmatch(cell["id"]):
        raise fail("id", f"'{cell['id']}' is not C followed by three digits (C001)")
    if not SECTION.fullmatch(cell["section"]):
        raise fail("section", f"'{cell['section']}' is not a section of the source's §1–2.4")
    if not cell["topic"]:
        raise fail("topic", "blank")
    if cell["status"] not in STATUSES:
        raise fail("status", f"'{cell['status']}' is not one of {', '.join(STATUSES)}")
    for column in ("page", "anchor"):
        if cell[column] and not SLUG.fullmatch(cell[column]):
            raise fail(column, f"'{cell[column]}' is not a lowercase slug")
    if bool(cell["page"]) != bool(cell["anchor"]):
        missing = "anchor" if cell["page"] else "page"
        raise fail(missing, "blank; page and anchor go together")
    if cell["status"] == "covered" and not cell["page"]:
        raise fail("page", "blank; a covered topic names the page and anchor that cover it")
    if cell["status"] == "left-out" and not cell["reason"]:
        raise fail("reason", "blank; a left-out topic says why it is left out")
    errata = []
    for item in filter(None, (part.strip() for part in cell["errata"].split(";"))):
        if not item.isdigit() or int(item) < 1:
            raise fail("errata", f"'{item}' is not an entry number of data/errata.json")
        if errata_count is not None and int(item) > errata_count:
            raise fail("errata", f"entry {item} does not exist (errata.json has {errata_count})")
        errata.append(int(item))
    return CoverageRow(**{**cell, "errata": tuple(errata)}, line=line)


def check_anchors(
    rows: Iterable[CoverageRow], anchors: Mapping[str, Iterable[str]], path: Path
) -> list[str]:
    """Rows whose ``page``/``anchor`` is not a heading id of that page, as one-line errors.
    ``anchors`` maps a page slug to its explicit heading ids."""
    known = {page: set(ids) for page, ids in anchors.items()}
    errors = []
    for row in rows:
        if not row.page:
            continue
        if row.page not in known:
            errors.append(f"{path}:{row.line}:5: page: no page '{row.page}'")
        elif row.anchor not in known[row.page]:
            errors.append(
                f"{path}:{row.line}:6: anchor: '{row.anchor}' is not a heading id of "
                f"page '{row.page}'"
            )
    return errors


def left_out(rows: Iterable[CoverageRow], page: str) -> list[CoverageRow]:
    """The topics left out that would belong on ``page``, in file order."""
    return [row for row in rows if row.status == "left-out" and row.page == page]
