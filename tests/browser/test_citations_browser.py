"""Citations and "cite this section" as a reader uses them in the built site."""

from __future__ import annotations

from pathlib import Path

import bibtexparser
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SITE = Path(__file__).resolve().parents[2] / "site"


@pytest.fixture(scope="module")
def base_url(serve) -> str:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does it first)")
    return serve(SITE, csp=None)  # the site's own <meta> policy applies


def test_hover_and_focus_show_the_full_reference(chromium, base_url, watched) -> None:
    page = chromium.new_page()
    log = watched(page, base_url)
    page.goto(f"{base_url}lymphatic-metastasis/", wait_until="load")
    link = page.locator("a.citation-ref").first
    # Instant navigation makes every href absolute: the key is in the fragment.
    key = link.get_attribute("href").rpartition("#")[2].removeprefix("ref-")
    entry = page.locator(f"#ref-{key}")
    title = entry.inner_text().split(". ")[1]  # Vancouver: authors. title. journal...
    link.hover()
    popup = page.locator("[role=tooltip].citation-popup")
    expect(popup).to_be_visible()
    expect(popup).to_contain_text(title[:30])
    page.keyboard.press("Escape")
    expect(popup).to_be_hidden()
    link.focus()
    expect(popup).to_be_visible()
    # Without JavaScript the number still links to the list and carries the reference as title
    # (the script moves it aside so the native tooltip does not double the popup).
    html = (SITE / "lymphatic-metastasis" / "index.html").read_text(encoding="utf-8")
    assert f'href="#ref-{key}" title="' in html
    log.assert_clean()
    page.close()


def test_cite_control_copies_the_bibtex_it_shows(chromium, base_url) -> None:
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base_url}immune-escape/", wait_until="load")
    control = page.locator("details.cite-this[data-section=regulatory-t-cells]")
    control.locator("summary").click()
    shown = control.locator("[data-format=bibtex] pre").inner_text()
    control.locator("[data-format=bibtex] button.cite-this-copy").click()
    expect(control.locator(".cite-this-status").first).to_contain_text("copied")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == shown
    library = bibtexparser.parse_string(copied)
    assert not library.failed_blocks and len(library.entries) == 1
    fields = library.entries[0].fields_dict
    assert fields["url"].value.endswith("/immune-escape/#regulatory-t-cells")
    context.close()


def test_redirected_old_url_keeps_the_section(chromium, base_url) -> None:
    page = chromium.new_page()
    page.goto(f"{base_url}calculator/#staging-calculator", wait_until="load")
    page.wait_for_url("**/overview/#staging-calculator")
    expect(page.locator("#staging-calculator")).to_be_in_viewport()
    page.close()
