"""Whole-site gates a reader would notice: clean loads, accessibility, search, CSP, edit links.

Every page listed in site/sitemap.xml is loaded from a local server that mimics GitHub Pages
(sub-path, no CSP header), with every request to another origin aborted and recorded. Each gate
is also run against a tiny synthetic site (tests/fixtures/gates/badsite) that breaks it, so a
gate that stopped looking would fail here too.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import site_fixtures
from site_fixtures import (
    SEARCH_REPLIES,
    SITE,
    PagesServer,
    code_only_words,
    color_scheme_of,
    index_words,
    load_index,
    local_paths,
    open_page,
    run_axe,
    search,
    search_locations,
    serious,
    wait_for_figures,
)

from esoreview.site import csp

# Shared fixtures live in site_fixtures.py so conftest.py stays the runtime engineer's.
built_site = site_fixtures.built_site
pages_server = site_fixtures.pages_server
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("site_gates")]

BADSITE = Path(__file__).parents[1] / "fixtures" / "gates" / "badsite"
PAGES = local_paths() if (SITE / "sitemap.xml").is_file() else ["<site/ not built>"]
# One query per section topic -> the page that must be among the first two results.
SEARCHES = {
    "lymphangiogenesis": "lymphatic-metastasis",
    "VEGF-C": "lymphatic-metastasis",
    "KEYNOTE-590": "immunotherapy",
    "ferroptosis": "ferroptosis-immune-cells",
    "stage group": "overview",
    "cetuximab": "targeted-therapy",
    "lobaplatin": "chemotherapy",
    "Treg": "immune-escape",
    "circulating tumour cells": "haematogenous-metastasis",
}


def toggle_palette(page) -> None:
    """Click Material's visible palette toggle (the reader's way to switch light/dark)."""
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_timeout(200)


@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_and_accessible_in_both_palettes(chromium, pages_server, path) -> None:
    context, page, report = open_page(chromium, pages_server.origin, pages_server.url + path)
    try:
        wait_for_figures(page)
        assert color_scheme_of(page) == "default"
        light = serious(run_axe(page))
        toggle_palette(page)
        assert color_scheme_of(page) == "slate"
        dark = serious(run_axe(page))
        report.violations.extend(page.evaluate("window.__cspViolations"))
    finally:
        context.close()
    assert report.problems() == [], report.problems()
    assert light == [], light
    assert dark == [], dark


def test_sitemap_lists_every_section(built_site) -> None:
    listed = {p.strip("/") for p in local_paths(built_site)}
    assert set(SEARCHES.values()) | {"", "bibliography", "about"} <= listed, listed


def test_every_page_carries_the_policy(built_site) -> None:
    for path in sorted(built_site.rglob("*.html")):
        policy = meta_policy(path.read_text(encoding="utf-8"))
        assert policy is not None, f"{path} has no Content-Security-Policy meta tag"
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy, (path, policy)
        assert "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")


def meta_policy(html: str) -> str | None:
    match = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    return match.group(1) if match else None


def test_widget_page_stays_clean_while_the_model_runs(chromium, pages_server) -> None:
    context, page, report = open_page(
        chromium, pages_server.origin, pages_server.url + "lymphatic-metastasis/"
    )
    try:
        page.locator(".eso-widget").first.scroll_into_view_if_needed()
        mounted = page.locator(".eso-widget[data-state]")
        try:
            mounted.first.wait_for(state="attached", timeout=15_000)
        except Exception:
            pytest.fail("the widget never mounted: is js/widgets/models.js on the page?")
        page.locator(".eso-widget[data-runs]").first.wait_for(state="attached", timeout=90_000)
        report.violations.extend(page.evaluate("window.__cspViolations"))
    finally:
        context.close()
    assert report.problems() == [], report.problems()
    assert not [u for u in report.foreign], report.foreign


def test_citation_popup_opens_on_keyboard_focus(chromium, pages_server) -> None:
    context, page, _ = open_page(
        chromium, pages_server.origin, pages_server.url + "lymphatic-metastasis/"
    )
    try:
        # A focus stop right before the first citation: one Tab then reaches it from the keyboard.
        page.evaluate(
            """() => {
              const link = document.querySelector("article a.citation-ref");
              const stop = document.createElement("span");
              stop.tabIndex = 0; stop.id = "gate-focus-start";
              link.before(stop); stop.focus();
            }"""
        )
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        assert "citation-ref" in focused
        tooltip = page.locator("[role=tooltip]")
        tooltip.wait_for(state="visible", timeout=3_000)
        described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
        assert described == tooltip.get_attribute("id")
        assert tooltip.inner_text().strip()
        page.keyboard.press("Escape")
        tooltip.wait_for(state="hidden", timeout=3_000)
    finally:
        context.close()


@pytest.fixture(scope="module")
def search_page(chromium, pages_server):
    context, page, _ = open_page(
        chromium, pages_server.origin, pages_server.url, init_scripts=(SEARCH_REPLIES,)
    )
    yield page
    context.close()


@pytest.mark.parametrize("query", sorted(SEARCHES))
def test_search_finds_the_section_page(search_page, query) -> None:
    results = search(search_page, query)
    assert SEARCHES[query] in results[:2], (query, results[:5])


# Hyphenated names are one term: every section found for "VEGF-C" names VEGF-C itself, not
# just VEGF (or any word starting with "c"), and a section that names it is found.
HYPHENATED = {"VEGF-C": "lymphatic-metastasis/", "PD-L1": "immunotherapy/", "miR-21": ""}


@pytest.mark.parametrize("term", sorted(HYPHENATED))
def test_search_keeps_a_hyphenated_name_whole(search_page, built_site, term) -> None:
    docs = {d["location"]: d for d in load_index(built_site / "search" / "search_index.json")}
    found = search_locations(search_page, term)
    assert found, term
    strays = [
        loc
        for loc in found
        if term.lower() not in f"{docs[loc]['title']} {docs[loc]['text']}".lower()
    ]
    assert strays == [], (term, strays)
    naming = [loc for loc, d in docs.items() if term.lower() in f"{d['title']} {d['text']}".lower()]
    assert set(naming) <= set(found), (term, sorted(set(naming) - set(found)))
    assert any(loc.startswith(HYPHENATED[term]) for loc in found[:3]), found[:5]


def test_search_still_finds_the_parts_of_a_hyphenated_name(search_page) -> None:
    # "VEGF" is a prefix of the term "vegf-c"; "PD-1" is found inside "anti-PD-1".
    assert any(
        loc.startswith("lymphatic-metastasis/") for loc in search_locations(search_page, "VEGF")
    )
    assert any(loc.startswith("immunotherapy/") for loc in search_locations(search_page, "PD-1"))


def test_reference_lists_and_data_paths_are_not_indexed(search_page, built_site) -> None:
    docs = load_index(built_site / "search" / "search_index.json")
    per_page_lists = [d["location"] for d in docs if d["location"].endswith("-references")]
    assert per_page_lists == []
    paths = [d["location"] for d in docs if re.search(r"\bdata/\w+\.(csv|json)", d["text"])]
    assert paths == []
    assert not any("Cite this" in d["text"] for d in docs)
    # "csv" appears on the pages only inside data-file paths.
    found = search_locations(search_page, "csv")
    assert found == [], found


def test_code_is_not_searchable(search_page, built_site) -> None:
    pages = [p.read_text(encoding="utf-8") for p in built_site.glob("*/index.html")]
    code_words = code_only_words(pages)
    assert len(code_words) >= 5, "expected code cells with words that prose never uses"
    leaked = code_words & index_words(load_index(built_site / "search" / "search_index.json"))
    assert leaked == set(), sorted(leaked)[:20]
    word = sorted(code_words, key=len)[-1]  # the longest: least likely to be a prefix of prose
    assert search(search_page, word) == [], word


def test_edit_link_opens_the_notebook_source(chromium, pages_server) -> None:
    context, page, _ = open_page(
        chromium, pages_server.origin, pages_server.url + "lymphatic-metastasis/"
    )
    try:
        href = page.locator("a[rel=edit]").get_attribute("href")
    finally:
        context.close()
    assert re.search(r"/notebooks/\d\d-lymphatic-metastasis\.py$", href), href


# --- negative controls: the same gates on a synthetic site that breaks each of them ----------


@pytest.fixture(scope="module")
def bad_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("badsite")
    shutil.copytree(BADSITE, folder, dirs_exist_ok=True)
    page = folder / "index.html"
    html = page.read_text()
    # Hashes its one legitimate script (as the theme's scripts are hashed on the real site).
    html = csp.with_meta(html, csp.csp_policy(csp.script_hash(s) for s in csp.inline_scripts(html)))
    # A script added after the policy was computed, as an injection would be.
    page.write_text(html.replace("</main>", "</main><script>window.injected = true;</script>"))
    server = PagesServer(folder, "/esoreview/")
    yield server
    server.close()


def test_gates_catch_a_broken_page(chromium, bad_server) -> None:
    context, page, report = open_page(chromium, bad_server.origin, bad_server.url)
    try:
        violations = {v["id"] for v in serious(run_axe(page))}
        ran = page.evaluate("[window.hashedScriptRan === true, window.injected === true]")
    finally:
        context.close()
    problems = "\n".join(report.problems())
    assert "console error: deliberate console error" in problems
    assert re.search(r"failed request: \S+/missing\.js ", problems), problems
    assert "CSP violation: script-src" in problems, problems
    assert ran == [True, False]  # the hashed inline script ran, the injected one did not
    assert {"image-alt", "button-name"} <= violations, violations


def test_gates_catch_a_request_to_another_origin(chromium, bad_server) -> None:
    context, _, report = open_page(chromium, bad_server.origin, bad_server.url + "foreign.html")
    context.close()
    assert report.foreign == ["https://example.com/tracker.png"]
    assert "other origin: https://example.com/tracker.png" in report.problems()


def test_dark_palette_is_checked_on_its_own(chromium, bad_server) -> None:
    # The fixture's text is readable only in the light palette: axe must see the dark failure.
    context, page, _ = open_page(chromium, bad_server.origin, bad_server.url)
    try:
        assert "color-contrast" not in {v["id"] for v in serious(run_axe(page))}
        toggle_palette(page)
        assert color_scheme_of(page) == "slate"
        dark = {v["id"] for v in serious(run_axe(page))}
    finally:
        context.close()
    assert "color-contrast" in dark
