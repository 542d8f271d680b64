"""Two releases of a copy of the project, published with mike and served like GitHub Pages.

A temporary git repository holds the project's tracked files (plus the execution cache, so no
notebook runs); release 0.1 is published, one section of the About page is rewritten, 0.2 is
published. The gh-pages branch is then checked out into a folder and served under the site's
sub-path, and the test checks what a citing reader relies on: both versions are served, the
version selector lists them, 0.1 shows the outdated banner linking to the same section in 0.2,
citation files carry the versioned URL, and the manifests mark exactly the rewritten section
as changed.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import tarfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from esoreview.site.manifest import compare, load_releases, parse_manifest
from esoreview.site.paths import Project
from esoreview.site.release import ReleaseError, check_release, release

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/esoreview/"
SITE_URL = "https://esoreview.github.io/esoreview/"
FIRST, SECOND = dt.date(2026, 1, 10), dt.date(2026, 2, 20)
NEW_TEXT = "Each release is kept unchanged at its own address; the Changelog lists what changed."

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def copy_project(target: Path) -> Project:
    """The tracked files in a fresh repository, with a named author added to CITATION.cff."""
    files = git(ROOT, "ls-files", "-z").split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    (target / "node_modules").symlink_to(ROOT / "node_modules")
    if (ROOT / ".build" / "jupyter-cache").is_dir():
        shutil.copytree(ROOT / ".build" / "jupyter-cache", target / ".build" / "jupyter-cache")
    cff = target / "CITATION.cff"
    cff.write_text(
        cff.read_text().replace(
            "authors:\n",
            "authors:\n  - family-names: Doe\n    given-names: Jane\n",
            1,
        )
    )
    git(target, "init", "-q", "-b", "main")
    git(target, "config", "user.name", "Test Maintainer")
    git(target, "config", "user.email", "maintainer@example.org")
    git(target, "add", "-A")
    git(target, "commit", "-qm", "initial")
    return Project(target)


def rewrite_versions_section(project: Project) -> None:
    about = project.docs / "about.md"
    text = about.read_text()
    head, _, rest = text.partition("## Versions and citing {#versions}\n")
    _, _, tail = rest.partition("\n## ")
    about.write_text(f"{head}## Versions and citing {{#versions}}\n\n{NEW_TEXT}\n\n## {tail}")
    git(project.root, "commit", "-qam", "Rewrite the versions section")


@pytest.fixture(scope="module")
def published(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("release-repo")
    project = copy_project(root)
    quiet = lambda _message: None  # noqa: E731
    first = release(project, "0.1", today=FIRST, log=quiet)
    rewrite_versions_section(project)
    second = release(project, "0.2", today=SECOND, log=quiet)
    # The gh-pages branch as GitHub Pages serves it: a checkout of the branch's files.
    pages = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(
        ["git", "-C", str(root), "archive", "gh-pages"], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(pages, filter="data")
    return {
        "project": project,
        "first": first,
        "second": second,
        "pages": pages,
        "url": serve(pages, prefix=PREFIX, csp=None),
    }


def test_branch_holds_both_versions_the_alias_and_the_root_redirect(published):
    pages = published["pages"]
    for version in ("0.1", "0.2"):
        assert (pages / version / "index.html").is_file()
        manifest = parse_manifest((pages / version / "release-manifest.json").read_text(), version)
        assert manifest.version == version
    versions = json.loads((pages / "versions.json").read_text())
    assert [(v["version"], v["aliases"]) for v in versions] == [("0.2", ["latest"]), ("0.1", [])]
    assert "0.2/about/" in (pages / "latest" / "about" / "index.html").read_text()
    assert "latest/" in (pages / "index.html").read_text()


def test_manifests_mark_exactly_the_rewritten_section(published):
    project = published["project"]
    first, second = load_releases(project.root / "releases")
    assert (first.version, first.date, second.version, second.date) == (
        "0.1",
        FIRST.isoformat(),
        "0.2",
        SECOND.isoformat(),
    )
    assert first.commit != second.commit
    assert second.commit == git(project.root, "rev-parse", "v0.2^{commit}").strip()
    changes = compare(first, second)
    assert [(c.page_url, c.id) for c in changes.changed] == [("about/", "versions")]
    assert changes.added == [] and changes.removed == []
    assert sum(len(p.sections) for p in first.pages) > 30
    changelog = (published["pages"] / "0.2" / "changelog" / "index.html").read_text()
    assert 'href="../about/#versions"' in changelog
    assert "compared with 0.1" in changelog


def test_citation_cff_carries_the_last_release(published):
    cff = yaml.safe_load((published["project"].root / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == "0.2"
    assert cff["date-released"] == SECOND.isoformat()


def test_cite_files_and_scholar_tags_carry_the_versioned_url(published):
    pages = published["pages"]
    bib = (pages / "0.1" / "cite" / "about" / "versions.bib").read_text()
    assert f"url = {{{SITE_URL}0.1/about/#versions}}" in bib
    assert "version = {0.1}" in bib and f"date = {{{FIRST.isoformat()}}}" in bib
    assert "author = {Doe, Jane and {The esoreview contributors}}" in bib
    ris = (pages / "0.2" / "cite" / "about" / "versions.ris").read_text()
    assert f"UR  - {SITE_URL}0.2/about/#versions" in ris and "AU  - Doe, Jane" in ris
    csl = json.loads((pages / "0.2" / "cite" / "about" / "versions.json").read_text())
    assert csl[0]["URL"] == f"{SITE_URL}0.2/about/#versions" and csl[0]["version"] == "0.2"
    html = (pages / "0.1" / "about" / "index.html").read_text()
    assert f'name="citation_public_url" content="{SITE_URL}0.1/about/"' in html
    assert 'name="citation_author" content="Doe, Jane"' in html


def test_releases_are_refused_when_they_would_change_history(published):
    project = published["project"]
    with pytest.raises(ReleaseError, match="already released"):
        check_release(project, "0.2")
    with pytest.raises(ReleaseError, match="not newer"):
        check_release(project, "0.0")
    with pytest.raises(ReleaseError, match="MAJOR.MINOR"):
        check_release(project, "1.0.0")
    (project.root / "scratch.txt").write_text("uncommitted")
    try:
        with pytest.raises(ReleaseError, match="working tree not clean"):
            check_release(project, "0.3")
    finally:
        (project.root / "scratch.txt").unlink()


def test_old_version_shows_banner_to_the_same_section_in_latest(published, chromium, watched):
    base = published["url"]
    page = chromium.new_page()
    log = watched(page, base)
    page.goto(f"{base}0.1/about/#versions")
    banner = page.locator("[data-md-component=outdated]")
    expect(banner).to_be_visible()
    link = banner.locator("a.eso-latest-link")
    expect(link).to_have_attribute("href", f"{base}0.2/about/#versions")
    # The selector lists both versions, the newest with its alias.
    expect(page.locator(".md-version__current")).to_have_text("0.1")
    expect(page.locator(".md-version__list .md-version__link")).to_have_count(2)
    # The reader's own date is the access date; the release date stays the issue date.
    today = dt.date.today().isoformat()
    box = page.locator("details.cite-this[data-section=versions]")
    expect(box.locator("time.cite-this-accessed")).to_have_text(today)
    expect(box.locator("[data-format=bibtex] pre")).to_contain_text(f"urldate = {{{today}}}")
    expect(box.locator("[data-format=bibtex] pre")).to_contain_text(f"date = {{{FIRST}}}")
    link.click()
    page.wait_for_url(f"{base}0.2/about/#versions")
    expect(page.locator("[data-md-component=outdated]")).to_be_hidden()
    expect(page.locator("#versions + details.cite-this, #versions ~ p").first).to_be_attached()
    expect(page.locator("article")).to_contain_text(NEW_TEXT)
    log.assert_clean()
    page.close()


def test_site_root_and_latest_alias_lead_to_the_newest_release(published, chromium):
    base = published["url"]
    page = chromium.new_page()
    page.goto(base)
    page.wait_for_url(f"{base}0.2/")
    page.goto(f"{base}latest/about/#licence")
    page.wait_for_url(f"{base}0.2/about/#licence")
    page.close()
