"""Loading and checking the BibTeX reference set (esoreview.site.bib)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.site.bib import BibError, load_bibliography

FIXTURES = Path(__file__).parent.parent / "fixtures"
BASIC = FIXTURES / "citations-basic.bib"


@pytest.fixture(scope="module")
def bib():
    return load_bibliography([BASIC])


def write_bib(tmp_path: Path, body: str, name: str = "refs.bib") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_entries_keep_file_order_and_location(bib):
    assert list(bib) == ["sung2021global", "mueller2019lymph", "who2020book", "kato2011single"]
    assert bib["sung2021global"].line == 2
    assert bib["mueller2019lymph"].location == f"{BASIC}:16"


def test_latex_is_decoded_and_case_braces_removed(bib):
    assert bib["mueller2019lymph"].authors[0].family == "Müller"
    assert bib["sung2021global"].title.startswith("Global Cancer Statistics 2020: GLOBOCAN")
    assert bib["sung2021global"].get("pages") == "209–249"


def test_bare_ampersand_survives_latex_decoding(bib):
    assert bib["mueller2019lymph"].container == "Journal of Experimental & Clinical Cancer Research"


def test_identifier_and_provenance_fields_are_kept_verbatim(bib):
    sung = bib["sung2021global"]
    assert (sung.doi, sung.pmid) == ("10.3322/caac.21660", "33538338")
    assert sung.get("x-source") == "https://pubmed.ncbi.nlm.nih.gov/33538338/"
    assert sung.seed_number == 1
    assert bib["mueller2019lymph"].pmcid == "PMC1234567"
    # '%' and '~' would be a LaTeX comment and a non-breaking space if decoded.
    assert bib["kato2011single"].get("url") == "https://example.org/a_b%20c~d"


def test_names_in_vancouver_and_bibtex_forms(bib):
    sung = bib["sung2021global"].authors
    assert (sung[0].family, sung[0].given) == ("Sung", "H")
    assert sung[2].csl() == {"family": "Siegel", "given": "R L"}
    assert sung[2].vancouver() == "Siegel RL"
    assert bib["mueller2019lymph"].authors[1].vancouver() == "Schmidt A"
    assert bib["who2020book"].authors[0].literal == "World Health Organization"


def test_short_author_labels(bib):
    assert bib["sung2021global"].short_authors() == "Sung et al."
    assert bib["mueller2019lymph"].short_authors() == "Müller and Schmidt"
    assert bib["kato2011single"].short_authors() == "Kato"
    assert bib["who2020book"].short_authors() == "World Health Organization"


def test_vancouver_formatting_with_citeproc(bib):
    assert bib.formatted("sung2021global") == (
        "Sung H, Ferlay J, Siegel RL, Laversanne M, Soerjomataram I, Jemal A, et al. "
        "Global Cancer Statistics 2020: GLOBOCAN Estimates of Incidence and Mortality. "
        "CA Cancer J Clin. 2021;71(3):209–49."
    )
    assert bib.formatted("who2020book") == (
        "World Health Organization. Digestive System Tumours. 5th ed. Lyon: IARC; 2020."
    )
    # Identifiers are rendered as links by the page, not inside the formatted text.
    assert "doi" not in bib.formatted("sung2021global").lower()


def test_formatted_text_is_plain_not_html(bib):
    assert "<em>x</em>" in bib.formatted("mueller2019lymph")


def test_duplicate_key_in_one_file_names_both_lines():
    path = FIXTURES / "citations-errors-duplicate.bib"
    with pytest.raises(BibError) as err:
        load_bibliography([path])
    assert str(err.value).startswith(f"{path}:8: key 'first2020': duplicate key")
    assert f"{path}:1" in str(err.value)


def test_duplicate_key_across_files_ignores_case():
    extra = FIXTURES / "citations-extra.bib"
    with pytest.raises(BibError) as err:
        load_bibliography([BASIC, extra])
    assert str(err.value).startswith(f"{extra}:1: key 'Sung2021Global': duplicate key")
    assert f"{BASIC}:2" in str(err.value)


def test_malformed_entry_names_file_and_line():
    path = FIXTURES / "citations-errors-malformed.bib"
    with pytest.raises(BibError, match=rf"^{path}:8: malformed entry"):
        load_bibliography([path])


def test_missing_required_field_names_file_line_key_and_field():
    path = FIXTURES / "citations-errors-missing-field.bib"
    with pytest.raises(BibError) as err:
        load_bibliography([path])
    assert str(err.value) == (
        f"{path}:8: key 'nojournal2021': missing required field 'journal' for @article "
        "(if no public record shows it, declare it: x-incomplete = {journal})"
    )


def test_alternative_required_fields(tmp_path):
    path = write_bib(
        tmp_path,
        "@book{b,\n editor = {Ed E},\n title = {T},\n publisher = {P},\n year = {2020}\n}\n",
    )
    assert load_bibliography([path])["b"].editors[0].family == "Ed"
    path = write_bib(tmp_path, "@book{b,\n title = {T},\n publisher = {P},\n year = {2020}\n}\n")
    with pytest.raises(BibError, match="missing required field 'author' or 'editor'"):
        load_bibliography([path])


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("doi", "https://doi.org/10.1/x", "a bare DOI"),
        ("pmid", "PMID:123", "digits only"),
        ("year", "2020a", "a four-digit year"),
        ("pmcid", "12345", "PMC1234567"),
    ],
)
def test_malformed_field_values_name_the_field_line(tmp_path, field, value, expected):
    body = (
        "@article{k,\n  author = {A B},\n  title = {T},\n  journal = {J},\n"
        f"  year = {{2020}},\n  {field} = {{{value}}}\n}}\n"
    )
    if field == "year":
        body = body.replace("  year = {2020},\n", "")
    path = write_bib(tmp_path, body)
    with pytest.raises(BibError) as err:
        load_bibliography([path])
    message = str(err.value)
    assert message.startswith(f"{path}:")
    assert f"key 'k': field '{field}'" in message and expected in message


def test_unsupported_entry_type(tmp_path):
    path = write_bib(tmp_path, "@patent{p,\n title = {T}\n}\n")
    with pytest.raises(BibError, match=r":1: key 'p': unsupported entry type '@patent'"):
        load_bibliography([path])


def test_unreadable_file_is_a_bib_error(tmp_path):
    with pytest.raises(BibError, match="cannot read"):
        load_bibliography([tmp_path / "absent.bib"])


TITLE_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 &%<>'\"-:,.()éü")), min_size=1, max_size=40
).filter(lambda s: s.strip() and "--" not in s and "''" not in s)  # LaTeX ligatures


@settings(max_examples=60, deadline=None)
@given(title=TITLE_TEXT)
def test_pasted_titles_survive_loading(tmp_path_factory, title):
    """Titles pasted from PubMed (bare &, %, <, quotes, accents) load unchanged."""
    path = tmp_path_factory.mktemp("bib") / "t.bib"
    path.write_text(
        f"@article{{k,\n author = {{A B}},\n title = {{{title}}},\n journal = {{J}},\n"
        " year = {2020}\n}\n",
        encoding="utf-8",
    )
    assert load_bibliography([path])["k"].title == " ".join(title.split())


def _load_text(tmp_path, text: str):
    from esoreview.site.bib import load_bibliography

    path = tmp_path / "x.bib"
    path.write_text(text, encoding="utf-8")
    return load_bibliography([path])


INCOMPLETE = """@article{kim2020x,
  author = {Kim A},
  title = {A title},
  journal = {J Test},
  {missing}
  x-source = {https://example.org/record}
}
"""


def test_declared_missing_field_is_accepted(tmp_path) -> None:
    text = INCOMPLETE.replace("{missing}", "x-incomplete = {year},")
    bib = _load_text(tmp_path, text)
    assert "kim2020x" in bib


def test_undeclared_missing_field_names_the_fix(tmp_path) -> None:
    from esoreview.site.bib import BibError

    with pytest.raises(BibError, match=r"x\.bib:1: key 'kim2020x': missing required field 'year'"):
        _load_text(tmp_path, INCOMPLETE.replace("{missing}", ""))


def test_declaring_a_present_field_is_an_error(tmp_path) -> None:
    from esoreview.site.bib import BibError

    text = INCOMPLETE.replace("{missing}", "year = {2020},\n  x-incomplete = {year},")
    with pytest.raises(BibError, match="declares 'year' missing, but the entry has it"):
        _load_text(tmp_path, text)


def test_declaring_an_unrequired_field_is_an_error(tmp_path) -> None:
    from esoreview.site.bib import BibError

    text = INCOMPLETE.replace("{missing}", "year = {2020},\n  x-incomplete = {volume},")
    with pytest.raises(BibError, match="x-incomplete names volume"):
        _load_text(tmp_path, text)


@pytest.mark.parametrize(("second", "line"), [("year", 1), ("Year", 6)])
def test_field_given_twice_is_an_error(tmp_path, second, line):
    path = write_bib(
        tmp_path,
        "@article{k,\n author = {A B},\n title = {T},\n journal = {J},\n year = {2020},\n"
        f" {second} = {{2021}}\n}}\n",
    )
    with pytest.raises(BibError, match=rf"^{path}:{line}: key 'k': field 'year' given twice"):
        load_bibliography([path])


def test_identifier_only_record_keeps_every_text_on_its_own_key(tmp_path):
    """citeproc drops an item with nothing to render; the others must not shift keys."""
    path = write_bib(
        tmp_path,
        "@article{before,\n author = {Before B},\n title = {Before title},\n journal = {J},\n"
        " year = {2020}\n}\n"
        "@article{pmc1,\n pmcid = {PMC1},\n x-source = {https://example.org/PMC1},\n"
        " x-incomplete = {author, title, journal, year}\n}\n"
        "@article{after,\n author = {After A},\n title = {After title},\n journal = {J},\n"
        " year = {2021}\n}\n",
    )
    bib = load_bibliography([path])
    assert bib.formatted("before") == "Before B. Before title. J. 2020."
    assert bib.formatted("pmc1") == "Record incomplete; PMCID: PMC1."
    assert bib.formatted("after") == "After A. After title. J. 2021."


@pytest.mark.parametrize(
    ("pages", "shown"), [("1-10", "1\u201210"), ("99-109", "99\u2012109"), ("1428-1431", "1428–31")]
)
def test_page_ranges_render_correctly(tmp_path, pages: str, shown: str) -> None:
    text = INCOMPLETE.replace("{missing}", f"year = {{2020}},\n  pages = {{{pages}}},")
    assert f"2020;{shown}." in _load_text(tmp_path, text).formatted("kim2020x")


def test_formatted_references_are_cached_and_keyed_on_content(tmp_path) -> None:
    text = INCOMPLETE.replace("{missing}", "year = {2020},")
    cache = tmp_path / "cache" / "formatted.json"
    first = _load_text(tmp_path, text)
    first.cache_file = cache
    assert "A title" in first.formatted("kim2020x")
    assert cache.is_file()
    # A stale cache entry with the right key would be used: prove the key follows the content.
    changed = _load_text(tmp_path, text.replace("A title", "Another title"))
    changed.cache_file = cache
    assert "Another title" in changed.formatted("kim2020x")
    again = _load_text(tmp_path, text.replace("A title", "Another title"))
    again.cache_file = cache
    import esoreview.site.bib as bib_module

    original, bib_module.format_vancouver = bib_module.format_vancouver, None  # must not be called
    try:
        assert "Another title" in again.formatted("kim2020x")
    finally:
        bib_module.format_vancouver = original


# --- malformed entries that bibtexparser accepts must not be published garbled -------------

HEAD = "@article{a2020,\n  author = {Doe J},\n  title = {T},\n  journal = {J},\n"


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        pytest.param(
            HEAD + "  year = {2020},\n  volume = {12}\n  pages = {100--110}\n}\n",
            7,
            "field 'volume' runs into 'pages =': is a comma missing before it?",
            id="missing-comma-braced",
        ),
        pytest.param(
            HEAD + "  year = 2020\n  pages = {100--110}\n}\n",
            6,
            "field 'year' runs into 'pages =': is a comma missing before it?",
            id="missing-comma-bare",
        ),
        pytest.param(
            HEAD + "  year = {2020}},\n  pages = {100--110}\n}\n",
            5,
            "text outside any entry",
            id="extra-closing-brace",
        ),
        pytest.param(
            HEAD + "  year = {2020},\n  volume = {12 {x}\n}\n@misc{b, title={t}, year={2020}}\n",
            1,
            "malformed entry",
            id="missing-closing-brace",
        ),
        pytest.param(
            HEAD + "  year = {2020},\n  pgaes = {1--2}\n}\n",
            6,
            "unknown field 'pgaes'",
            id="unknown-field",
        ),
        pytest.param(
            HEAD + "  year = {2020},\n  pages = {1--2}\n}\nstray = {x}\n",
            8,
            "text outside any entry: 'stray = {x}'",
            id="stray-text",
        ),
    ],
)
def test_entries_bibtexparser_accepts_but_nobody_means_fail_with_file_and_line(
    tmp_path: Path, body: str, line: int, message: str
) -> None:
    path = write_bib(tmp_path, body)
    with pytest.raises(BibError) as info:
        load_bibliography([path])
    text = str(info.value)
    assert text.startswith(f"{path}:{line}: "), text
    assert message in text


def test_comments_between_entries_and_equals_signs_in_titles_are_fine(tmp_path: Path) -> None:
    body = (
        "% a comment line\n% another\n\n"
        "@article{a2020,\n  author = {Doe J},\n"
        "  title = {Survival with n = 120 patients {(HR = 0.8)}},\n"
        "  journal = {J}, year = {2020}, x-source = {https://pubmed.ncbi.nlm.nih.gov/1/}\n}\n"
    )
    bib = load_bibliography([write_bib(tmp_path, body)])
    assert bib["a2020"].title == "Survival with n = 120 patients (HR = 0.8)"
