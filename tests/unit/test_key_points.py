"""Each mechanism page opens with a "Key points" box: right under its title cell, 3-5 bullets,
every bullet citing works of the reference set."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import pytest

from esoreview.site.bib import load_bibliography

ROOT = Path(__file__).resolve().parents[2]
MECHANISM_PAGES = [
    "02-haematogenous-metastasis.py",
    "03-lymphatic-metastasis.py",
    "04-immune-escape.py",
    "05-ferroptosis-immune-cells.py",
]
BOX = re.compile(r'\A!!! abstract "Key points"\n\n(?P<body>(?:    .*\n?)+)\Z')
BULLET = re.compile(r"^    - ", re.M)
CITED = re.compile(r"@([A-Za-z0-9_](?:[A-Za-z0-9_:.\-/]*[A-Za-z0-9_])?)")


def key_points(name: str) -> str:
    nb = jupytext.read(ROOT / "notebooks" / name)
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert markdown[0].source.lstrip().startswith("# "), f"{name}: first cell is not the title"
    second = nb.cells[nb.cells.index(markdown[0]) + 1]
    assert second.cell_type == "markdown", f"{name}: no Markdown cell right after the title cell"
    return second.source


@pytest.mark.parametrize("name", MECHANISM_PAGES)
def test_key_points_box_follows_the_title_cell(name: str) -> None:
    source = key_points(name)
    match = BOX.match(source.rstrip("\n") + "\n")
    assert match, f"{name}: the cell after the title is not a Key points admonition:\n{source}"
    bullets = BULLET.split(match.group("body"))[1:]
    assert 3 <= len(bullets) <= 5, f"{name}: {len(bullets)} bullets"
    keys = set(load_bibliography(sorted((ROOT / "bib").glob("*.bib"))).keys())
    for bullet in bullets:
        cited = CITED.findall(bullet)
        assert cited, f"{name}: bullet without a citation: {bullet.strip()}"
        assert set(cited) <= keys, f"{name}: unknown key in {bullet.strip()}"
