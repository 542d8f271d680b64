"""A minimal site for one widget kind, assembled the way the published one is.

The browser tests and benchmarks of the widgets share it: the bridge, worker, widget scripts and
shared helpers from docs/js, the widget stylesheets, the self-hosted plotly.js, Pyodide's
runtime files and a fresh wheel of the client models. Each page is a bare HTML shell around
markup from Python (``esoreview.widgets.*.widget_html``), so the tests see what readers get.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from esoreview.site.assets import plotly_js
from esoreview.site.paths import Project
from esoreview.site.runtime import PROJECT_DIR, build_wheel, copy_runtime

SHELL = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,">
{links}
<script src="assets/plotly.min.js"></script>
<script type="module" src="js/esoreview-bridge.js"></script>
<script type="module" src="js/widgets/{script}"></script>
</head><body><main>
<h1>{title}</h1>
{body}
</main></body></html>
"""


def assemble(
    site: Path,
    *,
    script: str,
    stylesheets: Sequence[str],
    pages: Mapping[str, str],
    extra_css: str = "",
) -> None:
    """Write the site into ``site``: ``pages`` maps a page name to its body; ``script`` is the
    widget's module in docs/js/widgets; ``stylesheets`` are files of docs/css."""
    docs = PROJECT_DIR / "docs"
    shutil.copytree(docs / "js", site / "js", dirs_exist_ok=True)
    (site / "css").mkdir(parents=True, exist_ok=True)
    for name in stylesheets:
        shutil.copy2(docs / "css" / name, site / "css" / name)
    links = [f'<link rel="stylesheet" href="css/{name}">' for name in stylesheets]
    if extra_css:
        # Inline style attributes are CSP-blocked, so test-only rules get a stylesheet.
        (site / "css" / "test.css").write_text(extra_css, encoding="utf-8")
        links.append('<link rel="stylesheet" href="css/test.css">')
    (site / "assets").mkdir(exist_ok=True)
    (site / "assets" / "plotly.min.js").write_bytes(plotly_js(Project(PROJECT_DIR), {"scatter"}))
    copy_runtime(site, node_modules=PROJECT_DIR / "node_modules")
    build_wheel(site / "wheels")
    for name, body in pages.items():
        html = SHELL.format(title=name, links="\n".join(links), script=script, body=body)
        (site / f"{name}.html").write_text(html, encoding="utf-8")
