"""In-browser recompute latency of the evidence explorer (docs/js/widgets/explorer.js).

Open the explorer in Debian's chromium, wait for Pyodide and the first forest plot, then
cycle the PD-L1 population, outcome and histology selects ~20 times. Each change is split
into the bridge round trip (worker + Python pooling + JSON) and the Plotly redraw, as the
widget reports them in its "eso-explorer:rendered" event. Prints the medians; target:
recompute (call + redraw) <= 50 ms.

    .venv/bin/python benchmarks/explorer.py [--changes 20]

The page is assembled like the published one (bridge, worker, explorer.js, self-hosted
plotly.js, Pyodide runtime, a fresh wheel, study records from data/trials.csv).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import itertools
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from esoreview.evidence import load_trials
from esoreview.metaanalysis import options, study_records
from esoreview.site.assets import plotly_js
from esoreview.site.paths import Project
from esoreview.site.runtime import PROJECT_DIR, build_wheel, copy_runtime
from esoreview.widgets.explorer import widget_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from chromium import CHROMIUM_ARGS  # noqa: E402 -- the one list of launch flags

TARGET_MS = 50.0
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>explorer</title><link rel="icon" href="data:,">
<script src="assets/plotly.min.js"></script>
<script type="module" src="js/esoreview-bridge.js"></script>
<script type="module" src="js/widgets/explorer.js"></script>
</head><body>{widget}</body></html>
"""
RECORDER = """() => {
  window.__renders = [];
  document.querySelector('.eso-explorer').addEventListener('eso-explorer:rendered',
    (event) => window.__renders.push(event.detail));
}"""


def assemble(site: Path, studies: list[dict]) -> None:
    docs = PROJECT_DIR / "docs"
    for folder in ("js/widgets", "assets"):
        (site / folder).mkdir(parents=True, exist_ok=True)
    for name in ("esoreview-bridge.js", "esoreview-worker.js"):
        shutil.copy2(docs / "js" / name, site / "js" / name)
    shutil.copy2(docs / "js" / "widgets" / "explorer.js", site / "js" / "widgets" / "explorer.js")
    (site / "assets" / "plotly.min.js").write_bytes(plotly_js(Project(PROJECT_DIR), {"scatter"}))
    copy_runtime(site, node_modules=PROJECT_DIR / "node_modules")
    build_wheel(site / "wheels")
    (site / "explorer.html").write_text(PAGE.format(widget=widget_html(studies)), "utf-8")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 -- base signature
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    args = parser.parse_args()
    studies = study_records(load_trials(PROJECT_DIR / "data" / "trials.csv"))
    choices = options(studies)
    # Cycle through real choices so every change asks Python for a different pooling.
    steps = itertools.cycle(
        [("subgroup", s) for s in choices["subgroups"]]
        + [("outcome", "pfs"), ("outcome", "os"), ("histology", "ESCC"), ("histology", "any")]
    )
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        assemble(site, studies)
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            page = browser.new_page()
            started = time.perf_counter()
            page.goto(f"{base}explorer.html")
            page.wait_for_selector(".eso-explorer[data-runs='1']", timeout=120_000)
            first_ms = (time.perf_counter() - started) * 1000
            page.evaluate(RECORDER)
            for i in range(args.changes):
                name, value = next(steps)
                page.select_option(f"select[name={name}]", value)
                page.wait_for_selector(f".eso-explorer[data-runs='{i + 2}']", timeout=30_000)
            renders = page.evaluate("window.__renders")
            browser.close()
        server.shutdown()
    calls = [r["callMs"] for r in renders]
    draws = [r["drawMs"] for r in renders]
    recompute = [c + d for c, d in zip(calls, draws, strict=True)]
    median = statistics.median(recompute)
    print(f"Evidence explorer: {len(recompute)} recomputes ({len(studies)} study records)")
    print(f"first result after navigation: {first_ms:.0f} ms")
    call, draw = statistics.median(calls), statistics.median(draws)
    print(f"call median {call:.1f} ms, redraw median {draw:.1f} ms")
    verdict = "meets" if median <= TARGET_MS else "misses"
    print(f"recompute median (call + redraw): {median:.1f} ms ({verdict} the 50 ms target)")


if __name__ == "__main__":
    main()
