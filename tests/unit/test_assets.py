"""Which plotly.js the site ships: the small basic bundle unless a figure needs more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esoreview.site.assets import AssetError, plotly_js, trace_types
from esoreview.site.paths import Project

ROOT = Path(__file__).resolve().parents[2]


def page(*types: str) -> str:
    data = [{"type": t} if t else {} for t in types]
    spec = json.dumps({"data": data, "layout": {"template": {"data": {"surface": [{}]}}}})
    return f'<script type="application/json" class="eso-figure-data">{spec}</script>'


def test_trace_types_ignore_template_defaults_and_default_to_scatter() -> None:
    assert trace_types([page("bar", ""), "no figure"]) == {"bar", "scatter"}


def test_basic_bundle_when_every_trace_is_basic() -> None:
    js = plotly_js(Project(ROOT), {"scatter", "bar"})
    assert b"plotly.js (basic - minified) v" in js[:200]


def test_full_bundle_when_a_figure_needs_more() -> None:
    js = plotly_js(Project(ROOT), {"scatter", "heatmap"})
    assert b"(basic" not in js[:200] and len(js) > 3_000_000


def test_missing_basic_bundle_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(AssetError, match="run `npm ci`"):
        plotly_js(Project(tmp_path), {"scatter"})


@pytest.mark.site
def test_site_figures_only_use_basic_traces(generated_docs: Path) -> None:
    # A new trace type silently quadruples every figure page's weight: make it a decision.
    generated = generated_docs
    used = trace_types(p.read_text(encoding="utf-8") for p in generated.glob("*.md"))
    assert used and used <= {"scatter", "bar", "pie"}, used
