"""esoreview.site.snapshot: the Pyodide memory snapshot made at build time (needs node)."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil

import pytest

from esoreview.site import snapshot
from esoreview.site.runtime import PROJECT_DIR, build_wheel

PYODIDE = PROJECT_DIR / "node_modules" / "pyodide"
needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not PYODIDE.is_dir(), reason="needs node and `npm ci`"
)


@pytest.mark.slow
@needs_node
def test_snapshot_is_written_and_recorded_with_its_hash(tmp_path):
    wheel = build_wheel(tmp_path)
    target = snapshot.make_snapshot(tmp_path, pyodide_dir=PYODIDE)
    manifest = json.loads((tmp_path / "runtime.json").read_text())
    data = target.read_bytes()
    assert manifest["wheel"] == wheel.name
    assert manifest["snapshot"] == {"file": target.name, "sha256": hashlib.sha256(data).hexdigest()}
    assert target.name == f"snapshot-{manifest['snapshot']['sha256'][:16]}.bin.gz"
    assert len(gzip.decompress(data)) > len(data)  # a real gzip stream, and it compresses


def test_a_pyodide_without_the_snapshot_options_is_refused(tmp_path):
    fake = tmp_path / "pyodide"
    fake.mkdir()
    (fake / "pyodide.d.ts").write_text("interface Config { indexURL?: string; }\n")
    (tmp_path / "runtime.json").write_text('{"wheel": "x.whl"}')
    if shutil.which("node") is None:
        pytest.skip("needs node")
    with pytest.raises(snapshot.SnapshotError, match="has no _makeSnapshot, _loadSnapshot option"):
        snapshot.make_snapshot(tmp_path, pyodide_dir=fake)


@needs_node
def test_a_failing_snapshot_script_reports_its_error(tmp_path):
    (tmp_path / "runtime.json").write_text('{"wheel": "missing.whl"}')
    with pytest.raises(snapshot.SnapshotError, match="make_snapshot.mjs failed: .*missing.whl"):
        snapshot.make_snapshot(tmp_path, pyodide_dir=PYODIDE, timeout=120)


def test_snapshot_imports_every_module_the_bridge_lets_a_page_call():
    from esoreview.browser import ALLOWED_MODULES

    assert set(ALLOWED_MODULES.values()) <= set(snapshot.MODULES)
    assert "esoreview.browser" in snapshot.MODULES
