"""Every page on a phone (390 px) and a desktop (1366 px), in both palettes: nothing wider than
the screen, no figure title or legend cut off, wide tables stacked, citations open on tap.

Screenshots of every page go to a temporary folder (printed with ``-s``; never committed), so a
reviewer can look at what a reader sees. One browser serves all cases.
"""

from __future__ import annotations

import re

import pytest
import site_fixtures
from site_fixtures import SITE, draw_all_figures, local_paths, open_page

built_site = site_fixtures.built_site
pages_server = site_fixtures.pages_server
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("site_gates")]

PAGES = local_paths() if (SITE / "sitemap.xml").is_file() else ["<site/ not built>"]
WIDTHS = {"phone": 390, "desktop": 1366}
SCHEMES = ["light", "dark"]

# Page-level horizontal overflow (what makes a phone page slide sideways), and every figure
# title, axis title and legend that sticks out of its figure's drawing (cut off by the SVG).
PROBE = """() => {
  const doc = document.documentElement;
  const overflow = doc.scrollWidth - doc.clientWidth;
  const clipped = [];
  // A model widget's static twin is hidden (never drawn) while the live chart stands in.
  document.querySelectorAll("figure.eso-figure:not([hidden])").forEach((figure, index) => {
    const svg = figure.querySelector(".eso-plot svg.main-svg");
    if (!svg) { clipped.push(`figure ${index + 1} was not drawn`); return; }
    const box = svg.getBoundingClientRect();
    const parts = figure.querySelectorAll(
      ".gtitle, .g-xtitle text, .g-ytitle text, .g-x2title text, .g-y2title text, .legend");
    parts.forEach((part) => {
      const r = part.getBoundingClientRect();
      if (!r.width && !r.height) return;
      const out = r.left < box.left - 1 || r.right > box.right + 1
        || r.top < box.top - 1 || r.bottom > box.bottom + 1;
      if (out) {
        const what = part.classList.contains("legend") ? "legend" : `title "${part.textContent}"`;
        const from = Math.round(r.left - box.left);
        const to = Math.round(r.right - box.left);
        clipped.push(`figure ${index + 1}: ${what} runs past the figure`
          + ` (${from}..${to} of ${Math.round(box.width)} px)`);
      }
    });
  });
  const wide = [...document.querySelectorAll("article *")]
    .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 1
      && !el.closest(".eso-figure--pan, .md-typeset__scrollwrap, pre, .highlight, .eso-widget"))
    .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
  return {overflow, clipped, wide};
}"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout-screenshots")
    print(f"\nlayout screenshots: {folder}")
    return folder


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("device", sorted(WIDTHS))
@pytest.mark.parametrize("path", PAGES)
def test_page_fits_the_screen(chromium, pages_server, shots, path, device, scheme) -> None:
    width = WIDTHS[device]
    context, page, report = open_page(
        chromium,
        pages_server.origin,
        pages_server.url + path,
        color_scheme=scheme,
        viewport={"width": width, "height": 900},
        settle_ms=100,
    )
    try:
        draw_all_figures(page)
        page.wait_for_timeout(150)  # plotly's legend and margin pass after the first draw
        found = page.evaluate(PROBE)
        name = re.sub(r"[^a-z0-9]+", "-", path.strip("/") or "home")
        page.screenshot(
            path=str(shots / f"{name}-{width}-{scheme}.jpg"),
            full_page=True,
            type="jpeg",
            quality=60,
        )
    finally:
        context.close()
    assert report.page_errors == [], report.page_errors
    assert found["overflow"] <= 1, (
        f"page is {found['overflow']} px wider than the screen: {found['wide']}"
    )
    assert found["clipped"] == [], found["clipped"]


@pytest.mark.parametrize("path", ["immunotherapy/", "lymphatic-metastasis/"])
def test_wide_tables_stack_on_a_phone(chromium, pages_server, path) -> None:
    context, page, _ = open_page(
        chromium,
        pages_server.origin,
        pages_server.url + path,
        viewport={"width": 390, "height": 900},
    )
    try:
        tables = page.evaluate(
            """() => [...document.querySelectorAll(".eso-table table")].map((t) => ({
                columns: t.tHead ? t.tHead.rows[0].cells.length : 0,
                stacked: t.hasAttribute("data-stack"),
                labelled: [...t.querySelectorAll("tbody td")].every((td) => td.dataset.label),
                width: t.getBoundingClientRect().width,
                room: t.closest(".eso-table").getBoundingClientRect().width,
                label: getComputedStyle(t.querySelector("tbody td"), "::before").content,
            }))"""
        )
    finally:
        context.close()
    wide = [t for t in tables if t["columns"] >= 5]
    assert wide, f"expected a table of 5 or more columns on {path}"
    for table in wide:
        assert table["stacked"] and table["labelled"], table
        assert table["width"] <= table["room"] + 1, table
        assert table["label"] not in ("none", "normal", ""), table


def test_citation_popup_opens_on_tap(chromium, pages_server) -> None:
    context, page, _ = open_page(
        chromium,
        pages_server.origin,
        pages_server.url + "lymphatic-metastasis/",
        viewport={"width": 390, "height": 800},
        has_touch=True,
        is_mobile=True,
    )
    try:
        link = page.locator("article p a.citation-ref").first
        link.scroll_into_view_if_needed()
        before = page.url
        link.tap()
        tooltip = page.locator("[role=tooltip]")
        tooltip.wait_for(state="visible", timeout=3_000)
        assert tooltip.inner_text().strip()
        assert page.url == before, "the first tap must preview, not jump to the reference list"
        href = link.get_attribute("href")
        # A tap elsewhere closes it; a tap, then a second tap on the same citation follows it.
        page.locator("article h1").tap()
        tooltip.wait_for(state="hidden", timeout=3_000)
        link.tap()
        tooltip.wait_for(state="visible", timeout=3_000)
        link.tap()
        page.wait_for_timeout(300)
        assert page.url.endswith(href), (page.url, href)
    finally:
        context.close()
