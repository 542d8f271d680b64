"""Static files the site serves that are never committed: plotly.js, Pyodide, our wheel.

All are produced at build time from installed packages (plotly.js from npm or the plotly wheel,
npm's ``pyodide``) or from the sources (the ``esoreview`` wheel), and placed in the generated
docs folder so MkDocs copies them like any other asset.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from ..errors import EsoreviewError
from .paths import Project

# Trace types in plotly.js's "basic" bundle (1.2 MB against 4.8 MB for the full one).
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})
BASIC_BUNDLE = Path("plotly.js-basic-dist-min") / "plotly-basic.min.js"
FIGURE_DATA = re.compile(r'<script type="application/json" class="eso-figure-data">(.*?)</script>')
BUNDLE_VERSION = re.compile(rb"plotly\.js (?:\([a-z -]+\) )?v(\d+\.\d+\.\d+)")


class AssetError(EsoreviewError, RuntimeError):
    """A runtime asset is missing or does not match what the figures were made for."""


def trace_types(pages: Iterable[str]) -> set[str]:
    """Plotly trace types the pages' figures use (template defaults are not traces)."""
    types: set[str] = set()
    for markdown in pages:
        for payload in FIGURE_DATA.findall(markdown):
            spec = json.loads(payload)
            types.update(trace.get("type", "scatter") for trace in spec.get("data", []))
    return types


def plotly_js(project: Project, traces: set[str]) -> bytes:
    """The smallest plotly.js that draws ``traces``, of the version plotly.py was built for."""
    full = (resources.files("plotly") / "package_data" / "plotly.min.js").read_bytes()
    if not traces <= BASIC_TRACES:
        return full
    basic_path = project.node_modules / BASIC_BUNDLE
    if not basic_path.is_file():
        raise AssetError(f"{basic_path} not found: run `npm ci`")
    basic = basic_path.read_bytes()
    wanted, got = BUNDLE_VERSION.search(full[:400]), BUNDLE_VERSION.search(basic[:400])
    if not (wanted and got and wanted.group(1) == got.group(1)):
        raise AssetError(
            f"{basic_path} is plotly.js {got and got.group(1).decode()}, but the installed "
            f"plotly package draws for {wanted and wanted.group(1).decode()}: "
            "pin the same version in package.json"
        )
    return basic


def runtime_files(project: Project, traces: set[str]) -> dict[str, bytes]:
    """Every runtime asset, keyed by its path inside the site."""
    files = {"assets/plotly.min.js": plotly_js(project, traces)}
    files.update(pyodide_files(project))
    files.update(wheel_files(project))
    return files


def pyodide_files(project: Project) -> dict[str, bytes]:
    from .runtime import copy_runtime, pinned_pyodide_version, verify_runtime

    staging = project.work / "runtime-staging"
    shutil.rmtree(staging, ignore_errors=True)
    pin = pinned_pyodide_version(project.root)
    copied = copy_runtime(staging, node_modules=project.node_modules, expected_version=pin)
    verify_runtime(copied, pin)
    return {p.relative_to(staging).as_posix(): p.read_bytes() for p in copied}


def wheel_files(project: Project) -> dict[str, bytes]:
    """The esoreview wheel and its manifest, rebuilt only when the package sources change."""
    from .runtime import build_wheel
    from .snapshot import make_snapshot

    digest = hashlib.sha256()
    for path in sorted(project.package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(project.package).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update((project.root / "pyproject.toml").read_bytes())
    digest.update((project.node_modules / "pyodide" / "package.json").read_bytes())
    folder = project.work / "wheel" / digest.hexdigest()[:16]
    if not folder.is_dir():
        shutil.rmtree(project.work / "wheel", ignore_errors=True)
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        build_wheel(tmp, project_dir=project.root)
        # Same cache key: the snapshot is remade exactly when the wheel or Pyodide changes.
        make_snapshot(tmp, pyodide_dir=project.node_modules / "pyodide")
        tmp.rename(folder)
    return {
        f"wheels/{p.relative_to(folder).as_posix()}": p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file()
    }
