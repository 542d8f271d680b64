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
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jupyter_cache.cache.main import CacheBundleIn, JupyterCacheBase
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from .paths import Project

DEPS_KEY = "esoreview_dependencies"
CELL_TIMEOUT_S = 300
# Literal paths such as "data/trials.csv" in code cells name the data a notebook reads.
DATA_REFERENCE = re.compile(r"""["'](data/[^"'\s]+)["']""")
CELL_MARKER = re.compile(r"^# %%")


class NotebookError(RuntimeError):
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
    """Parse a py:percent notebook; errors name the file."""
    text = path.read_text(encoding="utf-8")
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
    cache: DependencyAwareCache, notebook: SourceNotebook, nb: nbformat.NotebookNode
) -> ExecutionResult | None:
    """The notebook with cached outputs merged in (current prose kept), or None on a miss."""
    start = time.perf_counter()
    try:
        _, merged = cache.merge_match_into_notebook(nb)
    except KeyError:
        return None
    return ExecutionResult(notebook, merged, True, time.perf_counter() - start)


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
        raise NotebookError(_describe_failure(project, notebook, current["index"], exc)) from None
    except Exception as exc:  # kernel died, could not start, ...
        rel = notebook.path.relative_to(project.root)
        raise NotebookError(f"{rel}: execution failed: {type(exc).__name__}: {exc}") from exc
    return ExecutionResult(notebook, nb, False, time.perf_counter() - start)


def store(project: Project, cache: DependencyAwareCache, result: ExecutionResult) -> None:
    uri = str(result.notebook.path.relative_to(project.root))
    cache.cache_notebook_bundle(CacheBundleIn(nb=result.executed_nb, uri=uri), overwrite=True)


def _describe_failure(
    project: Project, notebook: SourceNotebook, index: int, exc: Exception
) -> str:
    rel = notebook.path.relative_to(project.root)
    line = notebook.cell_lines[index] if index < len(notebook.cell_lines) else "?"
    return f"{rel}:{line}: cell {index + 1} failed\n{str(exc).strip()}"


def open_cache(project: Project) -> DependencyAwareCache:
    project.cache.mkdir(parents=True, exist_ok=True)
    return DependencyAwareCache(str(project.cache))


def execute_notebooks(
    project: Project, *, jobs: int = 2, log: Callable[[str], None] = print
) -> list[ExecutionResult]:
    """Execute every notebook whose cache key changed; one progress line per notebook."""
    cache = open_cache(project)
    sources = [read_notebook(p) for p in project.notebook_files()]
    shared = shared_dependency_hash(project)
    keyed = [keyed_notebook(project, s, shared) for s in sources]
    results: list[ExecutionResult | None] = []
    for source, nb in zip(sources, keyed, strict=True):
        hit = lookup(cache, source, nb)
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
