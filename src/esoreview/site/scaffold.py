"""Scaffold a section notebook that already follows every convention the build checks.

``esoreview-build new-section NAME --title T`` (``make new-section NAME=... TITLE=...``) writes
``notebooks/NN-NAME.py`` with the next free ``NN``. It does not edit ``mkdocs.yml``: where a page
belongs in the navigation (mechanisms, treatment, ...) is an editorial choice, and rewriting
the YAML would lose its comments. The command prints the line to add; until it is added,
``mkdocs build --strict`` fails on the page missing from ``nav``, so it cannot be forgotten.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import EsoreviewError
from .paths import Project

SLUG = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
NUMBERED = re.compile(r"^(\d\d)-(.+)\.py$")
# A work every checkout has (the source review), so the scaffold builds before any bib edit.
EXAMPLE_KEY = "wang2023mechanisms"
# Slugs MkDocs or the engine already own: a section must not shadow them.
RESERVED = {"index", "bibliography", "about", "corrections", "search", "assets", "cite", "pyodide"}

TEMPLATE = """\
# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # {title} {{#{slug}}}
#
# Open the page with one or two sentences, in your own words, on what this section covers and
# why it matters for the spread or treatment of esophageal cancer [@{key}].
#
# ## Evidence collected so far {{#{slug}-evidence}}
#
# Every claim sentence cites the work that supports it [@{key}]; add works to `bib/` first.
# Numbers on the page come from `data/` or a model run, never typed into prose.

# %%
import pandas as pd
import plotly.graph_objects as go

from esoreview.display import show_figure

# Literal data paths: the execution cache re-runs this notebook when the file changes.
evidence = pd.read_csv("data/evidence.csv").fillna("")
counts = evidence.groupby("evidence_kind").size().sort_values(ascending=False)
fig = go.Figure(go.Bar(x=list(counts.index), y=list(counts.values)))
fig.update_layout(xaxis_title="Kind of evidence", yaxis_title="Claims (rows)")
show_figure(fig, height=340, caption=(
    f"{{len(evidence)}} claims in data/evidence.csv by kind of evidence."))
"""


class ScaffoldError(EsoreviewError, ValueError):
    """The requested section cannot be created (bad or taken slug, empty title)."""


def used_slugs(project: Project) -> dict[str, Path]:
    """Slug -> the notebook or page that owns it."""
    used: dict[str, Path] = {}
    for path in sorted(project.notebooks.glob("*.py")):
        match = NUMBERED.match(path.name)
        if match:
            used[match.group(2)] = path
    if project.docs.is_dir():
        for page in project.docs.rglob("*.md"):
            used.setdefault(page.relative_to(project.docs).with_suffix("").as_posix(), page)
    return used


def next_number(project: Project) -> int:
    numbers = [
        int(m.group(1)) for p in project.notebooks.glob("*.py") if (m := NUMBERED.match(p.name))
    ]
    number = max(numbers, default=0) + 1
    if number > 99:
        raise ScaffoldError("notebook numbers are two digits and 99 is taken; renumber first")
    return number


def new_section(project: Project, name: str, title: str) -> Path:
    """Write ``notebooks/NN-name.py`` and return its path."""
    if not SLUG.match(name):
        raise ScaffoldError(
            f"section name {name!r}: use lowercase letters and digits joined by single hyphens, "
            "starting with a letter (it becomes the page URL /name/)"
        )
    if name in RESERVED:
        raise ScaffoldError(f"section name {name!r} is reserved by the site")
    owner = used_slugs(project).get(name)
    if owner is not None:
        raise ScaffoldError(f"section name {name!r} is already used by {owner}")
    title = " ".join(title.split())
    if not title or "{" in title or "}" in title:
        raise ScaffoldError("give a non-empty --title without braces")
    project.notebooks.mkdir(parents=True, exist_ok=True)
    path = project.notebooks / f"{next_number(project):02d}-{name}.py"
    path.write_text(TEMPLATE.format(title=title, slug=name, key=EXAMPLE_KEY), encoding="utf-8")
    return path


def nav_hint(path: Path) -> str:
    """What to add to ``mkdocs.yml`` for the new page."""
    slug = NUMBERED.match(path.name).group(2)  # type: ignore[union-attr]
    return f"add '      - {slug}.md' under the right heading of nav: in mkdocs.yml"
