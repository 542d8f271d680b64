"""What git knows about the checkout: the commit being built, when a page last changed, who wrote.

Every function degrades to "unknown" (None / empty) outside a git checkout, so a build from a
source archive still works; a release needs git and says so (see :mod:`.release`).
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import EsoreviewError


class GitError(EsoreviewError, RuntimeError):
    """A git command a release depends on failed; the message quotes git."""


def git(root: Path, *args: str, check: bool = True) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if check and done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise GitError(f"git {' '.join(args)}: {message}")
    return done.stdout if done.returncode == 0 else ""


def is_repository(root: Path) -> bool:
    return git(root, "rev-parse", "--is-inside-work-tree", check=False).strip() == "true"


def head_commit(root: Path) -> str | None:
    return git(root, "rev-parse", "HEAD", check=False).strip() or None


def dirty_paths(root: Path, paths: Sequence[str] = ()) -> list[str]:
    """Modified, staged or untracked (not ignored) files, as git prints them."""
    out = git(root, "status", "--porcelain", "--untracked-files=all", "--", *paths, check=False)
    return [line[3:] for line in out.splitlines() if line.strip()]


@dataclass(frozen=True)
class LastChange:
    commit: str
    date: str  # ISO date of the commit (committer date)
    uncommitted: bool  # the working tree holds newer, uncommitted edits of these files


def last_change(root: Path, paths: Sequence[str]) -> LastChange | None:
    """The last commit that touched any of ``paths`` (repository-relative)."""
    if not paths:
        return None
    out = git(root, "log", "-1", "--format=%H %cs", "--", *paths, check=False).split()
    if len(out) != 2:
        return None
    return LastChange(out[0], out[1], bool(dirty_paths(root, paths)))


def contributors(root: Path) -> list[str]:
    """Commit author names (after .mailmap), most commits first."""
    out = git(root, "shortlog", "-sn", "--no-merges", "HEAD", check=False)
    return [line.split("\t", 1)[1].strip() for line in out.splitlines() if "\t" in line]
