"""esoreview.widgets.models: the kinetic-model placeholder, and the build's refusal of a
hand-written one (the markup must come from Python, which carries the model description and
the no-JavaScript note)."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from esoreview.errors import EsoreviewError
from esoreview.kinetics import api
from esoreview.site.render import WIDGET_MARK, check_no_hand_written_widget
from esoreview.widgets.models import widget_html


class Host(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: dict[str, str] = {}
        self.noscript = ""
        self._in_noscript = False

    def handle_starttag(self, tag, attrs):
        if tag == "div" and not self.attrs:
            self.attrs = dict(attrs)
        self._in_noscript = self._in_noscript or tag == "noscript"

    def handle_endtag(self, tag):
        self._in_noscript = self._in_noscript and tag != "noscript"

    def handle_data(self, data):
        if self._in_noscript:
            self.noscript += data


def parse(markup: str) -> Host:
    host = Host()
    host.feed(markup)
    return host


@pytest.mark.parametrize("model", api.model_names())
def test_placeholder_carries_the_models_own_description(model):
    markup = widget_html(model)
    host = parse(markup)
    assert WIDGET_MARK in markup
    assert host.attrs["data-widget"] == "model"
    assert host.attrs["data-model"] == model
    # What the browser renders the form from is exactly describe(), strict JSON.
    assert json.loads(host.attrs["data-spec"]) == json.loads(
        json.dumps(api.describe(model), allow_nan=False)
    )
    assert api.describe(model)["title"] in host.noscript
    assert "needs JavaScript" in host.noscript


def test_markup_escapes_what_it_embeds(monkeypatch):
    real = api.describe("tumour_immune")
    monkeypatch.setattr(api, "describe", lambda model: {**real, "title": '</div><b x="1">&'})
    markup = widget_html("tumour_immune")
    assert "</div><b" not in markup
    assert json.loads(parse(markup).attrs["data-spec"])["title"] == '</div><b x="1">&'


def test_unknown_model_is_named_with_the_known_ones():
    known = r"known models: circulating_cells, fluorouracil_pk"
    with pytest.raises(ValueError, match=rf"unknown kinetic model 'nope'; {known}"):
        widget_html("nope")


@pytest.mark.parametrize(
    "prose",
    [
        '<div class="eso-widget" data-widget="ctc"></div>',
        "<div data-x='1' class='note eso-widget'>",
        '<SECTION CLASS="eso-widget">',
    ],
)
def test_hand_written_widget_in_prose_fails_with_its_line(prose):
    text = f"Some prose.\n\nMore prose.\n{prose}\n"
    with pytest.raises(EsoreviewError) as info:
        check_no_hand_written_widget(text, Path("notebooks/02-x.py"), 40)
    line = info.value.one_line()
    assert line.startswith("notebooks/02-x.py:43:")
    assert "widget_html" in line


@pytest.mark.parametrize(
    "prose",
    [
        "The `eso-widget` class names widget hosts.",
        '<div class="eso-widgets-note">not a widget</div>',
        '<p class="eso-output">text</p>',
    ],
)
def test_prose_that_only_mentions_widgets_passes(prose):
    check_no_hand_written_widget(prose, Path("n.py"), 1)


@pytest.mark.parametrize("model", api.model_names())
def test_every_model_has_exactly_one_widget_in_the_notebooks(model):
    # Adding a model is one module plus the notebook cell that places it.
    root = Path(__file__).resolve().parents[2] / "notebooks"
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(root.glob("*.py")))
    assert text.count(f'widget_html("{model}")') == 1
