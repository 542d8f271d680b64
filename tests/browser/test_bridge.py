"""The Pyodide bridge and the staging calculator in a real browser (Debian chromium).

A small site is assembled in a temporary folder from the real runtime (Pyodide from
node_modules, the esoreview wheel, docs/js, docs/css) and served under a sub-path with the
site's Content-Security-Policy, so URL handling, CSP and same-origin loading are all exercised.
"""

from __future__ import annotations

import re
import shutil
import statistics
from pathlib import Path

import pytest

from esoreview.site.runtime import PROJECT_DIR, build_wheel, install_runtime
from esoreview.staging import categories
from esoreview.widgets.staging import widget_html

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

PREFIX = "/review/"
STARTUP_MS = 120_000  # cold Pyodide start on a loaded 2-CPU runner takes up to ~20 s
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="css/widgets.css">
<script type="module" src="js/esoreview-bridge.js"></script>
{scripts}
</head><body><main>{body}</main></body></html>
"""
WIDGET_SCRIPT = '<script type="module" src="js/widgets/staging.js"></script>'
PT1A_N0_G1 = {
    "histology": "squamous",
    "classification": "pathological",
    "t": "T1a",
    "n": "N0",
    "m": "M0",
    "grade": "G1",
}


FAULTS = """\
import json
import time


def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return seconds


def overflow(depth):
    return len(json.loads("[" * depth + "]" * depth))


def vanish():
    import js

    js.close()
    return "closed"


def crash_soon():
    import js
    from pyodide.ffi import create_once_callable

    def fail():
        raise RuntimeError("injected worker crash")

    js.setTimeout(create_once_callable(fail), 0)
    return "scheduled"
"""


def write_page(site: Path, name: str, body: str = "", scripts: str = "") -> None:
    html = PAGE.format(title=name, scripts=scripts, body=body)
    (site / name).write_text(html, encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("site")
    install_runtime(root, node_modules=PROJECT_DIR / "node_modules")
    shutil.copytree(PROJECT_DIR / "docs" / "js", root / "js")
    (root / "css").mkdir()
    shutil.copy2(PROJECT_DIR / "docs" / "css" / "widgets.css", root / "css")
    write_page(root, "bridge.html", "<p>Bridge only.</p>")
    write_page(root, "plain.html", "<p>No widget here.</p>", WIDGET_SCRIPT)
    write_page(root, "staging.html", widget_html(), WIDGET_SCRIPT)
    # Inline style attributes are blocked by the CSP, so the spacer's height comes from a sheet.
    (root / "css" / "test.css").write_text(".spacer { height: 4000px; }\n")
    spacer = '<link rel="stylesheet" href="css/test.css"><div class="spacer">Scroll down.</div>'
    write_page(root, "staging-below.html", spacer + widget_html(), WIDGET_SCRIPT)
    return root


@pytest.fixture(scope="module")
def base_url(site, serve) -> str:
    return serve(site, PREFIX)


@pytest.fixture(scope="module")
def slow_runtime(tmp_path_factory) -> dict[str, bytes]:
    """A wheel whose allowlist adds ``slow``: fault injection for the bridge's failure paths.

    ``spin`` busy-loops (time limit), ``overflow`` parses JSON nested deeper than Pyodide's
    stack (its fatal error: a thrown RangeError, or no return value at all), ``vanish`` closes
    the worker without a word, and ``crash_soon`` leaves an uncaught error to fire in the
    worker right after it returns.
    """
    project = tmp_path_factory.mktemp("slow-project")
    shutil.copytree(PROJECT_DIR / "src", project / "src", ignore=shutil.ignore_patterns("*.pyc"))
    for name in ("pyproject.toml", "package.json"):
        shutil.copy2(PROJECT_DIR / name, project / name)
    package = project / "src" / "esoreview"
    (package / "staging" / "slow.py").write_text(FAULTS)
    with (package / "browser.py").open("a") as handle:
        handle.write('\nALLOWED_MODULES["slow"] = "esoreview.staging.slow"\n')
    wheel = build_wheel(project / "wheels", project_dir=project)
    return {
        "runtime.json": (wheel.parent / "runtime.json").read_bytes(),
        "wheel": wheel.read_bytes(),
    }


@pytest.fixture(scope="module")
def context(chromium):
    context = chromium.new_context()
    yield context
    context.close()


@pytest.fixture(scope="module")
def bridge_page(context, base_url, watched):
    """One page whose Python runtime is started once and shared by the bridge tests."""
    page = context.new_page()
    log = watched(page, base_url)
    page.goto(base_url + "bridge.html")
    page.evaluate("() => esoreview.warmup()")
    yield page, log
    page.close()


def call(page, module: str, function: str, kwargs: dict, **options):
    """Run esoreview.call in the page; return ("ok", value) or ("error", name, message, field)."""
    return page.evaluate(
        """async ([module, fn, kwargs, options]) => {
            // A promise that never settles is the bug these tests guard against: fail, not hang.
            const never = new Promise((resolve) =>
                setTimeout(() => resolve(["never settled"]), 150000));
            const settled = esoreview.call(module, fn, kwargs, options).then(
                (value) => ["ok", value],
                (error) => ["error", error.name, error.message, error.field ?? null],
            );
            return Promise.race([settled, never]);
        }""",
        [module, function, kwargs, options],
    )


def test_stage_call_resolves_with_the_stage_group(bridge_page):
    page, _ = bridge_page
    status, value = call(page, "staging", "stage", PT1A_N0_G1)
    assert status == "ok"
    assert value["group"] == "IA"
    assert value["table"]["id"] == "ajcc8-pathological-squamous"
    assert "→ IA" in value["description"]


def test_python_exception_rejects_with_its_message(bridge_page):
    page, _ = bridge_page
    result = call(page, "staging", "stage", {**PT1A_N0_G1, "t": "T9"})
    assert result[:2] == ["error", "StagingError"]
    assert "t: 'T9' is not valid" in result[2]
    assert result[3] == "t"


def test_modules_outside_the_allowlist_are_refused(bridge_page):
    page, _ = bridge_page
    result = call(page, "os", "getcwd", {})
    assert result[:2] == ["error", "BridgeError"]
    from esoreview.browser import ALLOWED_MODULES

    assert ", ".join(sorted(ALLOWED_MODULES)) in result[2]


def test_kwargs_that_are_not_a_plain_object_reject_in_javascript(bridge_page):
    page, _ = bridge_page
    message = page.evaluate(
        "() => esoreview.call('staging', 'stage', [1, 2]).catch((error) => error.message)"
    )
    assert "kwargs must be a plain object" in message


def test_invalid_time_limits_are_refused(bridge_page):
    page, _ = bridge_page
    result = call(page, "staging", "stage", PT1A_N0_G1, timeoutMs=-5)
    assert result[:2] == ["error", "RangeError"]
    assert "timeoutMs must be a positive number" in result[2]
    message = page.evaluate(
        "() => { try { esoreview.configure({timeoutMs: 0}); } catch (e) { return e.message; } }"
    )
    assert "esoreview.configure: timeoutMs must be a positive number" in message


def test_bridge_page_loaded_everything_from_its_own_sub_path(bridge_page, base_url):
    page, log = bridge_page
    log.assert_clean()
    assert log.requested(PREFIX + "pyodide/pyodide.asm.wasm")
    assert all(url.startswith(base_url) for url in log.requests), log.requests


def test_per_call_latency_is_small_once_warm(bridge_page):
    page, _ = bridge_page
    timings = page.evaluate(
        """async (kwargs) => {
            const times = [];
            for (let i = 0; i < 15; i++) {
                const start = performance.now();
                await esoreview.call("staging", "stage", kwargs);
                times.push(performance.now() - start);
            }
            return times;
        }""",
        PT1A_N0_G1,
    )
    # 50 ms is the product target; the bound here leaves room for a loaded CI runner.
    assert statistics.median(timings) < 250, timings


def test_a_call_over_the_time_limit_restarts_the_worker(context, base_url, slow_runtime, watched):
    page = context.new_page()
    log = watched(page, base_url)

    def fulfil_manifest(route):
        route.fulfill(body=slow_runtime["runtime.json"], content_type="application/json")

    def fulfil_wheel(route):
        route.fulfill(body=slow_runtime["wheel"], content_type="application/zip")

    page.route("**/wheels/runtime.json", fulfil_manifest)
    page.route(re.compile(r".*/wheels/.*\.whl(\?.*)?$"), fulfil_wheel)
    try:
        page.goto(base_url + "bridge.html")
        page.evaluate("() => esoreview.warmup()")
        result = call(page, "slow", "spin", {"seconds": 60}, timeoutMs=1500)
        assert result[0] == "error"
        assert "ran longer than 1500 ms" in result[2]
        assert "restarting" in result[2]
        # The next call is answered by a fresh worker.
        assert call(page, "slow", "spin", {"seconds": 0}) == ["ok", 0]
        assert call(page, "staging", "stage", PT1A_N0_G1)[1]["group"] == "IA"
        assert len(log.requested("js/esoreview-worker.js")) == 2
        log.assert_clean()
    finally:
        page.close()


@pytest.fixture
def fault_page(context, base_url, slow_runtime, watched):
    """A fresh page whose runtime has the fault-injection module ``slow``."""
    page = context.new_page()
    log = watched(page, base_url)
    page.route(
        "**/wheels/runtime.json",
        lambda route: route.fulfill(
            body=slow_runtime["runtime.json"], content_type="application/json"
        ),
    )
    page.route(
        re.compile(r".*/wheels/.*\.whl(\?.*)?$"),
        lambda route: route.fulfill(body=slow_runtime["wheel"], content_type="application/zip"),
    )
    page.goto(base_url + "bridge.html")
    page.evaluate("() => esoreview.warmup()")
    yield page, log
    page.close()


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_a_fatal_pyodide_error_rejects_the_call_and_restarts_the_worker(fault_page, depth):
    page, log = fault_page
    result = call(page, "slow", "overflow", {"depth": depth}, timeoutMs=60_000)
    assert result[:2] == ["error", "RuntimeFailure"], result
    assert "esoreview.slow.overflow" in result[2] and "restarting" in result[2], result
    # A fresh interpreter answers the next calls.
    assert call(page, "slow", "overflow", {"depth": 3}) == ["ok", 1]
    assert call(page, "staging", "stage", PT1A_N0_G1)[1]["group"] == "IA"
    assert len(log.requested("js/esoreview-worker.js")) == 2


def test_a_worker_that_vanishes_is_caught_by_the_time_limit(fault_page):
    page, log = fault_page
    # The worker closes itself after answering: no error event, no reply to the next call.
    assert call(page, "slow", "vanish", {}) == ["ok", "closed"]
    result = call(page, "slow", "spin", {"seconds": 0}, timeoutMs=2000)
    assert result[:2] == ["error", "RuntimeFailure"], result
    assert "ran longer than 2000 ms" in result[2]
    assert call(page, "staging", "stage", PT1A_N0_G1)[1]["group"] == "IA"
    assert len(log.requested("js/esoreview-worker.js")) == 2


def test_a_worker_crash_rejects_the_call_in_flight_and_restarts(fault_page):
    page, log = fault_page
    # The crash fires in the worker while the second call (a 3 s loop) is running.
    results = page.evaluate(
        """async () => {
            const settle = (p) => p.then((v) => ["ok", v], (e) => ["error", e.name, e.message]);
            const first = settle(esoreview.call("slow", "crash_soon", {}));
            const second = settle(esoreview.call("slow", "spin", {seconds: 3}));
            return [await first, await second];
        }"""
    )
    assert results[0] == ["ok", "scheduled"]
    assert results[1][:2] == ["error", "RuntimeFailure"], results
    assert "stopped unexpectedly while running esoreview.slow.spin" in results[1][2]
    assert "injected worker crash" in results[1][2]
    assert call(page, "staging", "stage", PT1A_N0_G1)[1]["group"] == "IA"
    assert len(log.requested("js/esoreview-worker.js")) == 2


def test_a_start_that_never_finishes_is_settled_by_the_start_limit(context, base_url):
    page = context.new_page()
    # The manifest request never gets an answer: the worker waits forever.
    page.route("**/wheels/runtime.json", lambda route: None)
    try:
        page.goto(base_url + "bridge.html")
        page.evaluate("() => esoreview.configure({startTimeoutMs: 1500})")
        result = call(page, "staging", "stage", PT1A_N0_G1)
        assert result[:2] == ["error", "RuntimeFailure"]
        assert "did not become ready within 2 s" in result[2]
    finally:
        page.close()


def test_start_up_reports_progress_until_ready(context, base_url):
    page = context.new_page()
    try:
        page.goto(base_url + "bridge.html")
        stages = page.evaluate(
            """async () => {
                const stages = [];
                esoreview.onProgress((update) => stages.push(update.stage));
                await esoreview.warmup();
                return stages;
            }"""
        )
        assert stages[0] == "starting" and stages[-1] == "ready", stages
        assert "download" in stages and "models" in stages, stages
    finally:
        page.close()


def test_settled_waits_for_every_pending_answer(context, base_url):
    page = context.new_page()
    try:
        page.goto(base_url + "bridge.html")
        order = page.evaluate(
            """async () => {
                const order = [];
                const calls = [1, 2, 3].map((n) =>
                    esoreview.call("staging", "tables", {edition: 8}).then(() => order.push(n)));
                await esoreview.settled();
                order.push("settled");
                await Promise.all(calls);
                await esoreview.settled();  // nothing pending: at once
                order.push("again");
                return order;
            }"""
        )
        assert order == [1, 2, 3, "settled", "again"], order
    finally:
        page.close()


def test_a_runtime_that_cannot_start_rejects_calls_clearly(context, base_url):
    page = context.new_page()
    page.route(re.compile(r".*/wheels/.*\.whl(\?.*)?$"), lambda route: route.fulfill(status=404))
    try:
        page.goto(base_url + "bridge.html")
        result = call(page, "staging", "stage", PT1A_N0_G1)
        assert result[0] == "error"
        assert result[1] == "RuntimeFailure"
        assert result[2].startswith("Python could not start in your browser:")
        assert "answered HTTP 404" in result[2]
    finally:
        page.close()


def test_a_wheel_that_does_not_match_its_manifest_is_refused(context, base_url, slow_runtime):
    page = context.new_page()
    wheel = re.compile(r".*/wheels/.*\.whl(\?.*)?$")
    page.route(wheel, lambda route: route.fulfill(body=slow_runtime["wheel"]))
    try:
        page.goto(base_url + "bridge.html")
        result = call(page, "staging", "stage", PT1A_N0_G1)
        assert result[0] == "error"
        assert re.search(r"esoreview-.*\.whl has sha256 [0-9a-f]{64}, runtime.json says", result[2])
    finally:
        page.close()


def test_pages_without_widgets_never_start_python(context, base_url, watched):
    page = context.new_page()
    log = watched(page, base_url)
    try:
        page.goto(base_url + "plain.html", wait_until="networkidle")
        page.wait_for_timeout(500)
        assert log.requested("js/esoreview-bridge.js")
        assert log.requested("js/widgets/staging.js")
        assert log.requested("/pyodide/") == []
        assert log.requested("esoreview-worker.js") == []
        log.assert_clean()
    finally:
        page.close()


def test_calculator_preloads_python_and_stages_once_scrolled_into_view(context, base_url, watched):
    page = context.new_page()
    log = watched(page, base_url)
    try:
        page.goto(base_url + "staging-below.html", wait_until="networkidle")
        # Python starts while the reader reads; nothing is staged before the form is seen.
        page.evaluate("() => esoreview.warmup()")
        assert log.requested("/pyodide/pyodide.mjs")
        expect(page.locator(".eso-staging__group")).to_have_count(0)
        page.locator(".eso-staging").scroll_into_view_if_needed()
        expect(page.locator(".eso-staging__group")).to_have_text(
            "Stage group IA", timeout=STARTUP_MS
        )
        log.assert_clean()
    finally:
        page.close()


# --- the staging calculator -------------------------------------------------------------------


@pytest.fixture(scope="module")
def calculator(context, base_url, watched):
    page = context.new_page()
    log = watched(page, base_url)
    page.goto(base_url + "staging.html")
    expect(page.locator(".eso-staging__group")).to_have_text("Stage group IA", timeout=STARTUP_MS)
    yield page, log
    page.close()


def field(page, name: str):
    return page.locator(f"#eso-staging-1-{name}")


def result_text(page) -> str:
    return page.locator(".eso-staging__result").inner_text()


def test_calculator_highlights_the_matched_row_of_the_active_table(calculator):
    page, _ = calculator
    table = page.locator(".eso-staging__table table")
    expect(table.locator("caption")).to_have_text(
        "AJCC 8th edition, pathological (pTNM), squamous cell carcinoma"
    )
    current = table.locator('tr[aria-current="true"]')
    expect(current).to_have_count(1)
    description = page.locator(".eso-staging__description").inner_text()
    number = re.search(r"matches row (\d+)", description).group(1)
    expect(current.locator("th")).to_have_text(number)
    expect(current).to_contain_text("IA")


def test_calculator_restages_on_each_change(calculator):
    page, _ = calculator
    field(page, "t").select_option("T2")
    field(page, "grade").select_option("G2")
    expect(page.locator(".eso-staging__group")).to_have_text("Stage group IIA", timeout=15_000)
    field(page, "histology").select_option("adenocarcinoma")
    expect(page.locator(".eso-staging__table caption")).to_contain_text(
        "adenocarcinoma", timeout=15_000
    )
    expect(page.locator(".eso-staging__description")).to_contain_text("adenocarcinoma")
    field(page, "histology").select_option("squamous")
    expect(page.locator(".eso-staging__group")).to_have_text("Stage group IIA", timeout=15_000)


def test_calculator_is_keyboard_operable_and_stages_by_node_count(calculator):
    page, _ = calculator
    field(page, "t").select_option("T2")
    field(page, "grade").select_option("G2")
    category_radio = page.locator("#eso-staging-1-nodes-category")
    category_radio.focus()
    page.keyboard.press("ArrowRight")  # radio groups move with the arrow keys
    expect(page.locator("#eso-staging-1-nodes-count")).to_be_checked()
    expect(field(page, "n")).to_be_hidden()
    page.keyboard.press("Tab")
    expect(field(page, "positive_nodes")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    # 3-6 positive nodes is N2; pT2 N2 M0 squamous is IIIB.
    expect(page.locator(".eso-staging__group")).to_have_text("Stage group IIIB", timeout=15_000)
    expect(page.locator(".eso-staging__description")).to_contain_text("4 positive nodes")


def test_invalid_node_count_is_reported_next_to_the_field(calculator):
    page, _ = calculator
    page.locator("#eso-staging-1-nodes-count").check()
    count = field(page, "positive_nodes")
    count.fill("-1")
    error = page.locator("#eso-staging-1-positive_nodes-error")
    expect(error).to_contain_text("an integer >= 0", timeout=15_000)
    expect(count).to_have_attribute("aria-invalid", "true")
    expect(page.locator('.eso-staging__table tr[aria-current="true"]')).to_have_count(0)
    expect(count).to_have_attribute("aria-describedby", "eso-staging-1-positive_nodes-error")
    count.fill("2")
    expect(error).to_be_hidden(timeout=15_000)
    expect(count).not_to_have_attribute("aria-invalid", "true")
    page.locator("#eso-staging-1-nodes-category").check()


def test_undefined_case_shows_the_reason(calculator):
    page, _ = calculator
    field(page, "t").select_option("TX")
    expect(page.locator(".eso-staging__group")).to_have_text("No stage group", timeout=15_000)
    assert "not assessed (TX)" in result_text(page)
    expect(page.locator('.eso-staging__table tr[aria-current="true"]')).to_have_count(1)
    field(page, "t").select_option("T1a")


def test_seventh_edition_switches_the_table(calculator):
    page, _ = calculator
    field(page, "edition").select_option("7")
    expect(page.locator(".eso-staging__table caption")).to_contain_text(
        "7th edition", timeout=15_000
    )
    expect(page.locator(".eso-staging__description")).to_contain_text("7th-edition")
    field(page, "edition").select_option("8")
    expect(page.locator(".eso-staging__table caption")).to_contain_text(
        "8th edition", timeout=15_000
    )


def test_calculator_offers_exactly_the_python_categories(calculator):
    """The form renders the choices Python wrote into data-spec; JS keeps no copy of them."""
    page, _ = calculator
    offered = page.evaluate(
        """() => Object.fromEntries(
            [...document.querySelectorAll(".eso-staging select")].map((select) => [
                select.name,
                [...select.options].map((option) => option.value),
            ])
        )"""
    )
    assert offered == {
        "edition": [str(e) for e in sorted(categories.EDITIONS, reverse=True)],
        "histology": list(categories.HISTOLOGIES),
        "classification": list(categories.CLASSIFICATIONS),
        "t": list(categories.T_CATEGORIES),
        "n": list(categories.N_CATEGORIES),
        "m": list(categories.M_CATEGORIES),
        "grade": list(categories.GRADES),
        "location": list(categories.LOCATIONS),
    }
    source = (PROJECT_DIR / "docs" / "js" / "widgets" / "staging.js").read_text(encoding="utf-8")
    assert "T1a" not in source and "squamous" not in source


def test_calculator_reports_start_up_progress_then_the_result(context, base_url):
    page = context.new_page()
    try:
        page.goto(base_url + "staging.html")
        # Before the first result the result area shows a progress bar and the current step.
        expect(page.locator(".eso-staging__result progress.eso-progress")).to_be_attached(
            timeout=STARTUP_MS
        )
        expect(page.locator(".eso-staging__group")).to_have_text(
            "Stage group IA", timeout=STARTUP_MS
        )
        expect(page.locator(".eso-staging__result progress")).to_have_count(0)
    finally:
        page.close()


def test_calculator_page_stayed_clean(calculator):
    _, log = calculator
    log.assert_clean()


def test_the_page_compiles_the_wasm_once_and_the_worker_reuses_it(chromium, base_url, watched):
    # A fresh context: nothing cached, so every download shows up as a request.
    context = chromium.new_context()
    page = context.new_page()
    log = watched(page, base_url)
    try:
        page.goto(base_url + "bridge.html")
        page.set_default_timeout(STARTUP_MS)
        page.evaluate("() => esoreview.warmup()")
        assert call(page, "staging", "stage", PT1A_N0_G1)[0] == "ok"
        # The worker's own requests are visible (it alone reads runtime.json and the wheel) ...
        assert log.requested("wheels/runtime.json")
        assert log.requested("python_stdlib.zip")
        # ... yet the 9.6 MB wasm was fetched once, by the page: the worker got it compiled.
        assert len(log.requested("pyodide/pyodide.asm.wasm")) == 1, log.requested(".wasm")
        log.assert_clean()
    finally:
        context.close()
