"""How long a reader waits for the staging calculator, next to the floor Pyodide itself sets.

    .venv/bin/python benchmarks/widgets.py [--runs 3] [--calls 50] [--site DIR --page PATH]

For each run, alternating so machine load hits both alike, it opens in Debian's chromium:

* floor: a page that only does ``loadPyodide()`` (same runtime files, same server);
* worker floor: the same ``loadPyodide()`` inside a module worker, as the site runs it;
* widget: a page with the staging calculator in view, timed from navigation to the
  ``esoreview:staging:first-result`` performance mark the widget sets on its first answer;

each once with an empty HTTP cache (cold, fresh browser context) and once reloaded (warm). Then
it times ``esoreview.call("staging", "stage", ...)`` round trips on the warm page, prints where
the worker's start-up time went, and (with a built site, which has instant navigation) the time
from clicking a link to a model's section on another page to that widget's first drawn result:
the runtime is already running, so this is the "second widget page in the same session" figure.

By default it copies the built ``site/`` (run ``make site``) and times its overview page; with
``--minimal`` it assembles a minimal site (runtime, wheel, docs/js, docs/css) instead.

Targets (issue 16): warm widget <= 1.0 x floor and <= 2 s; second widget page <= 0.3 s; median
call <= 50 ms. ``--check`` exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from esoreview.browser import WARM_UP_CALLS
from esoreview.site.runtime import PROJECT_DIR, install_runtime
from esoreview.widgets.staging import widget_html

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from chromium import CHROMIUM_ARGS  # noqa: E402 -- the one list of launch flags

FIRST_RESULT_MARK = "esoreview:staging:first-result"
# The second widget page: a link from the calculator page to a kinetic model's section.
SECOND_PAGE = "../immune-escape/#tumour-immune-model"
# The staging case whose answer the snapshot already holds, as for the calculator's defaults.
CASE = next(kw for module, fn, kw in WARM_UP_CALLS if (module, fn) == ("staging", "stage"))
FLOOR_JS = """\
// Navigation -> loadPyodide() resolved: the least any Pyodide page can wait.
const indexURL = new URL("../pyodide/", import.meta.url).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
await loadPyodide({ indexURL });
performance.mark("esoreview:floor:ready");
"""
# The same load inside a module worker, as the site runs it (so a slow call can be stopped by
# terminating the worker): what the widget can at best reach with that design.
WORKER_FLOOR_JS = """\
const worker = new Worker(new URL("./bench-worker-floor-worker.js", import.meta.url), {
  type: "module",
});
worker.onmessage = () => performance.mark("esoreview:worker-floor:ready");
"""
WORKER_FLOOR_WORKER_JS = """\
const indexURL = new URL("../pyodide/", import.meta.url).href;
const { loadPyodide } = await import(indexURL + "pyodide.mjs");
await loadPyodide({ indexURL });
self.postMessage("ready");
"""
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,"><link rel="stylesheet" href="css/widgets.css">
{scripts}</head><body><main>{body}</main></body></html>
"""
MODULE = '<script type="module" src="{}"></script>'


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".wasm": "application/wasm",
        ".whl": "application/zip",
    }

    def end_headers(self) -> None:
        # Like GitHub Pages: cacheable for ten minutes, so a reload is a warm-cache visit.
        self.send_header("Cache-Control", "max-age=600")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:",
        )
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def assemble_site(root: Path) -> str:
    """Write a minimal site into ``root``; return the page with the calculator."""
    install_runtime(root, node_modules=PROJECT_DIR / "node_modules")
    shutil.copytree(PROJECT_DIR / "docs" / "js", root / "js", dirs_exist_ok=True)
    shutil.copytree(PROJECT_DIR / "docs" / "css", root / "css", dirs_exist_ok=True)
    scripts = MODULE.format("js/esoreview-bridge.js") + MODULE.format("js/widgets/staging.js")
    page = PAGE.format(title="Staging", scripts=scripts, body=widget_html())
    (root / "staging.html").write_text(page, encoding="utf-8")
    return "staging.html"


def add_floor_page(root: Path) -> str:
    (root / "js" / "bench-floor.js").write_text(FLOOR_JS, encoding="utf-8")
    page = PAGE.format(title="Floor", scripts=MODULE.format("js/bench-floor.js"), body="")
    (root / "bench-floor.html").write_text(page, encoding="utf-8")
    return "bench-floor.html"


def add_worker_floor_page(root: Path) -> str:
    (root / "js" / "bench-worker-floor.js").write_text(WORKER_FLOOR_JS, encoding="utf-8")
    worker = root / "js" / "bench-worker-floor-worker.js"
    worker.write_text(WORKER_FLOOR_WORKER_JS, encoding="utf-8")
    page = PAGE.format(
        title="Worker floor", scripts=MODULE.format("js/bench-worker-floor.js"), body=""
    )
    (root / "bench-worker-floor.html").write_text(page, encoding="utf-8")
    return "bench-worker-floor.html"


def serve(root: Path) -> str:
    handler = functools.partial(_Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def mark_time(page, name: str, timeout_s: float = 180) -> float:
    """Milliseconds from navigation start to the first performance mark called ``name``."""
    return page.evaluate(
        """async ([name, timeout]) => {
            const deadline = performance.now() + timeout;
            while (performance.now() < deadline) {
                const [entry] = performance.getEntriesByName(name, "mark");
                if (entry) return entry.startTime;
                await new Promise((resolve) => setTimeout(resolve, 10));
            }
            throw new Error(`no performance mark ${name}`);
        }""",
        [name, timeout_s * 1000],
    )


def visit(browser, url: str, mark: str) -> tuple[float, float, object]:
    """Cold then warm visit in one fresh context; returns (cold ms, warm ms, warm page)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    cold = mark_time(page, mark)
    page.reload()
    warm = mark_time(page, mark)
    return cold, warm, page


def start_up_steps(page) -> dict[str, float]:
    """When each step of the worker's start ended (ms since the worker started)."""
    return page.evaluate("async () => (await window.esoreview.warmup()).timings ?? {}")


def second_page_ms(page, target: str, timeout_s: float = 120) -> float:
    """On a page whose Python is running, follow a link to ``target`` (a page and the #section
    of a model widget) as a reader would; milliseconds from the click to that widget's first
    drawn result, all timed inside the page (instant navigation keeps the document, so one
    clock spans both pages)."""
    page.evaluate(
        """(target) => {
            window.__secondPage = null;
            document.addEventListener("eso-model:rendered",
                () => { window.__secondPage ??= performance.now(); }, true);
            const link = document.createElement("a");
            link.href = new URL(target, document.baseURI).href;
            link.textContent = "Go to the model";
            link.className = "eso-bench-link";
            document.querySelector("article").prepend(link);
            link.addEventListener("click", () => { window.__clicked = performance.now(); },
                { capture: true });
            // The reader is at the model: if the theme has not scrolled to the #section by the
            // time the new page is set up, scroll there in the same task (no round trip).
            let first = true;
            window.document$.subscribe(() => {
                if (first) { first = false; return; }  // the current page, replayed at once
                const model = document.querySelector(".eso-widget[data-widget=model]");
                const box = model?.getBoundingClientRect();
                if (box && (box.top > innerHeight || box.bottom < 0)) model.scrollIntoView();
            });
        }""",
        target,
    )
    page.locator("a.eso-bench-link").click()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        done = page.evaluate("() => window.__secondPage")
        if done is not None:
            if page.evaluate("() => performance.getEntriesByType('navigation').length") != 1:
                raise RuntimeError("the page reloaded: instant navigation is not working")
            return done - page.evaluate("() => window.__clicked")
        page.wait_for_timeout(10)
    raise RuntimeError(f"no model widget drew a result within {timeout_s} s of opening {target}")


def serve_sitemap_here(root: Path, base: str) -> None:
    """Material follows only links its sitemap lists under this host and port; rewrite the
    published URLs to this server's, as the published site has its own."""
    sitemap = root / "sitemap.xml"
    if sitemap.is_file():
        text = sitemap.read_text(encoding="utf-8")
        start = text.index("<loc>") + len("<loc>")
        published = text[start : text.index("</loc>", start)]
        sitemap.write_text(text.replace(published, base), encoding="utf-8")


def call_latencies(page, calls: int) -> list[float]:
    return page.evaluate(
        """async ([kwargs, calls]) => {
            const times = [];
            for (let i = 0; i < calls; i++) {
                const start = performance.now();
                await window.esoreview.call("staging", "stage", kwargs);
                times.push(performance.now() - start);
            }
            return times;
        }""",
        [CASE, calls],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="cold+warm visits per page (3)")
    parser.add_argument("--calls", type=int, default=50, help="timed calls on the warm page")
    parser.add_argument("--site", type=Path, default=PROJECT_DIR / "site", help="built site")
    parser.add_argument(
        "--page", default="overview/#staging-calculator", help="calculator page in --site"
    )
    parser.add_argument("--minimal", action="store_true", help="time a minimal assembled site")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    args = parser.parse_args(argv)
    if not args.minimal and not (args.site / "sitemap.xml").is_file():
        parser.error(f"{args.site} is not a built site: run `make site`, or pass --minimal")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        if args.minimal:
            page_path = assemble_site(root)
        else:
            shutil.copytree(args.site, root, dirs_exist_ok=True)
            page_path = args.page
        floor_path = add_floor_page(root)
        worker_floor_path = add_worker_floor_page(root)
        base = serve(root)
        serve_sitemap_here(root, base)

        results: dict[str, list[float]] = {
            "floor cold": [],
            "floor warm": [],
            "worker cold": [],
            "worker warm": [],
            "widget cold": [],
            "widget warm": [],
        }
        latencies: list[float] = []
        steps: dict[str, float] = {}
        second: list[float] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
            )
            for run in range(args.runs):
                cold, warm, page = visit(browser, base + floor_path, "esoreview:floor:ready")
                results["floor cold"].append(cold)
                results["floor warm"].append(warm)
                page.context.close()
                cold, warm, page = visit(
                    browser, base + worker_floor_path, "esoreview:worker-floor:ready"
                )
                results["worker cold"].append(cold)
                results["worker warm"].append(warm)
                page.context.close()
                cold, warm, page = visit(browser, base + page_path, FIRST_RESULT_MARK)
                results["widget cold"].append(cold)
                results["widget warm"].append(warm)
                if run == args.runs - 1:
                    latencies = call_latencies(page, args.calls)
                    steps = start_up_steps(page)
                if not args.minimal:
                    second.append(second_page_ms(page, SECOND_PAGE))
                page.context.close()
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr)
            browser.close()

    median = {name: statistics.median(values) for name, values in results.items()}
    print(f"{'measure':<14}{'median ms':>11}   runs (ms)")
    for name, values in results.items():
        runs = ", ".join(f"{v:.0f}" for v in values)
        print(f"{name:<14}{median[name]:>11.0f}   {runs}")
    if second:
        runs = ", ".join(f"{v:.0f}" for v in second)
        print(f"{'second page':<14}{statistics.median(second):>11.0f}   {runs}")
    if steps:
        order = sorted(steps.items(), key=lambda item: item[1])
        print(
            "worker start-up, ms since the worker started: "
            + ", ".join(f"{k} {v:.0f}" for k, v in order)
        )
    call_median = statistics.median(latencies)
    call_p90 = sorted(latencies)[int(0.9 * (len(latencies) - 1))]
    print(f"{'call':<14}{call_median:>11.1f}   p90 {call_p90:.1f} over {len(latencies)} calls")

    checks = []
    for cache in ("cold", "warm"):
        widget = median[f"widget {cache}"]
        ratio = widget / median[f"floor {cache}"]
        in_worker = widget / median[f"worker {cache}"]
        # Not a target, a diagnosis: how much the widget adds to Pyodide's own start in a worker.
        print(f"info {cache}: widget/floor {ratio:.2f}, widget/worker floor {in_worker:.2f}")
    widget = median["widget warm"]
    ratio = widget / median["floor warm"]
    checks.append((f"warm: widget/floor {ratio:.2f} <= 1.0", ratio <= 1.0))
    checks.append((f"warm: widget {widget:.0f} ms <= 2000", widget <= 2000))
    if second:
        median_second = statistics.median(second)
        checks.append((f"second widget page {median_second:.0f} ms <= 300", median_second <= 300))
    checks.append((f"call median {call_median:.1f} ms <= 50", call_median <= 50))
    for label, ok in checks:
        print(f"{'ok  ' if ok else 'MISS'} {label}")
    return 1 if args.check and not all(ok for _, ok in checks) else 0


if __name__ == "__main__":
    raise SystemExit(main())
