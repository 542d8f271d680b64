"""Colours that stay visible on both of the site's palettes, and the contrast check behind them.

Figures are drawn on a transparent background, so every trace, arrow and legend swatch sits on
the page colour: white in Material's light ("default") scheme and a dark blue-grey in its dark
("slate") scheme. WCAG 2.1 (1.4.11, non-text contrast) asks graphics that carry meaning for a
contrast of at least 3:1 against what is next to them; a colour passes on both pages only if it
is a mid-tone (relative luminance between about 0.14 and 0.30). Stdlib only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: Page backgrounds of the two palettes (Material 9: ``#fff`` and ``hsla(225, 15%, 14%)``).
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"
BACKGROUNDS = {"light": LIGHT_BACKGROUND, "dark": DARK_BACKGROUND}
#: WCAG 2.1 success criterion 1.4.11 (non-text contrast).
MIN_GRAPHIC_CONTRAST = 3.0

#: Default trace colours for figures that name none (plotly's own defaults are too light on
#: white): mid-tones in a colour-blind-aware order, each >= 3:1 on both backgrounds.
COLOURWAY = [
    "#4c72b0",
    "#d9753d",
    "#51a063",
    "#c44e52",
    "#8172b3",
    "#937860",
    "#d06cb3",
    "#8c8c8c",
    "#bd8300",
    "#3b9ab6",
]

_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def _channels(colour: str) -> tuple[float, float, float]:
    if not _HEX.match(colour):
        raise ValueError(f"not a #rgb or #rrggbb colour: {colour!r}")
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rgb``/``#rrggbb`` colour (0 black .. 1 white)."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def weak_on(colour: str) -> list[str]:
    """Names of the palettes (``light``/``dark``) on which ``colour`` is below 3:1."""
    return [
        name
        for name, background in BACKGROUNDS.items()
        if contrast_ratio(colour, background) < MIN_GRAPHIC_CONTRAST
    ]


# Keys of a plotly figure spec whose string values are colours a reader must see. Background
# fills (paper/plot/legend bgcolor) and the template's own styling are not marks.
_MARK_KEYS = {"color", "arrowcolor"}


def figure_colours(spec: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """``(path, colour)`` for every explicit mark colour in a figure's JSON (``fig.to_dict()``),
    skipping the layout template (restyled per palette by the site's figures.js)."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "template":
                continue
            where = f"{path}.{key}" if path else key
            if key in _MARK_KEYS and isinstance(value, str):
                yield where, value
            elif key in _MARK_KEYS and isinstance(value, list):
                yield from ((where, v) for v in value if isinstance(v, str))
            else:
                yield from figure_colours(value, where)
    elif isinstance(spec, list):
        for item in spec:
            yield from figure_colours(item, path)


__all__ = [
    "BACKGROUNDS",
    "COLOURWAY",
    "DARK_BACKGROUND",
    "LIGHT_BACKGROUND",
    "MIN_GRAPHIC_CONTRAST",
    "contrast_ratio",
    "figure_colours",
    "relative_luminance",
    "weak_on",
]
