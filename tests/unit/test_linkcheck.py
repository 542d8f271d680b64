"""Internal link checker on a tiny synthetic site (fixtures/gates/linksite) and on site/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from esoreview.site import linkcheck

FIXTURE = Path(__file__).parents[1] / "fixtures" / "gates" / "linksite"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    target = tmp_path / "site"
    shutil.copytree(FIXTURE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture changed: {old!r} not in {path}"
    path.write_text(text.replace(old, new))


def test_clean_fixture_has_no_problems(site: Path) -> None:
    assert linkcheck.check_internal(site) == []


# Each breakage must surface as exactly one problem naming the link that broke.
BREAKAGES = {
    "missing anchor": ("good/index.html", '<h1 id="intro">', "<h1>", "good/#intro"),
    "missing citation target": (
        "good/index.html",
        '<li id="ref-smith2020">',
        "<li>",
        "#ref-smith2020",
    ),
    "missing cite download": ("cite/good/intro.bib", None, None, "cite/good/intro.bib"),
    "redirect to nowhere": ("old/index.html", "url=../good/", "url=../gone/", "old/#intro"),
    "alias to a missing id": ("good/index.html", '"#intro"}', '"#nowhere"}', "good/#renamed"),
    "missing stylesheet": ("assets/site.css", None, None, "assets/site.css"),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_breakage_is_reported(site: Path, name: str) -> None:
    file, old, new, link = BREAKAGES[name]
    if old is None:
        (site / file).unlink()
    else:
        edit(site / file, old, new)
    problems = linkcheck.check_internal(site)
    matching = [p for p in problems if f" {link} (" in p or p.split(": ", 1)[1].startswith(link)]
    assert matching, (name, problems)


def test_published_url_maps_onto_local_tree(site: Path) -> None:
    (site / "good" / "index.html").unlink()
    problems = linkcheck.check_internal(site)
    assert any("https://example.org/review/good/#intro" in p for p in problems), problems


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("/good/", "outside the site path /review/"),  # works on localhost, 404 on GitHub Pages
        ("/review//good/", "empty path segment"),
    ],
)
def test_urls_that_break_when_deployed(site: Path, href: str, reason: str) -> None:
    edit(site / "index.html", 'href="good/">page', f'href="{href}">page')
    problems = linkcheck.check_internal(site)
    assert [p for p in problems if href in p and reason in p], problems


def test_root_relative_url_inside_the_site_path_resolves(site: Path) -> None:
    edit(site / "index.html", 'href="good/">page', 'href="/review/good/">page')
    assert linkcheck.check_internal(site) == []


def test_external_links_are_listed_not_checked_offline(site: Path) -> None:
    urls = linkcheck.external_urls(site)
    assert set(urls) == {"https://doi.org/10.1000/182"}


def test_cli_exit_status(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert linkcheck.main([str(site)]) == 0
    edit(site / "index.html", 'href="good/#intro"', 'href="good/#missing"')
    assert linkcheck.main([str(site)]) == 1
    assert "good/#missing" in capsys.readouterr().err


@pytest.mark.site
def test_built_site_has_no_broken_internal_links(built_site: Path) -> None:
    problems = linkcheck.check_internal(built_site)
    assert problems == [], "\n".join(problems[:50])
