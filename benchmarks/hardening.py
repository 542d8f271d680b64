"""What the hardening checks cost a build: prints the median time of each, on this checkout.

    .venv/bin/python benchmarks/hardening.py [--repeat 5]

Needs a built site (`make site`); works on a temporary copy of site/, never on it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from esoreview.site import csp, runtime
from esoreview.site.anchors import source_pages
from esoreview.site.bib import load_bibliography
from esoreview.site.build import check_built_ids
from esoreview.site.notebooks import database_problem
from esoreview.site.paths import Project
from esoreview.site.sanitize import check_data_folder, check_markdown

ROOT = Path(__file__).resolve().parents[1]


def median_ms(step: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    project = Project(ROOT)
    if not (project.site / "index.html").is_file():
        raise SystemExit("build the site first: make site")
    pages = source_pages(project)
    allowed = csp.load_theme_scripts()
    pin = runtime.pinned_pyodide_version(ROOT)
    core = [project.node_modules / "pyodide" / name for name in runtime.RUNTIME_FILES]

    def page_checks() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "site"
            shutil.copytree(project.site, copy)
            for path in copy.rglob("*.html"):  # undo the policy the build already wrote
                html = path.read_text(encoding="utf-8")
                start = html.find("<meta " + csp.META_MARK)
                if start >= 0:
                    html = html[:start] + html[html.index(">", start) + 1 :]
                path.write_text(html, encoding="utf-8")
            csp.apply_to_site(copy, allowed)
            check_built_ids(copy)

    steps: dict[str, Callable[[], object]] = {
        f"content Markdown checks ({len(pages)} pages)": lambda: [
            check_markdown(text, url) for url, text in pages.items()
        ],
        "data value checks (data/)": lambda: check_data_folder(project.data, ROOT),
        "BibTeX load incl. field checks (bib/)": lambda: load_bibliography(project.bib_files()),
        "cache database integrity check": lambda: database_problem(project.cache / "global.db"),
        "Pyodide core file hashes": lambda: runtime.verify_runtime(core, pin),
        "built-page checks + policy + ids (copy of site/, incl. copying)": page_checks,
    }
    print(f"{'step':<66} {'median ms':>10}")
    for name, step in steps.items():
        print(f"{name:<66} {median_ms(step, args.repeat):>10.1f}")


if __name__ == "__main__":
    main()
