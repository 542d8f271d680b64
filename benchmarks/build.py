"""Build-time benchmark: prints cold, no-op and one-edit rebuild times next to plain mkdocs.

Runs on a throwaway copy of the checkout (the real notebooks are never touched):

    .venv/bin/python benchmarks/build.py [--jobs 2]

Targets (issue 2): no-op rebuild <= 1.2 x plain `mkdocs build` of the same generated pages;
cold build of all notebooks <= 60 s on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def tracked_files() -> list[str]:
    """Every file git tracks: the copy is the project as a clone has it, with nothing to keep
    in step by hand (a hand-kept list once missed CITATION.cff and broke this benchmark)."""
    listing = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], check=True, capture_output=True
    ).stdout.decode()
    return [name for name in listing.split("\0") if name]


QUIET = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, env=QUIET)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    build = [sys.executable, "-m", "esoreview.site.cli", "--jobs", str(args.jobs)]
    with tempfile.TemporaryDirectory(prefix="esoreview-bench-") as tmp:
        work = Path(tmp)
        for name in tracked_files():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, work / name)
        (work / "node_modules").symlink_to(ROOT / "node_modules")
        root = ["--root", str(work)]

        cold = timed([*build, *root, "site"], work)
        noop = timed([*build, *root, "site"], work)
        notebook = sorted((work / "notebooks").glob("[0-9][0-9]-*.py"))[-1]
        notebook.write_text(notebook.read_text() + "\n# %%\n_benchmark_edit = 1\n")
        one_edit = timed([*build, *root, "site"], work)
        prose = sorted((work / "notebooks").glob("[0-9][0-9]-*.py"))[0]
        prose.write_text(prose.read_text() + "\n# %% [markdown]\n# A prose-only edit.\n")
        prose_edit = timed([*build, *root, "site"], work)
        mkdocs = timed(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "plain")], work
        )

    n = len(sorted((ROOT / "notebooks").glob("[0-9][0-9]-*.py")))
    rows = [
        ("cold build (all notebooks executed)", cold, f"{n} notebooks, target <= 60 s"),
        ("no-op rebuild", noop, f"{noop / mkdocs:.2f} x plain mkdocs (target <= 1.2)"),
        ("one-notebook code edit", one_edit, f"{one_edit / mkdocs:.2f} x plain mkdocs"),
        ("one-notebook prose edit", prose_edit, f"{prose_edit / mkdocs:.2f} x plain mkdocs"),
        ("plain mkdocs build (same pages)", mkdocs, "1.00"),
    ]
    print("| step | seconds | note |\n|---|---:|---|")
    for label, seconds, note in rows:
        print(f"| {label} | {seconds:.1f} | {note} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
