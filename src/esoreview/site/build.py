"""Orchestrate a build: execute notebooks (cached), resolve citations, produce pages and assets.

MkDocs drives the build through :mod:`esoreview.site.plugin`, which calls :func:`generate_pages`
from its ``on_files`` event, so ``mkdocs build`` / ``mkdocs serve`` work on a plain checkout.
:func:`build_site` (``make site``) adds what a publishing build needs on top: it skips the build
when no input changed, and runs MkDocs into a temporary folder that replaces ``site/`` only when
everything succeeded, so a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .. import __version__
from . import assets, pages
from .anchors import project_redirects
from .bib import load_bibliography
from .citations import CitationRegistry, bibliography_page
from .notebooks import execute_notebooks
from .paths import Project
from .stamp import fingerprint, record

Log = Callable[[str], None]


class BuildError(RuntimeError):
    """A build step failed; the message says which file and what went wrong."""


@dataclass
class Generated:
    """What one generation pass produced."""

    pages: dict[str, str] = field(default_factory=dict)  # relative path -> Markdown
    files: dict[str, bytes] = field(default_factory=dict)  # relative path -> bytes
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    unused_references: list[str] = field(default_factory=list)


def generate_pages(project: Project, *, jobs: int = 2, log: Log = print) -> Generated:
    """Notebooks + hand-written pages + references -> pages and files, in memory."""
    bib = load_bibliography(project.bib_files())
    bib.cache_file = project.work / "formatted-references.json"
    results = execute_notebooks(project, jobs=jobs, log=log)
    registry = CitationRegistry()
    today = dt.date.today().isoformat()
    site_url, edit_url = _site_and_edit_urls(project)
    context = pages.SiteContext(
        site_url=site_url,
        version=__version__,
        date=today,
        repo=edit_url,
        redirects=project_redirects(project),
    )
    out = Generated()
    for result in results:
        page = pages.notebook_page(project, result, bib, registry, context)
        out.pages[f"{page.slug}.md"] = page.markdown
        out.files.update(page.files)
        for name, data in page.images.items():
            out.files[f"assets/generated/{name}"] = data
        (out.cached if result.cached else out.executed).append(result.notebook.path.name)
    for md in sorted(project.docs.rglob("*.md")):
        rel = md.relative_to(project.docs).as_posix()
        page = pages.document_page(project, md, bib, registry, context)
        out.pages[rel] = page.markdown
        out.files.update(page.files)
    # Ranked low in search: it names every topic, but a reader wants the section on it.
    out.pages["bibliography.md"] = "---\nsearch:\n  boost: 0.1\n---\n\n" + bibliography_page(
        bib, registry, project=project
    )
    out.files.update(assets.runtime_files(project, assets.trace_types(out.pages.values())))
    out.unused_references = sorted(set(bib.keys()) - set(registry.cited_keys()))
    return out


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
    """Failures a contributor can fix: their message names file and line, no traceback needed."""
    from .assets import AssetError
    from .bib import BibError
    from .citations import CitationError
    from .notebooks import NotebookError
    from .offline import OfflineError
    from .scaffold import ScaffoldError
    from .snapshot import SnapshotError
    from .source_refs import SourceReferenceError

    return (
        AssetError,
        OfflineError,
        SnapshotError,
        BibError,
        CitationError,
        NotebookError,
        BuildError,
        ScaffoldError,
        SourceReferenceError,
        FileNotFoundError,
    )


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


def mkdocs_build(project: Project, site_dir: Path, *, jobs: int = 2, log: Log = print) -> Generated:
    """Run ``mkdocs build --strict`` into ``site_dir``; return what the plugin generated."""
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
    try:
        build(config)
    except MkDocsException as exc:
        raise BuildError(f"mkdocs build failed: {exc}") from exc
    finally:
        config.plugins.on_shutdown()
    return plugin.generated


def _route_mkdocs_logs() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_esoreview", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._esoreview = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def build_site(project: Project, *, jobs: int = 2, log: Log = print) -> Generated:
    """Build with MkDocs into a temporary folder, then move it into ``site/`` atomically."""
    start = time.perf_counter()
    inputs = fingerprint(project)
    project.work.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="site-", dir=project.work))
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
