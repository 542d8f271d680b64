"""The input fingerprint that lets an unchanged checkout skip the build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from esoreview.site.paths import Project
from esoreview.site.stamp import fingerprint, record, site_is_current

DAY = dt.date(2026, 1, 2)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    for folder in ("notebooks", "data", "bib", "docs", "src/esoreview/site"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    (tmp_path / "notebooks" / "01-a.py").write_text("# %%\nx = 1\n")
    (tmp_path / "data" / "d.csv").write_text("a\n1\n")
    (tmp_path / "src" / "esoreview" / "site" / "build.py").write_text("# engine\n")
    return Project(tmp_path)


@pytest.mark.parametrize(
    "path", ["notebooks/01-a.py", "data/d.csv", "src/esoreview/site/build.py", "mkdocs.yml"]
)
def test_any_input_change_changes_the_fingerprint(project: Project, path: str) -> None:
    before = fingerprint(project, today=DAY)
    target = project.root / path
    target.write_text(target.read_text() + "# changed\n")
    assert fingerprint(project, today=DAY) != before


def test_new_file_and_new_day_change_the_fingerprint(project: Project) -> None:
    before = fingerprint(project, today=DAY)
    assert fingerprint(project, today=DAY + dt.timedelta(days=1)) != before
    (project.root / "bib" / "new.bib").write_text("")
    assert fingerprint(project, today=DAY) != before


def test_caches_do_not_change_the_fingerprint(project: Project) -> None:
    before = fingerprint(project, today=DAY)
    cache = project.root / "src" / "esoreview" / "site" / "__pycache__"
    cache.mkdir()
    (cache / "build.cpython-311.pyc").write_bytes(b"\0")
    assert fingerprint(project, today=DAY) == before


def test_site_is_current_needs_matching_stamp_and_a_built_site(project: Project) -> None:
    print_ = fingerprint(project, today=DAY)
    assert not site_is_current(project, print_)
    record(project, print_)
    assert not site_is_current(project, print_)  # no site/ yet
    (project.site).mkdir()
    (project.site / "index.html").write_text("<html></html>")
    assert site_is_current(project, print_)
    assert not site_is_current(project, "other")
