"""The built site's runtime as a reader meets it: one Python per tab across instant page
changes, the calculator's short link, widgets that keep their chart in view and replace their
static fallback, the no-JavaScript note, and widgets that keep working offline after one visit.

Served like GitHub Pages (sub-path, no CSP header: the policy is the page's <meta> tag).
"""

from __future__ import annotations

import re
import time

import pytest
import site_fixtures

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

built_site = site_fixtures.built_site
pages_server = site_fixtures.pages_server
STARTUP_MS = 120_000
MODEL_DRAWN = ".eso-model[data-runs='1']"
STAGED = ".eso-staging__group"


def serve_sitemap_as_published(context, server) -> None:
    """Material's instant navigation follows only links listed in sitemap.xml, matched on
    scheme, host and port after replacing the scheme and host (not the port) with the page's.
    On the published site the sitemap's URLs are the site's own; on this test server they name
    the published host, so answer with the sitemap the site would have at this address."""
    sitemap = (site_fixtures.SITE / "sitemap.xml").read_text(encoding="utf-8")
    published = site_fixtures.sitemap_urls()[0]
    local = sitemap.replace(published, server.url)
    context.route(
        "**/sitemap.xml", lambda route: route.fulfill(body=local, content_type="application/xml")
    )


@pytest.fixture
def context(chromium, pages_server):
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    serve_sitemap_as_published(context, pages_server)
    yield context
    context.close()


def console_errors(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def requested(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_a_second_widget_page_reuses_the_running_python(context, pages_server):
    page = context.new_page()
    errors = console_errors(page)
    urls = requested(page)
    page.goto(pages_server.url + "overview/")
    page.locator(".eso-widget[data-widget=staging]").scroll_into_view_if_needed()
    expect(page.locator(STAGED)).to_have_text("Stage group IA", timeout=STARTUP_MS)
    page.evaluate("() => { window.__samePage = true; }")
    began = time.monotonic()
    page.locator('a.md-nav__link[href$="immune-escape/"]').first.click()
    expect(page).to_have_url(pages_server.url + "immune-escape/")
    host = page.locator(".eso-widget[data-model=tumour_immune]")
    host.scroll_into_view_if_needed()
    expect(page.locator(MODEL_DRAWN).first).to_be_attached(timeout=STARTUP_MS)
    elapsed = time.monotonic() - began
    # Instant navigation: the document (and with it the Python worker) survived the change.
    assert page.evaluate("() => window.__samePage === true")
    assert len([u for u in urls if u.endswith("js/esoreview-worker.js")]) == 1
    assert len([u for u in urls if u.endswith("pyodide/pyodide.asm.wasm")]) == 1
    # Target 0.3 s on an idle machine (benchmarks/widgets.py prints it); generous bound here.
    assert elapsed < 10, elapsed
    # Figure data blocks keep their type across the swap: no inline script is refused.
    assert not [e for e in errors if "Content Security Policy" in e], errors
    assert errors == [], errors


def test_the_first_jump_within_a_page_keeps_the_page_as_the_reader_left_it(context, pages_server):
    # The theme's instant navigation used to download and swap in the page again on the first
    # jump after a full load, so a widget lost what the reader had set on it.
    page = context.new_page()
    errors = console_errors(page)
    page.goto(pages_server.url + "immune-escape/")
    host = page.locator(".eso-widget[data-model=tumour_immune]")
    host.scroll_into_view_if_needed()
    expect(host).to_have_attribute("data-runs", "1", timeout=STARTUP_MS)
    number = host.locator("input[type=number]").first
    number.fill("0.2")
    number.press("Enter")
    expect(host).to_have_attribute("data-runs", "2")
    # Page downloads the theme would swap in (its instant navigation fetches them); hovering a
    # link may also prefetch it, which swaps nothing.
    urls: list[str] = []
    page.on(
        "request",
        lambda r: r.resource_type in ("fetch", "xhr", "document") and urls.append(r.url),
    )
    link = page.locator(".md-sidebar--secondary a.md-nav__link").nth(1)
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    expect(page).to_have_url(re.compile(f"#{anchor}$"))
    heading = page.locator(f"[id='{anchor}']")
    expect(heading).to_be_in_viewport()
    assert page.evaluate("document.querySelector(':target')?.id") == anchor
    # A jump between sections of one page fetches nothing and keeps the reader's edit.
    page.wait_for_timeout(1_000)
    assert [u for u in urls if u.endswith("/immune-escape/")] == [], urls
    expect(host.locator("input[type=number]").first).to_have_value("0.2")
    expect(host).to_have_attribute("data-runs", "2")
    # Back returns to the page as it was, still without a download.
    page.go_back()
    expect(page).to_have_url(pages_server.url + "immune-escape/")
    page.wait_for_timeout(500)
    assert [u for u in urls if u.endswith("/immune-escape/")] == [], urls
    assert errors == [], errors


def test_chart_drawing_is_warmed_up_unseen_once_python_has_answered(context, pages_server):
    # The calculator page has figures but no live chart: once Python has answered, one chart
    # is drawn off-screen and removed, so the first live chart on the next page draws faster.
    page = context.new_page()
    errors = console_errors(page)
    page.goto(pages_server.url + "overview/#staging-calculator")
    expect(page.locator(STAGED)).to_have_text("Stage group IA", timeout=STARTUP_MS)
    scrolled = page.evaluate("scrollY")
    site_fixtures.wait_in_page(
        page, "performance.getEntriesByName('esoreview:drawing-warmed').length === 1", 30_000
    )
    staged_at = page.evaluate(
        "performance.getEntriesByName('esoreview:staging:first-result')[0].startTime"
    )
    warmed_at = page.evaluate(
        "performance.getEntriesByName('esoreview:drawing-warmed')[0].startTime"
    )
    assert warmed_at > staged_at  # never ahead of the reader's own answer
    expect(page.locator(".eso-model__chart--warm-up")).to_have_count(0)
    assert page.evaluate("scrollY") == scrolled
    assert errors == [], errors


def test_calculator_short_link_opens_at_the_calculator(context, pages_server):
    page = context.new_page()
    page.goto(pages_server.url + "calculator/")
    expect(page).to_have_url(pages_server.url + "overview/#staging-calculator")
    expect(page.locator("#staging-calculator")).to_be_in_viewport()


def test_calculator_markup_and_no_script_note_come_from_python(chromium, pages_server):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(pages_server.url + "overview/")
        host = page.locator(".eso-widget[data-widget=staging]")
        assert host.get_attribute("data-spec")
        expect(host.locator(".eso-noscript")).to_be_visible()
        expect(host.locator(".eso-noscript")).to_contain_text("needs JavaScript")
        # Without JavaScript every static fallback figure stays, and each model widget's
        # Python-written note says so.
        page.goto(pages_server.url + "immune-escape/")
        expect(page.locator("[data-eso-fallback-of]")).to_have_count(0)
        for model in ("tumour_immune", "tumour_nk_cd8"):
            note = page.locator(f".eso-widget[data-model={model}] .eso-noscript")
            expect(note).to_be_visible()
            expect(note).to_contain_text("needs JavaScript")
    finally:
        context.close()


def test_static_twins_are_hidden_before_the_reader_reaches_the_widgets(context, pages_server):
    page = context.new_page()
    page.goto(pages_server.url + "immune-escape/", wait_until="load")
    figures = page.locator("figure.eso-figure").count()
    # Hidden when the page is set up (nothing moves under the reader later), never drawn.
    for name in ("tumour_immune", "tumour_nk_cd8"):
        fallback = page.locator(f"figure.eso-figure[data-eso-fallback-of={name}]")
        expect(fallback).to_have_count(1)
        expect(fallback).to_be_hidden()
        assert fallback.get_attribute("data-rendered") is None
        assert page.locator(f".eso-widget[data-model={name}][data-state]").count() == 0
    # Only the two twins went; every other figure of the page is still shown.
    assert page.locator("figure.eso-figure:visible").count() == figures - 2
    for name in ("tumour_immune", "tumour_nk_cd8"):
        host = page.locator(f".eso-widget[data-model={name}]")
        host.scroll_into_view_if_needed()
        expect(host).to_have_attribute("data-runs", "1", timeout=STARTUP_MS)
    expect(page.locator("figure.eso-figure[data-eso-fallback-of]:visible")).to_have_count(0)


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_the_live_chart_stays_in_view_while_the_last_control_changes(
    chromium, pages_server, width, height
):
    context = chromium.new_context(viewport={"width": width, "height": height})
    try:
        page = context.new_page()
        page.goto(pages_server.url + "immune-escape/")
        host = page.locator(".eso-widget[data-model=tumour_immune]")
        host.scroll_into_view_if_needed()
        expect(host).to_have_attribute("data-runs", "1", timeout=STARTUP_MS)
        last = host.locator("input[type=number]").last
        last.scroll_into_view_if_needed()
        last.focus()
        page.keyboard.press("ArrowUp")
        expect(host).to_have_attribute("data-runs", "2", timeout=30_000)
        chart = host.locator(".eso-model__chart").bounding_box()
        control = last.bounding_box()
        assert chart and control
        visible = min(chart["y"] + chart["height"], height) - max(chart["y"], 0)
        assert visible >= 0.8 * chart["height"], (chart, control)
        assert 0 <= control["y"] <= height, control
        if width >= 960:  # side by side: chart left of the controls
            assert chart["x"] + chart["width"] <= control["x"] + 1, (chart, control)
    finally:
        context.close()


# Files a page with a model widget needs again offline that the page itself never requests:
# the worker's script and the runtime it loads, and the theme's search worker behind our wrapper.
OFFLINE_NEEDS = (
    "js/esoreview-worker.js",
    "pyodide/pyodide.asm.wasm",
    "pyodide/python_stdlib.zip",
    ".whl?v=",
    ".bin.gz?v=",
    "assets/javascripts/workers/search.",
)


def test_widgets_work_offline_after_one_visit(chromium, pages_server):
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.goto(pages_server.url + "immune-escape/")
        host = page.locator(".eso-widget[data-model=tumour_immune]")
        host.scroll_into_view_if_needed()
        expect(host).to_have_attribute("data-runs", "1", timeout=STARTUP_MS)
        # The service worker stores what the page and Python loaded (sent in batches).
        deadline = time.monotonic() + 60
        stored: list[str] = []
        while time.monotonic() < deadline:
            stored = page.evaluate(
                """async () => {
                    const names = await caches.keys();
                    const name = names.find((n) => n.startsWith("esoreview-"));
                    if (!name) return [];
                    return (await (await caches.open(name)).keys()).map((r) => r.url);
                }"""
            )
            if all(any(need in u for u in stored) for need in OFFLINE_NEEDS):
                break
            page.wait_for_timeout(250)
        missing = [need for need in OFFLINE_NEEDS if not any(need in u for u in stored)]
        assert not missing, (missing, stored)
        assert all(u.startswith(pages_server.origin) for u in stored), stored
        context.set_offline(True)
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.reload()
        host = page.locator(".eso-widget[data-model=tumour_immune]")
        host.scroll_into_view_if_needed()
        expect(host).to_have_attribute("data-runs", "1", timeout=STARTUP_MS)
        expect(page.locator(".eso-model[data-state=error]")).to_have_count(0)
        # Search works offline too: the theme starts its worker once the page is set up.
        page.keyboard.press("/")
        page.keyboard.type("VEGF-C")
        expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
        assert failed == [], failed
    finally:
        context.close()


def test_python_starts_from_the_build_time_snapshot(context, pages_server):
    page = context.new_page()
    page.goto(pages_server.url + "overview/")
    timings = page.evaluate("async () => (await window.esoreview.warmup()).timings")
    assert timings["snapshotUsed"] is True, timings


def test_a_damaged_snapshot_falls_back_to_a_plain_start(chromium, pages_server):
    # No service worker (it would answer from its cache) and a context-wide route, which also
    # sees the Pyodide worker's requests.
    context = chromium.new_context(service_workers="block")
    try:
        serve_sitemap_as_published(context, pages_server)
        context.route(
            re.compile(r".*/wheels/snapshot-.*\.bin\.gz(\?.*)?$"),
            lambda route: route.fulfill(body=b"not a snapshot", content_type="application/gzip"),
        )
        page = context.new_page()
        page.goto(pages_server.url + "overview/#staging-calculator")
        timings = page.evaluate("async () => (await window.esoreview.warmup()).timings")
        assert timings["snapshotUsed"] is False, timings
        expect(page.locator(STAGED)).to_have_text("Stage group IA", timeout=STARTUP_MS)
    finally:
        context.close()
