"""Content that tries to run script neither builds nor runs (issue 17, item 1).

A tiny project (one notebook, one hand-written page, one data file) is built with the real
engine and theme. Injected ``<script>``, ``onerror`` and ``javascript:`` in a notebook, a page
or a data file stop the build with ``file:line``; data that merely looks like markup is shown
as text; and a script slipped into a finished page is blocked by the policy in Chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from site_fixtures import PagesServer, open_page

from esoreview.site.paths import Project

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("injection")]

NOTEBOOK = """\
# %% [markdown]
# # Injection test {#injection-test}
#
# Values from data/values.csv. <!-- no citation: test page -->
#
# PROSE

# %%
import csv

from esoreview.display import show_table

with open("data/values.csv") as handle:
    rows = list(csv.DictReader(handle))
show_table(rows, [("name", "Name"), ("value", "Value")], raw_columns=["value"])
"""
INDEX = "# Home {#home}\n\nA tiny site. <!-- no citation: test page -->\n\nHOME\n"
VALUES = "name,value\nshown as text,<em>emphasis allowed</em>\n<b>bold?</b>,DATA\n"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> Project:
    root = tmp_path_factory.mktemp("tiny")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["nav"] = [
        "index.md",
        "injection.md",
        "bibliography.md",
        "glossary.md",
        "changelog.md",
    ]
    config["plugins"] = ["esoreview", "search"]
    config["site_url"] = "https://example.org/esoreview/"
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    for name in ("package.json", "requirements.lock", "pyproject.toml", "CITATION.cff"):
        shutil.copy(ROOT / name, root / name)
    os.symlink(ROOT / "node_modules", root / "node_modules")
    (root / "src").mkdir()
    os.symlink(ROOT / "src" / "esoreview", root / "src" / "esoreview")
    shutil.copytree(ROOT / "docs" / "js", root / "docs" / "js")
    shutil.copytree(ROOT / "docs" / "css", root / "docs" / "css")
    shutil.copy(ROOT / "docs" / "sw.js", root / "docs" / "sw.js")
    (root / "bib").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "citations-basic.bib", root / "bib" / "refs.bib")
    (root / "notebooks").mkdir()
    (root / "data").mkdir()
    (root / "data" / "glossary.csv").write_text("term,definition,cite\n")
    return Project(root)


def write(project: Project, *, prose: str = "", home: str = "", data: str = "") -> None:
    (project.notebooks / "01-injection.py").write_text(NOTEBOOK.replace("PROSE", prose))
    (project.docs / "index.md").write_text(INDEX.replace("HOME", home))
    (project.data / "values.csv").write_text(VALUES.replace("DATA", data or "plain"))


def build(project: Project) -> tuple[int, str]:
    """The real command line, in its own process (its notebook kernel stays out of pytest)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "esoreview.site.cli",
            "--root",
            str(project.root),
            "site",
            "--force",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stderr


@pytest.mark.parametrize(
    ("where", "snippet", "expected"),
    [
        ("prose", "<script>x = 1</script>", "notebooks/01-injection.py:6: <script>"),
        ("prose", "<img src=x onerror=alert(1)>", "notebooks/01-injection.py:6: event-handler"),
        ("home", "[click](javascript:alert(1))", "docs/index.md:5: script URL"),
        ("home", "<a href='jav&#x61;script:alert(1)'>x</a>", "docs/index.md:5: script URL"),
        ("data", "<img src=x onerror=alert(1)>", "data/values.csv:3: data value"),
    ],
)  # fmt: skip
def test_injected_script_does_not_build(tiny: Project, where, snippet, expected) -> None:
    write(tiny, **{where: snippet})
    code, err = build(tiny)
    assert code == 1
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and lines[0].startswith(f"error: {expected}"), err
    assert "Traceback" not in err


def test_markup_in_data_is_text_and_an_injected_script_is_blocked(tiny: Project, chromium) -> None:
    write(tiny)
    code, err = build(tiny)
    assert code == 0, err
    page_html = tiny.site / "injection" / "index.html"
    # As if a script got past every check: the policy must still keep it from running.
    html = page_html.read_text()
    page_html.write_text(
        html.replace("</article>", "<script>window.injected = true</script></article>")
    )
    server = PagesServer(tiny.site, "/esoreview/")
    try:
        context, page, report = open_page(chromium, server.origin, server.url + "injection/")
        try:
            cells = page.locator(".eso-table td").all_inner_texts()
            bold = page.locator(".eso-table td b").count()
            emphasis = page.locator(".eso-table td em").count()
            injected = page.evaluate("window.injected === true")
        finally:
            context.close()
    finally:
        server.close()
    assert "<b>bold?</b>" in cells and bold == 0  # escaped: shown as text
    assert emphasis == 1  # a raw column keeps the allow-listed markup
    assert injected is False
    assert any("script-src" in v for v in report.violations), report.violations
