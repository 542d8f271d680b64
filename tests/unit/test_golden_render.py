"""Golden file: tests/golden/sample.py executed and rendered must equal sample.expected.md.

Regenerate after an intended change with
``ESOREVIEW_UPDATE_GOLDEN=1 pytest tests/unit/test_golden_render.py``
and review the diff like any other code change.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from esoreview.site.anchors import Redirects
from esoreview.site.bib import load_bibliography
from esoreview.site.citations import CitationRegistry
from esoreview.site.notebooks import execute_notebooks
from esoreview.site.pages import SiteContext, notebook_page
from esoreview.site.paths import Project

GOLDEN = Path(__file__).parent.parent / "golden"
CONTEXT = SiteContext(
    site_url="https://example.org/review/",
    version="0.0.0",
    date="2026-01-02",
    repo="https://x/edit/main/",
    redirects=Redirects(sections={"sample/": {"old-table": "computed-table"}}),
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("golden")
    (root / "mkdocs.yml").write_text("site_name: t\n")
    (root / "notebooks").mkdir()
    shutil.copy(GOLDEN / "sample.py", root / "notebooks" / "01-sample.py")
    project = Project(root)
    bib = load_bibliography([GOLDEN / "golden.bib"])
    result = execute_notebooks(project, log=lambda _: None)[0]
    return notebook_page(project, result, bib, CitationRegistry(), CONTEXT).markdown


def test_matches_golden(rendered: str) -> None:
    expected = GOLDEN / "sample.expected.md"
    if os.environ.get("ESOREVIEW_UPDATE_GOLDEN"):
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")


def test_conventions_hold(rendered: str) -> None:
    assert "never shown" not in rendered  # remove-cell
    assert "show_markdown(" not in rendered  # remove-input hides the code
    assert '<details class="eso-code" data-search-exclude markdown>' in rendered
    assert 'class="eso-figure"' in rendered and "Two bars" in rendered
    assert "a&lt;b" in rendered and "c\\|d" in rendered  # table cells escaped
    assert "printed text &lt;kept escaped&gt;" in rendered
    assert "someone@example.org" in rendered  # not taken for a citation
    assert "figures: true" in rendered
    assert "edit_url: https://x/edit/main/notebooks/01-sample.py" in rendered
