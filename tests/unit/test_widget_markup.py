"""esoreview.widgets.staging: the calculator placeholder and the static stage-group tables."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from esoreview.staging import tables
from esoreview.widgets import staging as markup


class Collector(HTMLParser):
    """Collect tables (caption, header scopes, body rows), ids and in-page links."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in.append(tag)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href", "").startswith("#"):
            self.links.append(attrs["href"][1:])
        if tag == "table":
            self.tables.append({"caption": "", "scopes": [], "rows": 0})
        elif tag == "th":
            self.tables[-1]["scopes"].append(attrs.get("scope"))
        elif tag == "tr" and "tbody" in self._in:
            self.tables[-1]["rows"] += 1

    def handle_endtag(self, tag):
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data):
        if self._in and self._in[-1] == "caption":
            self.tables[-1]["caption"] += data


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    return collector


def test_placeholder_is_what_the_widget_script_and_the_renderer_look_for():
    html = markup.widget_html()
    assert html.startswith('<div class="eso-widget" data-widget="staging">')
    assert "<noscript>" in html and "needs JavaScript" in html


@pytest.mark.parametrize("edition", [8, 7])
def test_static_tables_render_every_table_and_row_of_the_edition(edition):
    data = tables(edition)
    page = parse(markup.static_tables_html(edition))
    assert [t["caption"] for t in page.tables] == [t["title"] for t in data["tables"]]
    assert [t["rows"] for t in page.tables] == [len(t["rules"]) for t in data["tables"]]
    for table in page.tables:
        assert set(table["scopes"]) == {"col", "row"}


def test_eighth_edition_has_six_tables_with_stable_ids():
    page = parse(markup.static_tables_html())
    table_ids = {i for i in page.ids if i.startswith(markup.TABLE_ID_PREFIX)}
    assert table_ids == {markup.TABLE_ID_PREFIX + t["id"] for t in tables(8)["tables"]}
    assert len(table_ids) == 6


def test_every_source_link_has_its_target():
    page = parse(markup.static_tables_html())
    assert page.links
    assert set(page.links) <= page.ids


def test_output_has_no_blank_line_that_would_end_the_markdown_html_block():
    assert "\n\n" not in markup.static_tables_html()


def test_data_is_escaped(monkeypatch):
    data = tables(8)
    data["tables"] = data["tables"][:1]
    data["tables"][0]["title"] = "<script>alert(1)</script>"
    data["tables"][0]["rules"][0]["stage"] = 'IV"><b>'
    monkeypatch.setattr(markup, "tables", lambda edition: data)
    html = markup.static_tables_html()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
