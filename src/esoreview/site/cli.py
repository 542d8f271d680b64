"""Command line of the build engine.

``esoreview-build site|generate|serve|new-section|anchors|refs``
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .paths import Project


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="esoreview-build", description=__doc__)
    parser.add_argument("--root", type=Path, default=None, help="checkout root (default: find)")
    parser.add_argument("--jobs", type=int, default=2, help="notebooks executed in parallel")
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
    args = parser.parse_args(argv)
    # MkDocs and Material print multi-line banners about their own futures on every build.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")

    project = Project(args.root.resolve()) if args.root else Project.find()
    if args.command == "site" and not args.force:
        from .stamp import fingerprint, site_is_current

        if site_is_current(project, fingerprint(project)):
            # Checked before importing the notebook toolchain: a no-op costs a hash of inputs.
            print("site/ is up to date (no input changed since the last build)")
            return 0

    from .build import build_site, generate, user_error_types

    # Failures a contributor can fix: print the message (it names file and line), no traceback.
    user_errors = user_error_types()
    try:
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
    except user_errors as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
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
