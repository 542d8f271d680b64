"""What a reader sees of the notebook pipeline in the built site (run `make site` first)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from site_fixtures import draw_all_figures, search, wait_in_page

pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parents[2] / "site"


@pytest.fixture(scope="module")
def base_url(serve) -> str:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does it first)")
    return serve(SITE, csp=None)  # the site's own <meta> policy applies


def figure_pages() -> list[str]:
    """Pages whose HTML embeds at least one notebook figure, from the built site itself."""
    pages = []
    for html in sorted(SITE.glob("*/index.html")):
        if 'class="eso-figure"' in html.read_text(encoding="utf-8"):
            pages.append(html.parent.name)
    return pages


def test_site_has_figure_pages() -> None:
    # Guard against the silent-drop failure mode: figures must reach the HTML at all.
    assert len(figure_pages()) >= 5, figure_pages()


@pytest.mark.parametrize("slug", ["overview", "immunotherapy", "perioperative-adjuvant"])
def test_notebook_page_renders_every_figure_cleanly(chromium, base_url, watched, slug) -> None:
    if slug not in figure_pages():
        pytest.fail(f"{slug} has no figure in site/{slug}/index.html")
    page = chromium.new_page()
    log = watched(page, base_url)
    page.goto(f"{base_url}{slug}/", wait_until="load")
    expected = draw_all_figures(page, timeout_ms=15_000)
    assert expected >= 1
    # Plotly draws one .main-svg layer set per figure; every figure must have drawn.
    drawn = page.evaluate(
        """() => [...document.querySelectorAll('figure.eso-figure:not([hidden])')]
                 .map(f => f.querySelectorAll('.js-plotly-plot .main-svg').length)"""
    )
    assert len(drawn) == expected and all(n >= 1 for n in drawn), drawn
    height = page.locator("figure.eso-figure .js-plotly-plot").first.bounding_box()["height"]
    assert 200 <= height <= 1200, height
    assert log.requested("/assets/plotly.min.js"), "plotly.js not loaded"
    log.assert_clean()
    page.close()


def test_figures_far_below_draw_only_when_the_reader_nears_them(chromium, base_url, watched):
    # A long page does not block the reader drawing figures they have not reached.
    page = chromium.new_page(viewport={"width": 1200, "height": 800})
    log = watched(page, base_url)
    page.goto(f"{base_url}immunotherapy/", wait_until="load")
    figures = page.locator("figure.eso-figure")
    last = figures.last
    assert figures.count() >= 3
    figures.first.scroll_into_view_if_needed()
    page.locator("figure.eso-figure[data-rendered=true]").first.wait_for(timeout=15_000)
    assert last.get_attribute("data-rendered") is None
    assert last.locator(".eso-plot").bounding_box()["height"] >= 200  # its space is kept
    last.scroll_into_view_if_needed()
    last.and_(page.locator("[data-rendered=true]")).wait_for(timeout=15_000)
    log.assert_clean()
    page.close()


def test_pages_without_figures_do_not_load_plotly(chromium, base_url, watched) -> None:
    page = chromium.new_page()
    log = watched(page, base_url)
    page.goto(f"{base_url}about/", wait_until="load")
    assert log.requested("plotly.min.js") == []
    assert log.requested("/pyodide/") == []
    log.assert_clean()
    page.close()


def _prose_only_word() -> tuple[str, str]:
    """A distinctive word that occurs in a notebook's prose but in no code cell or other page."""
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    notebooks = Path(__file__).resolve().parents[2] / "notebooks"
    code = " ".join(
        "\n".join(
            line for line in p.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
        )
        for p in notebooks.glob("*.py")
    ).lower()
    counts: dict[str, set[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("/")[0]
        for word in re.findall(r"[a-z]{9,}", doc["text"].lower()):
            counts.setdefault(word, set()).add(page)
    for word, pages in sorted(counts.items()):
        if len(pages) == 1 and word not in code:
            (page,) = pages
            if page and page not in {"bibliography", "corrections", "about"}:
                return word, page
    pytest.fail("no prose-only word found in the search index")


def test_search_finds_a_word_only_in_notebook_prose(chromium, base_url) -> None:
    word, page_slug = _prose_only_word()
    page = chromium.new_page()
    page.goto(base_url, wait_until="load")
    results = search(page, word)
    assert page_slug in results[:2], (word, page_slug, results)
    page.close()


def test_search_index_skips_code_and_plot_json() -> None:
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "show_figure(" not in text  # code cells are excluded from search
    assert '"layout"' not in text and '"xaxis"' not in text  # figure JSON too


@pytest.mark.parametrize("slug", ["haematogenous-metastasis", "immune-escape"])
def test_clicking_a_network_arrow_opens_its_claim_and_sources(chromium, base_url, watched, slug):
    page = chromium.new_page(viewport={"width": 1200, "height": 900})
    log = watched(page, base_url)
    page.goto(f"{base_url}{slug}/", wait_until="load")
    network = page.locator("figure.eso-figure").first
    network.scroll_into_view_if_needed()  # figures draw when the reader nears them
    network.and_(page.locator("[data-rendered=true]")).wait_for(timeout=15_000)
    # Let the page settle first: on a loaded machine Python's start (the page has a widget) and
    # late figure draws could otherwise still be changing the layout when the jump is measured.
    page.evaluate("async () => { await window.esoreview.warmup(); }")
    page.wait_for_timeout(300)  # plotly's legend and margin pass after the first draw
    # The first trace of the network holds arrow midpoints (diamonds); nodes come last.
    diamond = network.locator(".scatterlayer .trace")
    point = diamond.first.locator("path.point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.wait_for_timeout(200)
    page.mouse.click(x, y)
    wait_in_page(page, "location.hash.length > 1", 5_000)
    target = page.evaluate("location.hash")[1:]
    assert re.fullmatch(r"fig[12]-E\d{3}", target), target
    row = page.locator(f"tr:has(#{target})")
    assert row.count() == 1
    # Read the row's place once the jump has finished moving the page (two equal readings).
    where = f"document.getElementById('{target}').getBoundingClientRect().top"
    top, previous = page.evaluate(where), None
    for _ in range(25):
        if top == previous:
            break
        page.wait_for_timeout(200)
        top, previous = page.evaluate(where), top
    assert 0 < top < 900, top  # scrolled into view, below the fixed header
    # The row's citations are numbered links into the page's reference list.
    # (Instant navigation makes hrefs absolute: the reference is the fragment.)
    cite = row.locator("a.citation-ref").first
    fragment = cite.get_attribute("href").rpartition("#")[2]
    assert fragment.startswith("ref-") and page.locator(f"#{fragment}").count() == 1
    log.assert_clean()
    page.close()


def test_perioperative_forest_plots_show_each_hazard_ratio(chromium, base_url, watched) -> None:
    """Both forest plots draw one marker per hazard ratio in the data (OS, then DFS/EFS)."""
    from esoreview.evidence import load_trials
    from esoreview.evidence.figures import forest_rows

    data = SITE.parent / "data" / "trials.csv"
    rows = [r for r in load_trials(data) if r.line == "perioperative"]
    page = chromium.new_page()
    log = watched(page, base_url)
    page.goto(f"{base_url}perioperative-adjuvant/", wait_until="load")
    draw_all_figures(page, timeout_ms=15_000)
    counts = page.evaluate(
        """() => [...document.querySelectorAll('figure.eso-figure .js-plotly-plot')]
                 .map(p => p.data.reduce((n, t) => n + t.x.length, 0))"""
    )
    assert counts == [len(forest_rows(rows, "os")), len(forest_rows(rows, "ep"))]
    log.assert_clean()
    page.close()
