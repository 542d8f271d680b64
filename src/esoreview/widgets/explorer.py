"""Markup for the evidence explorer: a placeholder carrying the study records as JSON.

``docs/js/widgets/explorer.js`` reads the records from the JSON block and sends them, with the
reader's filters, to :func:`esoreview.metaanalysis.explore` in the Pyodide worker. The records are
derived from ``data/trials.csv`` when the notebook runs, so the browser and the static fallback
figure use the same rows. The JSON block is data, never executed: like the figures' JSON it is a
``<script type="application/json">`` whose ``<``, ``>`` and ``&`` are escaped, so text from the
data file cannot close the element or inject markup.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

__all__ = ["DATA_CLASS", "widget_html"]

DATA_CLASS = "eso-explorer-data"
_NOSCRIPT = (
    "The evidence explorer runs Python in your browser and needs JavaScript. The forest plot "
    "below shows the same analysis for all trials and the default choices."
)


def _json(value: Any) -> str:
    text = json.dumps(value, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def widget_html(studies: list[dict[str, Any]], labels: dict[str, str] | None = None) -> str:
    """The explorer's placeholder: study records (and subgroup labels) plus a no-JS note."""
    payload = _json({"studies": studies, "labels": labels or {}})
    return (
        '<div class="eso-widget" data-widget="explorer">'
        f'<script type="application/json" class="{DATA_CLASS}">{payload}</script>'
        f'<noscript><p class="eso-noscript">{escape(_NOSCRIPT)}</p></noscript>'
        "</div>"
    )
