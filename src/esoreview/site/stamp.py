"""A fingerprint of every input of a build, so an unchanged checkout rebuilds nothing.

Deliberately light (standard library only): the no-op path must not pay for importing the
notebook toolchain. Any change to content, data, references, hand-written pages, the package
(models and build engine alike), the theme, the pinned dependencies or the date (pages carry
the build date in their citations) changes the fingerprint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .paths import Project

INPUT_FILES = (
    "mkdocs.yml",
    "CITATION.cff",  # authors of every citation
    "requirements.lock",
    "package-lock.json",
    "pyproject.toml",
    "redirects.json",
)
INPUT_FOLDERS = ("notebooks", "data", "bib", "docs", "src/esoreview", "releases")


def fingerprint(project: Project, *, today: dt.date | None = None) -> str:
    digest = hashlib.sha256((today or dt.date.today()).isoformat().encode())
    # Pages show the commit that last changed them: a new commit can change that alone.
    digest.update(_git_head(project.root).encode() + b"\0")
    paths = [project.root / name for name in INPUT_FILES]
    for folder in INPUT_FOLDERS:
        paths += sorted(
            p for p in (project.root / folder).rglob("*") if p.is_file() and _is_input(p)
        )
    for path in paths:
        digest.update(str(path.relative_to(project.root)).encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<absent>")
        digest.update(b"\0")
    return digest.hexdigest()


def _is_input(path: Path) -> bool:
    return "__pycache__" not in path.parts and path.suffix not in {".pyc", ".tmp"}


def stamp_path(project: Project) -> Path:
    return project.work / "site-stamp"


def site_is_current(project: Project, print_: str) -> bool:
    """True when ``site/`` was built, completely, from exactly these inputs."""
    stamp = stamp_path(project)
    return (
        stamp.is_file()
        and stamp.read_text().strip() == print_
        and (project.site / "index.html").is_file()
    )


def record(project: Project, print_: str) -> None:
    stamp_path(project).parent.mkdir(parents=True, exist_ok=True)
    stamp_path(project).write_text(print_ + "\n")


def _git_head(root: Path) -> str:
    """The checked-out commit, read from .git without running git ('' outside a checkout)."""
    dot_git = root / ".git"
    try:
        if dot_git.is_file():  # a worktree: "gitdir: <path>"
            dot_git = Path(dot_git.read_text().split(":", 1)[1].strip())
        head = (dot_git / "HEAD").read_text().strip()
        if head.startswith("ref: "):
            ref = head[5:]
            loose = dot_git / ref
            common = dot_git / "commondir"
            if not loose.is_file() and common.is_file():
                loose = (dot_git / common.read_text().strip()).resolve() / ref
            if loose.is_file():
                return loose.read_text().strip()
            return head  # packed ref: the branch name still changes with a checkout
        return head
    except (OSError, IndexError):
        return ""
