"""The site's Content-Security-Policy as a ``<meta>`` tag (GitHub Pages sends no headers).

Scripts run only from the site itself. Material for MkDocs inlines a few small scripts (its
``__md_scope`` helpers, the palette restore) and mkdocs-redirects writes one per redirect page;
rather than fork the theme, the build hashes every inline script after ``mkdocs build`` and
lists the hashes, so exactly those scripts run and nothing injected later can.

* ``'wasm-unsafe-eval'``: Pyodide compiles WebAssembly; it allows no JavaScript ``eval``.
* ``style-src 'unsafe-inline'``: figures and Material set ``style=""`` attributes and plotly.js
  injects ``<style>`` rules at run time; styles cannot run code, scripts stay strict.
* ``frame-ancestors`` and ``report-uri`` are ignored in a meta tag, so they are left out.

Call :func:`apply_to_site` on the freshly built folder, before it replaces ``site/``.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

# <script type=...> values a browser executes; anything else (application/json) is inert data.
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("worker-src", "'self'"),
    ("connect-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
META_MARK = 'http-equiv="Content-Security-Policy"'
HEAD_OPEN = re.compile(r"<head(\s[^>]*)?>", re.I)
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


class _InlineScripts(HTMLParser):
    """Collect the text of inline, executable <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # hashes cover the raw bytes, entities and all
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = {k: (v or "") for k, v in attrs}
        kind = values.get("type", "").strip().lower()
        if "src" not in values and kind in EXECUTABLE_TYPES:
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_scripts(html: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def script_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp_policy(html_pages: Iterable[str]) -> str:
    """One policy for all ``html_pages``: the fixed directives plus their inline-script hashes."""
    hashes = sorted({script_hash(s) for page in html_pages for s in inline_scripts(page)})
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and hashes:
            value = f"{value} {' '.join(hashes)}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def with_meta(html: str, policy: str) -> str:
    """The page with the policy as the first element of <head> (it governs what follows it)."""
    if META_MARK in html:
        raise ValueError("page already carries a Content-Security-Policy meta tag")
    tag = f'<meta {META_MARK} content="{policy}">'
    anchor = CHARSET.search(html) or HEAD_OPEN.search(html)
    if anchor is None:
        raise ValueError("page has no <head> to put the Content-Security-Policy in")
    return html[: anchor.end()] + tag + html[anchor.end() :]


def apply_to_site(site_dir: Path) -> str:
    """Write the site-wide policy into every HTML page of ``site_dir``; returns the policy."""
    paths = sorted(Path(site_dir).rglob("*.html"))
    pages = {path: path.read_text(encoding="utf-8") for path in paths}
    policy = csp_policy(pages.values())
    for path, html in pages.items():
        path.write_text(with_meta(html, policy), encoding="utf-8")
    return policy
