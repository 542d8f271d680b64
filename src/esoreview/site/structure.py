"""The structure of a page's Markdown: fenced code, headings, the title, and page URLs.

One module owns these rules so that every reader of a page -- citation numbering (which section
a citation sits in), the "Cite this section" controls, the page title, the anchor registry and
the claims checker -- agrees on what is code and what is a heading. A page is split once, by
:class:`Structure`, and the build reads its headings from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
HEADING = re.compile(r"^\s*(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$")
HEADING_ATTRS = re.compile(r"\s*\{(?P<attrs>[^{}]*)\}\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[A-Za-z][\w-]*)")


class MarkdownError(ValueError):
    """A page breaks a structural rule (e.g. it has no title); the message names the file."""


@dataclass(frozen=True)
class Heading:
    """An ATX heading: ``## Title {#id}`` on line ``line`` (0-based) of the text it came from."""

    line: int
    level: int
    title: str
    id: str | None


def parse_heading(line: str) -> tuple[int, str, str | None] | None:
    """``## Title {#id .cls}`` -> (2, 'Title', 'id'); None when the line is no ATX heading."""
    match = HEADING.match(line)
    if not match:
        return None
    text, heading_id = match.group("text"), None
    attrs = HEADING_ATTRS.search(text)
    if attrs:
        id_match = ATTR_ID.search(attrs.group("attrs"))
        heading_id = id_match.group("id") if id_match else None
        text = text[: attrs.start()]
    return len(match.group("hashes")), text.rstrip("# \t").strip(), heading_id


def split_fenced(markdown: str) -> list[tuple[bool, int, str]]:
    """Split into (is_code, line_offset, text) runs. Fences may be indented (admonitions, lists);
    a fence closes on a bare run of the same character at least as long."""
    runs: list[tuple[bool, int, str]] = []
    lines = markdown.splitlines(keepends=True)
    start, fence = 0, ""
    for number, line in enumerate(lines):
        match = FENCE.match(line)
        if not match:
            continue
        marker = match.group("fence")
        if not fence:
            if number > start:
                runs.append((False, start, "".join(lines[start:number])))
            start, fence = number, marker
        elif marker[0] == fence[0] and len(marker) >= len(fence) and not line.strip(" \t\r\n`~"):
            runs.append((True, start, "".join(lines[start : number + 1])))
            start, fence = number + 1, ""
    if start < len(lines):
        # An unclosed fence runs to the end of the chunk, as in Markdown.
        runs.append((bool(fence), start, "".join(lines[start:])))
    return runs


@dataclass(frozen=True)
class Piece:
    """A run of a page: fenced code, one heading line, or the prose between headings."""

    is_code: bool
    line: int  # 0-based line of the run's start
    text: str
    heading: Heading | None = None


class Structure:
    """A Markdown text split once into code runs, heading lines and prose runs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pieces: list[Piece] = list(self._split())
        self.headings: list[Heading] = [p.heading for p in self.pieces if p.heading]

    def _split(self) -> Iterator[Piece]:
        for is_code, start, run in split_fenced(self.text):
            if is_code:
                yield Piece(True, start, run)
                continue
            # Each heading stands alone, as it changes the current section; the lines between
            # headings stay together (a code span may run across them).
            buffer: list[str] = []
            line = start
            for offset, raw in enumerate(run.splitlines(keepends=True)):
                parsed = parse_heading(raw)
                if parsed is None:
                    buffer.append(raw)
                    continue
                if buffer:
                    yield Piece(False, line, "".join(buffer))
                heading = Heading(start + offset, *parsed)
                yield Piece(False, start + offset, raw, heading)
                buffer, line = [], start + offset + 1
            if buffer:
                yield Piece(False, line, "".join(buffer))

    def explicit_ids(self) -> list[str]:
        """Explicit heading ids (``{#id}``), in page order."""
        return [h.id for h in self.headings if h.id]

    def title(self, path: Path | str) -> Heading:
        """The first level-1 heading: every page needs one."""
        for heading in self.headings:
            if heading.level == 1:
                return heading
        raise MarkdownError(f"{path}: the page needs a level-1 heading ('# Title {{#id}}')")


def page_url(slug: str) -> str:
    """A page's URL relative to the site root (``use_directory_urls``): ``a/b`` -> ``a/b/``."""
    return "" if slug in ("", "index") else slug.removesuffix("/index") + "/"


def md_path_url(md_path: str) -> str:
    """``overview.md`` (a path in ``docs/`` or a nav entry) -> ``overview/``."""
    return page_url(md_path.strip("/").removesuffix(".md"))
