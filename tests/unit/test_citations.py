"""Citation syntax, numbering, reference lists and the bibliography page (citations.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.site.bib import load_bibliography
from esoreview.site.citations import (
    CitationError,
    CitationRegistry,
    PageCitations,
    bibliography_page,
    collapse_numbers,
    relative_url,
)
from esoreview.site.structure import split_fenced

FIXTURES = Path(__file__).parent.parent / "fixtures"
SOURCE = Path("notebooks/03-lymphatic-metastasis.py")
KEYS = ["sung2021global", "mueller2019lymph", "who2020book", "kato2011single"]


@pytest.fixture(scope="module")
def bib():
    return load_bibliography([FIXTURES / "citations-basic.bib"])


def page(bib, url="lymphatic-metastasis/", title="Lymphatic metastasis") -> PageCitations:
    return PageCitations(bib, page_url=url, page_title=title)


def render(cites: PageCitations, text: str, first_line: int = 1) -> str:
    return cites.render(text, source=SOURCE, first_line=first_line)


def numbers(html: str) -> list[str]:
    """Visible text of each citation group, e.g. ['[1–3]', '[4]']."""
    groups = re.findall(r'<sup class="citation"[^>]*>(.*?)</sup>', html)
    return [re.sub(r"<[^>]+>", "", g).replace("&ndash;", "–") for g in groups]


def test_single_citation_links_to_reference_with_plain_title(bib):
    out = render(page(bib), "Text [@sung2021global].")
    assert numbers(out) == ["[1]"]
    assert 'href="#ref-sung2021global"' in out
    assert 'title="Sung H, Ferlay J, Siegel RL' in out
    assert 'data-ref-doi="10.3322/caac.21660"' in out and 'data-ref-pmid="33538338"' in out


def test_numbering_follows_first_use_and_ranges_collapse(bib):
    cites = page(bib)
    out = render(cites, "A [@kato2011single]. B [@sung2021global; @mueller2019lymph].")
    out += render(cites, "C [@who2020book; @kato2011single; @sung2021global; @mueller2019lymph].")
    assert numbers(out) == ["[1]", "[2, 3]", "[1–4]"]
    assert cites.numbers == {
        "kato2011single": 1,
        "sung2021global": 2,
        "mueller2019lymph": 3,
        "who2020book": 4,
    }


def test_numbers_within_a_group_are_sorted(bib):
    cites = page(bib)
    render(cites, "[@sung2021global] [@mueller2019lymph] [@who2020book]")
    assert numbers(render(cites, "[@who2020book; @sung2021global]")) == ["[1, 3]"]


def test_locator_follows_its_number(bib):
    out = render(page(bib), "See [@sung2021global, p. 212; @kato2011single].")
    assert numbers(out) == ["[2, 1, p. 212]"]


def test_narrative_citation_names_authors(bib):
    out = render(page(bib), "@sung2021global showed; @mueller2019lymph and @kato2011single too.")
    text = re.sub(r"<[^>]+>", "", out)
    assert text == "Sung et al. [1] showed; Müller and Schmidt [2] and Kato [3] too."


@pytest.mark.parametrize(
    "text",
    [
        "Write to a@b.org or first.last@sung2021global.org.",
        "`@sung2021global` and ``x `@sung2021global` y``",
        "<https://x.org/@sung2021global> and https://x.org/@sung2021global/page",
        "[link](https://x.org/@sung2021global) and <mailto:me@sung2021global>",
        '<span data-x="[@sung2021global]" title="@sung2021global">text</span>',
        "<!-- [@nothere] -->",
        "<code>@nothere</code> and <pre>[@nothere]</pre>",
        "```python\n@decorator\ndef f(): pass\n```\n",
        "!!! note\n\n    ```\n    @decorator\n    ```\n",
        "~~~~\n```\n[@nothere]\n```\n~~~~\n",
    ],
)
def test_non_citations_are_left_alone(bib, text):
    assert render(page(bib), text) == text


def test_escaped_at_sign_is_literal(bib):
    assert render(page(bib), r"Follow \@esoreview.") == "Follow @esoreview."


def test_citation_after_a_fence_is_resolved(bib):
    out = render(page(bib), "```\n@code\n```\nProse [@kato2011single].\n")
    assert out.startswith("```\n@code\n```\nProse <sup")


def test_unknown_key_names_file_and_line(bib):
    text = "Line one.\n\n```\n[@inside_code]\n```\nAnd [@foo] here.\n"
    with pytest.raises(CitationError) as err:
        render(page(bib), text, first_line=52)
    assert str(err.value).startswith(f"{SOURCE}:57: unknown citation key 'foo'")


def test_unknown_narrative_key_suggests_a_close_key(bib):
    with pytest.raises(
        CitationError,
        match=r":3: unknown citation key 'sung2021globl'.*"
        r"did you mean 'sung2021global'",
    ):
        render(page(bib), "x\n\nAs @sung2021globl showed.", first_line=1)


def test_malformed_group_is_an_error(bib):
    with pytest.raises(CitationError, match=r":1: malformed citation '\[see @kato2011single\]'"):
        render(page(bib), "Text [see @kato2011single].")


def test_bibtex_text_is_escaped_everywhere(bib):
    cites = page(bib)
    out = render(cites, "[@mueller2019lymph] and @mueller2019lymph")
    refs = cites.references_markdown()
    for html in (out, refs):
        assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in refs


def test_sections_are_tracked_for_backlinks(bib):
    cites = page(bib)
    render(cites, "Intro [@kato2011single].\n\n# Lymphatic metastasis {#lymphatic-metastasis}\n")
    render(cites, "## VEGF-C and VEGFR-3 {#vegfc-vegfr3}\n\nText [@sung2021global].\n")
    render(cites, "### Detail without id\n\nMore [@sung2021global; @who2020book].\n")
    render(
        cites, "## Unnamed\n\n[@mueller2019lymph]\n\n## Nodes {.wide #nodes}\n\n[@kato2011single]"
    )
    assert cites.used == {
        "kato2011single": [
            ("lymphatic-metastasis/", "", "Lymphatic metastasis"),
            ("lymphatic-metastasis/", "nodes", "Nodes"),
        ],
        "sung2021global": [("lymphatic-metastasis/", "vegfc-vegfr3", "VEGF-C and VEGFR-3")],
        "who2020book": [("lymphatic-metastasis/", "vegfc-vegfr3", "VEGF-C and VEGFR-3")],
        # An id-less H2 closes the previous section: the page H1 is the nearest id.
        "mueller2019lymph": [
            ("lymphatic-metastasis/", "lymphatic-metastasis", "Lymphatic metastasis")
        ],
    }


def test_reference_list_order_ids_links_and_backlinks(bib):
    cites = page(bib)
    render(cites, "[@who2020book] then [@sung2021global; @mueller2019lymph] and [@who2020book].")
    refs = cites.references_markdown()
    assert refs.startswith("## References {#lymphatic-metastasis-references}\n\n<ol")
    ids = re.findall(r'<li id="ref-([^"]+)"', refs)
    assert ids == ["who2020book", "sung2021global", "mueller2019lymph"]
    assert '<a class="ref-doi" href="https://doi.org/10.3322/caac.21660">' in refs
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/33538338/"' in refs
    assert 'href="https://www.ncbi.nlm.nih.gov/pmc/articles/PMC1234567/"' in refs
    who = refs.split('<li id="ref-who2020book">')[1].split("</li>")[0]
    assert re.findall(r'href="#(cite-\d+)"', who) == ["cite-1", "cite-3"]
    assert "\n\n" not in refs.split("\n\n", 1)[1].strip()  # one raw HTML block


def test_page_without_citations_has_no_reference_list(bib):
    cites = page(bib)
    render(cites, "No citations here.")
    assert cites.references_markdown() == ""


def test_collapse_numbers():
    assert collapse_numbers([5, 1, 2, 3, 7, 8]) == [(1, 3), (5, 5), (7, 7), (8, 8)]


@pytest.mark.parametrize(
    ("from_url", "to_url", "expected"),
    [
        ("bibliography/", "lymphatic-metastasis/#nodes", "../lymphatic-metastasis/#nodes"),
        ("bibliography/", "", "../"),
        ("", "immune-escape/", "immune-escape/"),
        ("a/", "a/#x", "./#x"),
    ],
)
def test_relative_url(from_url, to_url, expected):
    assert relative_url(from_url, to_url) == expected


def test_split_fenced_marks_code_runs():
    runs = split_fenced("a\n```py\nx\n```\nb\n")
    assert runs == [(False, 0, "a\n"), (True, 1, "```py\nx\n```\n"), (False, 4, "b\n")]


def test_bibliography_page_backlinks_and_source_references(bib):
    registry = CitationRegistry()
    one = page(bib)
    render(
        one,
        "# Lymphatic metastasis {#lymphatic-metastasis}\n\n## Nodes {#nodes}\n\n"
        "[@sung2021global; @kato2011single]",
    )
    registry.add(one)
    home = page(bib, url="", title="Home")
    render(home, "Welcome [@sung2021global].")
    registry.add(home)
    md = bibliography_page(bib, registry, source_references=[FIXTURES / "source-references.csv"])

    assert registry.unused(bib) == ["mueller2019lymph", "who2020book"]
    ids = re.findall(r'<li id="ref-([^"]+)"', md)
    assert ids == ["kato2011single", "mueller2019lymph", "sung2021global", "who2020book"]
    sung = md.split('<li id="ref-sung2021global">')[1].split("</li>")[0]
    assert '<a href="../lymphatic-metastasis/#nodes">Lymphatic metastasis › Nodes</a>' in sung
    assert '<a href="../">Home</a>' in sung
    assert "Not cited on any page yet." in md.split('<li id="ref-who2020book">')[1]

    unidentified = md.split("{#source-references-not-identified}")[1]
    assert "numbers 3 references" in unidentified and "1 are identified" in unidentified
    rows = re.findall(r"<tr><td>(\d+)</td><td>(\w+)</td>", unidentified)
    assert rows == [("2", "missing"), ("3", "tentative")]
    assert "&lt;b&gt;pattern&lt;/b&gt; &amp; nodal" in unidentified
    assert '<a href="#ref-mueller2019lymph">' in unidentified


def test_bibliography_page_without_source_file_omits_the_section(bib, tmp_path):
    md = bibliography_page(bib, CitationRegistry(), source_references=[tmp_path / "none.csv"])
    assert "source-references-not-identified" not in md
    assert md.startswith("# Bibliography {#bibliography}")


NO_AT_TEXT = st.text(alphabet=st.sampled_from(list("ab#[]();,.`~<>/:\\\"' \n-_{}*!")), max_size=200)


@settings(max_examples=200, deadline=None)
@given(text=NO_AT_TEXT)
def test_text_without_at_sign_is_unchanged(bib, text):
    assert render(page(bib), text) == text


@settings(max_examples=100, deadline=None)
@given(
    local=st.from_regex(r"[a-z0-9._+-]{1,12}", fullmatch=True).filter(lambda s: s[-1].isalnum()),
    words=st.lists(st.sampled_from(["see", "mail", "(", ")", ",", "the"]), max_size=5),
)
def test_email_addresses_never_cite(bib, local, words):
    text = " ".join([*words, f"{local}@sung2021global.org", *words])
    assert render(page(bib), text) == text


@settings(max_examples=100, deadline=None)
@given(order=st.lists(st.sampled_from(KEYS), min_size=1, max_size=12))
def test_numbers_are_order_of_first_use(bib, order):
    cites = page(bib)
    render(cites, " ".join(f"[@{key}]" for key in order))
    first_use = list(dict.fromkeys(order))
    assert cites.numbers == {key: i + 1 for i, key in enumerate(first_use)}


def test_unknown_key_in_a_group_spanning_lines_names_its_own_line(bib):
    text = "Trials [@sung2021global;\n@kato2011single;\n@nosuch] agree."
    with pytest.raises(CitationError, match=rf"^{re.escape(str(SOURCE))}:12: unknown citation key"):
        render(page(bib), text, first_line=10)


def test_citation_inside_a_pipe_table_cell_keeps_the_table(bib, tmp_path):
    import markdown

    path = tmp_path / "pipe.bib"
    path.write_text(
        "@article{pipe2020,\n author = {Pipe P},\n title = {A | B *not emphasis*},\n"
        " journal = {J},\n year = {2020}\n}\n",
        encoding="utf-8",
    )
    cites = page(load_bibliography([path]))
    table = "| Trial | Ref |\n|---|---|\n| X | [@pipe2020] |\n"
    out = markdown.markdown(render(cites, table), extensions=["tables"])
    assert out.count("<td>") == 2
    assert '<td><sup class="citation"' in out and "&lt;" not in out
    assert "<em>" not in out


def test_bibliography_lists_records_without_author_or_title_last(tmp_path):
    path = tmp_path / "incomplete.bib"
    path.write_text(
        "@misc{zz,\n author = {Zeta Z},\n title = {Last author alphabetically},\n"
        " year = {2020}\n}\n"
        "@article{pmc1,\n pmcid = {PMC1},\n x-source = {https://example.org/PMC1},\n"
        " x-incomplete = {author, title, journal, year}\n}\n"
        "@misc{aa,\n author = {Alpha A},\n title = {First},\n year = {2020}\n}\n",
        encoding="utf-8",
    )
    md = bibliography_page(load_bibliography([path]), CitationRegistry())
    assert re.findall(r'<li id="ref-([^"]+)"', md) == ["aa", "zz", "pmc1"]


def test_a_stray_backtick_does_not_hide_citations_in_later_paragraphs(bib):
    out = render(page(bib), "A stray ` here [@kato2011single].\n\nLater `code`.\n")
    assert numbers(out) == ["[1]"]


def test_entry_without_identifier_links_the_record_seen_and_names_unseen_fields(tmp_path):
    from esoreview.site.citations import reference_item_html

    path = tmp_path / "incomplete.bib"
    path.write_text(
        "@article{anon2019seen,\n  title = {A study known by its title},\n"
        "  note = {seed ref 7},\n  x-incomplete = {author, journal, year},\n"
        "  x-source = {not-a-url ; https://example.org/record?id=1&v=2 ; https://example.org/b}\n}\n"
        "@article{doe2020full,\n  author = {Doe, Jane},\n  title = {Complete},\n"
        "  journal = {J},\n  year = {2020},\n  doi = {10.1000/x},\n"
        "  x-source = {https://example.org/c}\n}\n",
        encoding="utf-8",
    )
    bib = load_bibliography([path])
    item = reference_item_html(bib, "anon2019seen")
    assert (
        '<a class="ref-seen" href="https://example.org/record?id=1&amp;v=2">record seen</a>' in item
    )
    assert "(not shown in any record we saw: author, journal, year)" in item
    full = reference_item_html(bib, "doe2020full")
    assert "ref-seen" not in full and "ref-incomplete" not in full
    assert 'href="https://doi.org/10.1000/x"' in full
