"""``make release VERSION=x.y``: publish the current build as an immutable version with mike.

mike's own ``mike deploy`` runs a plain ``mkdocs build``; our site needs the build engine
(generated pages, the Content-Security-Policy pass), so this drives mike's Python API around
:func:`esoreview.site.build.build_into` instead: ``mike.commands.deploy`` reserves the version
in ``versions.json``, we build into its ``site_dir``, and mike commits that folder as ``/x.y/``
on the ``gh-pages`` branch together with the ``latest`` alias (redirect pages, see mkdocs.yml)
and ``versions.json``. The first release also gets mike's root redirect (``set-default``).

Then, on the source branch, ``releases/x.y.json`` (the manifest, also published inside the
release) and ``CITATION.cff`` (version, date-released) are committed as "Release x.y" and the
built commit is tagged ``vx.y``. Nothing is pushed: ``git push origin main gh-pages vx.y``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import EsoreviewError
from .build import Release, build_into
from .citation_cff import CFF_NAME, stamp_release
from .git_history import dirty_paths, git, head_commit, is_repository
from .manifest import RELEASES_DIR, Manifest, ManifestError, load_releases, version_key
from .paths import Project

BRANCH = "gh-pages"
ALIAS = "latest"


class ReleaseError(EsoreviewError, RuntimeError):
    """A release was refused or failed; one line says why."""


@dataclass(frozen=True)
class Published:
    version: str
    date: str
    commit: str
    manifest: Manifest


def published_versions(project: Project, branch: str = BRANCH) -> list[str]:
    """Versions in the branch's ``versions.json`` (mike's record), newest first."""
    from mike.commands import list_versions

    with contextlib.chdir(project.root):  # mike runs git in the working directory
        return [str(info.version) for info in list_versions(branch)]


def check_release(project: Project, version: str, branch: str = BRANCH) -> None:
    """Refuse, with one line, what must not be released (see the module docstring)."""
    try:
        version_key(version)
    except ManifestError as exc:
        raise ReleaseError(f"VERSION: {exc}") from None
    if not is_repository(project.root):
        raise ReleaseError(f"{project.root} is not a git checkout; a release records its commit")
    dirty = dirty_paths(project.root)
    if dirty:
        more = f" and {len(dirty) - 1} more" if len(dirty) > 1 else ""
        raise ReleaseError(
            f"working tree not clean ({dirty[0]}{more}): commit or stash first, so the "
            "release is exactly a commit"
        )
    released = {m.version for m in load_releases(project.root / RELEASES_DIR)}
    published = set(published_versions(project, branch))
    if version in released | published:
        where = f"{branch}/versions.json" if version in published else f"{RELEASES_DIR}/"
        raise ReleaseError(f"version {version} already released ({where}); versions are immutable")
    newest = max(released | published, key=version_key, default=None)
    if newest is not None and version_key(version) <= version_key(newest):
        raise ReleaseError(f"version {version} is not newer than the latest release {newest}")
    if git(project.root, "tag", "--list", f"v{version}").strip():
        raise ReleaseError(f"git tag v{version} already exists")


def _alias_type(project: Project):
    """mike's alias type as configured for its plugin in mkdocs.yml (default: redirect)."""
    from mike.commands import AliasType

    config = yaml.load((project.root / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("mike"), dict):
            return AliasType[plugin["mike"].get("alias_type", "redirect")]
    return AliasType.redirect


def release(
    project: Project,
    version: str,
    *,
    jobs: int = 2,
    log: Callable[[str], None] = print,
    branch: str = BRANCH,
    today: dt.date | None = None,
) -> Published:
    """Build and publish ``version``; commit its manifest and CITATION.cff; tag the commit."""
    from mike import commands as mike
    from mike import git_utils

    check_release(project, version, branch)
    date = (today or dt.date.today()).isoformat()
    commit = head_commit(project.root) or ""
    project.work.mkdir(parents=True, exist_ok=True)
    site_dir = Path(tempfile.mkdtemp(prefix="release-", dir=project.work))
    stamp = Release(version, date, commit)
    try:
        with contextlib.chdir(project.root):
            cfg = {"site_dir": str(site_dir), "use_directory_urls": True}
            message = f"Release {version} ({date}) built from {commit[:12]}"
            with mike.deploy(
                cfg,
                version,
                title=version,
                aliases=[ALIAS],
                update_aliases=True,
                alias_type=_alias_type(project),
                branch=branch,
                message=message,
            ):
                out = build_into(project, site_dir, jobs=jobs, log=log, release=stamp)
            try:
                git_utils.read_file(branch, "index.html")
            except git_utils.GitError:  # first release: the site root redirects to `latest`
                mike.set_default(ALIAS, branch=branch)
    except git_utils.GitError as exc:
        raise ReleaseError(f"publishing to {branch} failed: {exc}") from exc
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    assert out.manifest is not None
    record_release(project, out.manifest, dt.date.fromisoformat(date))
    log(
        f"released {version} ({date}) on {branch}: /{version}/ and /{ALIAS}/; committed "
        f"{RELEASES_DIR}/{version}.json and {CFF_NAME}, tagged v{version}. Publish with: "
        f"git push origin HEAD {branch} v{version}"
    )
    return Published(version, date, commit, out.manifest)


def record_release(project: Project, manifest: Manifest, date: dt.date) -> None:
    """Commit the manifest and the stamped CITATION.cff; tag the commit the release was built
    from."""
    root = project.root
    manifest_path = root / RELEASES_DIR / f"{manifest.version}.json"
    cff_path = root / CFF_NAME
    cff_text = stamp_release(cff_path, manifest.version, date)
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(manifest.to_json(), encoding="utf-8")
    cff_path.write_text(cff_text, encoding="utf-8")
    rel = [manifest_path.relative_to(root).as_posix(), CFF_NAME]
    git(root, "add", "--", *rel)
    git(root, "commit", "--quiet", "-m", f"Release {manifest.version}", "--", *rel)
    git(
        root,
        "tag",
        "-a",
        f"v{manifest.version}",
        manifest.commit,
        "-m",
        f"Release {manifest.version}",
    )


def serve(project: Project, address: str, branch: str = BRANCH) -> None:
    """Serve the published branch offline with mike (every version, the selector, redirects)."""
    from mike import commands as mike

    if not published_versions(project, branch):
        raise ReleaseError(f"no release on branch {branch} yet: run `make release VERSION=x.y`")
    with contextlib.chdir(project.root):
        mike.serve(address, branch=branch)
