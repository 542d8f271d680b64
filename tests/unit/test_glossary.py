"""The glossary file, its validator, and how its abbreviations reach the rendered pages."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from test_own_words import RUN, SOURCE, shared_runs, words

from esoreview.site.bib import load_bibliography
from esoreview.site.glossary import (
    GlossaryError,
    abbreviation_block,
    append_abbreviations,
    glossary_markdown,
    load_glossary,
)

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "data" / "glossary.csv"
HEADER = "term,definition,cite\n"


def write(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_the_project_glossary_loads_with_known_keys() -> None:
    bib = load_bibliography(sorted((ROOT / "bib").glob("*.bib")))
    entries = load_glossary(GLOSSARY, bib.keys())
    terms = {e.term for e in entries}
    # The abbreviations issue 14 names explicitly must be explained.
    wanted = "FAK SOCS3 ALK5 CPS TAP TPS EMT MET CAF MDSC TAM Treg CTC ECM MMP VEGF ESCC EAC"
    assert set(wanted.split()) | {"EGJ", "HR", "CI", "OS", "PFS"} <= terms


def test_definitions_are_in_our_own_words() -> None:
    if not SOURCE.is_file():
        pytest.skip(f"{SOURCE} not present")
    w = words(SOURCE.read_text(encoding="utf-8"))
    source_runs = {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}
    for entry in load_glossary(GLOSSARY):
        assert shared_runs(entry.definition, source_runs) == [], entry.term


def test_duplicate_term_is_rejected_with_both_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "EMT,one,\nCAF,two,\nEMT,three,\n")
    with pytest.raises(GlossaryError, match=r"glossary\.csv:4: duplicate term 'EMT'.*csv:2"):
        load_glossary(path)


def test_a_term_colliding_with_a_generated_plural_is_a_duplicate(tmp_path: Path) -> None:
    path = write(tmp_path, "CAF,fibroblast,\nCAFs,fibroblasts,\n")
    with pytest.raises(GlossaryError, match=r":3: duplicate term 'CAFs' \(already defined by"):
        load_glossary(path)


def test_two_spellings_of_one_term_are_rejected(tmp_path: Path) -> None:
    # Both would get the Glossary-page id term-il-6: one page, one id.
    path = write(tmp_path, "IL-6,a cytokine,\nIL 6,the same cytokine,\n")
    with pytest.raises(GlossaryError, match=r":3: term 'IL 6' is another spelling of 'IL-6'"):
        load_glossary(path)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (",no term,\n", r":2: column 'term' is empty"),
        ("EMT,,\n", r":2: term 'EMT': column 'definition' is empty"),
        (" EMT,x,\n", r":2: term ' EMT' must be"),
        ("E]MT,x,\n", r":2: term 'E\]MT' must be"),
        ("EMT,a <b> tag,\n", r":2: term 'EMT': the definition must be plain text"),
        ("EMT,x,nokey2020\n", r":2: term 'EMT': column 'cite' names unknown key 'nokey2020'"),
        ("EMT,x\n", r":2: expected 3 columns"),
    ],
)
def test_bad_rows_fail_with_file_and_line(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message):
        load_glossary(write(tmp_path, body), known_keys={"known2020"})


def test_bad_header_fails_on_line_one(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"glossary\.csv:1: header must be term,definition"):
        load_glossary(write(tmp_path, "EMT,x\n", header="term,definition\n"))


def test_variants_cover_plurals_and_capitalised_terms(tmp_path: Path) -> None:
    entries = load_glossary(write(tmp_path, "CAF,fibroblast,\nferroptosis,iron death,\n"))
    block = abbreviation_block(entries)
    assert "*[CAFs]: fibroblast" in block
    assert "*[Ferroptosis]: iron death" in block


def render(text: str) -> str:
    """Render like MkDocs does with the project's extensions that matter here."""
    return markdown.markdown(text, extensions=["abbr", "attr_list", "md_in_html", "tables", "toc"])


def test_terms_are_marked_in_prose_and_tables_but_not_in_code_links_or_raw_html(
    tmp_path: Path,
) -> None:
    entries = load_glossary(write(tmp_path, "EMT,epithelial change,\nCAF,fibroblast,\n"))
    page = (
        "## EMT in CAFs {#emt-section}\n\n"
        "Cells undergo EMT; `EMT` in code and [a link](https://example.org/EMT) too.\n\n"
        "| Term | Note |\n| --- | --- |\n| CAF | EMT |\n\n"
        '<figure class="eso-figure"><script type="application/json">{"EMT": "CAF"}</script>'
        "</figure>\n\n"
        "```python\nEMT = 1\n```\n"
    )
    html = render(append_abbreviations({"p.md": page}, entries)["p.md"])
    assert '<h2 id="emt-section">' in html  # the heading id is untouched
    assert html.count('<abbr title="epithelial change">EMT</abbr>') == 3  # heading, prose, cell
    assert '<abbr title="fibroblast">CAFs</abbr>' in html
    assert '<abbr title="fibroblast">CAF</abbr>' in html
    assert "<code>EMT</code>" in html
    assert 'href="https://example.org/EMT"' in html
    assert '{"EMT": "CAF"}' in html
    assert "EMT = 1" in html and "*[" not in html


def test_glossary_page_lists_every_term_with_an_anchor(tmp_path: Path) -> None:
    entries = load_glossary(write(tmp_path, "TGF-β,growth factor,\nEMT,transition,known2020\n"))
    page = glossary_markdown(entries)
    assert page.startswith("# Glossary {#glossary}")
    assert '<span id="term-emt">EMT</span> | transition [@known2020] |' in page
    assert '<span id="term-tgf-b">TGF-β</span>' in page
    assert page.index("term-emt") < page.index('term-tgf-b"')  # alphabetical


def test_every_definition_is_a_sentence() -> None:
    for entry in load_glossary(GLOSSARY):
        assert re.search(r"[.)]$", entry.definition), f"{GLOSSARY}:{entry.line}: {entry.term}"
