"""Read Jupytext notebooks and execute them, with a cache that knows what a notebook depends on.

The cache store is jupyter-cache. Out of the box it keys a notebook on its code cells only; our
notebooks also depend on the ``esoreview`` sources, the data files they read and the pinned
dependency lock. We fold a hash of those into one notebook-metadata field and ask jupyter-cache
to hash that field too (``DependencyAwareCache``), so the store, its records and its merge of
cached outputs into edited prose all stay jupyter-cache's own.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jupyter_cache.cache.main import CacheBundleIn, JupyterCacheBase
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from ..errors import EsoreviewError, read_utf8
from .paths import Project

DEPS_KEY = "esoreview_dependencies"
CELL_TIMEOUT_S = 300
# Literal paths such as "data/trials.csv" in code cells name the data a notebook reads.
DATA_REFERENCE = re.compile(r"""["'](data/[^"'\s]+)["']""")
CELL_MARKER = re.compile(r"^# %%")


class NotebookError(EsoreviewError, RuntimeError):
    """A notebook could not be read or executed; the message names file, cell and line."""


@dataclass
class SourceNotebook:
    """A notebook as read from ``notebooks/NN-slug.py``, with where each cell starts."""

    path: Path
    nb: nbformat.NotebookNode
    cell_lines: list[int]  # 1-based line of each cell's first content line in the .py file

    @property
    def slug(self) -> str:
        return self.path.stem.split("-", 1)[1]

    @property
    def order(self) -> str:
        return self.path.stem.split("-", 1)[0]

    def code_sources(self) -> list[str]:
        return [c.source for c in self.nb.cells if c.cell_type == "code"]

    def data_references(self) -> list[str]:
        found = {m for src in self.code_sources() for m in DATA_REFERENCE.findall(src)}
        return sorted(found)


def read_notebook(path: Path) -> SourceNotebook:
    """Parse a py:percent notebook; errors name the file (and the line of a non-UTF-8 byte)."""
    try:
        text = read_utf8(path)
    except EsoreviewError as exc:
        raise NotebookError(
            exc.args[0], file=path, line=exc.line, hint="save the notebook as UTF-8"
        ) from None
    try:
        nb = jupytext.reads(text, fmt="py:percent")
    except Exception as exc:  # jupytext raises many types; the file name is what matters
        raise NotebookError(f"{path}: not a readable py:percent notebook: {exc}") from exc
    return SourceNotebook(path=path, nb=nb, cell_lines=_cell_lines(text, len(nb.cells)))


def _cell_lines(text: str, n_cells: int) -> list[int]:
    """First content line (1-based) of each cell, from the ``# %%`` markers."""
    lines = text.splitlines()
    markers = [i for i, line in enumerate(lines) if CELL_MARKER.match(line)]
    starts = [i + 2 for i in markers]  # the line after the marker, 1-based
    if len(starts) < n_cells:  # code before the first marker is a cell of its own
        starts = [1] * (n_cells - len(starts)) + starts
    return starts[-n_cells:] if n_cells else []


def shared_dependency_hash(project: Project) -> str:
    """Hash of what every notebook depends on: the package sources and the dependency lock.

    Computed once per build; each notebook adds only the data files it names.
    """
    # The build engine (esoreview.site) renders pages but never runs inside a notebook.
    engine = project.package / "site"
    package = sorted(
        p
        for p in project.package.rglob("*")
        if p.is_file()
        and p.suffix in {".py", ".json", ".csv"}
        and engine not in p.parents
        and "__pycache__" not in p.parts
    )
    return _hash_files(project, [*package, project.lock])


def dependency_hash(project: Project, notebook: SourceNotebook, shared: str | None = None) -> str:
    """Hash of everything outside the code cells that can change a notebook's outputs."""
    data = [project.root / ref for ref in notebook.data_references()]
    shared = shared if shared is not None else shared_dependency_hash(project)
    return hashlib.sha256((shared + _hash_files(project, data)).encode()).hexdigest()


def _hash_files(project: Project, paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.relative_to(project.root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes() if path.exists() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()


class DependencyAwareCache(JupyterCacheBase):
    """jupyter-cache keyed on code-cell sources plus :data:`DEPS_KEY`.

    Cell metadata and the kernelspec are left out of the key: execution adds timing metadata
    and a kernel display name, and rendering tags (``remove-input``) do not change outputs.
    """

    def create_hashed_notebook(self, nb, nb_metadata=(DEPS_KEY,), cell_metadata=()):
        return super().create_hashed_notebook(nb, nb_metadata, cell_metadata)


@dataclass
class ExecutionResult:
    notebook: SourceNotebook
    executed_nb: nbformat.NotebookNode
    cached: bool
    seconds: float


def keyed_notebook(
    project: Project, notebook: SourceNotebook, shared: str | None = None
) -> nbformat.NotebookNode:
    """A copy of the notebook carrying the dependency hash the cache key includes."""
    nb = nbformat.from_dict(notebook.nb)
    nb.metadata[DEPS_KEY] = dependency_hash(project, notebook, shared)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def lookup(
    cache: DependencyAwareCache,
    notebook: SourceNotebook,
    nb: nbformat.NotebookNode,
    warn: Callable[[str], None] = print,
) -> ExecutionResult | None:
    """The notebook with cached outputs merged in (current prose kept), or None on a miss.

    A record whose executed notebook is missing, unreadable or truncated is discarded with a
    one-line warning and counts as a miss, so the notebook simply runs again.
    """
    start = time.perf_counter()
    try:
        record = cache.match_cache_notebook(nb)
    except KeyError:
        return None
    try:
        _, merged = cache.merge_match_into_notebook(nb)
        nbformat.validate(merged)
    except Exception as exc:  # missing file, bad JSON, wrong schema: all mean "damaged"
        path = cache._get_notebook_path_cache(record.hashkey)
        reason = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc) else ''}"
        warn(
            f"warning: {path}: damaged cache entry for {notebook.path.name} ({reason[:120]}); "
            "discarded, the notebook runs again"
        )
        discard_record(cache, record.pk, record.hashkey)
        return None
    return ExecutionResult(notebook, merged, True, time.perf_counter() - start)


def discard_record(cache: DependencyAwareCache, pk: int, hashkey: str) -> None:
    """Remove one cache record and whatever is left of its files."""
    from jupyter_cache.cache.db import NbCacheRecord

    shutil.rmtree(cache._get_notebook_path_cache(hashkey).parent, ignore_errors=True)
    NbCacheRecord.remove_records([pk], cache.db)


def run(project: Project, notebook: SourceNotebook, nb: nbformat.NotebookNode) -> ExecutionResult:
    """Execute with nbclient in the repository root; a failing cell raises NotebookError."""
    start = time.perf_counter()
    current = {"index": 0}

    def on_cell_start(cell, cell_index):  # nbclient hook: remember which cell is running
        current["index"] = cell_index

    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(project.root)}},
        allow_errors=False,
        on_cell_start=on_cell_start,
        # The kernel otherwise warns on every start that local TCP is unencrypted.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError) as exc:
        raise _describe_failure(project, notebook, current["index"], exc) from None
    except Exception as exc:  # kernel died, could not start, ...
        rel = notebook.path.relative_to(project.root)
        raise NotebookError(
            f"execution failed: {type(exc).__name__}: {exc}",
            file=rel,
            hint="check that the ipykernel package is installed in .venv",
        ) from exc
    return ExecutionResult(notebook, nb, False, time.perf_counter() - start)


def store(project: Project, cache: DependencyAwareCache, result: ExecutionResult) -> None:
    uri = str(result.notebook.path.relative_to(project.root))
    cache.cache_notebook_bundle(CacheBundleIn(nb=result.executed_nb, uri=uri), overwrite=True)


def _describe_failure(
    project: Project, notebook: SourceNotebook, index: int, exc: Exception
) -> NotebookError:
    """One line (file:line, cell, exception); the cell's traceback is kept for --debug."""
    rel = notebook.path.relative_to(project.root)
    line = notebook.cell_lines[index] if index < len(notebook.cell_lines) else None
    name = getattr(exc, "ename", "") or type(exc).__name__
    value = (getattr(exc, "evalue", "") or "").strip().splitlines()
    summary = f"{name}: {value[0]}" if value else name
    error = NotebookError(
        f"cell {index + 1} failed: {summary}",
        file=rel,
        line=line,
        hint="run with --debug for the cell's traceback",
    )
    error.details = str(exc).strip()
    return error


CACHE_TABLES = frozenset({"nbcache", "nbproject", "settings"})


def open_cache(project: Project, warn: Callable[[str], None] = print) -> DependencyAwareCache:
    """The execution cache; a damaged database is discarded (one warning) and starts empty."""
    project.cache.mkdir(parents=True, exist_ok=True)
    database = project.cache / "global.db"
    if database.exists():
        problem = database_problem(database)
    elif (project.cache / "executed").exists():
        problem = "executed notebooks without a database"
    else:
        problem = None
    if problem:
        warn(
            f"warning: {database}: {problem}; discarded the execution cache, "
            "every notebook runs again"
        )
        shutil.rmtree(project.cache)
        project.cache.mkdir(parents=True)
    return DependencyAwareCache(str(project.cache))


def database_problem(database: Path) -> str | None:
    """Why the cache database cannot be trusted, or None when it passes SQLite's own check."""
    if database.stat().st_size == 0:
        return "empty database file"
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            check = connection.execute("PRAGMA integrity_check").fetchall()
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
    except sqlite3.DatabaseError as exc:
        return f"not a readable SQLite database ({exc})"
    if check != [("ok",)]:
        return f"SQLite integrity check failed ({check[0][0] if check else 'no answer'})"
    if missing := CACHE_TABLES - tables:
        return f"tables missing: {', '.join(sorted(missing))}"
    return None


def execute_notebooks(
    project: Project, *, jobs: int = 2, log: Callable[[str], None] = print
) -> list[ExecutionResult]:
    """Execute every notebook whose cache key changed; one progress line per notebook."""
    cache = open_cache(project, warn=log)
    sources = [read_notebook(p) for p in project.notebook_files()]
    shared = shared_dependency_hash(project)
    keyed = [keyed_notebook(project, s, shared) for s in sources]
    results: list[ExecutionResult | None] = []
    for source, nb in zip(sources, keyed, strict=True):
        hit = lookup(cache, source, nb, warn=log)
        if hit is not None:
            _progress(log, hit)
        results.append(hit)
    missing = [i for i, r in enumerate(results) if r is None]
    # Kernels are separate processes, so threads are enough to use both cores.
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(run, project, sources[i], keyed[i]): i for i in missing}
        for future in as_completed(futures):
            result = future.result()  # NotebookError propagates with file:line
            store(project, cache, result)  # the cache database stays on this thread
            results[futures[future]] = result
            _progress(log, result)
    return [r for r in results if r is not None]


def _progress(log: Callable[[str], None], result: ExecutionResult) -> None:
    state = "cached  " if result.cached else "executed"
    log(f"{state} {result.notebook.path.name:<40} {result.seconds:6.2f} s")
