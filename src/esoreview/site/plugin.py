"""The build engine as an MkDocs plugin: ``mkdocs build`` and ``mkdocs serve`` drive everything.

Registered as the ``esoreview`` entry point of ``mkdocs.plugins``; ``mkdocs.yml`` lists it before
``search`` so the pages it generates are indexed. What each MkDocs event does:

* ``on_config``  -- locate the checkout (the folder of ``mkdocs.yml``);
* ``on_files``   -- execute the notebooks (cached), resolve citations and add every notebook page,
  the processed hand-written pages, the bibliography, the cite files and the runtime assets
  (plotly.js, Pyodide, our wheel) to MkDocs' file collection as generated files;
* ``on_post_build`` -- add the Content-Security-Policy to every page written;
* ``on_serve``   -- watch the notebooks, data, references and package, not only ``docs/``.

``esoreview-build site`` (``make site``) runs the same MkDocs build into a temporary folder and
swaps it into ``site/`` only when it succeeded, and skips the build when no input changed.
"""

from __future__ import annotations

import logging
import posixpath
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import csp, offline
from .paths import Project

log = logging.getLogger("mkdocs.plugins.esoreview")


class EsoreviewConfig(base.Config):
    """Options under ``plugins: - esoreview:`` in ``mkdocs.yml``."""

    jobs = c.Type(int, default=2)  # notebooks executed in parallel
    csp = c.Type(bool, default=True)  # add the Content-Security-Policy <meta> to every page


class EsoreviewPlugin(BasePlugin[EsoreviewConfig]):
    """Notebooks, references and runtime assets become MkDocs files; the built pages get a CSP."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.generated = None  # the last generation pass, for the build report
        self.release = None  # a build.Release when `make release` builds (build.mkdocs_build)
        self.progress = log.info  # one line per notebook; `esoreview-build` prints them
        # esoreview-build prints our errors itself (one line, --debug traceback): MkDocs would
        # log a PluginError and replace it by "Aborted with a BuildError!".
        self.raise_own_errors = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = Project(Path(config.config_file_path).resolve().parent)
        if Path(config.docs_dir).resolve() != self.project.docs.resolve():
            raise PluginError(
                f"mkdocs.yml: docs_dir must be 'docs' (the hand-written pages), got "
                f"{config.docs_dir!r}"
            )
        if self.release is None:
            # Only a release lives among versions: a preview (plain `mkdocs build`, `make site`)
            # has no versions.json for the selector to fetch.
            config.extra.pop("version", None)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        from .build import generate_pages, user_error_types, write_generated

        assert self.project is not None
        try:
            out = generate_pages(
                self.project,
                jobs=self.config.jobs,
                log=self.progress,
                release=self.release,
            )
            write_generated(self.project, out)
        except user_error_types() as exc:
            if self.raise_own_errors:
                raise
            raise PluginError(_one_line(exc)) from exc
        self.generated = out
        for rel, markdown in out.pages.items():
            _put(files, File.generated(config, rel, content=markdown))
        for rel, data in out.files.items():
            _put(files, File.generated(config, rel, content=data))
        # The order MkDocs would have walked them in from disk: sitemap and search index stay
        # the same whether a page is hand-written or generated.
        return Files(sorted(files, key=lambda file: _walk_order(file.src_uri)))

    # Last, after every other plugin wrote its pages (mkdocs-redirects writes its own).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        from .build import check_built_ids, user_error_types

        try:
            check_built_ids(Path(config.site_dir))
            if self.config.csp:
                # After MkDocs wrote every page: each is checked for script the theme did not
                # write, then gets the policy with the theme's recorded inline-script hashes.
                allowed = csp.load_theme_scripts()
                if self.release is not None:
                    # A release lives under /x.y/: the 404 page's scope script names that path.
                    allowed |= set(csp.theme_script_hashes(self.project.root, config.site_url))
                csp.apply_to_site(Path(config.site_dir), allowed)
            # Last of all: the service worker's cache version hashes every other file.
            offline.stamp_service_worker(Path(config.site_dir))
        except user_error_types() as exc:
            if self.raise_own_errors:
                raise
            raise PluginError(_one_line(exc)) from exc

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        assert self.project is not None
        for folder in (
            self.project.notebooks,
            self.project.data,
            self.project.bib,
            self.project.package,
        ):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _one_line(exc: BaseException) -> str:
    from .cli import describe_failure

    return describe_failure(exc)


def _walk_order(src_uri: str) -> tuple:
    """Sort key of ``os.walk`` over ``docs/`` as MkDocs does it: a folder's files (``index.md``
    first) before its subfolders, each level sorted by name."""
    folder, name = posixpath.split(src_uri)
    dirs = tuple((1, part) for part in folder.split("/") if part)
    return (*dirs, (0, posixpath.splitext(name)[0] not in ("index", "README"), name))


def _put(files: Files, file: File) -> None:
    """Add ``file``, replacing a file of the same path (a hand-written page we processed)."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
