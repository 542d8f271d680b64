"""The Pyodide runner's pytest/hypothesis stand-ins, checked quickly in CPython."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent

SAMPLE = """
import pytest
from hypothesis import given, strategies as st

optional = pytest.importorskip("module_that_does_not_exist")


def test_passes():
    assert 0.1 + 0.2 == pytest.approx(0.3)
    assert [1.0, 2.0] == pytest.approx([1.0, 2.0 + 1e-9])
    assert {"a": 1.0} == pytest.approx({"a": 1.001}, rel=1e-2)


def test_fails():
    assert 1.0 == pytest.approx(1.1)


@pytest.mark.parametrize("x", [1, 2, pytest.param(3, id="three")])
@pytest.mark.parametrize(("a", "b"), [(1, 1), (2, 2)])
def test_grid(x, a, b):
    assert a == b and x in (1, 2, 3)


def test_raises_checks_type_and_message():
    with pytest.raises(ValueError, match="bad v") as caught:
        raise ValueError("bad value")
    assert caught.value.args == ("bad value",)


def test_raises_fails_when_nothing_is_raised():
    with pytest.raises(ValueError):
        pass


def test_uses_optional_module():
    optional.solve()


@given(st.lists(st.integers()).map(sorted))
def test_property(xs):
    pass


def test_needs_fixture(monkeypatch):
    pass


def test_tmp_path_is_provided(tmp_path):
    (tmp_path / "f").write_text("x")


@pytest.mark.slow
def test_custom_marks_are_ignored():
    pass
"""


def run_without_pytest(path: Path) -> dict:
    """Run the runner in a CPython without site-packages: like Pyodide, no pytest or hypothesis."""
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import pyodide_runner; "
        "print(json.dumps(pyodide_runner.run([sys.argv[2]])))"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", script, str(HERE), str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=path.parent,
    )
    return json.loads(done.stdout)


def test_runner_counts_passes_failures_and_skips_with_reasons(tmp_path):
    path = tmp_path / "test_sample_for_runner.py"
    path.write_text(textwrap.dedent(SAMPLE))
    report = run_without_pytest(path)
    failed = sorted(f["test"].split("::")[1] for f in report["failures"])
    assert failed == ["test_fails", "test_raises_fails_when_nothing_is_raised"]
    # passes: test_passes, 6 grid cases, raises, tmp_path, custom marks
    assert report["passed"] == 10
    assert report["skips"] == {
        "needs module_that_does_not_exist, which Pyodide does not ship": 1,
        "property test (hypothesis is not in Pyodide)": 1,
        "needs pytest fixture(s) monkeypatch": 1,
    }


def test_a_module_that_fails_to_import_is_a_failure(tmp_path):
    path = tmp_path / "test_broken_for_runner.py"
    path.write_text("import module_that_does_not_exist\n")
    report = run_without_pytest(path)
    assert report["failed"] == 1
    assert "ModuleNotFoundError" in report["failures"][0]["detail"]
