"""Turn an executed notebook into the Markdown page MkDocs renders.

Prose comes from markdown cells (citations resolved by the caller's ``cite`` function), code is
collapsed under a "Show code" disclosure that search skips, and outputs become HTML or Markdown.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .notebooks import NotebookError, SourceNotebook
from .sanitize import (
    FIGURE_BLOCK,
    ContentError,
    check_markdown,
    markdown_problems,
    sanitize_html,
)

# cite(markdown, source_path, first_line) -> markdown with citations resolved
Cite = Callable[[str, Path, int], str]

PLOTLY_MIME = "application/vnd.plotly.v1+json"
FIGURE_MARK = 'class="eso-figure"'
WIDGET_MARK = 'class="eso-widget"'
# A widget's host element comes from Python (esoreview.widgets.*.widget_html), which writes the
# model's description and the no-JavaScript note into it; a hand-written one would carry neither.
HAND_WRITTEN_WIDGET = re.compile(r"<[a-z]+\b[^>]*\bclass=[\"'][^\"']*\beso-widget\b", re.I)


@dataclass
class RenderedPage:
    """One page's Markdown body plus what the template and the build need to know about it."""

    slug: str
    body: str
    source: Path
    has_figures: bool = False
    has_widgets: bool = False
    images: dict[str, bytes] = field(default_factory=dict)


def render_notebook(
    nb: nbformat.NotebookNode, source: SourceNotebook, cite: Cite, shown: Path | None = None
) -> RenderedPage:
    """Render the cells of an executed notebook in order; errors name ``shown`` (default:
    the notebook's path) and the line."""
    shown = shown or source.path
    blocks: list[str] = []
    images: dict[str, bytes] = {}
    for index, cell in enumerate(nb.cells):
        line = source.cell_lines[index] if index < len(source.cell_lines) else 1
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "remove-cell" in tags:
            continue
        if cell.cell_type == "markdown":
            check_markdown(cell.source, shown, line)
            check_no_hand_written_widget(cell.source, shown, line)
            blocks.append(cite(cell.source, source.path, line))
        elif cell.cell_type == "code":
            if "remove-input" not in tags and cell.source.strip():
                blocks.append(code_block(cell.source))
            if "remove-output" not in tags:
                where = f"{source.path.name}:{line} (cell {index + 1})"
                for out in cell.get("outputs", []):
                    rendered = render_output(out, where, cite, source, line, images, shown)
                    if rendered:
                        blocks.append(rendered)
    body = "\n\n".join(b.strip("\n") for b in blocks if b.strip()) + "\n"
    return RenderedPage(
        slug=source.slug,
        body=body,
        source=source.path,
        has_figures=FIGURE_MARK in body,
        has_widgets=WIDGET_MARK in body,
        images=images,
    )


def check_no_hand_written_widget(text: str, shown: Path, first_line: int) -> None:
    """Refuse a widget placeholder typed into prose, naming the line."""
    found = HAND_WRITTEN_WIDGET.search(text)
    if found:
        line = first_line + text.count("\n", 0, found.start())
        raise ContentError(
            "a hand-written widget element; place widgets from a code cell with "
            "display(HTML(esoreview.widgets.<kind>.widget_html(...)))",
            file=shown,
            line=line,
            hint="the Python markup carries the model's description and the no-JavaScript note",
        )


def code_block(source: str) -> str:
    """A collapsed, search-excluded code listing."""
    fence = "````" if "```" in source else "```"
    return (
        '<details class="eso-code" data-search-exclude markdown>\n'
        "<summary>Show code</summary>\n\n"
        f"{fence}python\n{source.rstrip()}\n{fence}\n\n"
        "</details>"
    )


def render_output(
    out: nbformat.NotebookNode,
    where: str,
    cite: Cite,
    source: SourceNotebook,
    line: int,
    images: dict[str, bytes],
    shown: Path | None = None,
) -> str:
    """Markdown/HTML for one cell output ('' for outputs a reader should not see)."""
    shown = shown or source.path
    kind = out.get("output_type")
    if kind == "stream":
        if out.get("name") == "stdout" and out.get("text", "").strip():
            return pre(out["text"])
        return ""  # stderr carries warnings for the author, not the reader
    if kind not in {"display_data", "execute_result"}:
        return ""
    data = out.get("data", {})
    if "text/markdown" in data:
        # Markdown a notebook prints (tables, computed sentences) may carry data values.
        check_markdown(data["text/markdown"], shown, line)
        return cite(data["text/markdown"], source.path, line)
    if "text/html" in data:
        markup = data["text/html"]
        for _, problem in markdown_problems(FIGURE_BLOCK.sub("", markup), strict=False):
            raise ContentError(f"cell output: {problem}", file=shown, line=line)
        return f'<div class="eso-output">\n{sanitize_html(markup).strip()}\n</div>'
    if PLOTLY_MIME in data:
        raise NotebookError(
            f"{where}: a bare Plotly figure output; use esoreview.display.show_figure(fig)"
        )
    if "image/png" in data:
        name = f"{source.slug}-{len(images) + 1}.png"
        images[name] = base64.b64decode(data["image/png"])
        return f"![Figure](assets/generated/{name})"
    if "image/svg+xml" in data:
        # As an image, an SVG's scripts and handlers never run (inline SVG would run them).
        svg = base64.b64encode(data["image/svg+xml"].encode("utf-8")).decode("ascii")
        return f'<img class="eso-output" alt="Figure" src="data:image/svg+xml;base64,{svg}">'
    if "text/plain" in data:
        return pre(data["text/plain"])
    return ""


def pre(text: str) -> str:
    return f'<pre class="eso-output">{html.escape(text.rstrip())}</pre>'
