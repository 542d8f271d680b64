"""Content may format text, never run script: checks with file:line and the nh3 allow-list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esoreview.display import figure_html, table_markdown
from esoreview.site.bib import BibError, load_bibliography
from esoreview.site.sanitize import (
    ContentError,
    check_data_file,
    check_markdown,
    markdown_problems,
    sanitize_html,
)

INJECTIONS = [
    ("<script>alert(1)</script>", "<script> element"),
    ('<script type="application/json">{}</script>', "<script> element"),
    ('<img src="x.png" onerror="alert(1)">', "event-handler attribute 'onerror'"),
    ('<div onclick="alert(1)">x</div>', "event-handler attribute 'onclick'"),
    ('<a href="javascript:alert(1)">x</a>', "script URL in href="),
    ('<a href="jav&#x61;script:alert(1)">x</a>', "script URL in href="),
    ("[click](javascript:alert(1))", "script URL"),
    ("[click]( JavaScript:alert(1) )", "script URL"),
    ("[ref]: javascript:alert(1)", "script URL"),
    ('## Title {#t onclick="alert(1)"}', "event-handler attribute 'onclick'"),
    ('<iframe src="https://example.org"></iframe>', "<iframe> element"),
    ('<svg onload="alert(1)"></svg>', "<svg> element"),
    ('<object data="x.swf"></object>', "<object> element"),
    ("<marquee>x</marquee>", "<marquee> is not an allowed element"),
]


@pytest.mark.parametrize(("snippet", "problem"), INJECTIONS)
def test_markdown_that_tries_to_run_script_fails_with_file_and_line(
    snippet: str, problem: str
) -> None:
    text = f"# Page {{#page}}\n\nSafe prose [@key].\n\n{snippet}\n"
    with pytest.raises(ContentError) as info:
        check_markdown(text, Path("notebooks/03-x.py"), first_line=10)
    message = info.value.one_line()
    assert message.startswith("notebooks/03-x.py:14: "), message
    assert problem in message


@pytest.mark.parametrize(
    "text",
    [
        "Risk was higher (p < 0.05) and T>2 cm tumours <5 mm were rare.",
        '<div class="eso-widget" data-widget="staging"></div>',
        "<details markdown><summary>More</summary>\n\ntext\n</details>",
        "See <https://example.org/a?b=1&c=2> or <editor@example.org>.",
        "Code `<script>alert(1)</script>` and `onerror=` are text.",
        "```html\n<script>alert(1)</script>\n```",
        "<!-- no citation: describes the figure -->",
        "[a link](https://doi.org/10.1000/xyz) and [local](../overview/#staging)",
        "## Heading {#heading .cls}",
    ],
)
def test_ordinary_content_passes(text: str) -> None:
    assert list(markdown_problems(text)) == []


def test_data_value_with_script_fails_naming_the_csv_line(tmp_path: Path) -> None:
    csv = tmp_path / "skip-metastasis.csv"
    csv.write_text(
        'study_key,cohort\nsong2017,ok\n"multi\nline",fine\nx<img src=x onerror=alert(1)>,bad\n'
    )
    with pytest.raises(ContentError) as info:
        check_data_file(csv, "data/skip-metastasis.csv")
    assert info.value.one_line().startswith("data/skip-metastasis.csv:5: data value")
    assert "onerror" in info.value.one_line()


def test_data_json_with_script_url_fails(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"rows": [{"url": "https://ok"}, {"url": "javascript:x()"}]}))
    with pytest.raises(ContentError, match="script URL"):
        check_data_file(path)


def test_bib_field_with_script_fails_naming_the_field_line(tmp_path: Path) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text(
        "@article{a2020,\n  author = {Doe J},\n"
        "  title = {Nice <img src=x onerror=alert(1)>},\n"
        "  journal = {J}, year = {2020}}\n"
    )
    with pytest.raises(BibError) as info:
        load_bibliography([bib])
    assert str(info.value).startswith(f"{bib}:3: key 'a2020': field 'title'")


def test_sanitize_html_keeps_figures_and_allowed_markup_and_drops_script() -> None:
    class Fig:  # the part of a plotly figure figure_html uses
        def to_json(self) -> str:
            return json.dumps({"data": [{"type": "bar", "name": "</script><script>x()"}]})

    figure = figure_html(Fig(), caption="A <b>caption</b>")
    # nh3 writes the boolean attribute in its long form; nothing else changes.
    long_form = figure.replace("data-search-exclude>", 'data-search-exclude="">')
    assert sanitize_html(figure) == long_form
    dirty = (
        '<table class="t"><tr><th scope="col">A</th></tr></table>'
        '<img src="a.png" onerror="x()"><script>x()</script><a href="javascript:x()">l</a>'
    )
    clean = sanitize_html(dirty)
    assert '<th scope="col">A</th>' in clean
    assert "onerror" not in clean and "<script" not in clean and "javascript" not in clean


def test_table_data_is_escaped_and_raw_columns_are_sanitised() -> None:
    rows = [{"study": "[@key]<img src=x onerror=alert(1)>", "cohort": "<em>not markup</em>"}]
    md = table_markdown(rows, [("study", "Study"), ("cohort", "Cohort")], raw_columns=["study"])
    assert "&lt;em&gt;not markup&lt;/em&gt;" in md
    assert "onerror" not in md and "[@key]" in md


def test_section_alias_data_from_redirects_json_stays_inert() -> None:
    """The one content-derived block in a <script> element is JSON that no browser runs."""
    from esoreview.site.anchors import Redirects, alias_script_html

    hostile = Redirects(sections={"p/": {"old": "x</script><script>alert(1)</script>"}})
    block = alias_script_html("p/", hostile)
    assert block.startswith('<script type="application/json" id="anchor-aliases">')
    assert block.count("</script>") == 1 and "<script>" not in block


def test_engine_widget_markup_and_json_data_blocks_survive_output_sanitising() -> None:
    from esoreview.widgets.staging import widget_html

    assert sanitize_html(widget_html()) == widget_html()  # <noscript> fallback kept
    data = (
        '<div class="eso-explorer"><script type="application/json" class="eso-explorer-data">'
        '{"name":"\\u003c/script\\u003e"}</script></div>'
    )
    assert sanitize_html(data) == data
    # An executable script is removed with its text, also right after an inert data block.
    for bad in (
        "<script>x()</script>",
        '<script type="module">x()</script>',
        '<script type="application/json" class="d">{"a":"</script><script>x()</script>"}',
    ):
        assert "x()" not in sanitize_html(bad), bad
        assert "<script>" not in sanitize_html(bad) and "module" not in sanitize_html(bad)
