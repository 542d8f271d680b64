"""esoreview.site.offline: the service worker's cache version follows the site's content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from esoreview.site import offline
from esoreview.site.runtime import PROJECT_DIR

TEMPLATE = (PROJECT_DIR / "docs" / "sw.js").read_text(encoding="utf-8")


def make_site(root: Path, page: str = "<p>one</p>") -> Path:
    (root / "pyodide").mkdir(parents=True)
    (root / "index.html").write_text(page, encoding="utf-8")
    (root / "pyodide" / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (root / "sw.js").write_text(TEMPLATE, encoding="utf-8")
    return root


def version_in(site: Path) -> str:
    match = re.search(r'^const VERSION = "([0-9a-f]+)";$', (site / "sw.js").read_text(), re.M)
    assert match, "sw.js lost its VERSION line"
    return match.group(1)


def test_stamp_writes_the_content_hash(tmp_path):
    site = make_site(tmp_path / "a")
    version = offline.stamp_service_worker(site)
    assert version_in(site) == version and len(version) == 16


def test_same_content_same_version_and_any_change_a_new_one(tmp_path):
    first = offline.stamp_service_worker(make_site(tmp_path / "a"))
    again = offline.stamp_service_worker(make_site(tmp_path / "b"))
    changed = offline.stamp_service_worker(make_site(tmp_path / "c", "<p>two</p>"))
    assert first == again
    assert changed != first


def test_restamping_is_stable(tmp_path):
    site = make_site(tmp_path / "a")
    assert offline.stamp_service_worker(site) == offline.stamp_service_worker(site)


def test_missing_worker_or_version_line_is_a_clear_error(tmp_path):
    site = make_site(tmp_path / "a")
    (site / "sw.js").unlink()
    with pytest.raises(offline.OfflineError, match="sw.js missing"):
        offline.stamp_service_worker(site)
    (site / "sw.js").write_text("self.addEventListener('fetch', () => {});\n")
    with pytest.raises(offline.OfflineError, match="expected one line"):
        offline.stamp_service_worker(site)


def test_worker_never_handles_other_origins_or_non_get_requests():
    # The guard the CSP relies on: nothing of another origin is intercepted or stored.
    assert "!sameOrigin(url)" in TEMPLATE and 'request.method !== "GET"' in TEMPLATE


def test_worker_lists_the_same_runtime_files_as_the_build():
    from esoreview.site.runtime import RUNTIME_FILES

    worker = (PROJECT_DIR / "docs" / "js" / "esoreview-worker.js").read_text(encoding="utf-8")
    block = re.search(r"const RUNTIME_FILES = \[(.*?)\];", worker, re.S)
    assert block is not None
    assert re.findall(r'"([^"]+)"', block.group(1)) == list(RUNTIME_FILES)
