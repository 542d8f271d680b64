"""Every mark colour of the figure builders stays visible on the light and the dark page.

WCAG 2.1 1.4.11 asks 3:1 for graphics a reader needs; figures are drawn on a transparent
background, so each colour meets the page colour of both palettes. Also: the forest plot's
labelled hazard-ratio ticks never crowd (crowded labels are what plotly turns by 90°).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esoreview.display import figure_html
from esoreview.evidence.figures import (
    CLASS_COLOURS,
    HR_TICKS,
    dumbbell_figure,
    forest_figure,
)
from esoreview.evidence.mechanisms import EFFECT_COLOURS, NODE_FILL, NODE_RIM, network_figure
from esoreview.evidence.trials import load_trials
from esoreview.figure_palette import (
    COLOURWAY,
    DARK_BACKGROUND,
    LIGHT_BACKGROUND,
    contrast_ratio,
    figure_colours,
    weak_on,
)

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def trials():
    return load_trials(DATA / "trials.csv")


@pytest.fixture(scope="module")
def evidence() -> pd.DataFrame:
    return pd.read_csv(DATA / "evidence.csv").fillna("")


def test_contrast_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#fff", LIGHT_BACKGROUND) == pytest.approx(1.0)
    # The colours that used to vanish: near-black arrows on the dark page, sky blue on white.
    assert weak_on("#222222") == ["dark"]
    assert weak_on("#56B4E9") == ["light"]


@settings(deadline=None)  # under a loaded two-core CI machine a first example can take > 200 ms
@given(
    st.from_regex(r"#[0-9a-f]{6}", fullmatch=True), st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)
)
def test_contrast_is_symmetric_and_bounded(a: str, b: str) -> None:
    ratio = contrast_ratio(a, b)
    assert ratio == pytest.approx(contrast_ratio(b, a))
    assert 1.0 <= ratio <= 21.0 + 1e-9


def test_rejects_what_is_not_a_hex_colour() -> None:
    with pytest.raises(ValueError, match="not a #rgb or #rrggbb colour: 'teal'"):
        contrast_ratio("teal", "#ffffff")


@pytest.mark.parametrize(
    "name, colour",
    [
        *(("colourway", c) for c in COLOURWAY),
        *((f"class {k}", c) for k, c in CLASS_COLOURS.items()),
        *((f"effect {k}", c) for k, c in EFFECT_COLOURS.items()),
        ("node fill", NODE_FILL),
        ("node rim", NODE_RIM),
    ],
)
def test_palette_colour_is_visible_on_both_pages(name: str, colour: str) -> None:
    assert weak_on(colour) == [], (
        f"{name} {colour}: {contrast_ratio(colour, LIGHT_BACKGROUND):.2f}:1 on light, "
        f"{contrast_ratio(colour, DARK_BACKGROUND):.2f}:1 on dark"
    )


def figure_specs(trials, evidence):
    yield "forest", forest_figure(trials)
    yield "dumbbell", dumbbell_figure(trials)
    for name in ("fig1", "fig2"):
        yield f"network {name}", network_figure(evidence[evidence.figure == name], anchors=name)


def test_every_builder_colour_is_visible_on_both_pages(trials, evidence) -> None:
    weak = []
    seen = 0
    for name, fig in figure_specs(trials, evidence):
        for path, colour in figure_colours(fig.to_dict()):
            seen += 1
            if weak_on(colour):
                weak.append(f"{name} {path} {colour} weak on {weak_on(colour)}")
    assert seen > 20, "expected the builders to name their colours"
    assert weak == []


def test_figure_colours_finds_arrows_markers_and_lines() -> None:
    spec = {
        "data": [{"marker": {"color": "#111111", "line": {"color": "#222222"}}}],
        "layout": {
            "annotations": [{"arrowcolor": "#333333"}],
            "shapes": [{"line": {"color": "#444444"}}],
            "template": {"layout": {"font": {"color": "#555555"}}},
        },
    }
    assert sorted(c for _, c in figure_colours(spec)) == [
        "#111111",
        "#222222",
        "#333333",
        "#444444",
    ]


def test_figures_without_colours_get_the_site_colourway() -> None:
    import plotly.graph_objects as go

    html = figure_html(go.Figure(go.Bar(x=["a"], y=[1])))
    payload = html.split('class="eso-figure-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(payload)["layout"]["colorway"] == COLOURWAY


def test_forest_ticks_are_upright_and_never_crowd(trials) -> None:
    fig = forest_figure(trials)
    axis = fig.layout.xaxis
    assert axis.tickangle == 0
    assert list(axis.tickvals) == HR_TICKS
    low, high = axis.range
    # Neighbouring labelled ticks at least 15% of the axis apart: ~30 px on a phone's plot area.
    steps = [math.log10(b / a) / (high - low) for a, b in zip(HR_TICKS, HR_TICKS[1:], strict=False)]
    assert min(steps) >= 0.15, steps
    assert all(10**low <= t <= 10**high for t in HR_TICKS)


def test_forest_axis_title_fits_in_short_lines(trials) -> None:
    title = forest_figure(trials).layout.xaxis.title.text
    assert max(len(line) for line in title.split("<br>")) <= 45, title
