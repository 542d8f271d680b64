"""Every id on a page is unique: heading ids (explicit ``{#id}`` or made by the toc extension)
must not repeat, nor collide with the ids the build itself writes (``cite-N`` citation marks,
``ref-key`` reference items, the ``<page>-references`` heading, widget and figure anchors).

A duplicate id makes a link land on the wrong element and a "cite this section" URL point at
something else, silently. :func:`check_page_ids` fails the build naming the heading's
``file:line``; :func:`duplicate_html_ids` re-checks the finished HTML as a backstop.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from markdown.extensions.toc import slugify

from ..errors import EsoreviewError
from .structure import parse_heading, split_fenced

ID_ATTRIBUTE = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
TAG = re.compile(r"<[^>]+>")
CITATION_GROUP = re.compile(r"\s*\[\s*@[^\]]*\]")


class HeadingIdError(EsoreviewError, ValueError):
    """Two elements of one page would carry the same id."""

    hint = "give the heading another {#id}"


@dataclass(frozen=True)
class PageHeading:
    id: str
    explicit: bool
    source: Path
    line: int
    title: str


def toc_id(title: str) -> str:
    """The id Python-Markdown's toc extension (MkDocs' default) gives a heading without one."""
    text = CITATION_GROUP.sub("", title)
    text = TAG.sub("", text)
    text = re.sub(r"[*_`]", "", text)
    return slugify(text, "-")


def content_headings(markdown: str, source: Path, first_line: int) -> list[PageHeading]:
    """Headings of one chunk of content Markdown, with their source lines."""
    found = []
    for is_code, offset, text in split_fenced(markdown):
        if is_code:
            continue
        for number, line in enumerate(text.splitlines()):
            heading = parse_heading(line)
            if heading is None:
                continue
            _, title, explicit = heading
            found.append(
                PageHeading(
                    id=explicit or toc_id(title),
                    explicit=explicit is not None,
                    source=source,
                    line=first_line + offset + number,
                    title=title,
                )
            )
    return found


def generated_ids(page_markdown: str, headings: Iterable[PageHeading]) -> set[str]:
    """Ids the build writes into the page: HTML id attributes and headings of its own."""
    ids: set[str] = set()
    on_page: Counter[str] = Counter()
    for is_code, _, text in split_fenced(page_markdown):
        if is_code:
            continue
        ids.update(ID_ATTRIBUTE.findall(text))
        for line in text.splitlines():
            heading = parse_heading(line)
            if heading and heading[2]:
                on_page[heading[2]] += 1
    # Headings the page has beyond the content's own: the reference list's "<page>-references".
    from_content = Counter(h.id for h in headings if h.explicit)
    ids.update(name for name, count in on_page.items() if count > from_content[name])
    return ids


def check_page_ids(headings: list[PageHeading], page_markdown: str) -> None:
    """Fail on the first heading whose id repeats another heading's or a generated id."""
    generated = generated_ids(page_markdown, headings)
    seen: dict[str, PageHeading] = {}
    for heading in headings:
        kind = "id" if heading.explicit else f"automatic id '{heading.id}' (from its title)"
        first = seen.get(heading.id)
        if first is not None and (heading.explicit or first.explicit):
            raise HeadingIdError(
                f"heading {kind} #{heading.id} is already used by the heading at "
                f"{first.source}:{first.line}",
                file=heading.source,
                line=heading.line,
            )
        if heading.id in generated:
            raise HeadingIdError(
                f"heading {kind} #{heading.id} collides with an id the build generates "
                "(citation marks cite-N, reference items ref-KEY, <page>-references, "
                "widget and figure anchors)",
                file=heading.source,
                line=heading.line,
            )
        seen.setdefault(heading.id, heading)


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append((value, self.getpos()[0]))


def duplicate_html_ids(html: str) -> list[str]:
    """``'id' (lines a, b)`` for every id that occurs more than once in a built page."""
    parser = _Ids()
    parser.feed(html)
    parser.close()
    lines: dict[str, list[int]] = {}
    for value, line in parser.ids:
        lines.setdefault(value, []).append(line)
    return [
        f"'{value}' (lines {', '.join(map(str, at))})" for value, at in lines.items() if len(at) > 1
    ]
