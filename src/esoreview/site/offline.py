"""Stamp the service worker (``sw.js`` at the site root) with the release's content hash.

The service worker keeps one cache per release, named after ``VERSION``; a browser installs a
new worker whenever the bytes of ``sw.js`` change, and the new worker deletes the old caches.
So the version must change whenever any file of the site changes, and only then: it is the
sha256 of every file's path and bytes (``sw.js`` itself excluded), taken after the last step
that rewrites pages (the Content-Security-Policy).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..errors import EsoreviewError

SERVICE_WORKER = "sw.js"
VERSION_LINE = re.compile(r'^const VERSION = "[^"]*";$', re.M)


class OfflineError(EsoreviewError, RuntimeError):
    """The built site has no service worker to stamp, or it lacks its VERSION line."""


def site_version(site_dir: Path) -> str:
    """A short content hash of every file of the built site except the service worker."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(site_dir).rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel == SERVICE_WORKER:
            continue
        digest.update(rel.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def stamp_service_worker(site_dir: Path) -> str:
    """Write the site's version into ``<site_dir>/sw.js``; returns the version."""
    worker = Path(site_dir) / SERVICE_WORKER
    if not worker.is_file():
        raise OfflineError(f"{worker} missing: docs/{SERVICE_WORKER} should be copied by the build")
    source = worker.read_text(encoding="utf-8")
    if len(VERSION_LINE.findall(source)) != 1:
        raise OfflineError(f'docs/{SERVICE_WORKER}: expected one line `const VERSION = "...";`')
    version = site_version(site_dir)
    worker.write_text(VERSION_LINE.sub(f'const VERSION = "{version}";', source), encoding="utf-8")
    return version
