"""Reader aids on the built site (run `make site` first): glossary terms explained wherever they
appear (hover, keyboard focus, tap), a Key points box at the top of each mechanism page, no raw
BibTeX keys in what readers see, and the computed transit figure of the ferroptosis page."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

from esoreview.kinetics.api import run
from esoreview.site.bib import load_bibliography
from esoreview.site.glossary import abbreviations, load_glossary
from esoreview.site.rawkeys import key_pattern

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
MECHANISM_PAGES = [
    "haematogenous-metastasis",
    "lymphatic-metastasis",
    "immune-escape",
    "ferroptosis-immune-cells",
]
# An all-caps token seen this often on the pages must be explained in data/glossary.csv.
FREQUENT = 3
# Frequent capitalised tokens that are not abbreviations a reader needs explained, and why.
NOT_JARGON = {
    "BibTeX": "citation file format named on every 'Cite this section' control",
    "RIS": "citation file format named on every 'Cite this section' control",
    "CSL-JSON": "citation file format named on every 'Cite this section' control",
    "DOI": "identifier label in reference lists, linked to the record itself",
    "PMID": "identifier label in reference lists, linked to the record itself",
    "ID": "column header of the claim tables (the row identifier)",
    "CheckMate": "trial name (a proper noun; the treatment pages introduce each trial)",
    "JACOB": "trial name",
    "CALGB": "trial group name",
    "SAKK": "trial group name",
    "ToGA": "trial name",
    "BI": "prefix of the compound code BI 2536, a name rather than an abbreviation",
    "RAINBOW": "trial name",
    "GLOBOCAN": "name of the cancer-statistics database",
    "VistA": "name of a software package cited as a source of the staging tables",
    "PDQ": "name of the NCI's cancer information summaries, cited as a source",
    "NCI": "the US National Cancer Institute, named as a publisher of a source",
    "BY": "part of the licence name 'CC BY 4.0'",
    "CC": "part of the licence name 'CC BY 4.0'",
    "MIT": "licence name",
    "NX": "staging category (regional nodes cannot be assessed); the staging page defines it",
    "TX": "staging category (primary tumour cannot be assessed); the staging page defines it",
    "GX": "staging grade category (grade cannot be assessed); the staging page defines it",
    "CROSS": "trial name (the treatment pages introduce each trial)",
    "ESOPEC": "trial name",
    "GLOW": "trial name",
    "JCOG1109": "trial name (Japan Clinical Oncology Group study 1109)",
    "MAGIC": "trial name (its regimen is named after it)",
    "MATTERHORN": "trial name",
    "NExT": "trial name (the JCOG1109 study)",
    "SPOTLIGHT": "trial name",
    "DESTINY-Gastric01": "trial name",
    "DESTINY-Gastric02": "trial name",
    "DESTINY-Gastric04": "trial name",
    "JavaScript": "name of the programming language the widgets need",
}
# Trial acronyms with a number (KEYNOTE-590, ATTRACTION-3, ORIENT-15, ...), stage groups and
# TNM categories (IIIB, T4aN2M0, ...) are names and codes the pages explain where they are used.
TRIAL = re.compile(r"^[A-Z][A-Za-z]*-\d+[a-z]*$")
STAGE_OR_TNM = re.compile(r"^(?:[IV]+[ABC]?|[TNMG][0-9X].*|.*[TNM][0-9][a-z]?[NM].*)$")
TOKEN = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![\w-])")
HIDDEN = (
    ".//script|.//style|.//pre|.//code|.//details[contains(@class,'eso-code')]"
    "|.//ol[contains(@class,'references')]|.//ul[contains(@class,'references')]"
)


def pages() -> list[Path]:
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (make test does it first)")
    # Content pages only: redirect stubs (calculator/) have no article.
    return sorted(
        p for p in SITE.glob("*/index.html") if "md-content__inner" in p.read_text(encoding="utf-8")
    )


def article(path: Path):
    root = lxml.html.parse(str(path)).getroot()
    found = root.xpath("//article[contains(@class,'md-content__inner')]")
    assert found, f"{path}: no article"
    return found[0]


def reader_text(path: Path) -> str:
    node = article(path)
    for hidden in node.xpath(HIDDEN):
        hidden.drop_tree()
    # Separate every text node, so table cells and list items do not run together.
    return " ".join(node.itertext())


def glossary_terms() -> dict[str, str]:
    return abbreviations(load_glossary(ROOT / "data" / "glossary.csv"))


def covered(token: str, terms: dict[str, str]) -> bool:
    # "IL-6", "MMP-9" and "PD-L1-high" are marked through an entry for their first part(s)
    # (IL, MMP, PD-L1): the abbreviation matcher treats a hyphen as a word boundary.
    parts = token.split("-")
    return any("-".join(parts[:n]) in terms for n in range(1, len(parts) + 1))


def test_frequent_all_caps_tokens_are_in_the_glossary() -> None:
    counts: Counter[str] = Counter()
    for path in pages():
        counts.update(TOKEN.findall(reader_text(path)))
    terms = glossary_terms()
    missing = sorted(
        f"{token} ({n}x)"
        for token, n in counts.items()
        if n >= FREQUENT
        and not covered(token, terms)
        and token not in NOT_JARGON
        and not TRIAL.match(token)
        and not STAGE_OR_TNM.match(token)
    )
    assert missing == [], f"explain in data/glossary.csv (or justify in NOT_JARGON): {missing}"


def test_the_ignore_list_is_still_needed() -> None:
    # A stale justification hides nothing, but says something untrue about the pages.
    text = " ".join(reader_text(path) for path in pages())
    unused = [token for token in NOT_JARGON if not re.search(rf"(?<![\w-]){token}(?![\w-])", text)]
    assert unused == []


def test_terms_are_marked_on_every_content_page_but_never_in_code_or_links() -> None:
    terms = glossary_terms()
    for path in pages():
        node = article(path)
        assert not node.xpath(".//code//abbr|.//pre//abbr|.//script//abbr")
        for abbr in node.xpath(".//abbr"):
            if abbr.text in terms:  # widgets have abbreviations of their own (stage tables)
                assert terms[abbr.text] == abbr.get("title"), (path, abbr.text)
    esophageal = article(SITE / "immune-escape" / "index.html")
    assert esophageal.xpath(".//p//abbr[text()='ESCC']")
    assert esophageal.xpath(".//table//abbr")  # table cells too


def test_glossary_page_lists_every_term() -> None:
    node = article(SITE / "glossary" / "index.html")
    listed = {span.text_content() for span in node.xpath(".//span[starts-with(@id,'term-')]")}
    assert listed == {e.term for e in load_glossary(ROOT / "data" / "glossary.csv")}


@pytest.mark.parametrize("slug", MECHANISM_PAGES)
def test_key_points_box_sits_right_under_the_title(slug: str) -> None:
    node = article(SITE / slug / "index.html")
    blocks = [el for el in node if el.tag in {"h1", "p", "div", "h2", "figure", "details"}]
    h1 = next(i for i, el in enumerate(blocks) if el.tag == "h1")
    box = next(el for el in blocks[h1 + 1 :] if "admonition" in (el.get("class") or ""))
    before = [el for el in blocks[h1 + 1 : blocks.index(box)] if el.tag != "p"]
    assert before in ([], [blocks[h1 + 1]]) or all(
        "cite-this" in (el.get("class") or "") for el in before
    ), f"{slug}: something other than the intro stands between title and Key points"
    assert "abstract" in box.get("class")
    assert box.xpath("string(./p[@class='admonition-title'])") == "Key points"
    items = box.xpath(".//li")
    assert 3 <= len(items) <= 5
    assert all(item.xpath(".//sup[@class='citation']") for item in items)


def test_no_raw_bibtex_key_in_reader_text_or_figure_json() -> None:
    keys = load_bibliography(sorted((ROOT / "bib").glob("*.bib"))).keys()
    pattern = key_pattern(keys)
    found = []
    for path in pages():
        root = lxml.html.parse(str(path)).getroot()
        for script in root.xpath("//script[@type='application/json']"):
            found += [(path.parent.name, "figure", m) for m in pattern.findall(script.text or "")]
        found += [(path.parent.name, "text", m) for m in pattern.findall(reader_text(path))]
    assert found == []


def test_ferroptosis_page_shows_the_transit_figure_computed_by_the_ctc_model() -> None:
    root = lxml.html.parse(str(SITE / "ferroptosis-immune-cells" / "index.html")).getroot()
    specs = [json.loads(s.text) for s in root.xpath("//script[@type='application/json']")]
    spec = next(s for s in specs if any("found a colony" in t.get("name", "") for t in s["data"]))
    traces = spec["data"]
    assert len(traces) == 4
    finals = [t["y"][-1] for t in traces]
    assert finals == sorted(finals) and finals[0] > 0
    low = run("circulating_cells", {"efficiency": 0.0012}, {"preset": "no_surgery"})
    assert finals[0] == pytest.approx(low["summary"]["colonies"]["value"], rel=1e-6)
    high = run("circulating_cells", options={"preset": "selected_line"})["parameters"]
    # Colonies are proportional to the per-cell efficiency in this model.
    assert finals[-1] / finals[0] == pytest.approx(high["efficiency"] / 0.0012, rel=1e-6)


@pytest.fixture(scope="module")
def base_url(serve) -> str:
    pages()
    return serve(SITE, csp=None)


def test_term_explained_on_hover_focus_and_tap(chromium, base_url, watched) -> None:
    url = f"{base_url}immune-escape/"
    context = chromium.new_context(has_touch=True)
    page = context.new_page()
    log = watched(page, base_url)
    page.goto(url, wait_until="load")
    term = page.locator("article abbr[data-gloss]").first
    term.wait_for()
    tip = page.locator("#eso-gloss-tip")
    assert term.get_attribute("title") is None  # no second, native tooltip
    assert term.get_attribute("tabindex") == "0"
    definition = term.get_attribute("data-gloss")

    term.hover()
    tip.wait_for(state="visible")
    assert definition in tip.inner_text()
    page.mouse.move(0, 0)
    tip.wait_for(state="detached")  # the tooltip exists only while shown
    assert term.get_attribute("aria-describedby") is None

    term.focus()
    tip.wait_for(state="visible")
    assert term.get_attribute("aria-describedby") == "eso-gloss-tip"
    page.keyboard.press("Escape")
    tip.wait_for(state="detached")

    term.tap()
    tip.wait_for(state="visible")
    assert definition in tip.inner_text()
    page.locator("h1").tap()
    tip.wait_for(state="detached")
    log.assert_clean()
    context.close()
