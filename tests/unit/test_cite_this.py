"""Cite this section / page: BibTeX, RIS, CSL-JSON, the HTML control, Scholar tags, CITATION.cff."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import markdown
import pytest
import yaml
from bibtexparser.middlewares import LatexDecodingMiddleware

from esoreview.site import cite_this
from esoreview.site.bib import STYLE_PATH

REPO = Path(__file__).resolve().parents[2]
SITE = "https://esoreview.github.io/esoreview/"
ARGS = {"site_url": SITE, "version": "0.1.0", "date": "2026-03-07"}
AWKWARD = "VEGF-C & {VEGFR-3}: 50% of_cases ~ $x$ #1 \\ <b>"


def formats(section_title: str = "VEGF-C and VEGFR-3", section_id: str = "vegfc-vegfr3"):
    return cite_this.section_citations(
        "lymphatic-metastasis/", "Lymphatic metastasis", section_id, section_title, **ARGS
    )


def test_bibtex_parses_back_with_the_same_values():
    library = bibtexparser.parse_string(
        formats(AWKWARD)["bibtex"], append_middleware=[LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "misc"
    assert entry.key == "esoreview-lymphatic-metastasis-vegfc-vegfr3"
    assert entry["title"] == f"Lymphatic metastasis: {AWKWARD}"
    assert entry["author"] == cite_this.AUTHOR
    assert entry["howpublished"] == cite_this.SITE_NAME
    assert entry["url"] == SITE + "lymphatic-metastasis/#vegfc-vegfr3"
    assert (entry["year"], entry["month"], entry["version"]) == ("2026", "3", "0.1.0")
    assert entry["urldate"] == "2026-03-07"


def test_ris_is_well_formed():
    ris = formats(AWKWARD)["ris"]
    lines = ris.split("\r\n")
    assert lines[-1] == ""  # every line, the last included, ends in CRLF
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines[:-1])
    tags = dict(line.split("  - ", 1) for line in lines[:-1])
    assert lines[0] == "TY  - ELEC" and lines[-2] == "ER  - "
    assert tags["TI"] == f"Lymphatic metastasis: {AWKWARD}"
    assert tags["UR"] == SITE + "lymphatic-metastasis/#vegfc-vegfr3"
    assert (tags["PY"], tags["Y2"], tags["ET"]) == ("2026", "2026/03/07", "0.1.0")


def test_csl_json_is_valid_for_citeproc():
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    items = json.loads(formats()["csljson"])
    assert items[0]["type"] == "webpage"
    assert items[0]["issued"] == {"date-parts": [[2026, 3, 7]]}
    style = CitationStylesStyle(str(STYLE_PATH), validate=False)
    bib = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    bib.register(Citation([CitationItem(items[0]["id"])]))
    text = str(bib.bibliography()[0])
    assert "Lymphatic metastasis: VEGF-C and VEGFR-3" in text
    assert "The esoreview contributors" in text


def test_page_level_citation_uses_the_page_title_alone():
    page = cite_this.section_citations(
        "lymphatic-metastasis/",
        "Lymphatic metastasis",
        "lymphatic-metastasis",
        "Lymphatic metastasis",
        **ARGS,
    )
    assert json.loads(page["csljson"])[0]["title"] == "Lymphatic metastasis"


def test_home_page_urls_and_file_paths():
    home = json.loads(cite_this.section_citations("", "Home", "scope", "Scope", **ARGS)["csljson"])
    assert home[0]["URL"] == SITE + "#scope"
    assert cite_this.cite_file_path("", "scope", "bib") == "cite/index/scope.bib"
    assert cite_this.cite_file_path("immune-escape/", "tregs", "ris") == (
        "cite/immune-escape/tregs.ris"
    )


def test_bad_date_is_a_clear_error():
    with pytest.raises(ValueError, match="build date '07/03/2026' is not an ISO date"):
        cite_this.section_citations(
            "a/", "A", "b", "B", site_url=SITE, version="1", date="07/03/2026"
        )


def control(section_title: str = AWKWARD) -> str:
    return cite_this.cite_control_html(
        "lymphatic-metastasis/", "Lymphatic metastasis", "vegfc-vegfr3", section_title, **ARGS
    )


def test_control_links_downloads_relative_to_the_page():
    html = control()
    assert html.startswith('<details class="cite-this"')
    for ext in ("bib", "ris", "json"):
        assert f'href="../cite/lymphatic-metastasis/vegfc-vegfr3.{ext}" download' in html
    assert f'<a href="{SITE}lymphatic-metastasis/#vegfc-vegfr3">' in html
    assert "<summary>Cite this section</summary>" in html


def test_control_on_the_home_page_links_from_the_root():
    html = cite_this.cite_control_html("", "Home", "home", "Home", **ARGS)
    assert 'href="./cite/index/home.bib"' in html
    assert "<summary>Cite this page</summary>" in html


def test_control_escapes_section_titles():
    html = control()
    assert "<b>" not in html
    assert "&lt;b&gt;" in html


def test_control_survives_python_markdown_as_one_raw_block():
    page = f"## VEGF-C {{#vegfc-vegfr3}}\n\n{control()}\n\nNext *paragraph*.\n"
    out = markdown.markdown(page, extensions=["attr_list", "md_in_html", "toc"])
    details = out.split("<details", 1)[1].split("</details>", 1)[0]
    assert "<p>" not in details.replace('<p class="cite-this-', "")  # not re-wrapped as prose
    assert details.count("<pre><code>") == 3
    assert "<em>paragraph</em>" in out
    # The copied text is the real citation: decode the <pre> of the BibTeX format.
    bibtex = re.search(r'data-format="bibtex">.*?<code>(.*?)</code>', details).group(1)
    assert html_unescape(bibtex) == formats(AWKWARD)["bibtex"].rstrip("\n")


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)


def test_scholar_meta():
    meta = dict(cite_this.scholar_meta("immune-escape/", "Immune escape", **ARGS))
    assert meta["citation_title"] == "Immune escape"
    assert meta["citation_author"] == cite_this.AUTHOR
    assert meta["citation_publication_date"] == "2026/03/07"
    assert meta["citation_public_url"] == SITE + "immune-escape/"


def test_citation_cff_describes_the_review_and_credits_the_source():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] == cite_this.SITE_NAME
    assert cff["authors"] and cff["message"]
    import esoreview

    assert cff["version"] == esoreview.__version__
    (source,) = [ref for ref in cff["references"] if ref.get("doi")]
    assert source["doi"] == "10.3389/fimmu.2023.1206504"
    assert source["license"] == "CC-BY-4.0"
    assert source["title"] == "Mechanisms of esophageal cancer metastasis and treatment progress"
    assert [a["family-names"] for a in source["authors"]] == ["Wang", "Yang", "Wang", "Zhou"]
