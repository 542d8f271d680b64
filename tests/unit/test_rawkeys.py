"""The build check that keeps raw BibTeX keys out of what readers see."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from esoreview.display import figure_html
from esoreview.site.bib import load_bibliography
from esoreview.site.rawkeys import RawKeyError, author_year, check_pages, find_raw_keys, key_pattern

KEYS = ["song2017prognostic", "anon2019mediates", "a1"]
PATTERN = key_pattern(KEYS)


class FakeFigure:
    def __init__(self, spec: dict) -> None:
        self.spec = spec

    def to_json(self) -> str:
        return json.dumps(self.spec)


def hits(markdown: str) -> list[tuple[int, str, str]]:
    return [(h.line, h.key, h.where) for h in find_raw_keys("p.md", markdown, PATTERN)]


def test_key_in_prose_or_table_cell_is_found_with_its_line() -> None:
    page = "# Title\n\nAs song2017prognostic showed.\n\n| study |\n| --- |\n| anon2019mediates |\n"
    assert hits(page) == [(3, "song2017prognostic", "text"), (7, "anon2019mediates", "text")]


def test_key_in_figure_axis_or_hover_text_is_found() -> None:
    fig = FakeFigure(
        {"data": [{"x": ["song2017prognostic"], "hovertext": ["x"]}], "layout": {"title": "t"}}
    )
    page = "Intro.\n\n" + figure_html(fig) + "\n"
    assert hits(page) == [(3, "song2017prognostic", "figure JSON")]


@pytest.mark.parametrize(
    "page",
    [
        '<sup class="citation" data-cites="song2017prognostic">[<a href="#ref-song2017prognostic"'
        ' title="Song H. Title">1</a>]</sup>',
        "<!-- song2017prognostic -->",
        "`song2017prognostic` and\n\n```python\nkey = 'anon2019mediates'\n```\n",
        '<details class="eso-code" markdown>\n<summary>Show code</summary>\n\n'
        "cites('song2017prognostic')\n\n</details>",
        "[Bibliography](bibliography.md#ref-song2017prognostic)",
        "## Heading {#song2017prognostic}",
        "---\nedit_url: x/song2017prognostic\n---\n\nText.",
        "Words like a1b or xa1 or a1-b are no keys.",
        "*[anon2019mediates]: not shown as text",
    ],
)
def test_markup_code_comments_and_links_are_not_reader_text(page: str) -> None:
    assert hits(page) == []


def test_check_pages_fails_with_file_line_and_origin() -> None:
    with pytest.raises(RawKeyError) as info:
        check_pages(
            {"overview.md": "Title\n\nsee anon2019mediates\n"},
            KEYS,
            {"overview.md": "notebooks/01-overview.py"},
        )
    message = str(info.value)
    assert message.startswith(".build/docs/overview.md:3 (from notebooks/01-overview.py): ")
    assert "raw BibTeX key 'anon2019mediates'" in message
    assert len(message.splitlines()) == 1


def test_clean_pages_pass() -> None:
    check_pages({"a.md": "Cited [1]. Song et al. 2017 found it."}, KEYS)


def test_author_year_names_works_without_their_keys(tmp_path: Path) -> None:
    bib_file = tmp_path / "t.bib"
    bib_file.write_text(
        "@article{song2017prognostic, author = {Song H and Li J and Wu K}, title = {T},"
        " journal = {J}, year = {2017}}\n"
        "@article{anon2019mediates, title = {A very long title that goes on and on and on"
        " well past forty characters}, year = {2019}, x-incomplete = {author, journal},"
        " x-source = {https://example.org}}\n",
        encoding="utf-8",
    )
    bib = load_bibliography([bib_file])
    assert author_year(bib, "song2017prognostic") == "Song et al. 2017"
    label = author_year(bib, "anon2019mediates")
    assert label.endswith("… 2019") and len(label) < 50
    assert "anon2019mediates" not in label
