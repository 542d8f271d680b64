"""What each page of the built site costs a reader: bytes, first paint, first widget result.

    .venv/bin/python benchmarks/site.py [--site DIR] [--runs 3] [--widget-timeout 90]

For every page of ``sitemap.xml``, in Debian's chromium with an empty cache (fresh context per
run), served like GitHub Pages (sub-path, no compression) from 127.0.0.1:

* transferred bytes of the page and everything it loads, *excluding* the lazily loaded runtime
  (``/pyodide/``, ``/wheels/``), as sent by the local server (uncompressed) and as gzip -6 of
  the same files (what a compressing host such as GitHub Pages sends);
* first-contentful-paint from the Performance API (median of ``--runs``);
* on pages with a widget: time from navigation to the widget's first drawn result, with the
  first widget scrolled into view as soon as the page has loaded (one run; includes Pyodide).

Prints a Markdown table for the README, then the search index size.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import site_fixtures as sf  # noqa: E402 -- the gates' server and sitemap reader
from chromium import CHROMIUM_ARGS  # noqa: E402 -- the one list of launch flags

CHROMIUM = "/usr/bin/chromium"
LAZY_RUNTIME = ("/pyodide/", "/wheels/")
# Records the first widget result: model widgets fire "eso-model:rendered", the evidence
# explorer "eso-explorer:rendered", the staging calculator sets a performance mark ending in
# "first-result".
WIDGET_PROBE = """
window.__firstWidget = null;
const note = (t) => { if (window.__firstWidget === null) window.__firstWidget = t; };
document.addEventListener("eso-model:rendered", () => note(performance.now()), true);
document.addEventListener("eso-explorer:rendered", () => note(performance.now()), true);
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.name.endsWith("first-result")) note(e.startTime);
}).observe({ type: "mark", buffered: true });
"""
RESOURCES = """() => [performance.getEntriesByType("navigation")[0],
  ...performance.getEntriesByType("resource")].map(e => [e.name, e.transferSize])"""
FCP = """() => (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime"""


@cache
def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6)) if path.is_file() else 0


def file_for(url: str, server: sf.PagesServer, site: Path) -> Path:
    path = unquote(urlsplit(url).path)[len(urlsplit(server.url).path) :]
    target = site / path
    return target / "index.html" if path == "" or path.endswith("/") else target


def measure_page(browser, server: sf.PagesServer, site: Path, path: str, widget_timeout: float):
    context = browser.new_context()
    context.add_init_script(WIDGET_PROBE)
    page = context.new_page()
    page.goto(server.url + path, wait_until="load")
    page.wait_for_timeout(500)  # late figure draws still count towards the page's bytes
    entries = [(u, n) for u, n in page.evaluate(RESOURCES) if not any(s in u for s in LAZY_RUNTIME)]
    raw = sum(n for _, n in entries)
    zipped = sum(gzip_size(file_for(u, server, site)) for u, _ in entries)
    fcp = page.evaluate(FCP)
    widget_ms = None
    if page.locator(".eso-widget").count():
        page.locator(".eso-widget").first.scroll_into_view_if_needed()
        # Poll with evaluate(): wait_for_function() evaluates a string, which the site's CSP
        # (no 'unsafe-eval') refuses.
        deadline = time.monotonic() + widget_timeout
        widget_ms = float("nan")  # never drew a result: shown as "no result" in the table
        while time.monotonic() < deadline:
            first = page.evaluate("() => window.__firstWidget")
            if first is not None:
                widget_ms = first
                break
            page.wait_for_timeout(100)
    context.close()
    return raw, zipped, fcp, widget_ms


def kib(n: float) -> str:
    return f"{n / 1024:,.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=sf.SITE)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--widget-timeout", type=float, default=90.0, help="seconds")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "sitemap.xml").is_file():
        print(f"error: {site} is not a built site: run `make site`", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    server = sf.PagesServer(site, sf.published_prefix(site))
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for path in sf.local_paths(site):
            runs = [measure_page(browser, server, site, path, args.widget_timeout)]
            for _ in range(args.runs - 1):  # widgets are timed once: Pyodide dominates
                runs.append(measure_page(browser, server, site, path, 0.001)[:3] + (None,))
            raw, zipped, _, widget = runs[0]
            fcp = statistics.median(r[2] for r in runs if r[2] is not None)
            rows.append((path or "(home)", raw, zipped, fcp, widget))
        browser.close()
    server.close()

    print(
        "| page | transferred, KiB (uncompressed) | gzip, KiB | first paint, ms | "
        "first widget result, ms |"
    )
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, raw, zipped, fcp, widget in rows:
        shown = "" if widget is None else ("no result" if widget != widget else f"{widget:,.0f}")
        print(f"| {name} | {kib(raw)} | {kib(zipped)} | {fcp:,.0f} | {shown} |")
    index = site / "search" / "search_index.json"
    print(f"\nSearch index: {kib(index.stat().st_size)} KiB ({kib(gzip_size(index))} KiB gzip).")
    print("Excludes the Pyodide runtime, snapshot and wheel (loaded only on pages with a widget).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
