"""In-browser recompute latency of the kinetic-model widgets (docs/js/widgets/models.js).

For each model of ``esoreview.kinetics`` (all of them, found the way the site finds them): open
its widget in Debian's chromium, wait for Pyodide and the first chart, then make ~20 slider
changes from the keyboard, one at a time. Each change is timed in the page, from the edit (the
input event) to the redrawn chart, and split into the bridge round trip (worker + Python + JSON)
and the Plotly redraw, as reported by the widget's "eso-model:rendered" event. Target (issue
16): median slider change -> redraw <= 50 ms for every widget.

    .venv/bin/python benchmarks/model_widgets.py [--changes 20] [--models NAME ...]

The site is assembled in a temporary directory like the published one (tests/browser/
widget_site.py: bridge, worker, widgets, self-hosted plotly.js, Pyodide runtime, a fresh wheel;
each page's widget markup from esoreview.widgets.models), served on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from esoreview.kinetics import api
from esoreview.widgets.models import widget_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
import widget_site  # noqa: E402 -- the widget test site, shared with the browser tests
from chromium import CHROMIUM_ARGS  # noqa: E402 -- the one list of launch flags

TARGET_MS = 50.0
# Collects the widget's own timings of every redraw.
RECORDER = """() => {
  window.__renders = [];
  document.querySelector('.eso-model').addEventListener('eso-model:rendered',
    (event) => window.__renders.push(event.detail));
}"""


def assemble(site: Path, models: list[str]) -> None:
    pages = {name: widget_html(name) for name in models}
    widget_site.assemble(site, script="models.js", stylesheets=["model-widgets.css"], pages=pages)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- base signature
        pass


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(browser, base: str, widget: str, changes: int) -> dict[str, float]:
    page = browser.new_page()
    started = time.perf_counter()
    page.goto(f"{base}{widget}.html")
    page.wait_for_selector(".eso-model[data-runs='1']", timeout=120_000)
    first_ms = (time.perf_counter() - started) * 1000
    page.evaluate(RECORDER)
    slider = page.locator(".eso-model input[type=range]").first
    slider.focus()
    for i in range(changes):
        # Alternate directions so the value stays near the published default.
        key = "ArrowRight" if i % 4 < 2 else "ArrowLeft"
        page.keyboard.press(key)
        page.wait_for_selector(f".eso-model[data-runs='{i + 2}']", timeout=30_000)
    renders = page.evaluate("window.__renders")
    page.close()
    calls = [r["callMs"] for r in renders]
    draws = [r["drawMs"] for r in renders]
    # From the reader's key press (the input event) to the chart drawn with its answer.
    changes_ms = [r["drawnAt"] - r["inputAt"] for r in renders]
    return {
        "first": first_ms,
        "call_median": statistics.median(calls),
        "draw_median": statistics.median(draws),
        "median": statistics.median(changes_ms),
        "p95": percentile(changes_ms, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--models", nargs="*", default=api.model_names())
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        assemble(site, args.models)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for model in args.models:
                rows.append((model, measure(browser, base, model, args.changes)))
            browser.close()
        server.shutdown()

    print(f"Kinetic-model widgets: {args.changes} keyboard slider changes each, times in ms")
    header = ("model", "first", "call med", "draw med", "change->chart med", "p95")
    print("{:<18}{:>8}{:>10}{:>10}{:>19}{:>8}  target".format(*header))
    for model, r in rows:
        verdict = "ok" if r["median"] <= TARGET_MS else f"MISS > {TARGET_MS:.0f}"
        print(
            f"{model:<18}{r['first']:>8.0f}{r['call_median']:>10.1f}{r['draw_median']:>10.1f}"
            f"{r['median']:>19.1f}{r['p95']:>8.1f}  {verdict}"
        )
    print(
        "first = page load to first chart (Pyodide start-up, cold cache); change->chart = from "
        "the slider's input event to the redrawn chart (bridge call + Plotly redraw), in the page."
    )
    # Browser timings scale with whatever else the machine runs: say how busy it was.
    cpus = os.cpu_count()
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {cpus} CPUs")


if __name__ == "__main__":
    main()
