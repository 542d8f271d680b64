"""The source review's numbered references: which work each number cites, and how many are known.

``data/source-references*.csv`` holds one row per number (see ``data/README.md``). The
Bibliography page lists the open rows and a coverage table; ``esoreview-build refs`` prints the
same table for contributors working through the list.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .bib import Bibliography
from .rawkeys import author_year

SOURCE_STATUSES = ("matched", "tentative", "missing")
SOURCE_COLUMNS = ("num", "status", "bibkey", "claim", "section")
# The source's two halves, as its numbering runs: mechanisms (§1–2.4) cite 1–141, treatment
# (§3) 142–187. Coverage targets are set per half, so it is reported per half.
SOURCE_PARTS = (("Mechanisms (§1–2.4)", 1, 141), ("Treatment (§3)", 142, 187))


class SourceReferenceError(ValueError):
    """A problem in a source-references file, with file, line and column in its message."""


@dataclass(frozen=True)
class SourceReference:
    """One numbered reference of the source review and how far it has been identified."""

    num: int
    status: str
    bibkey: str
    claim: str
    section: str


@dataclass(frozen=True)
class Coverage:
    """How many of a part's numbers are identified, and how many of those by DOI or PMID."""

    part: str
    first: int
    last: int
    matched: int
    tentative: int
    with_identifier: int

    @property
    def total(self) -> int:
        return self.last - self.first + 1

    @property
    def share(self) -> float:
        """Share of the part's numbers identified with a DOI or PMID."""
        return self.with_identifier / self.total


def load_source_references(paths: Sequence[Path], bib: Bibliography) -> list[SourceReference]:
    """Read ``data/source-references*.csv`` (one file per engineer's share of the numbers);
    errors name file, line and column. A number may appear in one row only."""
    rows: list[SourceReference] = []
    first_seen: dict[int, str] = {}
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in SOURCE_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise SourceReferenceError(f"{path}:1: missing column(s) {', '.join(missing)}")
            for row in reader:
                where = f"{path}:{reader.line_num}"
                rows.append(
                    _source_row({c: (row[c] or "").strip() for c in SOURCE_COLUMNS}, where, bib)
                )
                if rows[-1].num in first_seen:
                    raise SourceReferenceError(
                        f"{where}: column 'num': {rows[-1].num} already listed at "
                        f"{first_seen[rows[-1].num]}"
                    )
                first_seen[rows[-1].num] = where
    return sorted(rows, key=lambda row: row.num)


def _source_row(values: dict[str, str], where: str, bib: Bibliography) -> SourceReference:
    if not values["num"].isdigit():
        raise SourceReferenceError(f"{where}: column 'num': '{values['num']}' is not a number")
    if values["status"] not in SOURCE_STATUSES:
        raise SourceReferenceError(
            f"{where}: column 'status': '{values['status']}' is not one of "
            f"{', '.join(SOURCE_STATUSES)}"
        )
    if values["status"] == "missing" and values["bibkey"]:
        raise SourceReferenceError(
            f"{where}: column 'bibkey': '{values['bibkey']}' given for a missing reference "
            "(use status 'tentative' for a candidate)"
        )
    if values["status"] != "missing" and values["bibkey"] not in bib:
        raise SourceReferenceError(
            f"{where}: column 'bibkey': unknown key '{values['bibkey']}' for a "
            f"{values['status']} reference"
        )
    return SourceReference(**{**values, "num": int(values["num"])})


def coverage(rows: Sequence[SourceReference], bib: Bibliography) -> list[Coverage]:
    """Per part of the source: numbers matched, tentative, and identified with a DOI or PMID."""
    result = []
    for part, first, last in SOURCE_PARTS:
        found = [row for row in rows if first <= row.num <= last and row.status != "missing"]
        result.append(
            Coverage(
                part=part,
                first=first,
                last=last,
                matched=sum(row.status == "matched" for row in found),
                tentative=sum(row.status == "tentative" for row in found),
                with_identifier=sum(
                    bool(bib[row.bibkey].doi or bib[row.bibkey].pmid) for row in found
                ),
            )
        )
    return result


def coverage_table(parts: Sequence[Coverage]) -> str:
    """Markdown table of :func:`coverage`, as shown on the Bibliography page."""
    lines = [
        "| Part of the source | Numbers | Matched | Tentative | With DOI or PMID |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for item in parts:
        lines.append(
            f"| {item.part} | {item.first}–{item.last} | {item.matched} | {item.tentative} | "
            f"{item.with_identifier} ({item.share:.0%}) |"
        )
    return "\n".join(lines)


def unidentified_section(rows: list[SourceReference], bib: Bibliography) -> str:
    """The Bibliography page's account of the source's numbers: coverage, then the open rows."""
    open_rows = [row for row in rows if row.status != "matched"]
    counts = {status: sum(row.status == status for row in rows) for status in SOURCE_STATUSES}
    intro = (
        f"The source review (Wang et al., Front Immunol 2023) numbers {len(rows)} references "
        "in its text; its reference list was not available to us. "
        f"{counts['matched']} are identified, {counts['tentative']} tentatively and "
        f"{counts['missing']} not yet. Each open one is listed with the claim it supported."
    )
    body = []
    for row in open_rows:
        work = (
            f'<a href="#ref-{html.escape(row.bibkey, quote=True)}">'
            f"{html.escape(author_year(bib, row.bibkey))}</a>"
            if row.bibkey
            else "—"
        )
        body.append(
            f"<tr><td>{row.num}</td><td>{row.status}</td><td>{html.escape(row.claim)}</td>"
            f"<td>{html.escape(row.section)}</td><td>{work}</td></tr>"
        )
    table = (
        '<table class="source-references">\n<thead><tr><th>Ref.</th><th>Status</th>'
        "<th>Claim it supported</th><th>Section of the source</th><th>Candidate</th></tr>"
        "</thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>"
    )
    return (
        "## Source references not identified {#source-references-not-identified}\n\n"
        f"{intro}\n\n{coverage_table(coverage(rows, bib))}\n\n{table if body else ''}".rstrip()
    )
