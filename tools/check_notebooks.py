"""Fail when a section notebook is not a clean Jupytext py:percent file.

Used by pre-commit and ``tests/unit/test_check_notebooks.py``. Checks, for every file given (or
everything under ``notebooks/`` when none is given):

* no ``.ipynb`` under ``notebooks/``: outputs never enter the repository, the build makes them;
* each ``notebooks/*.py`` is named ``NN-slug.py`` (the build reads only those);
* each reads as py:percent and writes back byte for byte (ignoring the jupytext version stamps
  that jupytext adds on write), so what a reviewer sees in a diff is what Jupyter opens.

Usage: ``python tools/check_notebooks.py [--root DIR] [FILE ...]``; exit status 1 on problems.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

NAME = re.compile(r"^\d\d-[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.py$")
# Lines jupytext adds on write; their absence (or an older version) is not a format problem.
VERSION_STAMP = re.compile(r"^#\s+(format_version|jupytext_version):.*\n", re.M)


def _normalise(text: str) -> str:
    return VERSION_STAMP.sub("", text)


def check_file(path: Path) -> list[str]:
    """Problems with one file under notebooks/ (empty when it is fine)."""
    if path.suffix == ".ipynb":
        return [f"{path}: .ipynb files are not committed; keep the py:percent notebook only"]
    if path.suffix != ".py":
        return []
    problems = []
    if not NAME.match(path.name):
        problems.append(f"{path}: name section notebooks NN-slug.py (e.g. 11-angiogenesis.py)")
    import jupytext  # imported late: the .ipynb check needs no third-party package

    text = path.read_text(encoding="utf-8")
    try:
        nb = jupytext.reads(text, fmt="py:percent")
    except Exception as exc:  # jupytext raises many types; say which file
        return [*problems, f"{path}: not readable as py:percent: {exc}"]
    declared = nb.metadata.get("jupytext", {}).get("text_representation", {})
    if declared.get("format_name") != "percent":
        problems.append(f"{path}: the header must declare format_name: percent")
    written = jupytext.writes(nb, fmt="py:percent")
    if _normalise(written) != _normalise(text):
        line = _first_difference(_normalise(text), _normalise(written))
        problems.append(
            f"{path}:{line}: does not round-trip as py:percent; run "
            f"`jupytext --to py:percent {path}` and review the diff"
        )
    return problems


def _first_difference(a: str, b: str) -> int:
    pairs = zip(a.splitlines(), b.splitlines(), strict=False)  # lengths may differ
    for number, (left, right) in enumerate(pairs, start=1):
        if left != right:
            return number
    return min(len(a.splitlines()), len(b.splitlines())) + 1


def notebook_files(root: Path) -> list[Path]:
    folder = root / "notebooks"
    return sorted(p for p in folder.rglob("*") if p.suffix in {".py", ".ipynb"} and p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--root", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    files = args.files or notebook_files(args.root)
    # pre-commit passes every staged file; only those inside notebooks/ are notebooks.
    files = [f for f in files if "notebooks" in f.parts and ".ipynb_checkpoints" not in f.parts]
    problems = [problem for path in files for problem in check_file(path)]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
