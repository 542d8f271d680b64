"""Keep raw BibTeX keys out of what readers see.

A key such as ``anon2019mediates`` means nothing to a reader: prose cites works as numbers, and
tables, figure axes, hover texts and widget notes must name a work by number or by author and
year. The build checks every generated page before MkDocs runs: the text readers see (markup,
attributes, comments, link targets, code listings and fenced code removed) and every string in
the figures' JSON (axis titles, tick labels, hover texts, legend names). A hit fails the build
with the generated page's ``file:line`` and the notebook or document it came from.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from .bib import Bibliography

LONGEST_TITLE = 40  # an entry without authors is named by the start of its title


class RawKeyError(ValueError):
    """A raw BibTeX key in reader-facing text; the message names file, line and key."""


@dataclass(frozen=True)
class RawKey:
    page: str  # generated page, relative to the docs folder
    line: int  # 1-based line in the generated page
    key: str
    where: str  # "text" or "figure JSON"
    context: str  # a few words around the hit


FIGURE_JSON = re.compile(
    r"<script\b[^>]*type=\"application/json\"[^>]*>(?P<json>.*?)</script>", re.S | re.I
)
# Spans readers never see as text; each is blanked (newlines kept, so line numbers hold).
HIDDEN = re.compile(
    r"""
    \A---\n.*?\n---\n                                    # front matter
  | <details\b[^>]*class="[^"]*eso-code[^"]*"[^>]*>.*?</details>   # "Show code" listings
  | ^[ \t]*(?P<fence>`{3,}|~{3,}).*?^[ \t]*(?P=fence)[ \t]*$        # fenced code
  | <(?P<raw>script|style|pre|code)\b[^>]*>.*?</(?P=raw)\s*>
  | <!--.*?-->
  | `[^`\n]+`                                          # code spans
  | <[A-Za-z/!][^<>]*>                                 # tags with their attributes
  | \]\([^)\s]*(?:\s+"[^"]*")?\)                      # Markdown link targets
  | \{[ \t]*[#.][^{}\n]*\}                             # attribute lists: {#id .class}
  | ^\*\[[^\]\n]+\]:.*$                               # abbreviation definitions
    """,
    re.S | re.M | re.X | re.I,
)


def author_year(bib: Bibliography, key: str) -> str:
    """How a reader-facing text names a work where no numbered citation fits: 'Song et al.
    2017' (an entry without authors: the start of its title, then the year)."""
    ref = bib[key.strip()]
    name = ref.short_authors() if (ref.authors or ref.editors or ref.get("organization")) else ""
    if not name:
        title = ref.title or "untitled record"
        name = title if len(title) <= LONGEST_TITLE else title[: LONGEST_TITLE - 1].rstrip() + "…"
    return f"{name} {ref.year}".strip()


def key_pattern(keys: Iterable[str]) -> re.Pattern[str]:
    """Whole-token matcher for the keys (longest first, so no key hides a longer one)."""
    alternatives = "|".join(re.escape(k) for k in sorted(set(keys), key=len, reverse=True))
    return re.compile(rf"(?<![\w@/#.:-])(?:{alternatives})(?![\w-])")


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def find_raw_keys(page: str, markdown: str, pattern: re.Pattern[str]) -> list[RawKey]:
    """Every raw key in one generated page's reader-facing text and figure JSON."""
    hits: list[RawKey] = []
    for figure in FIGURE_JSON.finditer(markdown):
        line = markdown.count("\n", 0, figure.start()) + 1
        try:
            spec = json.loads(figure.group("json"))
        except ValueError:
            continue  # not a figure payload; figures.js reports broken JSON itself
        for text in _strings(spec):
            for match in pattern.finditer(text):
                hits.append(RawKey(page, line, match.group(0), "figure JSON", _around(text, match)))
    visible = HIDDEN.sub(_blank, markdown)
    for match in pattern.finditer(visible):
        line = visible.count("\n", 0, match.start()) + 1
        hits.append(RawKey(page, line, match.group(0), "text", _around(visible, match)))
    return sorted(hits, key=lambda h: (h.line, h.key))


def _around(text: str, match: re.Match[str]) -> str:
    start, end = max(0, match.start() - 30), min(len(text), match.end() + 30)
    return " ".join(text[start:end].split())


def check_pages(
    pages: Mapping[str, str], keys: Iterable[str], sources: Mapping[str, str] | None = None
) -> None:
    """Raise :class:`RawKeyError` listing every raw key on the generated pages.

    ``sources`` maps a generated page to the file it came from (``notebooks/02-x.py``), named in
    the message so a contributor knows where to fix it.
    """
    pattern = key_pattern(keys)
    problems = []
    for page, markdown in sorted(pages.items()):
        for hit in find_raw_keys(page, markdown, pattern):
            origin = f" (from {sources[page]})" if sources and page in sources else ""
            problems.append(
                f".build/docs/{hit.page}:{hit.line}{origin}: raw BibTeX key '{hit.key}' in "
                f"{hit.where} readers see ('{hit.context}'); cite it as [@{hit.key}] or name "
                "the work by author and year"
            )
    if problems:
        raise RawKeyError("\n".join(problems))
