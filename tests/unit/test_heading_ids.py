"""Every heading id, explicit or generated, is unique on its page; the build fails otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from esoreview.site.anchors import Redirects
from esoreview.site.bib import load_bibliography
from esoreview.site.citations import CitationRegistry
from esoreview.site.ids import HeadingIdError, duplicate_html_ids, toc_id
from esoreview.site.pages import SiteContext, document_page
from esoreview.site.paths import Project

BIB = Path(__file__).parents[1] / "fixtures" / "citations-basic.bib"
CONTEXT = SiteContext(
    site_url="https://example.org/review/",
    version="0.0.0",
    date="2026-01-02",
    repo="https://x/edit/main/",
    redirects=Redirects(),
)


def build_page(tmp_path: Path, text: str) -> str:
    (tmp_path / "docs").mkdir(exist_ok=True)
    path = tmp_path / "docs" / "about.md"
    path.write_text(text)
    bib = load_bibliography([BIB])
    return document_page(Project(tmp_path), path, bib, CitationRegistry(), CONTEXT).markdown


PAGE = "---\ntitle: About\n---\n# About {#about}\n\nText [@sung2021global].\n\n"


@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        (
            "## A {#same}\n\n## B {#same}\n",
            10,
            "heading id #same is already used by the heading at",
        ),
        ("## Cited {#cite-1}\n", 8, "#cite-1 collides with an id the build generates"),
        ("## Ref {#ref-sung2021global}\n", 8, "#ref-sung2021global collides"),
        ("## Refs {#about-references}\n", 8, "#about-references collides"),
        ("## Cite 1\n", 8, "automatic id 'cite-1' (from its title) #cite-1 collides"),
        ("## About\n", 8, "automatic id 'about' (from its title) #about is already used"),
    ],
)
def test_colliding_heading_ids_fail_with_file_and_line(
    tmp_path: Path, extra: str, line: int, message: str
) -> None:
    with pytest.raises(HeadingIdError) as info:
        build_page(tmp_path, PAGE + extra)
    text = info.value.one_line()
    assert text.startswith(f"docs/about.md:{line}: "), text
    assert message in text


def test_distinct_ids_pass_and_fenced_headings_do_not_count(tmp_path: Path) -> None:
    build_page(tmp_path, PAGE + "## One {#one}\n\n```\n## One {#one}\n```\n\n## Two\n")


def test_toc_ids_follow_python_markdown() -> None:
    assert toc_id("Staging *and* routes [@key]") == "staging-and-routes"
    assert toc_id("PD-L1 <sup>x</sup> CPS ≥ 10") == "pd-l1-x-cps-10"


def test_built_html_backstop_finds_duplicate_ids() -> None:
    html = '<h2 id="a">A</h2>\n<p id="b"></p>\n<span id="a"></span>'
    assert duplicate_html_ids(html) == ["'a' (lines 1, 3)"]
