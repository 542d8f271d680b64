"""Site configuration decisions that tests elsewhere rely on."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def config() -> dict:
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)


def test_instant_navigation_is_on() -> None:
    # One Python runtime per tab: page changes must not reload the document.
    assert "navigation.instant" in config()["theme"]["features"]


def test_calculator_short_link_targets_the_calculator_section() -> None:
    plugins = [p for p in config()["plugins"] if isinstance(p, dict) and "redirects" in p]
    target = plugins[0]["redirects"]["redirect_maps"]["calculator.md"]
    assert target == "overview.md#staging-calculator"
    overview = (ROOT / "notebooks" / "01-overview.py").read_text(encoding="utf-8")
    assert "{#staging-calculator}" in overview


def test_no_google_fonts_and_strict_validation() -> None:
    cfg = config()
    assert cfg["theme"]["font"] == "false"
    assert cfg["strict"] == "true"
    assert {cfg["validation"][k] for k in ("anchors", "unrecognized_links", "omitted_files")} == {
        "warn"
    }  # warnings fail the build in strict mode


def test_every_notebook_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text()
    for notebook in sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py")):
        slug = notebook.stem.split("-", 1)[1]
        assert f"{slug}.md" in nav, f"{notebook.name} is missing from nav in mkdocs.yml"
