"""The client-model test suite, run again inside real Pyodide (Node) against the shipped wheel.

CPython passing is not enough: the browser runs Python 3.14 compiled to WebAssembly, with a
trimmed standard library and no third-party packages. Test modules are chosen by their imports
(client models only, no third-party package besides pytest and hypothesis, whose stand-ins live
in ``pyodide_runner.py``).
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from esoreview.site.runtime import BROWSER_MODULES, BROWSER_PACKAGES, PROJECT_DIR, build_wheel

pytestmark = pytest.mark.pyodide

HERE = Path(__file__).resolve().parent
UNIT_TESTS = PROJECT_DIR / "tests" / "unit"
# What the wheel ships: its packages and its top-level modules (browser, clienterrors).
CLIENT_PACKAGES = {*BROWSER_PACKAGES, *(Path(name).stem for name in BROWSER_MODULES)} - {"__init__"}
TEST_ONLY_PACKAGES = {"pytest", "hypothesis"}


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
            if node.module == "esoreview":
                names.update(f"esoreview.{alias.name}" for alias in node.names)
    return names


def runs_in_pyodide(path: Path) -> bool:
    """True for test modules of the client models that need nothing Pyodide lacks."""
    imports = imported_modules(path)
    ours = {name.split(".")[1] for name in imports if name.startswith("esoreview.")}
    foreign = {
        name.split(".")[0]
        for name in imports
        if name.split(".")[0] not in sys.stdlib_module_names | TEST_ONLY_PACKAGES | {"esoreview"}
    }
    return bool(ours) and ours <= CLIENT_PACKAGES and not foreign


def test_selection_keeps_client_tests_and_drops_build_engine_tests():
    selected = {p.name for p in UNIT_TESTS.glob("test_*.py") if runs_in_pyodide(p)}
    assert "test_browser_glue.py" in selected
    assert "test_clienterrors.py" in selected
    assert "test_runtime.py" not in selected  # imports esoreview.site
    assert any(name.startswith("test_staging") for name in selected)


def test_client_tests_pass_inside_pyodide(tmp_path):
    node = shutil.which("node")
    if node is None or not (PROJECT_DIR / "node_modules" / "pyodide").is_dir():
        pytest.fail("node and node_modules/pyodide are needed: install Node.js and run `npm ci`")
    modules = sorted(str(p) for p in UNIT_TESTS.glob("test_*.py") if runs_in_pyodide(p))
    wheel = build_wheel(tmp_path)
    done = subprocess.run(
        [node, str(HERE / "run_in_pyodide.mjs"), "--wheel", str(wheel), "--project"]
        + [str(PROJECT_DIR), *modules],
        capture_output=True,
        text=True,
        timeout=900,
    )
    lines = done.stdout.strip().splitlines()
    assert lines, f"no report from Pyodide (exit {done.returncode}):\n{done.stderr[-4000:]}"
    report = json.loads(lines[-1])
    failures = "\n\n".join(f"{f['test']}\n{f['detail']}" for f in report["failures"])
    print(
        f"Pyodide {report['pyodide']} (Python {report['python']}): {report['passed']} passed, "
        f"{report['failed']} failed, {report['skipped']} skipped {report['skips']}"
    )
    assert report["failed"] == 0, failures
    assert report["esoreview"].startswith("/lib/python"), "esoreview must come from the wheel"
    assert report["passed"] > 0
    assert done.returncode == 0, done.stderr[-4000:]
