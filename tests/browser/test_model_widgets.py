"""The kinetic-model widgets (docs/js/widgets/models.js) in Debian's chromium, against Pyodide.

The test site is assembled in a temporary directory the way the published one is: the bridge,
worker and widget scripts from docs/, the self-hosted plotly.js, Pyodide's runtime files and a
fresh wheel of the client models, served under a sub-path with the site's CSP. Expected numbers
come from the same models run in CPython, so the browser must reproduce them exactly.
"""

from __future__ import annotations

import re

import pytest
import widget_site

from esoreview.kinetics import api
from esoreview.site.runtime import PROJECT_DIR
from esoreview.widgets.models import widget_html

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("model_widgets")]

MODELS = api.model_names()  # every model gets a widget page: nothing is listed by hand
FIRST_RUN_MS = 90_000  # Pyodide start-up on a cold, busy CI machine
RUN_MS = 20_000
BODY = """<p><a href="#end">A link before the widget</a></p>
{spacer}{widget}
<p id="end">End.</p>"""


@pytest.fixture(scope="session")
def model_site(tmp_path_factory, serve) -> str:
    """Serve a minimal site with one page per model (plus one far below the fold, and one whose
    description was damaged)."""
    site = tmp_path_factory.mktemp("model-widget-site")
    pages = {name: BODY.format(spacer="", widget=widget_html(name)) for name in MODELS}
    spacer = '<div class="below-fold"></div>'
    pages["lazy"] = BODY.format(spacer=spacer, widget=widget_html("circulating_cells"))
    damaged = widget_html("receptor_binding").replace('data-spec="{', 'data-spec="{{', 1)
    pages["damaged"] = BODY.format(spacer="", widget=damaged)
    # As a notebook places it: the widget's cell output, then the static figure's intro, code
    # and figure (the no-JavaScript fallback), then the next section.
    pages["fallback"] = (
        f'<div class="eso-output">{widget_html("tumour_immune")}</div>'
        "<p>The static figure shows the presets.</p>"
        '<details class="eso-code"><summary>Show code</summary><pre>fig</pre></details>'
        '<div class="eso-output"><figure class="eso-figure" id="twin">'
        '<div class="eso-plot"></div><figcaption>Presets</figcaption></figure></div>'
        '<h2 id="next">Next section</h2><p id="after">Stays.</p>'
    )
    widget_site.assemble(
        site,
        script="models.js",
        stylesheets=["model-widgets.css"],
        pages=pages,
        extra_css=".below-fold { height: 4000px; }\n",
    )
    return serve(site, prefix="/review/")


def console_errors(page) -> list[str]:
    """Collect console errors except plotly.js's own CSP reports: the library injects <style>
    elements, which the published policy allows (style-src 'unsafe-inline', see
    esoreview.site.csp) but conftest's stricter test-server policy refuses. Only reports located
    in plotly.min.js are skipped, so an inline style set by the widget still fails the test."""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type != "error":
            return
        from_plotly = message.location.get("url", "").endswith("/assets/plotly.min.js")
        if from_plotly and "Content Security Policy" in message.text:
            return
        errors.append(message.text)

    page.on("console", on_console)
    return errors


@pytest.fixture
def open_widget(chromium, model_site, watched):
    """``open_widget(name)`` -> (page, log, errors) once the widget drew its first result."""
    contexts = []

    def open_(name: str, *, wait: bool = True):
        context = chromium.new_context()
        contexts.append(context)
        page = context.new_page()
        log = watched(page, model_site)
        errors = console_errors(page)
        page.goto(f"{model_site}{name}.html")
        if wait:
            page.wait_for_selector(".eso-model[data-runs='1']", timeout=FIRST_RUN_MS)
        return page, log, errors

    yield open_
    for context in contexts:
        context.close()


def traces(page) -> list[dict]:
    return page.evaluate(
        "() => document.querySelector('.eso-model__chart').data"
        ".map(t => ({name: t.name, y: Array.from(t.y)}))"
    )


def runs(page) -> int:
    return int(page.get_attribute(".eso-model", "data-runs"))


def wait_runs(page, n: int) -> None:
    page.wait_for_selector(f".eso-model[data-runs='{n}']", timeout=RUN_MS)


def count_calls(page) -> None:
    """Wrap the bridge so the page counts kinetics runs (window.__runCalls)."""
    page.evaluate(
        """() => {
        window.__runCalls = 0;
        const original = window.esoreview.call;
        window.esoreview.call = (module, fn, kwargs, options) => {
          if (fn === 'run') window.__runCalls += 1;
          return original(module, fn, kwargs, options);
        };
      }"""
    )


def settled_calls(page) -> int:
    """Wait until the widget has no run in flight or queued; return how many runs it made."""
    for _ in range(RUN_MS // 50):
        if page.evaluate("() => !document.querySelector('.eso-model[aria-busy]')"):
            return page.evaluate("window.__runCalls")
        page.wait_for_timeout(50)
    raise AssertionError("the widget is still busy")


def assert_clean(log, errors) -> None:
    assert errors == [], errors
    assert log.page_errors == [], log.page_errors
    assert log.foreign_requests() == [], log.foreign_requests()


def assert_series_equal(page, result: dict) -> None:
    expected = [(s["label"], s["values"]) for s in result["series"].values()]
    actual = [(t["name"], t["y"]) for t in traces(page)]
    assert [name for name, _ in actual] == [label for label, _ in expected]
    for (_, got), (_, want) in zip(actual, expected, strict=True):
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12, nan_ok=True)


def changing_preset(model: str) -> str:
    """The first preset whose result differs from the defaults' (some presets restate them)."""
    default = api.run(model)["series"]
    for name in api.describe(model)["presets"]:
        if api.run(model, {}, {"preset": name})["series"] != default:
            return name
    raise AssertionError(f"{model} has no preset that changes the result")


@pytest.mark.parametrize("model", MODELS)
def test_widget_follows_describe_and_its_presets_change_the_chart(open_widget, model):
    page, log, errors = open_widget(model)
    spec = api.describe(model)
    names = [p["name"] for p in spec["parameters"]] + [i["name"] for i in spec["initial"]]
    fields = page.eval_on_selector_all("[data-field]", "rows => rows.map(r => r.dataset.field)")
    assert fields == [*names, "t_end"]
    for p in spec["parameters"]:
        row = page.locator(f"[data-field='{p['name']}']")
        # Both controls carry the accessible name of the parameter.
        assert page.get_by_label(p["label"], exact=False).count() >= 2
        assert row.locator("input[type=range]").count() == 1
        assert row.locator("input[type=number]").input_value() == page.evaluate(
            "v => String(v)", p["default"]
        )
        assert row.locator(".eso-model__badge").count() == int(p["illustrative"])
    presets = page.eval_on_selector_all("[data-preset]", "bs => bs.map(b => b.dataset.preset)")
    assert presets == list(spec["presets"])
    assert page.get_by_role("button", name="Reset to defaults").count() == 1

    result = api.run(model)
    assert_series_equal(page, result)
    layout = page.evaluate("() => document.querySelector('.eso-model__chart').layout")
    assert layout["title"]["text"] == spec["title"]
    assert result["time"]["unit"] in layout["xaxis"]["title"]["text"]
    summary = page.eval_on_selector_all(
        ".eso-model__summary dt", "ds => ds.map(d => d.textContent)"
    )
    assert summary == [item["label"] for item in result["summary"].values()]

    preset = changing_preset(model)
    before = traces(page)
    page.click(f"[data-preset='{preset}']")
    wait_runs(page, 2)
    assert traces(page) != before
    assert page.get_attribute(f"[data-preset='{preset}']", "aria-pressed") == "true"
    # The fields show the scenario, and the chart is the model's answer for it.
    for name, value in spec["presets"][preset]["params"].items():
        shown = page.input_value(f"[data-field='{name}'] input[type=number]")
        assert float(shown) == value
    assert_series_equal(page, api.run(model, {}, {"preset": preset}))

    page.get_by_role("button", name="Reset to defaults").click()
    wait_runs(page, 3)
    assert traces(page) == before
    assert_clean(log, errors)


def test_out_of_range_entry_shows_message_and_makes_no_call(open_widget):
    page, log, errors = open_widget("tumour_immune")
    count_calls(page)
    number = page.locator("[data-field='alpha'] input[type=number]")
    number.fill("99")
    message = page.locator("[data-field='alpha'] .eso-model__message")
    assert "from 0.01 to 5" in message.text_content()
    assert number.get_attribute("aria-invalid") == "true"
    assert message.get_attribute("id") in number.get_attribute("aria-describedby").split()
    assert message.get_attribute("aria-live") == "polite"
    page.wait_for_timeout(800)  # long enough for a call to have been made
    assert page.evaluate("window.__runCalls") == 0
    assert runs(page) == 1

    number.fill("")  # an empty entry is not a number either
    assert message.text_content() != ""
    page.wait_for_timeout(400)
    assert page.evaluate("window.__runCalls") == 0

    number.fill("2.5")
    wait_runs(page, 2)
    assert message.text_content() == ""
    assert page.evaluate("window.__runCalls") == 1
    assert_series_equal(page, api.run("tumour_immune", {"alpha": 2.5}))
    assert_clean(log, errors)


def test_keyboard_alone_moves_a_slider_and_updates_the_chart(open_widget):
    page, log, errors = open_widget("tumour_immune")
    count_calls(page)
    before = traces(page)
    page.focus("body")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "range":
            break
    focused = page.evaluate("document.activeElement.closest('[data-field]').dataset.field")
    assert focused == "sigma"  # the first parameter, reached after the scenario buttons
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    sigma = float(page.input_value("[data-field='sigma'] input[type=number]"))
    assert sigma == pytest.approx(0.1181 + 0.003, abs=1e-3)
    # Each press runs the model at once, or joins the one follow-up run queued while Python is
    # busy: the chart ends at the last value, never at an intermediate one.
    calls = settled_calls(page)
    assert 1 <= calls <= 3
    wait_runs(page, 1 + calls)
    assert traces(page) != before
    assert_series_equal(page, api.run("tumour_immune", {"sigma": sigma}))

    # Scenario buttons work from the keyboard too.
    page.focus("[data-preset='escape']")
    page.keyboard.press("Enter")
    wait_runs(page, 2 + calls)
    assert page.get_attribute("[data-preset='escape']", "aria-pressed") == "true"
    assert_clean(log, errors)


def test_rejected_call_shows_the_model_message(open_widget):
    page, log, errors = open_widget("receptor_binding")
    page.fill("[data-field='complex0'] input[type=number]", "1")
    status = page.locator(".eso-model__status")
    page.wait_for_selector(".eso-model[data-state='error']", timeout=RUN_MS)
    assert "cannot exceed total ligand or receptor" in status.text_content()
    assert status.get_attribute("role") == "status"
    # The page stays usable: a valid entry brings the chart back.
    page.fill("[data-field='complex0'] input[type=number]", "0")
    wait_runs(page, 2)
    assert page.get_attribute(".eso-model", "data-state") == "ready"
    assert status.text_content() == ""
    assert_clean(log, errors)


def test_unfinished_run_shows_the_solver_message_and_partial_chart(open_widget):
    params = {"kon": 10000.0, "koff": 0.1, "receptor_nM": 1e-05}
    expected = api.run("receptor_binding", params, {"t_end": 10000.0})
    assert not expected["success"], "pick parameters the solver cannot finish within its budget"
    page, log, errors = open_widget("receptor_binding")
    for name, value in [*params.items(), ("t_end", 10000.0)]:
        page.fill(f"[data-field='{name}'] input[type=number]", str(value))
    page.wait_for_selector(".eso-model[data-state='warning']", timeout=RUN_MS)
    assert page.text_content(".eso-model__status") == expected["message"]
    assert_series_equal(page, expected)
    assert_clean(log, errors)


def test_python_preloads_while_the_reader_reads_but_the_widget_waits_until_seen(open_widget):
    page, log, errors = open_widget("lazy", wait=False)
    page.wait_for_load_state("load")
    # Python starts in the background once the page is idle: no call, no form yet.
    ready = page.evaluate("async () => Boolean((await window.esoreview.warmup()).pyodide)")
    assert ready
    assert log.requested("/pyodide/pyodide.asm.wasm")
    assert page.locator(".eso-widget[data-state]").count() == 0
    began = page.evaluate("() => performance.now()")
    page.locator(".eso-widget").scroll_into_view_if_needed()
    page.wait_for_selector(".eso-model[data-runs='1']", timeout=FIRST_RUN_MS)
    # Python was already running: reaching the widget costs two calls and a draw.
    assert page.evaluate("() => performance.now()") - began < 10_000
    assert_clean(log, errors)


def test_opting_out_of_a_derived_initial_value_starts_from_the_models_value(open_widget):
    page, log, errors = open_widget("circulating_cells")
    row = page.locator("[data-field='ctc0']")
    number = row.locator("input[type=number]")
    assert number.is_disabled()
    row.get_by_label("Use the model's default").uncheck()
    # The steady state the model derived becomes the editable starting value.
    ctc0 = float(number.input_value())
    assert ctc0 == pytest.approx(api.run("circulating_cells")["series"]["ctc"]["values"][0])
    wait_runs(page, 2)
    assert_series_equal(page, api.run("circulating_cells", {}, {"initial": {"ctc0": ctc0}}))
    number.fill("5000")
    wait_runs(page, 3)
    assert_series_equal(page, api.run("circulating_cells", {}, {"initial": {"ctc0": 5000.0}}))
    assert_clean(log, errors)


@pytest.mark.parametrize("model", MODELS)
def test_source_notes_name_works_without_bibtex_keys(open_widget, model) -> None:
    # A note names a work by author and year (or title), never by a raw BibTeX key (issue 14).
    from esoreview.site.bib import load_bibliography
    from esoreview.site.rawkeys import key_pattern

    page, log, errors = open_widget(model)
    notes = page.locator(".eso-model__source").all_inner_texts()
    assert notes, "no source note on the widget"
    keys = key_pattern(load_bibliography(sorted((PROJECT_DIR / "bib").glob("*.bib"))).keys())
    assert [note for note in notes if keys.search(note)] == []
    assert_clean(log, errors)


def test_damaged_description_says_so_instead_of_a_form(open_widget) -> None:
    page, log, errors = open_widget("damaged", wait=False)
    page.wait_for_selector(".eso-model[data-state='error']", timeout=RUN_MS)
    assert "description is missing" in page.text_content(".eso-model__status")
    assert page.locator(".eso-model input").count() == 0
    assert page.get_attribute(".eso-model", "data-runs") is None
    assert_clean(log, errors)


FORM_SEEN = """
new MutationObserver((_, observer) => {
  const host = document.querySelector(".eso-model");
  if (host && host.querySelector("[data-field]")) {
    window.__formSeen = { state: host.dataset.state, ready: window.esoreview.isReady() };
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true });
"""


def test_form_is_ready_before_python(chromium, model_site, watched) -> None:
    # The description comes with the page: the form appears at once, while Python starts.
    context = chromium.new_context()
    try:
        page = context.new_page()
        page.add_init_script(FORM_SEEN)
        log = watched(page, model_site)
        errors = console_errors(page)
        page.goto(f"{model_site}tumour_immune.html")
        page.wait_for_selector(".eso-model[data-runs='1']", timeout=FIRST_RUN_MS)
        assert page.evaluate("window.__formSeen") == {"state": "loading", "ready": False}
        assert_series_equal(page, api.run("tumour_immune"))
        assert_clean(log, errors)
    finally:
        context.close()


def test_static_twin_is_hidden_when_the_widget_mounts(open_widget) -> None:
    page, log, errors = open_widget("fallback")
    assert page.locator("#twin").is_hidden()
    assert page.locator("[data-eso-fallback-of=tumour_immune]").count() == 3  # intro, code, figure
    assert page.locator("#after").is_visible()
    assert_clean(log, errors)


def test_static_twin_comes_back_when_python_cannot_start(chromium, model_site, watched) -> None:
    context = chromium.new_context()
    try:
        page = context.new_page()
        wheel = re.compile(r".*/wheels/.*\.whl(\?.*)?$")
        page.route(wheel, lambda route: route.fulfill(status=404))
        page.goto(f"{model_site}fallback.html")
        page.wait_for_selector(".eso-model[data-state='error']", timeout=FIRST_RUN_MS)
        assert "Python could not start" in page.text_content(".eso-model__status")
        assert page.locator("#twin").is_visible()
        assert page.locator("[data-eso-fallback-of]").count() == 0
    finally:
        context.close()
