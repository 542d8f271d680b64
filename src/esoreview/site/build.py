"""Orchestrate a build: execute notebooks (cached), resolve citations, produce pages and assets.

MkDocs drives the build through :mod:`esoreview.site.plugin`, which calls :func:`generate_pages`
from its ``on_files`` event, so ``mkdocs build`` / ``mkdocs serve`` work on a plain checkout.
:func:`build_site` (``make site``) adds what a publishing build needs on top: it skips the build
when no input changed, and runs MkDocs into a temporary folder that replaces ``site/`` only when
everything succeeded, so a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import EsoreviewError
from . import assets, changelog, glossary, pages, rawkeys
from .anchors import project_redirects
from .bib import load_bibliography
from .citation_cff import CFF_NAME, read_authors
from .citations import CitationRegistry, bibliography_page
from .git_history import head_commit
from .ids import duplicate_html_ids
from .manifest import (
    MANIFEST_NAME,
    RELEASES_DIR,
    Manifest,
    PageEntry,
    compare,
    history,
    load_releases,
)
from .notebooks import execute_notebooks
from .paths import Project
from .sanitize import check_data_folder
from .stamp import fingerprint, record

Log = Callable[[str], None]
MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # mike.mkdocs_utils.docs_version_var


class BuildError(EsoreviewError, RuntimeError):
    """A build step failed; the message says which file and what went wrong."""


@dataclass
class Generated:
    """What one generation pass produced."""

    pages: dict[str, str] = field(default_factory=dict)  # relative path -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    unused_references: list[str] = field(default_factory=list)
    manifest: Manifest | None = None  # this build's sections and hashes


@dataclass(frozen=True)
class Release:
    """What a release build pins: its version, release date and source commit."""

    version: str
    date: str
    commit: str


def generate_pages(
    project: Project, *, jobs: int = 2, log: Log = print, release: Release | None = None
) -> Generated:
    """Notebooks + hand-written pages + references -> pages and files, in memory.

    Without ``release`` this is a preview: citations name the version after the last release
    (``0.2+dev``; ``dev`` before the first), the build date and the unversioned URL.
    """
    if project.data.is_dir():
        check_data_folder(project.data, project.root)  # before any notebook prints a value
    bib = load_bibliography(project.bib_files())
    bib.cache_file = project.work / "formatted-references.json"
    results = execute_notebooks(project, jobs=jobs, log=log)
    registry = CitationRegistry()
    site_url, edit_url = _site_and_edit_urls(project)
    repo_url = edit_url.split("/edit/")[0]
    released = load_releases(project.root / RELEASES_DIR)
    preview = f"{released[-1].version}+dev" if released else "dev"
    stamp = release or Release(preview, dt.date.today().isoformat(), "")
    context = pages.SiteContext(
        # A preview is not published beside the versions: its links are the unversioned site's.
        site_url=site_url + (f"{release.version}/" if release else ""),
        version=stamp.version,
        date=stamp.date,
        repo=edit_url,
        redirects=project_redirects(project),
        authors=tuple(read_authors(project.root / CFF_NAME)),
        released=release is not None,
        repo_url=repo_url,
    )
    out = Generated()
    built: list[pages.Page] = []
    for result in results:
        page = pages.notebook_page(project, result, bib, registry, context)
        built.append(page)
        out.pages[f"{page.slug}.md"] = page.markdown
        out.files.update(page.files)
        for name, data in page.images.items():
            out.files[f"assets/generated/{name}"] = data
        (out.cached if result.cached else out.executed).append(result.notebook.path.name)
    for md in sorted(project.docs.rglob("*.md")):
        rel = md.relative_to(project.docs).as_posix()
        page = pages.document_page(project, md, bib, registry, context)
        built.append(page)
        out.pages[rel] = page.markdown
        out.files.update(page.files)
    out.manifest = Manifest(
        version=stamp.version,
        date=stamp.date,
        commit=stamp.commit or head_commit(project.root) or "unknown",
        url=context.site_url,
        pages=tuple(PageEntry(p.url, p.title, tuple(p.hashed)) for p in built),
    )
    links = changelog.Links(site_url, release.version if release else None, repo_url)
    if release:
        out.files[MANIFEST_NAME] = out.manifest.to_json().encode("utf-8")
        out.pages["changelog.md"] = changelog.changelog_page(
            history([*released, out.manifest]), links, out.manifest
        )
    else:
        unreleased = compare(released[-1], out.manifest) if released else None
        out.pages["changelog.md"] = changelog.changelog_page(
            history(released), links, out.manifest, unreleased
        )
    try:
        terms = glossary.load_glossary(project.data / "glossary.csv", bib.keys())
    except glossary.GlossaryError as exc:
        raise BuildError(str(exc)) from exc
    page = glossary_page(project, terms, bib, registry, context)
    out.pages["glossary.md"] = page.markdown
    out.files.update(page.files)
    # Ranked low in search: it names every topic, but a reader wants the section on it.
    out.pages["bibliography.md"] = "---\nsearch:\n  boost: 0.1\n---\n\n" + bibliography_page(
        bib, registry, project=project
    )
    # Reader aids (issue 14): no raw keys on any page, then abbreviations on every page.
    origins = {
        f"{r.notebook.slug}.md": r.notebook.path.relative_to(project.root).as_posix()
        for r in results
    }
    try:
        rawkeys.check_pages(out.pages, bib.keys(), origins)
    except rawkeys.RawKeyError as exc:
        raise BuildError(str(exc)) from exc
    out.pages = glossary.append_abbreviations(out.pages, terms)
    out.files.update(assets.runtime_files(project, assets.trace_types(out.pages.values())))
    out.unused_references = sorted(set(bib.keys()) - set(registry.cited_keys()))
    return out


def glossary_page(project: Project, terms, bib, registry, context) -> pages.Page:
    """The Glossary page, with citations and cite controls like a hand-written page."""
    from .citations import PageCitations

    text = glossary.glossary_markdown(terms)
    cites = PageCitations(bib, page_url=pages.page_url("glossary"), page_title="Glossary")
    source = (project.data / "glossary.csv").relative_to(project.root)
    body = cites.render(text, source=source, first_line=1)
    registry.add(cites)
    # Ranked low in search, like the bibliography: it names many topics, but a reader searching
    # for one wants the section on it.
    meta = {
        "title": "Glossary",
        "edit_url": context.repo + source.as_posix(),
        "search": {"boost": 0.1},
    }
    return pages.finish("glossary", "Glossary", body, cites, meta, context)


def write_generated(project: Project, out: Generated) -> None:
    """The build report, and the generated Markdown in ``.build/docs`` for inspection."""
    write_report(project, out)
    sync_tree(project.generated_docs, Generated(pages=out.pages))


def generate(project: Project, *, jobs: int = 2, log: Log = print) -> Generated:
    """Generate without rendering (``esoreview-build generate``): report + ``.build/docs``."""
    out = generate_pages(project, jobs=jobs, log=log)
    write_generated(project, out)
    return out


def user_error_types() -> tuple[type[BaseException], ...]:
    """Failures a contributor can fix: one line naming file and line, no traceback needed."""
    return (EsoreviewError, OSError)


def _site_and_edit_urls(project: Project) -> tuple[str, str]:
    """The site's absolute URL and the prefix of "edit this page" links, from mkdocs.yml."""
    config = yaml.load((project.root / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    site_url = config.get("site_url", "").rstrip("/") + "/"
    edit = config.get("repo_url", "").rstrip("/") + "/" + config.get("edit_uri", "edit/main/")
    return site_url, edit


def write_report(project: Project, out: Generated) -> None:
    """Machine-readable build report (unused references and what was executed)."""
    report = {
        "executed": out.executed,
        "cached": out.cached,
        "unused_references": out.unused_references,
    }
    project.work.mkdir(parents=True, exist_ok=True)
    (project.work / "report.json").write_text(json.dumps(report, indent=2) + "\n")


def sync_tree(target: Path, out: Generated) -> None:
    """Make ``target`` hold exactly the generated files, rewriting only what changed."""
    wanted: dict[Path, bytes] = {target / k: v.encode("utf-8") for k, v in out.pages.items()}
    wanted.update({target / k: v for k, v in out.files.items()})
    for path, data in wanted.items():
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
    if target.exists():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()


def mkdocs_build(
    project: Project,
    site_dir: Path,
    *,
    jobs: int = 2,
    log: Log = print,
    release: Release | None = None,
) -> Generated:
    """Run ``mkdocs build --strict`` into ``site_dir``; return what the plugin generated.

    ``release``: the site is published by mike beside its other versions; mike's MkDocs plugin
    reads the version from ``MIKE_DOCS_VERSION`` and puts it into ``site_url`` (canonical links
    and the sitemap then name the versioned URLs, which the version selector relies on).
    Otherwise the version selector is switched off: it would fetch ``../versions.json``, which
    exists only on the published branch, and log a failed request on every page of a preview.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _route_mkdocs_logs()
    config = load_config(str(project.root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    plugin = config.plugins.get("esoreview")
    if plugin is None:
        raise BuildError("mkdocs.yml: the 'esoreview' plugin is not listed under plugins")
    plugin.config.jobs = jobs
    plugin.progress = log
    plugin.release = release
    previous = os.environ.pop(MIKE_VERSION_VARIABLE, None)
    if release is not None:
        os.environ[MIKE_VERSION_VARIABLE] = release.version
    plugin.raise_own_errors = True
    try:
        build(config)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs build failed: {exc}") from exc
    finally:
        os.environ.pop(MIKE_VERSION_VARIABLE, None)
        if previous is not None:
            os.environ[MIKE_VERSION_VARIABLE] = previous
        config.plugins.on_shutdown()
    return plugin.generated


def build_into(
    project: Project,
    site_dir: Path,
    *,
    jobs: int = 2,
    log: Log = print,
    release: Release | None = None,
) -> Generated:
    """A complete, post-processed site (CSP included) in ``site_dir``: what ``site/`` receives
    and what a release publishes, byte for byte."""
    return mkdocs_build(project, site_dir, jobs=jobs, log=log, release=release)


def _route_mkdocs_logs() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_esoreview", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._esoreview = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


TEMP_SITE_PREFIX = "site-"  # .build/site-XXXX: a build in progress (or a killed one)


def remove_debris(project: Project, log: Log = print) -> list[Path]:
    """Delete what a killed build left behind: ``.build/site-*`` and ``.site-old-*``.

    Only called while holding the build lock, so no other build is using them.
    """
    found = [p for p in project.work.glob(f"{TEMP_SITE_PREFIX}*") if p.is_dir()]
    found += [p for p in project.root.glob(f".{project.site.name}-old-*") if p.is_dir()]
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    if found:
        log(f"removed {len(found)} folder(s) left by an interrupted build")
    return found


@contextlib.contextmanager
def build_lock(project: Project) -> Iterator[None]:
    """One build per checkout at a time: a second one fails at once instead of racing."""
    project.work.mkdir(parents=True, exist_ok=True)
    with open(project.work / "build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                "another build is running in this checkout",
                file=project.work / "build.lock",
                hint="wait for it to finish",
            ) from None
        yield


def build_site(project: Project, *, jobs: int = 2, log: Log = print) -> Generated:
    """Build with MkDocs into a temporary folder, then move it into ``site/`` atomically."""
    with build_lock(project):
        return _build_site(project, jobs=jobs, log=log)


def _build_site(project: Project, *, jobs: int, log: Log) -> Generated:
    start = time.perf_counter()
    remove_debris(project, log)
    inputs = fingerprint(project)
    tmp = Path(tempfile.mkdtemp(prefix=TEMP_SITE_PREFIX, dir=project.work))
    try:
        out = mkdocs_build(project, tmp, jobs=jobs, log=log)
        swap_into_place(tmp, project.site)
        record(project, inputs)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    log(
        f"built site/ in {time.perf_counter() - start:.1f} s: {len(out.executed)} executed, "
        f"{len(out.cached)} cached, {len(out.unused_references)} unused references "
        f"(listed in .build/report.json)"
    )
    return out


def check_built_ids(site_dir: Path) -> None:
    """Backstop for ids the Markdown checks cannot see (theme, plugins, raw HTML)."""
    for path in sorted(site_dir.rglob("*.html")):
        duplicates = duplicate_html_ids(path.read_text(encoding="utf-8"))
        if duplicates:
            raise BuildError(
                f"id used more than once on the page: {'; '.join(duplicates[:3])}",
                file=path.relative_to(site_dir),
                hint="every id on a page must be unique; rename the heading's {#id}",
            )


def swap_into_place(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with two renames on one filesystem."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{time.time_ns()}")
        target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
