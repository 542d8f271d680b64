"""Markup for the staging calculator: its form description and the static stage-group tables.

The calculator's choices come from :mod:`esoreview.staging.categories` (the values the engine
accepts) and are written into the page as JSON, with the reader-facing labels below; the
browser script only renders them, so the form can never offer a value the engine does not know.

The static tables are rendered from :func:`esoreview.staging.tables`, the same data the engine
and the in-browser calculator use, so the page can never show a table the calculator disagrees
with. Every value from the data is HTML-escaped.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from esoreview.staging import categories, tables

# Rule fields in print order; grade and location columns appear only where a rule uses them.
RULE_COLUMNS = (("T", "T"), ("N", "N"), ("M", "M"), ("G", "Grade"), ("L", "Location"))
TABLE_ID_PREFIX = "eso-table-"

_NOSCRIPT = (
    "The staging calculator runs Python in your browser and needs JavaScript. "
    "The stage-group tables on this page give the same answers by hand."
)

# Reader-facing labels; a value not listed here is shown as it is spelled (T1a, N0, ...).
_CHOICE_LABELS: dict[str, dict[str, str]] = {
    "edition": {"8": "8th edition (AJCC/UICC)", "7": "7th edition (for comparison)"},
    "histology": {"squamous": "Squamous cell carcinoma", "adenocarcinoma": "Adenocarcinoma"},
    "classification": {
        "clinical": "Clinical (cTNM)",
        "pathological": "Pathological (pTNM)",
        "postneoadjuvant": "After neoadjuvant therapy (ypTNM)",
    },
    "grade": {"GX": "GX (not assessed)"},
    "location": {"upper": "Upper", "middle": "Middle", "lower": "Lower", "X": "Not known (X)"},
}
FIELD_LABELS: dict[str, str] = {
    "edition": "Edition",
    "histology": "Histology",
    "classification": "Classification",
    "t": "T category",
    "n": "N category",
    "positive_nodes": "Positive regional nodes",
    "m": "M category",
    "grade": "Grade",
    "location": "Tumour location (epicentre)",
}
DEFAULTS: dict[str, str] = {
    "edition": "8",
    "histology": "squamous",
    "classification": "pathological",
    "t": "T1a",
    "n": "N0",
    "positive_nodes": "0",
    "m": "M0",
    "grade": "G1",
    "location": "lower",
}


def _choice_values() -> dict[str, tuple[str, ...]]:
    # Newest edition first: it is the default and the one readers need.
    editions = tuple(str(edition) for edition in sorted(categories.EDITIONS, reverse=True))
    return {
        "edition": editions,
        "histology": categories.HISTOLOGIES,
        "classification": categories.CLASSIFICATIONS,
        "t": categories.T_CATEGORIES,
        "n": categories.N_CATEGORIES,
        "m": categories.M_CATEGORIES,
        "grade": categories.GRADES,
        "location": categories.LOCATIONS,
    }


def form_spec() -> dict[str, Any]:
    """What the browser form offers: choices as [value, label] pairs, labels and defaults."""
    choices = {
        name: [[value, _CHOICE_LABELS.get(name, {}).get(value, value)] for value in values]
        for name, values in _choice_values().items()
    }
    for name, value in DEFAULTS.items():
        if name in choices and value not in dict(choices[name]):
            raise ValueError(f"default {name}={value!r} is not one of the staging categories")
    return {
        "choices": choices,
        "labels": FIELD_LABELS,
        "defaults": DEFAULTS,
        "node_modes": [["category", "N category"], ["count", "Number of positive nodes"]],
    }


def widget_html() -> str:
    """The calculator's host element: the form description as JSON in ``data-spec`` for the
    script to render, and the note that readers without JavaScript see instead."""
    spec = escape(json.dumps(form_spec(), separators=(",", ":")), quote=True)
    return (
        f'<div class="eso-widget" data-widget="staging" data-spec="{spec}">'
        f'<noscript><p class="eso-noscript">{escape(_NOSCRIPT)}</p></noscript>'
        "</div>"
    )


def _source_id(edition: int, key: str) -> str:
    return f"eso-source-ajcc{edition}-{key}"


def _evidence_cell(rule: dict[str, Any], edition: int, legend: dict[str, str]) -> str:
    if "evidence" not in rule:
        return "<td></td>"
    links = ", ".join(
        f'<a href="#{_source_id(edition, key)}">{escape(key)}</a>' for key in rule["sources"]
    )
    mark = escape(rule["evidence"])
    title = escape(legend.get(rule["evidence"], ""), quote=True)
    return f'<td><abbr title="{title}">{mark}</abbr> ({links})</td>'


def _outcome_cell(rule: dict[str, Any]) -> str:
    if "stage" in rule:
        return f"<td>{escape(rule['stage'])}</td>"
    reason = escape(rule["undefined"])
    return f'<td><span class="eso-stage-table__none">none:</span> {reason}</td>'


def table_html(table: dict[str, Any], edition: int, legend: dict[str, str]) -> str:
    """One stage-group table: caption, column headers, one row per rule in match order."""
    columns = [(key, label) for key, label in RULE_COLUMNS if any(key in r for r in table["rules"])]
    head = "".join(f'<th scope="col">{escape(label)}</th>' for _, label in columns)
    lines = [
        '<div class="eso-stage-tables__scroll">',
        f'<table class="eso-stage-table" id="{escape(TABLE_ID_PREFIX + table["id"], quote=True)}">',
        f"<caption>{escape(table['title'])}</caption>",
        f'<thead><tr><th scope="col">Row</th>{head}'
        '<th scope="col">Stage group</th><th scope="col">Evidence</th></tr></thead>',
        "<tbody>",
    ]
    for number, rule in enumerate(table["rules"], start=1):
        cells = "".join(
            f"<td>{escape(', '.join(rule[key])) if key in rule else 'any'}</td>"
            for key, _ in columns
        )
        lines.append(
            f'<tr><th scope="row">{number}</th>{cells}'
            f"{_outcome_cell(rule)}{_evidence_cell(rule, edition, legend)}</tr>"
        )
    lines.append("</tbody></table></div>")
    notes = " ".join(escape(table[key]) for key in ("verification", "note") if table.get(key))
    if notes:
        lines.append(f'<p class="eso-stage-tables__notes">{notes}</p>')
    return "\n".join(lines)


def static_tables_html(edition: int = 8) -> str:
    """All stage-group tables of one AJCC edition as accessible static HTML, with their sources.

    No blank lines inside, so Markdown keeps the block as raw HTML.
    """
    data = tables(edition)
    legend = data.get("status_legend", {})
    parts = [
        '<div class="eso-stage-tables">',
        f'<p class="eso-stage-tables__notes">{escape(data["evaluation"])}</p>',
    ]
    parts += [table_html(table, edition, legend) for table in data["tables"]]
    marks = "; ".join(f"{escape(mark)}: {escape(text)}" for mark, text in legend.items())
    parts.append(f'<p class="eso-stage-tables__notes">Evidence marks. {marks}.</p>')
    parts.append('<dl class="eso-stage-tables__sources">')
    for key, source in data["sources"].items():
        link = ""
        if source.get("url"):
            link = f' <a href="{escape(source["url"], quote=True)}">{escape(source["url"])}</a>'
        parts.append(
            f'<dt id="{_source_id(edition, key)}">{escape(key)}</dt>'
            f"<dd>{escape(source['citation'])}{link}</dd>"
        )
    parts += ["</dl>", "</div>"]
    return "\n".join(parts)
