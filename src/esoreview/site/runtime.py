"""Ship the in-browser Python runtime: Pyodide's core files and a wheel of the client models.

Layout written into the built site (the worker in ``docs/js/esoreview-worker.js`` relies on it)::

    pyodide/pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm, python_stdlib.zip, pyodide-lock.json
    wheels/esoreview-<version>-py3-none-any.whl
    wheels/runtime.json   {"pyodide": "<pinned version>", "wheel": "<file name>", "sha256": "..."}

How the wheel gets into Pyodide. The npm package ships no micropip, so the worker fetches the
wheel bytes and calls ``pyodide.unpackArchive(bytes, "whl", {extractDir: site-packages})``, which
is a plain zip extraction: enough for a pure-Python wheel with no dependencies and no entry points.
``loadPackage`` would need the wheel listed in ``pyodide-lock.json``; pyodide-build's offline
``pyodide lockfile add-wheels`` could add it, but on this project's Python 3.11 pip resolves
pyodide-build 0.25.1, whose CLI dies on import with
``ModuleNotFoundError: No module named 'wheel.cli'`` (auditwheel_emscripten imports
``wheel.cli.pack``, removed from ``wheel``), so we do not depend on it.

Why we write the wheel ourselves instead of running ``python -m build``: an isolated PEP 517
build downloads setuptools on every run, a non-isolated one writes ``build/`` and ``*.egg-info``
into the shared source tree, and neither is byte-reproducible. The browser needs only the
standard-library client models (:data:`BROWSER_PACKAGES`); the build engine imports the
documentation toolchain, which does not exist in Pyodide. A fixed timestamp makes the archive
depend on the sources alone, so its sha256 -- the browser's cache key -- changes only when
client code does.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import tomllib
import zipfile
from pathlib import Path

from ..errors import EsoreviewError

PROJECT_DIR = Path(__file__).resolve().parents[3]

# The exact file names of the Pyodide 314 core runtime; nothing else from node_modules ships.
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)

# What the browser imports: the package root, the JSON bridge and its one JSON rule, the client
# models' error base and the client-model packages.
BROWSER_MODULES = ("__init__.py", "browser.py", "clienterrors.py", "jsonsafe.py")
BROWSER_PACKAGES = ("staging", "kinetics", "metaanalysis")
MANIFEST_NAME = "runtime.json"
# sha256 of each core file of the pinned Pyodide, recorded in the repository: the build ships
# only files that match (npm checks the tarball it downloads; this checks what is on disk).
HASHES_PATH = Path(__file__).with_name("pyodide_hashes.json")
HASHES_COMMAND = "esoreview-build pyodide-hashes"

# 1980-01-01, the earliest time a zip entry can carry: fixed so that identical sources give
# an identical wheel.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_SKIPPED_SUFFIXES = (".pyc", ".pyo")


class RuntimeAssetError(EsoreviewError, RuntimeError):
    """A runtime file is missing or does not match the pinned version."""


def pinned_pyodide_version(project_dir: Path = PROJECT_DIR) -> str:
    """Return the exact Pyodide version pinned in ``package.json``."""
    package_json = project_dir / "package.json"
    try:
        spec = json.loads(package_json.read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    except FileNotFoundError as exc:
        raise RuntimeAssetError(f"{package_json} not found: cannot tell the Pyodide pin") from exc
    except KeyError as exc:
        raise RuntimeAssetError(f"{package_json} has no dependencies.pyodide entry") from exc
    if not spec[:1].isdigit():
        raise RuntimeAssetError(
            f"{package_json} pins pyodide as {spec!r}; pin an exact version such as '314.0.7'"
        )
    return spec


def copy_runtime(
    site_dir: Path, *, node_modules: Path, expected_version: str | None = None
) -> list[Path]:
    """Copy Pyodide's core runtime files into ``site_dir/pyodide/`` and return their paths.

    ``expected_version`` defaults to the pin in the project's ``package.json``; a stale
    ``node_modules`` (forgotten ``npm ci``) fails here rather than in the reader's browser.
    """
    source = Path(node_modules) / "pyodide"
    package_json = source / "package.json"
    if not package_json.is_file():
        raise RuntimeAssetError(f"{package_json} not found: run `npm ci` first")
    installed = json.loads(package_json.read_text(encoding="utf-8"))["version"]
    wanted = expected_version or pinned_pyodide_version()
    if installed != wanted:
        raise RuntimeAssetError(
            f"node_modules has pyodide {installed} but {wanted} is pinned: run `npm ci`"
        )
    missing = [name for name in RUNTIME_FILES if not (source / name).is_file()]
    if missing:
        raise RuntimeAssetError(f"pyodide {installed} in {source} lacks {', '.join(missing)}")

    target = Path(site_dir) / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy2(source / name, target / name)) for name in RUNTIME_FILES]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def recorded_hashes(version: str, path: Path = HASHES_PATH) -> dict[str, str]:
    """The recorded sha256 of every core file of Pyodide ``version``."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RuntimeAssetError(
            f"cannot read the recorded Pyodide hashes: {exc}",
            file=path,
            hint=f"run `{HASHES_COMMAND}`",
        ) from exc
    if record.get("pyodide") != version:
        raise RuntimeAssetError(
            f"hashes are recorded for Pyodide {record.get('pyodide')}, but {version} is pinned",
            file=path,
            hint=f"after checking the new release, run `{HASHES_COMMAND}` and commit the result",
        )
    return dict(record["sha256"])


def verify_runtime(files: list[Path], version: str, path: Path = HASHES_PATH) -> None:
    """Fail unless every core file matches its recorded sha256 (a tampered or corrupt file)."""
    expected = recorded_hashes(version, path)
    for file in files:
        want = expected.get(file.name)
        got = file_sha256(file)
        if want is None or got != want:
            raise RuntimeAssetError(
                f"sha256 {got[:16]}... does not match the hash recorded for Pyodide {version} "
                f"({(want or 'none recorded')[:16]}...)",
                file=file,
                hint="reinstall with `npm ci`; if the file is right, a reviewer updates "
                f"{path.name} with `{HASHES_COMMAND}`",
            )


def record_runtime_hashes(node_modules: Path, project_dir: Path = PROJECT_DIR) -> str:
    """Write the sha256 of the installed, pinned Pyodide's core files; returns a summary."""
    version = pinned_pyodide_version(project_dir)
    source = Path(node_modules) / "pyodide"
    installed = json.loads((source / "package.json").read_text(encoding="utf-8"))["version"]
    if installed != version:
        raise RuntimeAssetError(
            f"node_modules has pyodide {installed} but {version} is pinned", hint="run `npm ci`"
        )
    record = {
        "comment": "sha256 of the Pyodide core files the site ships; the build refuses others. "
        f"Regenerate with `{HASHES_COMMAND}` after changing the pin in package.json.",
        "pyodide": version,
        "sha256": {name: file_sha256(source / name) for name in RUNTIME_FILES},
    }
    HASHES_PATH.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return f"{HASHES_PATH}: sha256 of {len(RUNTIME_FILES)} files of Pyodide {version}"


def _project_version(project_dir: Path) -> str:
    with (project_dir / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def _browser_sources(package_dir: Path) -> list[tuple[str, Path]]:
    """Return ``(archive name, file)`` pairs for everything the browser imports, sorted."""
    files: list[tuple[str, Path]] = []
    for name in BROWSER_MODULES:
        path = package_dir / name
        if not path.is_file():
            raise RuntimeAssetError(f"{path} not found: the browser wheel needs it")
        files.append((f"esoreview/{name}", path))
    for package in BROWSER_PACKAGES:
        root = package_dir / package
        if not (root / "__init__.py").is_file():
            raise RuntimeAssetError(f"{root} is not a package (no __init__.py)")
        for path in sorted(root.rglob("*")):
            if not path.is_file() or "__pycache__" in path.parts:
                continue
            if path.suffix in _SKIPPED_SUFFIXES:
                continue
            files.append((f"esoreview/{path.relative_to(package_dir).as_posix()}", path))
    return sorted(files)


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "sha256=" + digest.decode("ascii")


def _write_entry(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build_wheel(out_dir: Path, *, project_dir: Path = PROJECT_DIR) -> Path:
    """Write the browser wheel of esoreview into ``out_dir`` plus ``runtime.json``; return it.

    ``out_dir`` is the site's ``wheels/`` directory. The manifest names the wheel and its
    sha256 (the worker verifies it and uses it to bust the HTTP cache) and the pinned Pyodide
    version (the worker refuses to run against a different runtime).
    """
    project_dir = Path(project_dir)
    version = _project_version(project_dir)
    dist_info = f"esoreview-{version}.dist-info"
    wheel_name = f"esoreview-{version}-py3-none-any.whl"
    metadata = f"Metadata-Version: 2.1\nName: esoreview\nVersion: {version}\n".encode()
    wheel_meta = (
        b"Wheel-Version: 1.0\nGenerator: esoreview.site.runtime\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )

    entries = [
        (name, path.read_bytes())
        for name, path in _browser_sources(project_dir / "src" / "esoreview")
    ]
    entries += [(f"{dist_info}/METADATA", metadata), (f"{dist_info}/WHEEL", wheel_meta)]
    record_name = f"{dist_info}/RECORD"
    record = "".join(f"{name},{_record_hash(data)},{len(data)}\n" for name, data in entries)
    entries.append((record_name, f"{record}{record_name},,\n".encode()))

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel_path = out_dir / wheel_name
    with zipfile.ZipFile(wheel_path, "w") as archive:
        for name, data in entries:
            _write_entry(archive, name, data)

    manifest = {
        "pyodide": pinned_pyodide_version(project_dir),
        "wheel": wheel_name,
        "sha256": hashlib.sha256(wheel_path.read_bytes()).hexdigest(),
    }
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return wheel_path


def install_runtime(
    site_dir: Path, *, node_modules: Path, project_dir: Path = PROJECT_DIR
) -> list[Path]:
    """Copy the Pyodide runtime and build the wheel into a built site; return every file written."""
    site_dir = Path(site_dir)
    files = copy_runtime(
        site_dir,
        node_modules=node_modules,
        expected_version=pinned_pyodide_version(project_dir),
    )
    wheel = build_wheel(site_dir / "wheels", project_dir=project_dir)
    return [*files, wheel, wheel.parent / MANIFEST_NAME]
