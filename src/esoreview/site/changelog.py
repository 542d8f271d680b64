"""The Changelog page: each release's changes by section, and each page's history by release.

Computed from the release manifests (``releases/*.json`` plus, in a release build, the one
being built), so it lists exactly what the hashes say: no hand-written release notes to drift.
A build that is not a release adds "Changes since the last release" from the working tree.

Links into other versions: a published version lives at ``<site>/<version>/``, so in a release
build they are relative (``../../0.1/page/#id``, works offline under ``mike serve``); an
unversioned preview build is not served beside the versions, so there they are absolute.
"""

from __future__ import annotations

from dataclasses import dataclass

from .citations import escape_markdown_text
from .manifest import Changes, Manifest, SectionChange

PAGE_URL = "changelog/"
PAGE_ID = "changelog"
UNRELEASED_ID = "unreleased"


def release_id(version: str) -> str:
    return "release-" + version.replace(".", "-")


def page_history_id(page_url: str) -> str:
    """Anchor of one page's entries on the changelog page: 'changes-immune-escape'."""
    slug = page_url.strip("/").replace("/", "-") or "home"
    return f"changes-{slug}"


@dataclass(frozen=True)
class Links:
    site_url: str  # published root, ends with '/'
    current: str | None  # version being built; None for a preview build
    repo_url: str  # https://github.com/owner/repo

    def section(self, version: str | None, page_url: str, section_id: str) -> str:
        if version is None or version == self.current:
            return f"../{page_url}#{section_id}"  # this build: a link inside the site
        if self.current is not None:
            return f"../../{version}/{page_url}#{section_id}"
        return f"{self.site_url}{version}/{page_url}#{section_id}"

    def manifest(self, version: str) -> str:
        if version == self.current:
            return "../release-manifest.json"
        if self.current is not None:
            return f"../../{version}/release-manifest.json"
        return f"{self.site_url}{version}/release-manifest.json"

    def commit(self, sha: str) -> str:
        return f"{self.repo_url}/commit/{sha}"


def _a(href: str, text: str) -> str:
    return f'<a href="{escape_markdown_text(href)}">{escape_markdown_text(text)}</a>'


def _section_items(
    links: Links, version: str | None, old: str | None, kinds: dict[str, list[SectionChange]]
) -> list[str]:
    parts = []
    if kinds["changed"]:
        parts.append(
            "changed: "
            + ", ".join(
                _a(links.section(version, c.page_url, c.id), c.title) for c in kinds["changed"]
            )
        )
    if kinds["added"]:
        parts.append(
            "added: "
            + ", ".join(
                _a(links.section(version, c.page_url, c.id), c.title) for c in kinds["added"]
            )
        )
    if kinds["removed"]:
        removed = [
            _a(links.section(old, c.page_url, c.id), c.title)
            if old
            else escape_markdown_text(c.title)
            for c in kinds["removed"]
        ]
        parts.append("removed: " + ", ".join(removed))
    return parts


def _release_block(links: Links, changes: Changes, heading: str, anchor: str) -> list[str]:
    new, old = changes.new, changes.old
    version = None if anchor == UNRELEASED_ID else new.version
    lines = [f"## {heading} {{#{anchor}}}", ""]
    facts = []
    if version is not None:
        facts.append(
            f"Released {new.date} from commit {_a(links.commit(new.commit), new.commit[:12])}"
        )
        facts.append(_a(links.manifest(new.version), "manifest (section hashes)"))
    if old is None:
        total = sum(len(p.sections) for p in new.pages)
        facts.append(f"first release: {total} sections on {len(new.pages)} pages")
        lines += ["; ".join(facts) + ".", ""]
        return lines
    facts.append(f"compared with {old.version}")
    lines += ["; ".join(facts) + ".", ""]
    if not changes.pages():
        return [*lines, "No section changed.", ""]
    for page_url in changes.pages():
        kinds = changes.for_page(page_url)
        title = next(c.page_title for k in kinds.values() for c in k)
        items = _section_items(links, version, old.version, kinds)
        lines.append(f"- **{escape_markdown_text(title)}**: " + "; ".join(items))
    return [*lines, ""]


def changelog_page(
    history: list[Changes],
    links: Links,
    current: Manifest,
    unreleased: Changes | None = None,
) -> str:
    """Markdown of the Changelog page. ``history`` is newest first (see manifest.history);
    ``current`` is this build (every page gets a "Changes by page" entry, linked from it)."""
    lines = [
        "---",
        "search:",
        "  boost: 0.2",
        "---",
        "",
        f"# Changelog {{#{PAGE_ID}}}",
        "",
        "Each release of this review is kept unchanged at its own address (`…/0.1/`, `…/0.2/`). "
        "This page is computed from the releases' manifests, which hold a content hash of every "
        "citable section: a section is *changed* when its text, figures or tables differ from "
        "the release before (rewrapping or renumbered citations do not count), *added* when its "
        "id is new and *removed* when its id is gone. A section whose meaning changes gets a new "
        "id, so a citation of the old id never silently points to a different claim.",
        "",
    ]
    if unreleased is not None and unreleased.old is not None:
        lines += _release_block(links, unreleased, "Changes since the last release", UNRELEASED_ID)
    if not history:
        lines += ["No version has been released yet.", ""]
    for changes in history:
        new = changes.new
        lines += _release_block(links, changes, f"Version {new.version}", release_id(new.version))
    lines += _by_page(history, links, current, unreleased)
    return "\n".join(lines).rstrip() + "\n"


def _by_page(
    history: list[Changes], links: Links, current: Manifest, unreleased: Changes | None
) -> list[str]:
    """One heading per page with every release that touched it, for "History of this page"."""
    pages = {page.url: page.title for page in current.pages}
    for changes in history:
        for page in changes.new.pages:
            pages.setdefault(page.url, page.title)
    lines = ["## Changes by page {#changes-by-page}", ""]
    for url, title in pages.items():
        lines += [f"### {escape_markdown_text(title)} {{#{page_history_id(url)}}}", ""]
        entries = []
        if unreleased is not None and unreleased.old is not None:
            items = _section_items(links, None, unreleased.old.version, unreleased.for_page(url))
            if items:
                entries.append(f"- [Since the last release](#{UNRELEASED_ID}): " + "; ".join(items))
        entries += [e for e in (_page_line(c, url, links) for c in history) if e is not None]
        lines += entries or ["Not in any release yet."]
        lines.append("")
    return lines


def _page_line(changes: Changes, url: str, links: Links) -> str | None:
    new, old = changes.new, changes.old
    here = f"[{new.version}](#{release_id(new.version)}) ({new.date})"
    in_new = any(p.url == url for p in new.pages)
    if old is None:
        return f"- {here}: first published." if in_new else None
    items = _section_items(links, new.version, old.version, changes.for_page(url))
    if items:
        return f"- {here}: " + "; ".join(items)
    return f"- {here}: unchanged." if in_new else None
