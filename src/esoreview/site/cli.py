"""Command line of the build engine.

``esoreview-build site|generate|serve|new-section|anchors|refs``
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
import traceback
from pathlib import Path

from .paths import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="esoreview-build", description=__doc__)
    parser.add_argument("--root", type=Path, default=None, help="checkout root (default: find)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed in parallel")
    parser.add_argument(
        "--debug", action="store_true", help="on an error, also print the Python traceback"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    site = sub.add_parser("site", help="execute (cached) and build site/ atomically")
    site.add_argument("--force", action="store_true", help="rebuild even if no input changed")
    sub.add_parser("generate", help="only execute and write the generated Markdown to .build/docs")
    serve = sub.add_parser("serve", help="mkdocs serve: serve and rebuild on changes")
    serve.add_argument("--addr", default="127.0.0.1:8000")
    new = sub.add_parser("new-section", help="scaffold a section notebook")
    new.add_argument("name", help="slug, e.g. 'angiogenesis'")
    new.add_argument("--title", required=True)
    anchors = sub.add_parser("anchors", help="check or update the published-anchor registry")
    anchors.add_argument("--update", action="store_true", help="record the current anchors")
    sub.add_parser("refs", help="how many of the source review's references are identified")
    rel = sub.add_parser("release", help="publish this commit as version x.y on gh-pages (mike)")
    rel.add_argument("version", help="MAJOR.MINOR, newer than every earlier release")
    versions = sub.add_parser("serve-versions", help="serve every released version offline")
    versions.add_argument("--addr", default="127.0.0.1:8000")
    sub.add_parser(
        "theme-scripts",
        help="record the hashes of the theme's inline scripts (after upgrading mkdocs-material)",
    )
    sub.add_parser(
        "pyodide-hashes", help="record the sha256 of the pinned Pyodide's core files (new pin)"
    )
    args = parser.parse_args(argv)
    # MkDocs and Material print multi-line banners about their own futures on every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

    try:
        return run_command(args)
    except KeyboardInterrupt:
        print("error: interrupted; the previous site/ is untouched", file=sys.stderr)
        return 130
    except Exception as exc:  # every failure becomes one line; --debug adds the traceback
        if args.debug:
            traceback.print_exc()
            if getattr(exc, "details", ""):
                print(exc.details, file=sys.stderr)
        print(f"error: {describe_failure(exc)}", file=sys.stderr)
        return 1


def describe_failure(exc: BaseException) -> str:
    """One line naming the file and, where there is one, the next step."""
    from ..errors import EsoreviewError

    if isinstance(exc, EsoreviewError):
        return exc.one_line()
    if isinstance(exc, OSError):
        where = exc.filename or "?"
        reason = exc.strerror or str(exc)
        hint = OS_HINTS.get(exc.errno or 0, "check the path and its permissions")
        return f"{where}: {reason} (hint: {hint})"
    if isinstance(exc, UnicodeDecodeError):
        return f"a file is not UTF-8: {exc} (hint: save it as UTF-8)"
    first = (str(exc).strip().splitlines() or [""])[0]
    return (
        f"internal error: {type(exc).__name__}: {first} "
        "(hint: run `esoreview-build --debug ...` for the traceback and report it)"
    )


OS_HINTS = {
    errno.ENOSPC: "the disk is full; free some space (`make clean` removes .build/ and site/)",
    errno.EDQUOT: "the disk quota is exhausted; free some space",
    errno.EROFS: "the file system is read-only; build in a writable checkout",
    errno.EACCES: "no permission to write there; check the owner and mode of the folder",
    errno.EPERM: "operation not permitted; check the owner and mode of the folder",
    errno.ENOENT: "the file does not exist",
}


def run_command(args: argparse.Namespace) -> int:
    project = Project(args.root.resolve()) if args.root else Project.find()
    if args.command == "site" and not args.force:
        from .stamp import fingerprint, site_is_current

        if site_is_current(project, fingerprint(project)):
            # Checked before importing the notebook toolchain: a no-op costs a hash of inputs.
            print("site/ is up to date (no input changed since the last build)")
            return 0

    from .build import build_site, generate

    if args.command == "site":
        build_site(project, jobs=args.jobs)
    elif args.command == "generate":
        generate(project, jobs=args.jobs)
    elif args.command == "serve":
        return serve(project, args.addr)
    elif args.command == "new-section":
        from .scaffold import nav_hint, new_section

        path = new_section(project, args.name, args.title)
        print(nav_hint(path))
    elif args.command == "anchors":
        return anchors_command(project, update=args.update)
    elif args.command == "refs":
        refs_command(project)
    elif args.command == "theme-scripts":
        from .csp import refresh_theme_scripts

        print(refresh_theme_scripts(project))
    elif args.command == "pyodide-hashes":
        from .runtime import record_runtime_hashes

        print(record_runtime_hashes(project.node_modules, project.root))
    elif args.command == "release":
        from .release import release

        release(project, args.version, jobs=args.jobs)
    elif args.command == "serve-versions":
        from .release import serve as serve_versions

        serve_versions(project, args.addr)
    return 0


def anchors_command(project: Project, *, update: bool) -> int:
    from . import anchors

    if update:
        anchors.update_registry(project)
        print("anchors.json updated")
        return 0
    problems = anchors.check_project(project)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def refs_command(project: Project) -> None:
    """Print the coverage table of the Bibliography page, for contributors identifying numbers."""
    from .bib import load_bibliography
    from .source_refs import coverage, coverage_table, load_source_references

    bib = load_bibliography(project.bib_files())
    rows = load_source_references(sorted(project.data.glob("source-references*.csv")), bib)
    print(coverage_table(coverage(rows, bib)))
    open_rows = [row.num for row in rows if row.status == "missing"]
    print(f"\n{len(bib)} works in bib/; {len(open_rows)} numbers not identified.")


def serve(project: Project, addr: str) -> int:
    """``mkdocs serve``; the plugin rebuilds when a notebook, data, reference or model changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(str(project.root / "mkdocs.yml"), dev_addr=addr, livereload=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
