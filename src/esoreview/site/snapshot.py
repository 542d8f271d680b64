"""A Pyodide memory snapshot of the interpreter with the client models imported.

Starting Python in the browser is mostly Pyodide initialising the interpreter and importing
modules; a memory snapshot taken after that (``loadPyodide({_makeSnapshot: true})`` then
``makeMemorySnapshot()``) lets the worker start from the finished state with
``loadPyodide({_loadSnapshot})``. The snapshot is made at build time under Node from the same
``node_modules/pyodide`` files the site ships, for the same wheel, and recorded in
``wheels/runtime.json`` (file name and sha256) so the worker checks it like the wheel. The
worker falls back to a normal start if the snapshot cannot be used.

``_makeSnapshot``/``_loadSnapshot`` are Pyodide's experimental (underscore) options, checked
for the pinned version in ``node_modules/pyodide/pyodide.d.ts``; :func:`make_snapshot` fails
with a clear message if they disappear in an upgrade.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

from ..browser import ALLOWED_MODULES
from ..errors import EsoreviewError
from .runtime import MANIFEST_NAME

SCRIPT = Path(__file__).with_name("make_snapshot.mjs")
# Imported before the snapshot is taken: the bridge and every module it lets a page call (the
# script then makes each widget's first call, esoreview.browser.warm_up).
MODULES = ("esoreview.browser", *ALLOWED_MODULES.values())
OPTIONS = ("_makeSnapshot", "_loadSnapshot")


class SnapshotError(EsoreviewError, RuntimeError):
    """The snapshot could not be made (no node, an incompatible Pyodide, a failing import)."""


def make_snapshot(wheels_dir: Path, *, pyodide_dir: Path, timeout: float = 300) -> Path:
    """Write ``snapshot-<sha16>.bin.gz`` next to the wheel and record it in runtime.json."""
    node = shutil.which("node")
    if node is None:
        raise SnapshotError("node not found: it is needed to make the Pyodide memory snapshot")
    types = (pyodide_dir / "pyodide.d.ts").read_text(encoding="utf-8")
    missing = [name for name in OPTIONS if f"{name}?" not in types]
    if missing:
        raise SnapshotError(f"{pyodide_dir}/pyodide.d.ts has no {', '.join(missing)} option")
    manifest_path = wheels_dir / MANIFEST_NAME
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    tmp = wheels_dir / "snapshot.tmp"
    result = subprocess.run(
        [node, str(SCRIPT), str(pyodide_dir), str(wheels_dir / manifest["wheel"]), str(tmp)]
        + list(MODULES),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        lines = result.stderr.strip().splitlines() or ["(no output)"]
        # Node ends with its version line; the error itself is the first "...Error: ..." line.
        reason = next((line.strip() for line in lines if "Error:" in line), lines[-1])
        raise SnapshotError(f"{SCRIPT.name} failed: {reason}")
    data = tmp.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    target = wheels_dir / f"snapshot-{digest[:16]}.bin.gz"
    tmp.replace(target)
    manifest["snapshot"] = {"file": target.name, "sha256": digest}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target
