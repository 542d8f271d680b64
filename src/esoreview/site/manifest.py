"""Release manifests: what each released version contains, section by section.

A manifest (``release-manifest.json`` inside every published version, and ``releases/x.y.json``
in the repository) records the version, its release date, the commit it was built from and,
for every page, each citable section's id, title and content hash (see :mod:`.sections`). A
reader or a tool holding a citation of ``.../0.1/page/#id`` can compare that section's hash in
0.1 with the hash in any later manifest to learn whether the cited text is unchanged.

Comparing consecutive manifests gives the changelog: sections added, changed and removed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EsoreviewError
from .sections import Section

FORMAT = "esoreview-release-manifest/1"
MANIFEST_NAME = "release-manifest.json"
RELEASES_DIR = "releases"
VERSION = re.compile(r"^(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
HASH_NOTE = (
    "sha256 of the section's source Markdown (heading to the next heading with an id; "
    "citation keys unnumbered; 'Show code' listings left out; whitespace runs as one space)"
)


class ManifestError(EsoreviewError, ValueError):
    """A malformed manifest; the message names the file and the key."""


def version_key(version: str) -> tuple[int, int]:
    """'0.10' -> (0, 10): releases sort numerically, not as text."""
    match = VERSION.match(version)
    if not match:
        raise ManifestError(f"version '{version}' is not of the form MAJOR.MINOR (e.g. 1.2)")
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class PageEntry:
    url: str  # relative to the version root: 'immune-escape/', '' for the home page
    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Manifest:
    version: str
    date: str
    commit: str
    url: str  # the version's root URL
    pages: tuple[PageEntry, ...]

    def to_json(self) -> str:
        data = {
            "format": FORMAT,
            "version": self.version,
            "date": self.date,
            "commit": self.commit,
            "url": self.url,
            "hash": HASH_NOTE,
            "pages": [
                {
                    "url": page.url,
                    "title": page.title,
                    "sections": [
                        {"id": s.id, "title": s.title, "sha256": s.sha256} for s in page.sections
                    ],
                }
                for page in self.pages
            ],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def sections(self) -> dict[str, tuple[PageEntry, Section]]:
        """Section id -> (page, section); ids are unique across the site."""
        return {s.id: (page, s) for page in self.pages for s in page.sections}


def parse_manifest(text: str, where: str) -> Manifest:
    """Read and validate one manifest; ``where`` names it in errors."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{where}:{exc.lineno}: not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError(f"{where}: 'format' must be '{FORMAT}'")
    for key in ("version", "date", "commit", "url"):
        if not isinstance(data.get(key), str) or not data[key]:
            raise ManifestError(f"{where}: '{key}' must be a non-empty string")
    try:
        version_key(data["version"])
    except ManifestError as exc:
        raise ManifestError(f"{where}: {exc}") from None
    if not ISO_DATE.match(data["date"]):
        raise ManifestError(f"{where}: 'date' must be YYYY-MM-DD, got '{data['date']}'")
    pages = []
    for i, page in enumerate(data.get("pages") or []):
        if not isinstance(page, dict) or not isinstance(page.get("url"), str):
            raise ManifestError(f"{where}: pages[{i}] needs a string 'url'")
        sections = []
        for j, s in enumerate(page.get("sections") or []):
            if not (
                isinstance(s, dict) and all(isinstance(s.get(k), str) for k in ("id", "sha256"))
            ):
                raise ManifestError(f"{where}: pages[{i}].sections[{j}] needs 'id' and 'sha256'")
            sections.append(Section(s["id"], str(s.get("title", "")), s["sha256"]))
        pages.append(PageEntry(page["url"], str(page.get("title", "")), tuple(sections)))
    return Manifest(data["version"], data["date"], data["commit"], data["url"], tuple(pages))


def load_releases(folder: Path) -> list[Manifest]:
    """Every committed manifest in ``releases/``, oldest first; the file name is the version."""
    manifests = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        manifest = parse_manifest(path.read_text(encoding="utf-8"), str(path))
        if manifest.version != path.stem:
            raise ManifestError(
                f"{path}: 'version' is '{manifest.version}', the file name says '{path.stem}'"
            )
        manifests.append(manifest)
    return sorted(manifests, key=lambda m: version_key(m.version))


@dataclass(frozen=True)
class SectionChange:
    page_url: str
    page_title: str
    id: str
    title: str


@dataclass
class Changes:
    """What differs between two manifests (``old`` None: everything is new)."""

    old: Manifest | None
    new: Manifest
    added: list[SectionChange] = field(default_factory=list)
    changed: list[SectionChange] = field(default_factory=list)
    removed: list[SectionChange] = field(default_factory=list)

    def pages(self) -> list[str]:
        seen: dict[str, None] = {}
        for change in (*self.changed, *self.added, *self.removed):
            seen.setdefault(change.page_url, None)
        return list(seen)

    def for_page(self, page_url: str) -> dict[str, list[SectionChange]]:
        return {
            kind: [c for c in getattr(self, kind) if c.page_url == page_url]
            for kind in ("changed", "added", "removed")
        }


def compare(old: Manifest | None, new: Manifest) -> Changes:
    """Sections added, changed (content hash differs, or moved to another page) and removed."""
    changes = Changes(old, new)
    before = old.sections() if old else {}
    after = new.sections()
    for sid, (page, section) in after.items():
        change = SectionChange(page.url, page.title, sid, section.title)
        if sid not in before:
            changes.added.append(change)
        elif before[sid][1].sha256 != section.sha256 or before[sid][0].url != page.url:
            changes.changed.append(change)
    for sid, (page, section) in before.items():
        if sid not in after:
            changes.removed.append(SectionChange(page.url, page.title, sid, section.title))
    return changes


def history(manifests: Sequence[Manifest]) -> list[Changes]:
    """Each release compared with the one before it, newest first."""
    ordered = sorted(manifests, key=lambda m: version_key(m.version))
    return [compare(ordered[i - 1] if i else None, m) for i, m in enumerate(ordered)][::-1]
