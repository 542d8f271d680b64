"""The site's Content-Security-Policy as a ``<meta>`` tag (GitHub Pages sends no headers).

Scripts run only from the site itself. Material for MkDocs inlines a few small scripts (its
``__md_scope`` helpers, the palette restore, the tab restore). Their hashes are recorded in
``theme_scripts.json`` together with the Material version they were taken from, by building a
page set that holds no content at all (:func:`refresh_theme_scripts`, ``esoreview-build
theme-scripts``). The policy lists exactly those hashes: nothing derived from content.
mkdocs-redirects writes one inline script per redirect page; it is replaced by the static
``js/page-redirect.js``, which reads the target from the page's canonical link.

After MkDocs, every page is checked once more (:func:`page_problems`): an inline script that
is not the theme's, an event-handler attribute or a ``javascript:`` URL fails the build,
naming the page. The content checks of :mod:`esoreview.site.sanitize` name the source line
earlier; this is the backstop for anything that reaches the HTML another way.

* ``'wasm-unsafe-eval'``: Pyodide compiles WebAssembly; it allows no JavaScript ``eval``.
* ``style-src 'unsafe-inline'``: figures and Material set ``style=""`` attributes and plotly.js
  injects ``<style>`` rules at run time; styles cannot run code, scripts stay strict.
* ``frame-ancestors`` and ``report-uri`` are ignored in a meta tag, so they are left out.

Call :func:`apply_to_site` on the freshly built folder, before it replaces ``site/``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tempfile
from collections.abc import Iterable
from html.parser import HTMLParser
from importlib.metadata import version as installed_version
from pathlib import Path

from ..errors import EsoreviewError
from .sanitize import attribute_problem

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
THEME_SCRIPTS = Path(__file__).with_name("theme_scripts.json")
THEME_PACKAGE = "mkdocs-material"
REFRESH_COMMAND = "esoreview-build theme-scripts"
# Page depths the recorded hashes cover: Material's __md_scope script names the path to the
# site root ("." on the home page, ".." one folder down, ...), so its text depends on depth.
MAX_DEPTH = 6
# What mkdocs-redirects writes into each redirect page (its target is the canonical link).
REDIRECT_SCRIPT = re.compile(
    r'<script>var anchor=window\.location\.hash\.substr\(1\);location\.href="[^"<]*"\+'
    r'\(anchor\?"#"\+anchor:""\)</script>'
)
REDIRECT_JS = "js/page-redirect.js"
# The theme writes forms, links, metas and inline SVG icons; nothing on a page embeds these.
EMBEDDING_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal"})


class CspError(EsoreviewError, ValueError):
    """A page carries script the policy would not allow, or the recorded hashes are stale."""


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


def csp_policy(hashes: Iterable[str]) -> str:
    """The fixed directives plus ``hashes`` (of the theme's inline scripts) in script-src."""
    hashes = sorted(set(hashes))
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


def load_theme_scripts(path: Path = THEME_SCRIPTS) -> set[str]:
    """The recorded hashes, after checking they were taken from the installed Material."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CspError(
            f"cannot read the recorded theme scripts: {exc}",
            file=path,
            hint=f"run `{REFRESH_COMMAND}`",
        ) from exc
    installed = installed_version(THEME_PACKAGE)
    if record.get(THEME_PACKAGE) != installed:
        raise CspError(
            f"the theme's inline-script hashes were recorded for {THEME_PACKAGE} "
            f"{record.get(THEME_PACKAGE)}, but {installed} is installed",
            file=path,
            hint=f"run `{REFRESH_COMMAND}` and review the diff of {path.name}",
        )
    return set(record["hashes"])


def theme_script_hashes(project_root: Path, site_url: str | None = None) -> dict[str, str]:
    """Hash -> first characters of every inline script the theme writes on a content-free site.

    Builds the project's own MkDocs configuration (theme, palette, features, overrides) over
    empty pages at every depth up to :data:`MAX_DEPTH`, plus the 404 page, with only the
    theme's search plugin: what is found there can only come from the theme.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        docs, site = Path(tmp) / "docs", Path(tmp) / "site"
        docs.mkdir()
        (docs / "index.md").write_text("# Home\n")
        nav, folder = ["index.md"], docs
        for depth in range(1, MAX_DEPTH + 1):
            folder = folder / f"d{depth}"
            folder.mkdir()
            (folder / "index.md").write_text(f"# Depth {depth}\n")
            nav.append((folder / "index.md").relative_to(docs).as_posix())
        config = load_config(
            str(project_root / "mkdocs.yml"),
            docs_dir=str(docs),
            site_dir=str(site),
            nav=nav,
            plugins=["search"],
            strict=False,
        )
        if site_url:
            # As the release build has it (mike sets it after validation, without a slash).
            config.site_url = site_url
        build(config)
        found = {}
        for page in sorted(site.rglob("*.html")):
            for script in inline_scripts(page.read_text(encoding="utf-8")):
                found.setdefault(script_hash(script), script[:60])
        return found


def refresh_theme_scripts(project) -> str:
    """Record the theme's inline-script hashes for the installed Material; returns a summary."""
    hashes = theme_script_hashes(project.root)
    record = {
        "comment": "Hashes of the inline scripts mkdocs-material writes, taken from a site "
        f"with no content. Regenerate with `{REFRESH_COMMAND}` after upgrading the theme.",
        THEME_PACKAGE: installed_version(THEME_PACKAGE),
        "hashes": sorted(hashes),
        "scripts": {h: hashes[h] for h in sorted(hashes)},
    }
    THEME_SCRIPTS.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    theme = f"{THEME_PACKAGE} {record[THEME_PACKAGE]}"
    return f"{THEME_SCRIPTS}: {len(hashes)} inline-script hashes for {theme}"


class _PageScanner(HTMLParser):
    """Everything on a built page the policy must not let through."""

    def __init__(self, allowed: set[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.allowed = allowed
        self.problems: list[str] = []
        self._script: list[str] | None = None
        self._line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {k: (v or "") for k, v in attrs}
        if tag == "script":
            kind = values.get("type", "").strip().lower()
            if "src" not in values and kind in EXECUTABLE_TYPES:
                self._script, self._line = [], line
            elif "src" in values and re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", values["src"], re.I):
                self.problems.append(f"line {line}: script from another origin {values['src']!r}")
        elif tag in EMBEDDING_TAGS:
            self.problems.append(f"line {line}: <{tag}> element")
        for name, value in attrs:
            # Built pages legitimately carry every attribute; only what runs script counts.
            problem = attribute_problem(tag, name, value, strict=False)
            if problem and not (name == "style" and "url(" not in (value or "")):
                self.problems.append(f"line {line}: {problem}")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            source = "".join(self._script)
            if script_hash(source) not in self.allowed:
                self.problems.append(
                    f"line {self._line}: inline script not written by the theme: {source[:50]!r}"
                )
            self._script = None


def page_problems(html: str, allowed: set[str]) -> list[str]:
    scanner = _PageScanner(allowed)
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def replace_redirect_script(html: str, depth: int) -> str:
    """mkdocs-redirects' inline script -> the static one (same behaviour, keeps the #hash)."""
    prefix = "../" * depth
    return REDIRECT_SCRIPT.sub(f'<script src="{prefix}{REDIRECT_JS}"></script>', html)


def apply_to_site(site_dir: Path, allowed: set[str] | None = None) -> str:
    """Check every HTML page of ``site_dir`` and write the site-wide policy into it."""
    allowed = load_theme_scripts() if allowed is None else allowed
    site_dir = Path(site_dir)
    paths = sorted(site_dir.rglob("*.html"))
    pages = {}
    problems = []
    for path in paths:
        depth = len(path.relative_to(site_dir).parts) - 1
        html = replace_redirect_script(path.read_text(encoding="utf-8"), depth)
        pages[path] = html
        problems += [f"{path.relative_to(site_dir)}: {p}" for p in page_problems(html, allowed)]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise CspError(
            f"built page would run script the policy must block: {problems[0]}{more}",
            hint=f"content may not add scripts; if the theme changed, run `{REFRESH_COMMAND}`",
        )
    policy = csp_policy(allowed)
    for path, html in pages.items():
        path.write_text(with_meta(html, policy), encoding="utf-8")
    return policy
