"""tools/check_notebooks.py (the pre-commit notebook hook) on good and bad notebooks, offline."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
TOOL = ROOT / "tools" / "check_notebooks.py"
FIXTURES = ROOT / "tests" / "fixtures" / "gates" / "notebooks"


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(TOOL), *map(str, args)], cwd=cwd, capture_output=True, text=True
    )


def test_good_notebook_passes() -> None:
    result = run(FIXTURES / "01-good.py")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("02-light-format.py", "format_name: percent"),
        ("03-no-markers.py", "does not round-trip"),
        ("04-outputs.ipynb", ".ipynb files are not committed"),
    ],
)
def test_bad_notebook_fails(name: str, message: str) -> None:
    result = run(FIXTURES / name)
    assert result.returncode == 1
    assert message in result.stderr and name in result.stderr


def test_scans_the_notebooks_folder_by_default(tmp_path: Path) -> None:
    (tmp_path / "notebooks").mkdir()
    shutil.copy(FIXTURES / "01-good.py", tmp_path / "notebooks" / "01-good.py")
    assert run("--root", tmp_path).returncode == 0
    shutil.copy(FIXTURES / "01-good.py", tmp_path / "notebooks" / "helper.py")
    result = run("--root", tmp_path)
    assert result.returncode == 1 and "NN-slug.py" in result.stderr
    (tmp_path / "notebooks" / "helper.py").unlink()
    shutil.copy(FIXTURES / "04-outputs.ipynb", tmp_path / "notebooks" / "01-good.ipynb")
    assert run("--root", tmp_path).returncode == 1


def test_files_outside_notebooks_are_ignored(tmp_path: Path) -> None:
    # pre-commit may pass any staged file; a script elsewhere is not a notebook.
    other = tmp_path / "tools" / "script.py"
    other.parent.mkdir()
    other.write_text("print('not a notebook')\n")
    assert run(other, cwd=tmp_path).returncode == 0


def test_repository_notebooks_pass() -> None:
    result = run("--root", ROOT)
    assert result.returncode == 0, result.stderr
