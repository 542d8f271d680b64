"""Find prose paragraphs of a section notebook that cite nothing.

The review's rule is that every claim carries a citation. A paragraph (or list item) of a
Markdown cell must therefore contain a ``[@key]`` or narrative ``@key`` citation, unless it
declares why it needs none with an HTML comment that readers never see::

    <!-- no citation: describes the figure below -->

Headings, fenced code, HTML blocks, tables and admonition markers are not prose. A paragraph
that ends with a colon and is followed by a list introduces that list, whose items are checked
instead. Line numbers refer to the ``notebooks/NN-slug.py`` file, so a contributor can jump to
the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .structure import Structure

CELL = re.compile(r"^# %%(?P<rest>.*)$")
CITATION = re.compile(r"\[[^\]]*@[A-Za-z0-9_]|(?<![\w@.+\-/=:\\])@[A-Za-z0-9_]")
EXEMPT = re.compile(r"<!--\s*no citation:\s*(?P<why>[^>]*?)\s*-->")
LIST_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s+")
NOT_PROSE = re.compile(r"^(?:#{1,6}\s|!!!|\?\?\?|<|\||```|~~~)")


@dataclass(frozen=True)
class Paragraph:
    """One prose block of a Markdown cell: its first line in the .py file and its text."""

    line: int
    text: str


def markdown_lines(source: str) -> list[tuple[int, str]]:
    """(line number, Markdown text) of every line in the Markdown cells of a py:percent file."""
    lines: list[tuple[int, str]] = []
    in_markdown = False
    for number, raw in enumerate(source.splitlines(), start=1):
        cell = CELL.match(raw)
        if cell:
            in_markdown = "[markdown]" in cell.group("rest")
            lines.append((number, ""))  # a cell boundary ends any paragraph
            continue
        if in_markdown:
            text = raw[2:] if raw.startswith("# ") else raw[1:] if raw.startswith("#") else raw
            lines.append((number, text))
    return lines


def paragraphs(lines: list[tuple[int, str]]) -> list[Paragraph]:
    """Split Markdown lines into prose paragraphs and list items; drop non-prose blocks."""
    numbers = [number for number, _ in lines]
    structure = Structure("\n".join(text for _, text in lines) + "\n")
    blocks: list[list[tuple[int, str]]] = [[]]
    for piece in structure.pieces:
        blocks.append([])  # code and headings end a paragraph
        if piece.is_code or piece.heading:
            continue
        for offset, text in enumerate(piece.text.splitlines()):
            number, stripped = numbers[piece.line + offset], text.strip()
            if not stripped:
                blocks.append([])
            elif LIST_ITEM.match(stripped) and blocks[-1]:
                blocks.append([(number, stripped)])  # each list item stands on its own
            else:
                blocks[-1].append((number, stripped))
    result = []
    for block in blocks:
        if block and not NOT_PROSE.match(block[0][1]):
            result.append(Paragraph(block[0][0], " ".join(text for _, text in block)))
    return result


def uncited(source: str) -> list[Paragraph]:
    """Prose paragraphs with neither a citation nor a stated reason for having none."""
    found = paragraphs(markdown_lines(source))
    missing = []
    for index, paragraph in enumerate(found):
        text = paragraph.text
        if CITATION.search(EXEMPT.sub("", text)):
            continue
        exempt = EXEMPT.search(text)
        if exempt and exempt.group("why"):
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        if text.endswith(":") and following and LIST_ITEM.match(following.text):
            continue  # introduces a list; the items carry the citations
        missing.append(paragraph)
    return missing


def report(path: Path) -> list[str]:
    """``file:line: ...`` messages for the uncited paragraphs of one notebook."""
    return [
        f"{path}:{p.line}: paragraph cites no work; add a [@key] citation or say why it needs "
        f"none with <!-- no citation: reason -->: {p.text[:80]}"
        for p in uncited(path.read_text(encoding="utf-8"))
    ]


def main(argv: list[str] | None = None) -> int:
    """``python -m esoreview.site.claims [FILE ...]``: report uncited paragraphs, exit 1 if any."""
    import sys

    files = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    files = files or sorted(Path("notebooks").glob("[0-9][0-9]-*.py"))
    problems = [message for path in files if path.suffix == ".py" for message in report(path)]
    for message in problems:
        print(message, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
