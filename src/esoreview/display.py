"""Helpers that notebooks use to emit figures and tables the build engine understands.

Why not just leave ``fig`` as the last expression of a cell: with plotly 7 under nbclient a bare
figure output is dropped by nbconvert with only an INFO line. We therefore emit the figure's JSON
in a ``<script type="application/json">`` block that the site's own ``figures.js`` renders with
the one self-hosted ``plotly.min.js``. That keeps every executable script on the page
same-origin (no inline script, so a strict Content-Security-Policy holds) and lets figures
re-render whenever a page is shown.

Tables are emitted as Markdown (``text/markdown``), so citation keys in cells (``[@key]``) are
resolved by the engine like any prose, and Material's search indexes them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .figure_palette import COLOURWAY

FIGURE_CLASS = "eso-figure"
#: A path in the repository (``data/trials.csv``) inside a caption.
REPO_PATH = re.compile(r"\b(?:data|bib|notebooks|src)/[\w./-]*\w")


def figure_html(fig: Any, *, height: int = 460, caption: str | None = None) -> str:
    """Return the HTML block for one Plotly figure (JSON + caption), without executing JS."""
    spec = json.loads(fig.to_json())
    layout = spec.setdefault("layout", {})
    layout.setdefault("height", height)
    # Traces without a colour of their own take colours visible on both site palettes.
    layout.setdefault("colorway", COLOURWAY)
    payload = json.dumps(spec, separators=(",", ":"), sort_keys=True)
    # "<" can never start a tag inside the JSON block, so "</script>" in data cannot end it.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    parts = [
        f'<figure class="{FIGURE_CLASS}" data-search-exclude>',
        f'<div class="eso-plot" style="min-height:{int(height)}px"></div>',
        f'<script type="application/json" class="eso-figure-data">{payload}</script>',
    ]
    if caption:
        parts.append(f"<figcaption>{html.escape(caption)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)


def show_figure(fig: Any, *, height: int = 460, caption: str | None = None) -> None:
    """Display a Plotly figure so the build engine places it on the page."""
    from IPython.display import HTML, display

    display(HTML(figure_html(fig, height=height, caption=caption)))


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # Markdown pipe tables: escape the pipe and HTML; keep citation syntax ([@key]) intact.
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def _raw_cell(value: Any) -> str:
    """A cell of Markdown the notebook built; any HTML in it is cut to the site's allow-list."""
    text = "" if value is None else str(value)
    if "<" in text:
        from esoreview.site.sanitize import sanitize_html

        text = sanitize_html(text)
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    caption: str | None = None,
    filterable: bool = False,
    raw_columns: Sequence[str] = (),
) -> str:
    """Render rows as a Markdown pipe table.

    ``columns`` is a list of ``(key, header)`` pairs. Values are HTML-escaped except in
    ``raw_columns`` (use only for Markdown you built yourself, e.g. links or ``[@key]``).
    With ``filterable=True`` the site adds a text filter above the table.
    """
    header = "| " + " | ".join(_cell(label) for _, label in columns) + " |"
    rule = "|" + "|".join(" --- " for _ in columns) + "|"
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key, "")
            cells.append(_raw_cell(value) if key in raw_columns else _cell(value))
        body.append("| " + " | ".join(cells) + " |")
    table = "\n".join([header, rule, *body])
    attrs = ' class="eso-table" data-filterable' if filterable else ' class="eso-table"'
    out = [f"<div{attrs} markdown>", ""]
    if caption:
        # A path in the caption becomes a code span, which the engine keeps out of search.
        out += [f"**{REPO_PATH.sub(lambda m: f'`{m.group(0)}`', _cell(caption))}**", ""]
    out += [table, "", "</div>"]
    return "\n".join(out)


def show_table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    caption: str | None = None,
    filterable: bool = False,
    raw_columns: Sequence[str] = (),
) -> None:
    """Display a table as Markdown (citations in ``raw_columns`` are resolved by the engine)."""
    from IPython.display import Markdown, display

    display(
        Markdown(
            table_markdown(
                rows, columns, caption=caption, filterable=filterable, raw_columns=raw_columns
            )
        )
    )


def show_markdown(text: str) -> None:
    """Display computed Markdown (numbers from data or models, citations allowed)."""
    from IPython.display import Markdown, display

    display(Markdown(text))
