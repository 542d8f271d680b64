"""Fixtures and probes for the whole-site gates (test_site_gates.py) and benchmarks/site.py.

The site is served the way GitHub Pages serves it: under its sub-path (``/esoreview/``) and with
no Content-Security-Policy header, so the policy under test is the ``<meta>`` tag the build
writes (conftest's ``serve`` adds a header policy of its own, which would mask a missing tag).

``open_page`` loads one page and returns a :class:`PageReport` of everything that went wrong on
it: console errors, uncaught errors, failed requests, CSP violations and attempts to reach any
other origin (those are aborted by a route, so the gate never depends on the network).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from static_server import PrefixHandler

ROOT = Path(__file__).resolve().parents[2]
# ESOREVIEW_SITE_DIR points the gates and the benchmark at another build (e.g. a preview).
SITE = Path(os.environ.get("ESOREVIEW_SITE_DIR", ROOT / "site")).resolve()
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Registered before any page script runs: CSP violations become a list the test can read.
VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` (${e.sourceFile || "?"}:${e.lineNumber || 0})`);
});
"""


@functools.cache
def published_prefix(site: Path = SITE) -> str:
    """The path the site is published under (``/esoreview/``), from its sitemap."""
    urls = sitemap_urls(site)
    return urlsplit(urls[0]).path if urls else "/"


def sitemap_urls(site: Path = SITE) -> list[str]:
    tree = ET.parse(site / "sitemap.xml")
    return [loc.text.strip() for loc in tree.iter() if loc.tag.endswith("loc") and loc.text]


def local_paths(site: Path = SITE) -> list[str]:
    """Every sitemap page as a path relative to the site root ('' for the home page)."""
    urls = sitemap_urls(site)
    root = urls[0]
    return [url[len(root) :] for url in urls]


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # A browser that closes a page mid-download resets the connection: not a failure.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class PagesServer:
    """A thread-backed HTTP server for one folder; ``url`` ends with the prefix."""

    def __init__(self, directory: Path, prefix: str = "/") -> None:
        handler = functools.partial(PrefixHandler, directory=str(directory), prefix=prefix)
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.origin = self.url[: -len(prefix)] if prefix != "/" else self.url[:-1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def built_site() -> Path:
    if not (SITE / "sitemap.xml").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does it first)")
    return SITE


@pytest.fixture(scope="session")
def pages_server(built_site: Path) -> Iterator[PagesServer]:
    server = PagesServer(built_site, published_prefix(built_site))
    yield server
    server.close()


@dataclass
class PageReport:
    """Everything one page load did wrong; ``problems()`` is empty for a clean page."""

    url: str
    origin: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"uncaught: {m}" for m in self.page_errors]
            + [f"failed request: {m}" for m in self.failed]
            + [f"other origin: {m}" for m in self.foreign]
            + [f"CSP violation: {m}" for m in self.violations]
        )


def watch(context, page, origin: str, url: str) -> PageReport:
    """Record a page (and its workers) and abort every request to another origin."""
    report = PageReport(url=url, origin=origin)

    def route(route_) -> None:
        request_url = route_.request.url
        if request_url.startswith(origin + "/") or request_url.startswith(("data:", "blob:")):
            route_.continue_()
        else:
            report.foreign.append(request_url)
            route_.abort("blockedbyclient")

    context.route(re.compile(r".*"), route)
    page.on("console", lambda m: m.type == "error" and report.console_errors.append(m.text))
    page.on("pageerror", lambda e: report.page_errors.append(str(e)))

    def on_failed(request) -> None:
        if request.url not in report.foreign:
            report.failed.append(f"{request.url} ({request.failure})")

    def on_finished(request) -> None:
        response = request.response()
        if response is not None and response.status >= 400:
            report.failed.append(f"{request.url} (HTTP {response.status})")

    context.on("requestfailed", on_failed)
    context.on("requestfinished", on_finished)
    context.add_init_script(VIOLATION_LISTENER)
    return report


def open_page(
    chromium,
    origin: str,
    url: str,
    *,
    color_scheme: str = "light",
    settle_ms: int = 300,
    init_scripts: tuple[str, ...] = (),
    **context_options,
):
    """A fresh context + page on ``url``, watched; returns ``(context, page, report)``.

    Our palettes are chosen by ``prefers-color-scheme``, so emulating the reader's system
    setting selects Material's light (``default``) or dark (``slate``) palette.
    ``init_scripts`` run before any page script; ``context_options`` (viewport, has_touch,
    ...) go to the browser context. The caller closes the context.
    """
    context = chromium.new_context(color_scheme=color_scheme, **context_options)
    for script in init_scripts:
        context.add_init_script(script)
    page = context.new_page()
    report = watch(context, page, origin, url)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(settle_ms)
    report.violations.extend(page.evaluate("window.__cspViolations || []"))
    return context, page, report


def draw_all_figures(page, timeout_ms: int = 20_000) -> int:
    """Scroll to each figure not yet drawn, as a reader would (figures draw when they near the
    viewport), until every shown figure has drawn; back to the top; return how many are shown.
    (A model widget hides its static twin when the page is set up; those are not waited for.)"""
    pending = "figure.eso-figure:not([hidden]):not([data-rendered])"
    deadline = time.monotonic() + timeout_ms / 1000
    # One step in the page: the figure may draw between a count and a Playwright scroll.
    step = """(selector) => {
        const figure = document.querySelector(selector);
        figure?.scrollIntoView({ block: "center" });
        return document.querySelectorAll(selector).length;
    }"""
    while left := page.evaluate(step, pending):
        if time.monotonic() > deadline:
            raise AssertionError(f"{left} figure(s) never drew on {page.url}")
        page.wait_for_timeout(50)
    page.evaluate("() => window.scrollTo(0, 0)")
    return page.locator("figure.eso-figure:not([hidden])").count()


def color_scheme_of(page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def run_axe(page) -> list[dict]:
    """axe-core's violations on the current page (the node_modules copy).

    Injected by DevTools evaluation rather than ``add_script_tag``: an inline <script> would be
    refused by the page's own policy, and bypassing CSP would blind the violation gate.
    """
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run `npm ci` (axe-core is a devDependency)")
    page.evaluate(_axe_source())
    return page.evaluate(
        """async () => {
          const result = await axe.run(document, {resultTypes: ["violations"]});
          return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
        }"""
    )


@functools.cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8")


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


# --- search: words of code cells must not be searchable ------------------------------------

WORD = re.compile(r"[a-z]{7,}")  # long, purely alphabetic tokens: lunr keeps them whole


class _CodeText(HTMLParser):
    """Split a page's text into code-cell text (details.eso-code) and everything else."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code: list[str] = []
        self.prose: list[str] = []
        self._stack: list[bool] = []  # per open element: inside a code cell?
        self._skip = 0  # inside <script>/<style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        inside = bool(self._stack and self._stack[-1]) or (
            tag == "details" and "eso-code" in classes
        )
        self._stack.append(inside)
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if self._stack:
            self._stack.pop()
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data: str) -> None:
        if not self._skip:
            (self.code if self._stack and self._stack[-1] else self.prose).append(data)


VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


def code_only_words(html_pages: list[str]) -> set[str]:
    """Words that appear in code cells and nowhere in the text of any page."""
    code: set[str] = set()
    prose: set[str] = set()
    for html in html_pages:
        parser = _CodeText()
        parser.feed(html)
        code |= set(WORD.findall(" ".join(parser.code).lower()))
        prose |= set(re.findall(r"[a-z]+", " ".join(parser.prose).lower()))
    return code - prose


def load_index(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["docs"]


def index_words(docs: list[dict]) -> set[str]:
    """Every lowercase alphabetic run in the search index (titles and text)."""
    text = " ".join(f"{d.get('title', '')} {d.get('text', '')}" for d in docs).lower()
    return set(re.findall(r"[a-z]+", text))


def wait_in_page(page, condition: str, timeout_ms: float = 10_000) -> None:
    """Wait until the JavaScript expression ``condition`` is truthy in ``page``.

    Not ``page.wait_for_function``: when it has to poll it evaluates the string with ``eval``,
    which the site's Content-Security-Policy (no 'unsafe-eval') refuses; ``evaluate`` is not
    subject to the policy."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(f"() => Boolean({condition})"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"not true within {timeout_ms:.0f} ms: {condition}")
        page.wait_for_timeout(50)


def search(page, query: str) -> list[str]:
    """Type into Material's search box; the page (slug) of each result group, in rank order."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():  # narrow screens hide the box behind a header button
        page.locator("label.md-header__button[for=__search]").click()
    box.click()
    box.fill("")
    summary = "document.querySelector('.md-search-result__meta').textContent"
    # An empty box resets the summary, so the wait below cannot see the previous query's hits.
    wait_in_page(page, f"/Type to start/i.test({summary})", 20_000)
    box.press_sequentially(query, delay=20)
    wait_in_page(page, f"!/Initializing|Type to start/i.test({summary})", 20_000)
    page.wait_for_timeout(300)  # results of the last keystroke replace earlier ones
    hrefs = page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(i => i.querySelector('a.md-search-result__link').href)",
    )
    return [urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]


# Material's search runs in a worker; this records its replies, so a test can read every
# matching section (the result list on screen shows only the first few per page).
SEARCH_REPLIES = """
(() => {
  const Base = window.Worker;
  window.__searchReplies = [];
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => window.__searchReplies.push(e.data));
    }
  };
})();
"""


def search_locations(page, query: str) -> list[str]:
    """Every section (``page/#id``) the search worker matched for ``query``, in rank order.
    The page must have been opened with ``init_scripts=(SEARCH_REPLIES,)``."""
    search(page, query)
    replies = page.evaluate("window.__searchReplies")
    results = [r for r in replies if r.get("type") == 3]  # 3: a result (Material's worker)
    assert results, "no search result arrived from the worker"
    # Each group also carries its page's top section with score 0, as the group's heading.
    items = results[-1]["data"]["items"]
    return [doc["location"] for group in items for doc in group if doc.get("score")]
