"""In-browser recompute latency of the kinetic-model widgets (docs/js/widgets/models.js).

For each model: open its widget in Debian's chromium, wait for Pyodide and the first chart,
then make ~20 slider changes from the keyboard, one at a time. Each change is timed from the
key press to the redrawn chart (which includes the widget's deliberate 150 ms debounce), and
split into the bridge round trip (worker + Python + JSON) and the Plotly redraw, as reported
by the widget's "eso-model:rendered" event. Target: median recompute (call + draw) <= 50 ms.

    .venv/bin/python benchmarks/model_widgets.py [--changes 20]

The site is assembled in a temporary directory like the published one (bridge, worker,
widgets, self-hosted plotly.js, Pyodide runtime, a fresh wheel), served on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from esoreview.site.assets import plotly_js
from esoreview.site.paths import Project
from esoreview.site.runtime import PROJECT_DIR, build_wheel, copy_runtime

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from chromium import CHROMIUM_ARGS  # noqa: E402 -- the one list of launch flags

WIDGETS = ("tumour-immune", "tumour-nk-cd8", "fu-pk", "ctc", "binding")
TARGET_MS = 50.0
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{name}</title><link rel="icon" href="data:,">
<link rel="stylesheet" href="css/model-widgets.css">
<script src="assets/plotly.min.js"></script>
<script type="module" src="js/esoreview-bridge.js"></script>
<script type="module" src="js/widgets/models.js"></script>
</head><body><div class="eso-widget" data-widget="{name}"></div></body></html>
"""
# Collects the widget's own timings of every redraw.
RECORDER = """() => {
  window.__renders = [];
  document.querySelector('.eso-model').addEventListener('eso-model:rendered',
    (event) => window.__renders.push(event.detail));
}"""


def assemble(site: Path) -> None:
    docs = PROJECT_DIR / "docs"
    for folder in ("js/widgets", "css", "assets"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    for name in ("esoreview-bridge.js", "esoreview-worker.js"):
        shutil.copy2(docs / "js" / name, site / "js" / name)
    for path in (docs / "js" / "widgets").glob("*.js"):
        shutil.copy2(path, site / "js" / "widgets" / path.name)
    shutil.copytree(docs / "js" / "lib", site / "js" / "lib")
    shutil.copy2(docs / "css" / "model-widgets.css", site / "css" / "model-widgets.css")
    (site / "assets" / "plotly.min.js").write_bytes(plotly_js(Project(PROJECT_DIR), {"scatter"}))
    copy_runtime(site, node_modules=PROJECT_DIR / "node_modules")
    build_wheel(site / "wheels")
    for name in WIDGETS:
        (site / f"{name}.html").write_text(PAGE.format(name=name), encoding="utf-8")


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
    totals = []
    for i in range(changes):
        # Alternate directions so the value stays near the published default.
        key = "ArrowRight" if i % 4 < 2 else "ArrowLeft"
        t0 = time.perf_counter()
        page.keyboard.press(key)
        page.wait_for_selector(f".eso-model[data-runs='{i + 2}']", timeout=30_000)
        totals.append((time.perf_counter() - t0) * 1000)
    renders = page.evaluate("window.__renders")
    page.close()
    calls = [r["callMs"] for r in renders]
    draws = [r["drawMs"] for r in renders]
    recompute = [c + d for c, d in zip(calls, draws, strict=True)]
    return {
        "first": first_ms,
        "call_median": statistics.median(calls),
        "draw_median": statistics.median(draws),
        "median": statistics.median(recompute),
        "p95": percentile(recompute, 0.95),
        "input_median": statistics.median(totals),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--widgets", nargs="*", default=list(WIDGETS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        assemble(site)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for widget in args.widgets:
                rows.append((widget, measure(browser, base, widget, args.changes)))
            browser.close()
        server.shutdown()

    print(f"Kinetic-model widgets: {args.changes} keyboard slider changes each, times in ms")
    header = ("widget", "first", "call med", "draw med", "recompute med", "p95", "key->chart")
    print("{:<14}{:>8}{:>10}{:>10}{:>15}{:>8}{:>12}  target".format(*header))
    for widget, r in rows:
        verdict = "ok" if r["median"] <= TARGET_MS else f"> {TARGET_MS:.0f}"
        print(
            f"{widget:<14}{r['first']:>8.0f}{r['call_median']:>10.1f}{r['draw_median']:>10.1f}"
            f"{r['median']:>15.1f}{r['p95']:>8.1f}{r['input_median']:>12.1f}  {verdict}"
        )
    print(
        "first = page load to first chart (Pyodide start-up); recompute = bridge call + Plotly "
        "redraw; key->chart adds the 150 ms debounce and Playwright overhead."
    )
    # Browser timings scale with whatever else the machine runs: say how busy it was.
    cpus = os.cpu_count()
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {cpus} CPUs")


if __name__ == "__main__":
    main()
