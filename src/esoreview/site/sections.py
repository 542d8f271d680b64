"""Split a page's source-level Markdown into its citable sections and hash each one.

A *section* is the text from a heading with an explicit id (``## Title {#id}``) up to the next
heading with an explicit id, whatever its level: sub-headings without an id belong to the
section above them, and a parent section does not contain its id'd children (each id has its
own hash, so a change is reported where it happened).

The hashed text is the page *before* citation numbering: ``[@key]`` stays a key, so a citation
added in one section does not mark every later section (whose numbers shift) as changed. Runs
of whitespace count as one space, so re-wrapping a paragraph is no change in substance.
Figures, tables and widget markup that the notebook outputs are part of the text: a figure
redrawn from new data is a change a reader sees.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .structure import parse_heading, split_fenced

WHITESPACE = re.compile(r"\s+")
# The collapsed "Show code" block (render.code_block): how a result was computed, not what
# the reader is told; refactoring the code is not a change of the section's content.
CODE_BLOCK = re.compile(
    r'<details class="eso-code" data-search-exclude markdown>\n<summary>Show code</summary>\n\n'
    r"(?P<fence>`{3,})python\n.*?\n(?P=fence)\n\n</details>",
    re.S,
)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    sha256: str


def split_sections(markdown: str) -> list[tuple[str, str, str]]:
    """``(id, title, text)`` for every heading with an explicit id, in page order.

    Text before the first id'd heading (there is none on a well-formed page, whose H1 carries
    the page id) is not part of any section.
    """
    sections: list[tuple[str, str, list[str]]] = []
    for is_code, _, chunk in split_fenced(markdown):
        for line in chunk.splitlines():
            heading = None if is_code else parse_heading(line)
            if heading and heading[2]:
                sections.append((heading[2], re.sub(r"[*_`]", "", heading[1]).strip(), [line]))
            elif sections:
                sections[-1][2].append(line)
    return [(sid, title, "\n".join(lines)) for sid, title, lines in sections]


def normalise(text: str) -> str:
    """The text a hash covers: code listings dropped, whitespace runs collapsed."""
    return WHITESPACE.sub(" ", CODE_BLOCK.sub("", text)).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def page_sections(markdown: str) -> list[Section]:
    """The hashed sections of one page's source-level Markdown."""
    return [
        Section(sid, title, content_hash(text)) for sid, title, text in split_sections(markdown)
    ]
