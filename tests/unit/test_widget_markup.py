"""esoreview.widgets.staging: the calculator placeholder and the static stage-group tables."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from esoreview.staging import categories, stage, tables
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
    assert html.startswith('<div class="eso-widget" data-widget="staging" data-spec="')
    assert "<noscript>" in html and "needs JavaScript" in html


def test_widget_spec_round_trips_through_the_attribute():
    html = markup.widget_html()
    attribute = re.search(r'data-spec="([^"]*)"', html)
    assert attribute is not None
    assert json.loads(unescape(attribute.group(1))) == markup.form_spec()


def test_form_offers_exactly_the_engines_categories():
    choices = markup.form_spec()["choices"]
    values = {name: [value for value, _ in pairs] for name, pairs in choices.items()}
    assert values == {
        "edition": [str(e) for e in sorted(categories.EDITIONS, reverse=True)],
        "histology": list(categories.HISTOLOGIES),
        "classification": list(categories.CLASSIFICATIONS),
        "t": list(categories.T_CATEGORIES),
        "n": list(categories.N_CATEGORIES),
        "m": list(categories.M_CATEGORIES),
        "grade": list(categories.GRADES),
        "location": list(categories.LOCATIONS),
    }
    assert dict(choices["grade"])["GX"] == "GX (not assessed)"


def test_every_field_has_a_label_and_every_default_is_offered():
    spec = markup.form_spec()
    assert set(spec["labels"]) == {*spec["choices"], "positive_nodes"}
    for name, default in spec["defaults"].items():
        if name in spec["choices"]:
            assert default in dict(spec["choices"][name])


def test_a_default_outside_the_categories_fails_loudly(monkeypatch):
    monkeypatch.setitem(markup.DEFAULTS, "t", "T9")
    with pytest.raises(ValueError, match="default t='T9' is not one of the staging categories"):
        markup.form_spec()


def test_every_staging_value_survives_the_engine():
    spec = markup.form_spec()
    defaults = {k: v for k, v in spec["defaults"].items() if k != "positive_nodes"}
    for name, pairs in spec["choices"].items():
        for value, _ in pairs:
            kwargs = {**defaults, name: value, "edition": int(defaults["edition"])}
            if name == "edition":
                kwargs["edition"] = int(value)
            stage(**kwargs)  # raises StagingError for a value the engine does not accept


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
