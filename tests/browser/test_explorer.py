"""The evidence explorer (docs/js/widgets/explorer.js) in Debian's chromium, against Pyodide.

The page carries the study records the notebook embeds (derived from data/trials.csv); the
pooled estimates the browser shows must equal esoreview.metaanalysis.explore run in CPython.
"""

from __future__ import annotations

import pytest
import site_fixtures
import widget_site
from site_fixtures import open_page

from esoreview.evidence import load_trials
from esoreview.metaanalysis import explore, study_records
from esoreview.site.runtime import PROJECT_DIR
from esoreview.widgets.explorer import widget_html

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("explorer")]

FIRST_RUN_MS = 90_000  # Pyodide start-up on a cold, busy machine
RUN_MS = 20_000
# The published page: shared fixtures from site_fixtures.py (conftest.py is the runtime's).
built_site = site_fixtures.built_site
pages_server = site_fixtures.pages_server
STUDIES = study_records(load_trials(PROJECT_DIR / "data" / "trials.csv"))


@pytest.fixture(scope="session")
def explorer_site(tmp_path_factory, serve) -> str:
    site = tmp_path_factory.mktemp("explorer-site")
    widget = widget_html(STUDIES, {"CPS>=10": "PD-L1 CPS ≥ 10"})
    widget_site.assemble(
        site, script="explorer.js", stylesheets=["explorer.css"], pages={"explorer": widget}
    )
    return serve(site, prefix="/review/")


@pytest.fixture
def page(chromium, explorer_site, watched):
    context = chromium.new_context()
    page = context.new_page()
    errors: list[str] = []

    def on_console(message) -> None:
        # plotly.js injects <style> elements, which the test server's stricter CSP reports.
        from_plotly = message.location.get("url", "").endswith("/assets/plotly.min.js")
        if message.type == "error" and not from_plotly:
            errors.append(message.text)

    page.on("console", on_console)
    log = watched(page, explorer_site)
    page.goto(f"{explorer_site}explorer.html")
    page.wait_for_selector(".eso-explorer[data-runs='1']", timeout=FIRST_RUN_MS)
    yield page
    assert errors == [], errors
    assert log.page_errors == [], log.page_errors
    assert log.foreign_requests() == [], log.foreign_requests()
    context.close()


def pooled(page) -> dict:
    """The pooled result the widget last drew, as it reported it."""
    return page.evaluate("() => window.__explorerLast")


def track(page) -> None:
    page.evaluate(
        """() => document.querySelector('.eso-explorer').addEventListener(
             'eso-explorer:rendered', (e) => { window.__explorerLast = e.detail.pooled; })"""
    )


def expect_text(result: dict) -> str:
    r = result["pooled"]["random"]
    return f"random effects {r['hr']:.2f} (95% CI {r['low']:.2f}–{r['high']:.2f})"


def test_default_result_matches_python(page) -> None:
    expected = explore(STUDIES)
    assert expect_text(expected) in page.text_content(".eso-explorer__pooled")
    drawn = page.evaluate("() => document.querySelector('.eso-explorer__chart').data[0].x")
    assert drawn == pytest.approx([r["hr"] for r in expected["rows"]])


def test_choosing_a_subgroup_updates_the_pooled_hr(page) -> None:
    track(page)
    page.select_option("select[name=subgroup]", "CPS>=10")
    page.wait_for_selector(".eso-explorer[data-runs='2']", timeout=RUN_MS)
    expected = explore(STUDIES, subgroup="CPS>=10")
    assert expected["pooled"]["k"] >= 2
    got = pooled(page)
    for model in ("fixed", "random"):
        for key in ("hr", "low", "high"):
            assert got[model][key] == pytest.approx(expected["pooled"][model][key], rel=1e-12)
    assert got["i2"] == pytest.approx(expected["pooled"]["i2"], abs=1e-12)
    assert expect_text(expected) in page.text_content(".eso-explorer__pooled")
    # The label comes from the page's markup, the value from the data.
    assert page.locator("select[name=subgroup] option:checked").text_content() == "PD-L1 CPS ≥ 10"


def test_outcome_and_trial_choices_match_python(page) -> None:
    track(page)
    page.select_option("select[name=outcome]", "pfs")
    page.wait_for_selector(".eso-explorer[data-runs='2']", timeout=RUN_MS)
    expected = explore(STUDIES, outcome="pfs")
    assert pooled(page)["random"]["hr"] == pytest.approx(expected["pooled"]["random"]["hr"])
    first = page.locator(".eso-explorer__trials input").first
    dropped = first.get_attribute("value")
    first.uncheck()
    page.wait_for_selector(".eso-explorer[data-runs='3']", timeout=RUN_MS)
    kept = sorted({s["trial"] for s in STUDIES} - {dropped})
    expected = explore(STUDIES, outcome="pfs", trials=kept)
    assert pooled(page)["k"] == expected["pooled"]["k"]
    assert pooled(page)["random"]["hr"] == pytest.approx(expected["pooled"]["random"]["hr"])


def test_explorer_on_the_published_page_pools_like_python(chromium, pages_server) -> None:
    """On the built immunotherapy page the widget mounts through Material's document$, stays
    within the site's CSP, and shows the pooled HR Python computes for the chosen subgroup."""
    context, page, report = open_page(
        chromium, pages_server.origin, pages_server.url + "immunotherapy/"
    )
    try:
        host = page.locator('.eso-widget[data-widget="explorer"]')
        host.scroll_into_view_if_needed()
        page.locator(".eso-explorer[data-runs='1']").wait_for(
            state="attached", timeout=FIRST_RUN_MS
        )
        assert expect_text(explore(STUDIES)) in page.text_content(".eso-explorer__pooled")
        page.select_option("select[name=subgroup]", "CPS>=10")
        page.locator(".eso-explorer[data-runs='2']").wait_for(state="attached", timeout=RUN_MS)
        text = page.text_content(".eso-explorer__pooled")
        assert expect_text(explore(STUDIES, subgroup="CPS>=10")) in text
        report.violations.extend(page.evaluate("window.__cspViolations"))
    finally:
        context.close()
    assert report.problems() == [], report.problems()
    assert not list(report.foreign), report.foreign
