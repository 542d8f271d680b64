"""Check the links of a built site: internal ones offline, external ones over the network.

``check_internal(site_dir)`` parses every HTML page with :mod:`html.parser` and verifies that each
local ``href``/``src`` names a file of the site and, when it has a ``#fragment``, an element with
that id in the target page. Pages that only redirect (mkdocs-redirects: a ``meta refresh``) resolve
when their target does, keeping the fragment, and a page's ``anchor-aliases`` map (old section ids,
handled by ``anchor-redirects.js``) counts as defining the old ids it maps onto live ones.

``python -m esoreview.site.linkcheck site`` runs the internal check; ``--external`` also requests
every external URL once (needs the network, so it is not part of ``make test``).
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from ..errors import EsoreviewError

# Attributes that load or navigate to a URL. <link rel=canonical|alternate> may point at the
# published site_url; those are mapped back onto the local tree like any absolute site URL.
URL_ATTRIBUTES = {"a": "href", "link": "href", "area": "href", "img": "src", "script": "src"}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")
LOCAL_BASE = "http://site.invalid/"  # a URL base no real link can collide with


@dataclass
class ParsedPage:
    """What the checker needs from one HTML page."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, int]] = field(default_factory=list)  # (url, line)
    refresh: str | None = None  # target of <meta http-equiv="refresh">
    aliases: dict[str, str] = field(default_factory=dict)  # old id -> "#new" or "page/#new"
    canonical: str | None = None


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._alias_json: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v for k, v in attrs if v is not None}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        attribute = URL_ATTRIBUTES.get(tag)
        if attribute and attribute in values:
            self.page.links.append((values[attribute], self.getpos()[0]))
            if tag == "link" and values.get("rel") == "canonical":
                self.page.canonical = values[attribute]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.page.refresh = _refresh_target(values.get("content", ""))
        if tag == "script" and values.get("id") == "anchor-aliases":
            self._alias_json = []

    def handle_data(self, data: str) -> None:
        if self._alias_json is not None:
            self._alias_json.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._alias_json is not None:
            try:
                aliases = json.loads("".join(self._alias_json) or "{}")
            except json.JSONDecodeError:
                aliases = {}
            if isinstance(aliases, dict):
                self.page.aliases = {str(k): str(v) for k, v in aliases.items()}
            self._alias_json = None


def _refresh_target(content: str) -> str | None:
    # "0; url=../new/" -> "../new/"
    for part in content.split(";"):
        key, _, value = part.strip().partition("=")
        if key.strip().lower() == "url":
            return value.strip().strip("'\"")
    return None


def parse_page(text: str) -> ParsedPage:
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return parser.page


class LinkError(EsoreviewError, ValueError):
    """A local URL that cannot resolve wherever the site is deployed."""


class Site:
    """The HTML pages of a built site, parsed once, addressed by their path inside the site."""

    def __init__(self, site_dir: Path, site_url: str | None = None) -> None:
        self.root = site_dir
        self.pages: dict[str, ParsedPage] = {}
        for path in sorted(site_dir.rglob("*.html")):
            rel = path.relative_to(site_dir).as_posix()
            self.pages[rel] = parse_page(path.read_text(encoding="utf-8", errors="replace"))
        self.site_url = site_url or self._published_url()

    def _published_url(self) -> str | None:
        """The public root URL, from the home page's canonical link (MkDocs writes site_url)."""
        home = self.pages.get("index.html")
        return home.canonical if home and home.canonical else None

    def local_path(self, url: str, page: str) -> tuple[str, str] | None:
        """(path inside the site, fragment) for a local link on ``page``; None if external.

        Raises :class:`LinkError` for a local URL no deployment can serve: a root-relative
        path outside the site's own path (it is published under ``/repo/`` on GitHub Pages)
        or one with an empty segment (``a//b``), which servers treat differently.
        """
        prefix = urlsplit(self.site_url).path if self.site_url else "/"
        if self.site_url and url.startswith(self.site_url):
            url = prefix + url[len(self.site_url) :]
        absolute = urljoin(LOCAL_BASE + page, url)
        if not absolute.startswith(LOCAL_BASE):
            return None
        parts = urlsplit(absolute)
        path = parts.path
        if url.startswith("/"):
            if not path.startswith(prefix):
                raise LinkError(f"root-relative URL outside the site path {prefix}")
            path = "/" + path[len(prefix) :]
        if "//" in path:
            raise LinkError("empty path segment '//'")
        return unquote(path[1:]), unquote(parts.fragment)

    def resolve_file(self, path: str) -> str | None:
        """The file a server would answer for ``path`` (directory URLs -> index.html)."""
        candidates = [path + "index.html"] if path == "" or path.endswith("/") else [path]
        if not path.endswith("/") and (self.root / path).is_dir():
            candidates.append(path + "/index.html")
        for candidate in candidates:
            if (self.root / candidate).is_file():
                return candidate
        return None

    def check_target(self, path: str, fragment: str, hops: int = 0) -> str | None:
        """None if ``path#fragment`` resolves, else why not."""
        target = self.resolve_file(path)
        if target is None:
            return f"missing page {path or '/'}"
        page = self.pages.get(target)
        if page is None:
            return None if not fragment else f"#{fragment} on non-HTML file {target}"
        if page.refresh is not None:
            if hops > 5:
                return f"redirect loop at {target}"
            try:
                local = self.local_path(page.refresh, target)
            except LinkError as exc:
                return f"redirect from {target}: {exc}"
            if local is None:
                return None  # redirects off-site are the external checker's business
            return self.check_target(local[0], fragment or local[1], hops + 1)
        if not fragment or fragment in page.ids:
            return None
        alias = page.aliases.get(fragment)
        if alias is not None and hops <= 5:
            try:
                local = self.local_path(alias, target)
            except LinkError as exc:
                return f"alias #{fragment} in {target}: {exc}"
            if local is not None and local[1] != fragment:
                return self.check_target(local[0], local[1], hops + 1)
        return f"missing anchor #{fragment} in {target}"


def check_internal(site_dir: Path, site_url: str | None = None) -> list[str]:
    """Every broken local link of the built site as ``page:line: url (reason)``."""
    site = Site(Path(site_dir), site_url)
    problems: list[str] = []
    for name, page in site.pages.items():
        for url, line in page.links:
            url = url.strip()
            if not url or url.lower().startswith(SKIP_SCHEMES):
                continue
            try:
                local = site.local_path(url, name)
            except LinkError as exc:
                problems.append(f"{name}:{line}: {url} ({exc})")
                continue
            if local is None:
                continue
            reason = site.check_target(*local)
            if reason:
                problems.append(f"{name}:{line}: {url} ({reason})")
    return problems


def external_urls(site_dir: Path, site_url: str | None = None) -> dict[str, list[str]]:
    """Each http(s) URL outside the site -> the pages that link to it."""
    site = Site(Path(site_dir), site_url)
    site_url = site.site_url
    found: dict[str, list[str]] = {}
    for name, page in site.pages.items():
        for url, _line in page.links:
            url = url.strip()
            if url.startswith(("http://", "https://")) and not url.startswith(site_url or " "):
                found.setdefault(url.split("#", 1)[0], []).append(name)
    return found


def fetch_status(url: str, timeout: float = 20.0) -> str | None:
    """None if the URL answers, else the error. HEAD first; some servers only answer GET."""
    headers = {"User-Agent": "esoreview-linkcheck (+https://github.com/esoreview/esoreview)"}
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
    return None


def check_external(site_dir: Path, *, workers: int = 8) -> list[str]:
    urls = external_urls(site_dir)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = dict(zip(urls, pool.map(fetch_status, urls), strict=True))
    return [
        f"{url} ({status}; linked from {', '.join(sorted(set(urls[url]))[:3])})"
        for url, status in sorted(statuses.items())
        if status
    ]


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m esoreview.site.linkcheck", description=__doc__)
    parser.add_argument("site", type=Path, help="the built site folder")
    parser.add_argument("--external", action="store_true", help="also request external URLs")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not (args.site / "index.html").is_file():
        print(f"error: {args.site} has no index.html; run `make site` first", file=sys.stderr)
        return 2
    problems = check_internal(args.site)
    if args.external:
        problems += check_external(args.site)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} broken link(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
