"""Static files the site serves that are never committed: plotly.js, Pyodide, our wheel.

All are produced at build time from installed packages (the plotly wheel, npm's ``pyodide``)
or from the sources (the ``esoreview`` wheel), and placed in the generated docs folder so MkDocs
copies them like any other asset.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import resources

from .paths import Project


def plotly_js() -> bytes:
    """The minified plotly.js bundled inside the installed plotly Python package."""
    path = resources.files("plotly") / "package_data" / "plotly.min.js"
    return path.read_bytes()


def runtime_files(project: Project) -> dict[str, bytes]:
    """Every runtime asset, keyed by its path inside the site."""
    files = {"assets/plotly.min.js": plotly_js()}
    files.update(pyodide_files(project))
    files.update(wheel_files(project))
    return files


def pyodide_files(project: Project) -> dict[str, bytes]:
    from .runtime import copy_runtime, pinned_pyodide_version

    staging = project.work / "runtime-staging"
    shutil.rmtree(staging, ignore_errors=True)
    pin = pinned_pyodide_version(project.root)
    copied = copy_runtime(staging, node_modules=project.node_modules, expected_version=pin)
    return {p.relative_to(staging).as_posix(): p.read_bytes() for p in copied}


def wheel_files(project: Project) -> dict[str, bytes]:
    """The esoreview wheel and its manifest, rebuilt only when the package sources change."""
    from .runtime import build_wheel

    digest = hashlib.sha256()
    for path in sorted(project.package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(project.package).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update((project.root / "pyproject.toml").read_bytes())
    folder = project.work / "wheel" / digest.hexdigest()[:16]
    if not folder.is_dir():
        shutil.rmtree(project.work / "wheel", ignore_errors=True)
        tmp = folder.with_name(folder.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        build_wheel(tmp, project_dir=project.root)
        tmp.rename(folder)
    return {
        f"wheels/{p.relative_to(folder).as_posix()}": p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file()
    }
